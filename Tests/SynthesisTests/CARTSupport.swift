import Foundation
import Testing
@testable import Synthesis
import Tabular

/// Builds `cart` joint inputs the way the plan will: each member's marginal from the strategy
/// `DefaultPlanner` picks for its kind.
enum CARTFixture {
    static func input(_ table: Table, columns: [String]? = nil, parameters: Parameters = Parameters(),
                      members memberParameters: [String: Parameters] = [:], kinds kindOverrides: [String: ColumnKind] = [:],
                      marginals: [String: Parameters] = [:]) throws -> JointFitInput {
        let proposed = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        let kinds = zip(table.columnNames, proposed).map { kindOverrides[$0] ?? $1 }
        var plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: 1)
        for index in plan.columns.indices {
            for (name, value) in marginals[plan.columns[index].name]?.values ?? [:] { plan.columns[index].parameters[name] = value }
        }
        let members = try (columns ?? table.columnNames).map { name in
            let columnPlan = try #require(plan.columns.first { $0.name == name })
            let column = try #require(table.column(named: name))
            let parameters = try ResolvedParameters(memberParameters[name] ?? Parameters(),
                                                    schema: CARTStrategy.descriptor.memberParameters, column: name)
            return JointMember(name: name, kind: columnPlan.kind, shape: ValueShape(of: column.values), column: column,
                               marginal: try FittedPlan.fitColumn(columnPlan, table: table, environment: [:]), parameters: parameters)
        }
        let resolved = try ResolvedParameters(parameters, schema: CARTStrategy.descriptor.parameters, column: "joint")
        return JointFitInput(groupName: "joint", members: members, parameters: resolved, seed: 1)
    }

    static func fit(_ table: Table, columns: [String]? = nil, parameters: Parameters = Parameters(),
                    members: [String: Parameters] = [:], kinds: [String: ColumnKind] = [:], marginals: [String: Parameters] = [:]) throws -> CARTModel {
        try CARTStrategy.fit(input(table, columns: columns, parameters: parameters, members: members, kinds: kinds, marginals: marginals))
    }

    /// `rows` synthetic rows, in chunks as the sampler makes them, each chunk from its own stream.
    static func sample(_ model: CARTModel, like table: Table, rows: Int, seed: UInt64 = 7) throws -> Table {
        var parts: [Table] = []
        var start = 0
        var chunk = 0
        while start < rows || (rows == 0 && chunk == 0) {
            let range = start..<min(rows, start + FittedPlan.chunkSize)
            var random = RandomStream(seed: seed, column: "joint", chunk: chunk)
            let outputs = try model.generate(GenerationRequest(rows: range, totalRows: rows, generated: [:], seed: seed), random: &random)
            let columns = zip(model.columnNames, outputs).map { name, output in
                let shape = ValueShape(of: table.column(named: name)!.values)
                let synthetic = shape.column(from: output.values, validity: output.validity ?? NullBitmap(count: range.count, allValid: true))
                return Column(name: name, values: synthetic.values, validity: synthetic.validity)
            }
            parts.append(Table(columns: columns))
            start = range.upperBound
            chunk += 1
        }
        return Table.concatenating(parts, columnNames: model.columnNames)
    }

    /// A table of CSV text.
    static func table(_ text: String) throws -> Table {
        try CSVReader.read(.bytes(Array(text.utf8), name: "fixture.csv")).table
    }

    /// Text values of a column (nil for null).
    static func texts(_ table: Table, _ name: String) -> [String?] {
        let column = table.column(named: name)!
        return (0..<column.count).map { column.text(at: $0) }
    }

    /// Numbers of a column (nil for null).
    static func numbers(_ table: Table, _ name: String) -> [Double?] {
        let column = table.column(named: name)!
        return (0..<column.count).map { column.validity.isValid($0) ? column.values.numericValue(at: $0) : nil }
    }

    static func correlation(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n
        let my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }
}
