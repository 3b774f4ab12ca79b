import Foundation
import Tabular
import TestSupport
import Testing

@Suite("SQLite databases as source and output, their foreign keys enforced")
struct SQLiteCommandTests {
    static let keys = [ForeignKey(child: "customers", childColumn: "store_id", parent: "stores", parentColumn: "store_id"),
                       ForeignKey(child: "orders", childColumn: "customer_id", parent: "customers", parentColumn: "customer_id"),
                       ForeignKey(child: "orders", childColumn: "store_id", parent: "stores", parentColumn: "store_id")]

    /// The relational fixture loaded into a new SQLite file with its keys declared (orphans
    /// and all: keys are declared, not checked, while loading).
    static func fixtureDatabase(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("shop.sqlite").path
        let names = ["stores", "customers", "orders"]
        let writer = try SQLiteTableWriter(path: path, tables: names, replace: false, enforceForeignKeys: false)
        for name in names {
            let table = try CSVReader.read(path: TestData.relationalFolder + "/\(name).csv").table
            let key = ["stores": "store_id", "customers": "customer_id", "orders": "order_id"][name]
            try writer.write(.init(name: name, table: table, createSQL: SQLiteTableWriter.createSQL(name: name, table: table, primaryKey: key, foreignKeys: keys)))
        }
        try writer.commit()
        return path
    }

    @Test("keys come from the catalogue; the output database accepts every row with foreign keys on")
    func roundTrip() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let source = try Self.fixtureDatabase(in: directory)
        let catalogue = try SQLiteCatalogue.read(source)
        #expect(Set(catalogue.foreignKeys) == Set(Self.keys))
        #expect(catalogue.tables.map(\.primaryKey) == ["customer_id", "order_id", "store_id"])
        let session = directory.appendingPathComponent("shop.yaml").path
        let plan = try DoppelProcess.run(["plan", source, "--seed", "9", "-o", session])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(try String(contentsOfFile: session, encoding: .utf8).contains("table: orders"))
        let output = directory.appendingPathComponent("out.sqlite").path
        let run = try DoppelProcess.run(["run", session, "-o", output])
        #expect(run.status == 0, "\(run.stderr)")
        let db = try SQLiteConnection(path: output, readOnly: true)
        #expect(try db.rows("PRAGMA foreign_key_check").isEmpty)
        #expect(try db.rows("PRAGMA foreign_key_list(orders)").count == 2)
        let orders = try db.rows("SELECT count(*), count(customer_id) FROM orders")[0].map { Int($0!)! }
        #expect(orders[0] > 100 && orders[1] < orders[0])
        let orphans = try db.rows("SELECT count(*) FROM orders o LEFT JOIN customers c ON o.customer_id = c.customer_id WHERE o.customer_id IS NOT NULL AND c.customer_id IS NULL")
        #expect(orphans[0][0] == "0")

        let again = try DoppelProcess.run(["run", session, "-o", output])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already hold rows; pass --replace"))
        let replaced = try DoppelProcess.run(["run", session, "-o", output, "--replace"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try db.rows("SELECT count(*) FROM orders")[0][0].flatMap { Int($0) } == orders[0])
    }

    @Test("a missing table in the session's database is bad input naming it")
    func missingTable() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let source = try Self.fixtureDatabase(in: directory)
        let session = directory.appendingPathComponent("shop.yaml").path
        #expect(try DoppelProcess.run(["plan", source, "--seed", "9", "-o", session]).status == 0)
        let text = try String(contentsOfFile: session, encoding: .utf8).replacingOccurrences(of: "table: stores", with: "table: shops")
        try text.write(toFile: session, atomically: true, encoding: .utf8)
        let run = try DoppelProcess.run(["run", session, "-o", directory.appendingPathComponent("o.sqlite").path, "--allow-changed-source"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("has no table 'shops'"))
    }
}
