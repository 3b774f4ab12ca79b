import ArgumentParser
import Tabular

struct Doppel: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "doppel",
        abstract: "A terminal workbench for synthetic tabular data.",
        usage: """
            doppel [<file>] [--holdout <file>] [--ascii] [--mouse]
            doppel <subcommand>
            """,
        discussion: """
            doppel FILE opens the workbench on a CSV or session file; doppel alone opens it on \
            the embedded demo dataset (Palmer penguins). Without a terminal, doppel prints this \
            help and the demo dataset's columns.

            Exit status: 0 success, 1 a quality gate was missed, 2 bad input (data file, session \
            file or an argument's value), 64 a usage error.
            """,
        version: version,
        subcommands: [TuiCommand.self, Inspect.self, PlanCommand.self, SampleCommand.self, ReportCommand.self, RulesCommand.self, RunCommand.self, FitCommand.self, MigrateCommand.self, SchemaCommand.self, StrategiesCommand.self, Load.self],
        defaultSubcommand: TuiCommand.self
    )
}
