import Foundation
import Session
import Synthesis
import Tabular
import TestSupport
import Testing

@Suite("Related tables: keys valid by construction, cardinality modelled, deterministic")
struct RelationalSynthesizerTests {
    static func loaded() throws -> [RelationalPlanner.LoadedTable] {
        try ["customers", "orders", "stores"].map { name in
            let path = TestData.relationalFolder + "/\(name).csv"
            return RelationalPlanner.LoadedTable(name: name, path: path, table: try CSVReader.read(path: path).table)
        }
    }

    static func generate(seed: UInt64 = 11, session edit: (inout Session) -> Void = { _ in },
                         settings: RelationalSynthesizer.Settings = .init()) throws -> (session: Session, output: [String: Table]) {
        let tables = try loaded()
        var session = try RelationalPlanner.plan(tables, seed: seed, rows: nil, candidates: [nil], sessionPath: "-", doppelVersion: "test").session
        edit(&session)
        let (plans, links) = try RelationalPlanner.inputs(session, tables: Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.table) }))
        var output: [String: Table] = [:]
        try RelationalSynthesizer.generate(plans, links: links, settings: settings) { output[$0] = $1 }
        return (session, output)
    }

    static func keys(_ table: Table, _ column: String) -> [String?] { KeyValues.texts(table.column(named: column)!) }

    @Test("the plan keeps stores, synthesises customers and orders, and orders' primary parent is customers")
    func planShape() throws {
        let (session, _) = try Self.generate()
        let synthesised = Dictionary(uniqueKeysWithValues: session.tables!.map { ($0.name, $0.synthesize) })
        #expect(synthesised == ["customers": true, "orders": true, "stores": false])
        let primary = session.relationships!.filter { $0.primary == true }.map { "\($0.child).\($0.childKey)" }.sorted()
        #expect(primary == ["customers.store_id", "orders.customer_id"])
        #expect(session.tables!.first { $0.name == "orders" }!.plan!.column(named: "@customers") != nil)
    }

    @Test("every foreign key of the output points to an output parent; primary keys are unique")
    func referentialIntegrity() throws {
        let (_, output) = try Self.generate()
        let stores = Set(Self.keys(output["stores"]!, "store_id").compactMap { $0 })
        let customers = Self.keys(output["customers"]!, "customer_id")
        #expect(Set(customers).count == customers.count && !customers.contains(nil))
        #expect(Self.keys(output["customers"]!, "store_id").allSatisfy { $0.map(stores.contains) ?? true })
        let orders = output["orders"]!
        #expect(Self.keys(orders, "customer_id").allSatisfy { $0.map(Set(customers.compactMap { $0 }).contains) ?? true })
        #expect(Self.keys(orders, "store_id").allSatisfy { $0.map(stores.contains) ?? true })
        #expect(output["stores"] == (try CSVReader.read(path: TestData.relationalFolder + "/stores.csv").table))
        #expect(orders.columnNames == ["order_id", "customer_id", "store_id", "amount", "channel"])
    }

    @Test("orphan and missing keys become nulls at about the real rate; orphans: keep keeps them")
    func orphans() throws {
        let (_, output) = try Self.generate()
        let orders = output["orders"]!
        let nulls = Self.keys(orders, "customer_id").filter { $0 == nil }.count
        // 12 of 274 real orders have no customer: the same share of the output's rows, rounded.
        #expect(abs(Double(nulls) / Double(orders.rowCount) - 12.0 / 274.0) < 0.01)
        let (_, kept) = try Self.generate { session in
            for index in session.relationships!.indices where session.relationships![index].childKey == "customer_id" {
                session.relationships![index].orphans = .keep
            }
        }
        #expect(Self.keys(kept["orders"]!, "customer_id").contains("999"))
    }

    @Test("children per parent follow the parent's columns: gold customers have more orders")
    func conditionedCardinality() throws {
        let (_, output) = try Self.generate(settings: .init(scale: 4))
        let customers = output["customers"]!
        var counts: [String: Int] = [:]
        for key in Self.keys(output["orders"]!, "customer_id") { if let key { counts[key, default: 0] += 1 } }
        var perSegment: [String: [Int]] = [:]
        for (key, segment) in zip(Self.keys(customers, "customer_id"), Self.keys(customers, "segment")) {
            perSegment[segment!, default: []].append(counts[key!] ?? 0)
        }
        func mean(_ values: [Int]) -> Double { Double(values.reduce(0, +)) / Double(max(1, values.count)) }
        #expect(mean(perSegment["gold"] ?? []) > 2 * mean(perSegment["bronze"] ?? []))
        // --scale multiplies roots' rows and children per parent: 4 × about 5 stores' worth of customers.
        #expect(customers.rowCount > 200)
    }

    @Test("a parent kept as it is keeps each row's real number of children")
    func keptParentCounts() throws {
        let (_, output) = try Self.generate()
        let real = try CSVReader.read(path: TestData.relationalFolder + "/customers.csv").table
        func perStore(_ table: Table) -> [String: Int] {
            Self.keys(table, "store_id").reduce(into: [:]) { counts, key in counts[key ?? "-", default: 0] += 1 }
        }
        #expect(perStore(output["customers"]!) == perStore(real))
    }

    @Test("the same seed gives the same tables; another seed other tables")
    func determinism() throws {
        let first = try Self.generate(seed: 5).output
        let again = try Self.generate(seed: 5).output
        let other = try Self.generate(seed: 6).output
        #expect(first == again)
        #expect(first["orders"] != other["orders"])
    }

    @Test("shards: children follow their parents' slice; unparented rows go to the last shard")
    func shards() {
        let parents: [Int?] = [0, 0, 1, 3, 3, 3, nil, nil]
        let first = RelationalShard(index: 1, count: 2), last = RelationalShard(index: 2, count: 2)
        #expect(first.rows(of: 4) == 0..<2 && last.rows(of: 4) == 2..<4)
        #expect(first.childRows(parentRows: parents, parentRange: 0..<2) == 0..<3)
        #expect(last.childRows(parentRows: parents, parentRange: 2..<4) == 3..<8)
        #expect(first.childRows(parentRows: parents, parentRange: 2..<2) == 3..<3)
    }

    @Test("a key cycle is refused, naming the tables")
    func cycle() throws {
        let link = { (child: String, parent: String) in
            RelationalLink(key: ForeignKey(child: child, childColumn: "k", parent: parent, parentColumn: "k"), primary: true)
        }
        #expect(throws: RelationalError.self) { try TableOrder.parentsFirst(["a", "b"], links: [link("a", "b"), link("b", "a")]) }
        #expect(try TableOrder.parentsFirst(["c", "b", "a"], links: [link("c", "b"), link("b", "a")]) == ["a", "b", "c"])
    }
}
