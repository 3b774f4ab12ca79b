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
        let folder = try DoppelProcess.run(["tui", "/tmp"])
        #expect(folder.status == 2)
        #expect(folder.stderr == "doppel: error: /tmp: is a directory, not a data file\n")
    }
}
