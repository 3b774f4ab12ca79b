import ArgumentParser
import Tabular

struct Doppel: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "doppel",
        abstract: "A terminal workbench for synthetic tabular data.",
        discussion: """
            Run with no arguments to see the embedded demo dataset (Palmer penguins).

            Exit status: 0 success, 1 a quality gate was missed, 2 bad input (data file, session \
            file or an argument's value), 64 a usage error.
            """,
        version: version,
        subcommands: [Inspect.self, PlanCommand.self, SampleCommand.self, ReportCommand.self, RunCommand.self, FitCommand.self, StrategiesCommand.self, Load.self]
    )

    func run() throws {
        // Until the workbench lands: help, then what the demo dataset looks like.
        try failingWithStatus2 {
            let result = try CSVReader.read(DemoDataset.input)
            let report = InspectReport(source: DemoDataset.input.displayName, table: result.table)
            try StandardOutput.write(Array((Doppel.helpMessage() + "\n\n" + report.text).utf8))
        }
    }
}
