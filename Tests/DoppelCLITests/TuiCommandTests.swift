import Foundation
import Testing

/// `doppel [FILE]` without a terminal (the tests' pipes): no curses, and the same checks of FILE
/// that run before curses starts on a terminal.
@Suite("doppel FILE without a terminal")
struct TuiCommandTests {
    @Test("a CSV file: its inspect table, as doppel inspect prints it")
    func csvFile() throws {
        let penguins = try DoppelProcess.sharedData("penguins")
        let outcome = try DoppelProcess.run([penguins])
        let inspect = try DoppelProcess.run(["inspect", penguins])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == inspect.stdout)
        #expect(outcome.stdout.contains("penguins.csv: 344 rows × 8 columns"))
    }

    @Test("a session file needs a terminal: exit 2, pointing to doppel run")
    func sessionFile() throws {
        let session = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sessions/penguins-hybrid.yaml").path
        let outcome = try DoppelProcess.run([session])
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains("the workbench needs a terminal; to replay a session without one, use doppel run"))
    }

    @Test("a missing file, a mistyped command, a missing holdout: exit 2 naming it")
    func badArguments() throws {
        let missing = try DoppelProcess.run(["missing.csv"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "doppel: error: missing.csv: cannot open data file: no such file\n")
        let typo = try DoppelProcess.run(["inpsect"])
        #expect(typo.status == 2)
        #expect(typo.stderr == "doppel: error: 'inpsect' is neither a file nor a command (see doppel --help)\n")
        let holdout = try DoppelProcess.run([DoppelProcess.sharedData("penguins"), "--holdout", "gone.csv"])
        #expect(holdout.status == 2)
        #expect(holdout.stderr == "doppel: error: gone.csv: cannot open holdout file: no such file\n")
        // A folder is related tables: one with no table file is refused, naming it.
        let empty = DoppelProcess.temporaryDirectory().path
        let folder = try DoppelProcess.run(["tui", empty])
        #expect(folder.status == 2)
        #expect(folder.stderr == "doppel: error: \(empty): the folder holds no .csv, .tsv or .parquet file (one table per file)\n")
    }

    @Test("doppel DIR without a terminal prints the table list: the tables and the relationship graph")
    func relationalTableListWithoutTerminal() throws {
        let folder = DoppelProcess.packageRoot.appendingPathComponent("Tests/Fixtures/relational").path
        let outcome = try DoppelProcess.run([folder])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(9)) == [
            "table customers: 80 rows, 4 columns, primary key customer_id",
            "table orders: 274 rows, 5 columns, primary key order_id",
            "table stores: 5 rows, 3 columns, primary key store_id, kept as it is",
            "",
            "stores  5 rows, key store_id, kept",
            "|-> customers  80 rows, key customer_id, synthesised   [customers.store_id -> store_id, primary]",
            "|   `-> orders  274 rows, key order_id, synthesised   [orders.customer_id -> customer_id, primary, 5 orphans]",
            "`-> orders   [orders.store_id -> store_id]",
            "customers.store_id: foreign key -> stores.store_id (primary parent: drives the children per parent); every value matches a parent row",
        ])
    }
}
