import Foundation
import Tabular
import TestSupport
import Testing

@Suite("Key inference over a folder of tables")
struct KeyInferenceTests {
    static func tables() throws -> [(name: String, table: Table)] {
        try ["customers", "orders", "stores"].map { name in
            (name, try CSVReader.read(path: TestData.relationalFolder + "/\(name).csv").table)
        }
    }

    @Test("primary keys by name, foreign keys by name and containment")
    func fixtureKeys() throws {
        let tables = try Self.tables()
        var keys: [String: String] = [:]
        for (name, table) in tables { keys[name] = KeyInference.primaryKey(of: table, named: name) }
        #expect(keys == ["customers": "customer_id", "orders": "order_id", "stores": "store_id"])
        let found = Set(KeyInference.foreignKeys(tables: tables, primaryKeys: keys).map(\.description))
        #expect(found == ["customers.store_id → stores.store_id", "orders.customer_id → customers.customer_id",
                          "orders.store_id → stores.store_id"])
    }

    @Test("text keys are found by containment whatever the names; integers need matching names")
    func containmentOnly() {
        let airports = Table(columns: [KeyValues.column(named: "faa", texts: ["EWR", "JFK", "LGA", "BOS"]),
                                       KeyValues.column(named: "name", texts: ["a", "b", "c", "d"])])
        let flights = Table(columns: [KeyValues.column(named: "dest", texts: ["BOS", "JFK", "BOS", nil, "EWR"]),
                                      Column(name: "month", values: .integers([1, 2, 3, 4, 1], .plain))])
        let months = Table(columns: [Column(name: "number", values: .integers([1, 2, 3, 4], .plain))])
        let keys = KeyInference.foreignKeys(tables: [("airports", airports), ("flights", flights), ("months", months)],
                                            primaryKeys: ["airports": "faa", "months": "number"])
        #expect(keys.map(\.description) == ["flights.dest → airports.faa"])
    }

    @Test("containment counts non-null rows and the parents referenced")
    func containmentShares() {
        let child = KeyValues.column(named: "k", texts: ["a", "a", "x", nil, "b"])
        let fit = KeyInference.containment(child: child, parentKeys: ["a", "b", "c"])
        #expect(fit.rows == 0.75)
        #expect(fit.distinctParentsReferenced == 2)
        #expect(fit.distinctChildValues == 3)
    }
}
