import Foundation
import Testing
@testable import Session
@testable import Synthesis
import Tabular

@Suite("Plans")
struct PlanTests {
    private func defaultPlan(_ dataset: String, seed: UInt64 = 7) throws -> (Plan, Table) {
        let table = try Datasets.table(dataset)
        let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        return (DefaultPlanner.plan(for: table, kinds: kinds, seed: seed), table)
    }

    @Test("a plan written as YAML reads back equal and writes the same bytes again", arguments: ["penguins", "diamonds", "credit_data"])
    func yamlRoundTrip(dataset: String) throws {
        var (plan, _) = try defaultPlan(dataset)
        plan.rows = 1234
        plan.columns[0].parameters["edge_rate"] = 0.25
        plan.columns[0].parameters["null_rate"] = "auto"
        let text = try PlanFile.yaml(plan)
        let back = try PlanFile.decode(yaml: text, file: "plan.yaml")
        #expect(back == plan)
        #expect(try PlanFile.yaml(back) == text)
        let json = try PlanFile.json(plan)
        #expect(try PlanFile.decode(yaml: json, file: "plan.json") == plan)
    }

    @Test("the default plan maps kinds to strategies")
    func defaultMapping() throws {
        let (plan, _) = try defaultPlan("credit_data")
        let strategies = Dictionary(uniqueKeysWithValues: plan.columns.map { ($0.name, $0.strategy) })
        #expect(strategies["Status"] == "categorical")
        #expect(strategies["Records"] == "boolean")
        let table = try Datasets.inline("id,email,joined\n" + (1...40).map { "U\(1000 + $0),user\($0)@example.com,2024-01-\(String(format: "%02d", $0 % 28 + 1))" }.joined(separator: "\n"))
        let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        let inline = DefaultPlanner.plan(for: table, kinds: kinds, seed: 1)
        #expect(inline.columns[0].strategy == "sequence")
        #expect(inline.columns[0].parameters["prefix"] == "U")
        #expect(inline.columns[0].parameters["width"] == 4)
        #expect(inline.columns[1].strategy == "fake")
        #expect(inline.columns[1].parameters["provider"] == "email")
        #expect(inline.columns[2].strategy == "datetime")
    }

    @Test("plan files with mistakes are errors naming the key")
    func badPlanFiles() throws {
        let missingKind = "seed: 1\ncolumns:\n- name: a\n  strategy: empirical\n"
        #expect(throws: DataError.self) { _ = try PlanFile.decode(yaml: missingKind, file: "p.yaml") }
        do {
            _ = try PlanFile.decode(yaml: missingKind, file: "p.yaml")
        } catch let error as DataError {
            #expect(error.description.contains("p.yaml"))
            #expect(error.description.contains("kind"))
        }
        let badKind = "seed: 1\ncolumns:\n- name: a\n  kind: colour\n  strategy: empirical\n"
        #expect(throws: DataError.self) { _ = try PlanFile.decode(yaml: badKind, file: "p.yaml") }
    }

    @Test("an unknown strategy, a missing column, a duplicated column are plan errors")
    func planErrors() throws {
        let table = try Datasets.table("penguins")
        let unknown = Plan(seed: 1, columns: [ColumnPlan(name: "sex", kind: .categorical, strategy: "magic")])
        #expect(throws: PlanError.self) { _ = try FittedPlan.fit(unknown, on: table) }
        let missing = Plan(seed: 1, columns: [ColumnPlan(name: "wingspan", kind: .decimal, strategy: "histogram")])
        do {
            _ = try FittedPlan.fit(missing, on: table)
            Issue.record("a missing column was accepted")
        } catch let error as PlanError {
            #expect(error.message == "column 'wingspan': strategy 'histogram' needs a real column of that name in the source")
        }
        let twice = Plan(seed: 1, columns: [ColumnPlan(name: "sex", kind: .categorical, strategy: "categorical"),
                                            ColumnPlan(name: "sex", kind: .categorical, strategy: "keep")])
        #expect(throws: PlanError.self) { _ = try FittedPlan.fit(twice, on: table) }
    }

    @Test("the output keeps the source's columns and order; drop removes one, added columns append")
    func outputColumns() throws {
        var (plan, table) = try defaultPlan("penguins")
        plan.columns[6].strategy = "drop"
        plan.columns.append(ColumnPlan(name: "row_id", kind: .identifier, strategy: "sequence"))
        let sample = try FittedPlan.fit(plan, on: table).sample(rows: 50)
        #expect(sample.columnNames == ["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year", "row_id"])
        #expect(Fixture.texts(sample.column(named: "row_id")!).prefix(3) == ["1", "2", "3"])
    }
}

enum Fixture {
    static func texts(_ column: Column) -> [String?] { (0..<column.count).map { column.text(at: $0) } }
    static func numbers(_ column: Column) -> [Double] {
        (0..<column.count).compactMap { column.validity.isValid($0) ? column.values.numericValue(at: $0) : nil }
    }
}
