import Foundation
import TestSupport
import Testing

/// Needs a PostgreSQL server: `.ci/run` starts a throwaway cluster on a Unix socket and sets
/// DOPPEL_POSTGRES_HOST (the socket folder; user postgres, trust authentication). Without it
/// the tests are skipped.
@Suite("PostgreSQL databases as source and output, their foreign keys enforced by the server")
struct PostgresCommandTests {
    static func url(_ database: String) throws -> String {
        guard let host = ProcessInfo.processInfo.environment["DOPPEL_POSTGRES_HOST"] else {
            try Test.cancel("skipped: DOPPEL_POSTGRES_HOST is not set (.ci/run starts a throwaway PostgreSQL cluster and sets it)")
        }
        return "postgresql:///\(database)?host=\(host)&user=postgres"
    }

    @discardableResult
    static func psql(_ url: String, _ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", url, "-v", "ON_ERROR_STOP=1", "-qAt"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(script.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "psql failed on: \(script.prefix(200))")
        return text
    }

    @Test("keys from the catalogue (an orphan key NOT VALID); the output database's foreign keys accept every row")
    func roundTrip() throws {
        let tag = UUID().uuidString.prefix(8).lowercased()
        let server = try Self.url("postgres")
        let (sourceName, outputName) = ("doppel_src_\(tag)", "doppel_out_\(tag)")
        try Self.psql(server, "CREATE DATABASE \(sourceName);\nCREATE DATABASE \(outputName);\n")
        defer { _ = try? Self.psql(server, "DROP DATABASE \(sourceName);\nDROP DATABASE \(outputName);\n") }
        let source = try Self.url(sourceName), output = try Self.url(outputName)
        let fixture = TestData.relationalFolder
        try Self.psql(source, """
            CREATE TABLE stores (store_id bigint PRIMARY KEY, city text, size text);
            CREATE TABLE customers (customer_id bigint PRIMARY KEY, store_id bigint REFERENCES stores, age bigint, segment text);
            CREATE TABLE orders (order_id bigint PRIMARY KEY, customer_id bigint, store_id bigint REFERENCES stores, amount double precision, channel text);
            \\copy stores FROM '\(fixture)/stores.csv' CSV HEADER
            \\copy customers FROM '\(fixture)/customers.csv' CSV HEADER
            \\copy orders FROM '\(fixture)/orders.csv' CSV HEADER
            ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers NOT VALID;

            """)
        let directory = DoppelProcess.temporaryDirectory()
        let session = directory.appendingPathComponent("pg.yaml").path
        let plan = try DoppelProcess.run(["plan", source, "--seed", "5", "-o", session])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stderr.contains("relationship orders.customer_id → customers.customer_id (primary)"))
        let run = try DoppelProcess.run(["run", session, "-o", output])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.psql(output, "SELECT count(*) FROM pg_constraint WHERE contype = 'f';\n") == "3\n")
        let orphans = try Self.psql(output, "SELECT count(*) FROM orders o LEFT JOIN customers c USING (customer_id) WHERE o.customer_id IS NOT NULL AND c.customer_id IS NULL;\n")
        #expect(orphans == "0\n")
        let again = try DoppelProcess.run(["run", session, "-o", output])
        #expect(again.status == 2)
        #expect(again.stderr.contains("already hold rows; pass --replace"))
        #expect(try DoppelProcess.run(["run", session, "-o", output, "--replace"]).status == 0)
        let report = try DoppelProcess.run(["report", source, output, "--json", "--quiet"])
        #expect(report.stdout.contains("\"referential_integrity\": 1.000000"))
    }

    @Test("orphans: keep writes the orphan keys and declares that foreign key NOT VALID; the others stay checked")
    func keptOrphansAreNotValid() throws {
        let tag = UUID().uuidString.prefix(8).lowercased()
        let server = try Self.url("postgres")
        let outputName = "doppel_keep_\(tag)"
        try Self.psql(server, "CREATE DATABASE \(outputName);\n")
        defer { _ = try? Self.psql(server, "DROP DATABASE \(outputName);\n") }
        let output = try Self.url(outputName)
        let directory = DoppelProcess.temporaryDirectory()
        let session = directory.appendingPathComponent("keep.yaml").path
        let plan = try DoppelProcess.run(["plan", TestData.relationalFolder, "--seed", "5", "-o", session])
        #expect(plan.status == 0, "\(plan.stderr)")
        // Keep the orphans of orders.customer_id (the fixture has some).
        let text = try String(contentsOfFile: session, encoding: .utf8)
        let marker = "  child_key: customer_id\n"
        #expect(text.contains(marker))
        try text.replacingOccurrences(of: marker, with: marker + "  orphans: keep\n").write(toFile: session, atomically: true, encoding: .utf8)
        let run = try DoppelProcess.run(["run", session, "-o", output])
        #expect(run.status == 0, "\(run.stderr)")
        let constraints = try Self.psql(output, "SELECT conrelid::regclass || ' ' || convalidated FROM pg_constraint WHERE contype = 'f' ORDER BY 1;\n")
        #expect(constraints.contains("orders f"), "\(constraints)")
        #expect(constraints.contains("orders t") || constraints.contains("customers t"), "\(constraints)")
        let orphans = try Self.psql(output, "SELECT count(*) FROM orders o LEFT JOIN customers c USING (customer_id) WHERE o.customer_id IS NOT NULL AND c.customer_id IS NULL;\n")
        #expect((Int(orphans.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) > 0, "no orphan kept")
        // The key is declared: a new orphan row is still refused.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["psql", output, "-qAt", "-c", "INSERT INTO orders (order_id, customer_id) VALUES (-1, -12345)"]
        process.standardError = Pipe()
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
    }

    @Test("a password in the URL, or an unreachable server, is bad input")
    func badURLs() throws {
        let withPassword = try DoppelProcess.run(["plan", "postgresql://user:secret@localhost/db"])
        #expect(withPassword.status == 2)
        #expect(withPassword.stderr.contains("PGPASSWORD or ~/.pgpass"))
        let unreachable = try DoppelProcess.run(["plan", "postgresql:///nope?host=/nonexistent&connect_timeout=2"])
        #expect(unreachable.status == 2)
        #expect(unreachable.stderr.contains("cannot connect to PostgreSQL"))
    }
}
