import Foundation
import Testing

@Suite("doppel with no subcommand, --version, completions")
struct RootCommandTests {
    @Test("no arguments: help, then the demo dataset's inspect table")
    func demo() throws {
        let outcome = try DoppelProcess.run([])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("OVERVIEW: A terminal workbench for synthetic tabular data."))
        #expect(outcome.stdout.contains("demo:penguins.csv: 344 rows × 8 columns"))
        // Years are a number line (issue 13), not three labels.
        #expect(outcome.stdout.contains("8  year               integer         0%         3  2007 … 2009, mean 2008 ± 0.818"))
    }

    @Test func version() throws {
        let outcome = try DoppelProcess.run(["--version"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "0.1.0\n")
    }

    @Test("shell completion scripts for bash, zsh and fish", arguments: ["bash", "zsh", "fish"])
    func completions(shell: String) throws {
        let outcome = try DoppelProcess.run(["--generate-completion-script", shell])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("inspect"))
        #expect(outcome.stdout.contains("ragged"))
        #expect(outcome.stdout.contains("pad"))
    }
}
