import Foundation
import Testing
@testable import Synthesis
import Tabular

/// Checks every registered strategy against the same contract: fixed-seed determinism,
/// independence from chunking, a Codable round trip of the fitted model, rejected bad
/// parameters, and refused kinds.
@Suite("Every strategy")
struct StrategyConformanceTests {
    private func plan(_ example: StrategyExample, parameters: Parameters? = nil, kind: ColumnKind? = nil, seed: UInt64 = 42) -> Plan {
        Plan(seed: seed, columns: example.companions + [ColumnPlan(name: example.column, kind: kind ?? example.kind, strategy: example.strategy,
                                                                   parameters: parameters ?? example.parameters)])
    }

    @Test("every registered strategy has an example")
    func everyStrategyHasAnExample() {
        let covered = Set(StrategyExample.all.map(\.strategy))
        for id in StrategyRegistry.ids { #expect(covered.contains(id), "strategy '\(id)' has no StrategyExample") }
    }

    @Test("descriptors are complete: help, kinds, parameter help and valid defaults")
    func descriptors() throws {
        for strategy in StrategyRegistry.all {
            let descriptor = strategy.descriptor
            #expect(!descriptor.help.isEmpty, "\(descriptor.id)")
            #expect(!descriptor.supportedKinds.isEmpty, "\(descriptor.id)")
            for spec in descriptor.schema(for: .decimal(DecimalStyle())) {
                #expect(!spec.help.isEmpty, "\(descriptor.id).\(spec.name)")
                _ = try spec.validate(spec.defaultValue, column: "x")
            }
        }
    }

    @Test("same seed, same output; another seed, other output", arguments: StrategyExample.all)
    func determinism(_ example: StrategyExample) throws {
        guard example.strategy != "drop" else { return }
        let table = try Datasets.table(example.dataset)
        let fitted = try FittedPlan.fit(plan(example), on: table)
        let first = try fitted.sample(rows: 300)
        let second = try FittedPlan.fit(plan(example), on: table).sample(rows: 300)
        #expect(first == second)
        #expect(first.rowCount == 300)
        if example.isRandom {
            let other = try fitted.reseeded(43).sample(rows: 300)
            #expect(other != first)
        }
    }

    @Test("rows do not depend on how they are chunked", arguments: StrategyExample.all)
    func chunking(_ example: StrategyExample) throws {
        guard example.strategy != "drop" else { return }
        let table = try Datasets.table(example.dataset)
        var examplePlan = plan(example)
        if ["keep", "shuffle", "perturb", "mask"].contains(example.strategy) {
            examplePlan.columns[0].parameters["cycle"] = true
        }
        let fitted = try FittedPlan.fit(examplePlan, on: table)
        let rows = FittedPlan.chunkSize * 2 + 17
        let whole = try fitted.sample(rows: rows)
        var bytes: [UInt8] = []
        try ChunkedCSVWriter(plan: fitted, threads: 1).write(totalRows: rows) { bytes += $0 }
        #expect(bytes == CSVWriter().bytes(whole))
        var threaded: [UInt8] = []
        try ChunkedCSVWriter(plan: fitted, threads: 3).write(totalRows: rows) { threaded += $0 }
        #expect(threaded == bytes)
    }

    @Test("the fitted model survives a Codable round trip", arguments: StrategyExample.all)
    func codableRoundTrip(_ example: StrategyExample) throws {
        guard example.strategy != "drop" else { return }
        let table = try Datasets.table(example.dataset)
        var fitted = try FittedPlan.fit(plan(example), on: table)
        let before = try fitted.sample(rows: 200)
        let index = fitted.columns.count - 1 // the example's column comes after its companions
        let data = try ModelCoding.encode(fitted.columns[index].model)
        fitted.columns[index].model = try ModelCoding.decode(strategy: example.strategy, from: data)
        #expect(try fitted.sample(rows: 200) == before)
        #expect(try ModelCoding.encode(fitted.columns[index].model) == data)
    }

    @Test("a bad parameter value is an error naming the column, the parameter and what is allowed", arguments: StrategyExample.all)
    func badParameters(_ example: StrategyExample) throws {
        guard let bad = example.badParameter else { return }
        var parameters = example.parameters
        parameters[bad.name] = bad.value
        let table = try Datasets.table(example.dataset)
        do {
            _ = try FittedPlan.fit(plan(example, parameters: parameters), on: table)
            Issue.record("\(example.strategy): \(bad.name) = \(bad.value.displayText) was accepted")
        } catch let error as ParameterError {
            #expect(error.column == example.column)
            #expect(error.parameter == bad.name)
            #expect(error.description.contains("expected"))
        }
        // An unknown parameter name is refused too.
        var unknown = example.parameters
        unknown["no_such_parameter"] = 1
        #expect(throws: ParameterError.self) { _ = try FittedPlan.fit(plan(example, parameters: unknown), on: table) }
    }

    @Test("an unsupported kind is refused with the supported ones named", arguments: StrategyExample.all)
    func unsupportedKinds(_ example: StrategyExample) throws {
        guard let kind = example.unsupportedKind else { return }
        let table = try Datasets.table(example.dataset)
        do {
            _ = try FittedPlan.fit(plan(example, kind: kind), on: table)
            Issue.record("\(example.strategy) accepted kind \(kind)")
        } catch let error as PlanError {
            #expect(error.message.contains("does not support kind '\(kind.rawValue)'"))
        }
    }
}
