import ArgumentParser
import Session
import Synthesis
import Tabular

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write a default generation plan for a CSV file: a strategy per column, and a seed.",
        discussion: "Edit the plan, then run `doppel sample FILE --plan PLAN`. The seed is chosen at random unless --seed is given, and recorded so that every later run is reproducible."
    )

    @Argument(help: ArgumentHelp("The CSV file to plan for (- for stdin).", valueName: "file"))
    var file: String

    @OptionGroup var read: ReadOptionsArguments

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("Where to write the plan (.yaml, or .json; - for stdout).", valueName: "path"))
    var out: String = "-"

    @Option(help: "The seed to record (default: a random one).")
    var seed: UInt64?

    @Option(help: "The row count to record (default: none, meaning the source's row count).")
    var rows: Int?

    func run() throws {
        try failingWithStatus2 {
            if let rows, rows < 0 { throw BadInput("--rows \(rows): expected a row count of at least 0") }
            let (table, _) = try loadSource(file, options: read)
            let plan = DefaultPlanner.plan(for: table, kinds: proposedKinds(table), seed: seed ?? DefaultPlanner.randomSeed(), rows: rows)
            if out == "-" {
                try StandardOutput.write(Array(try PlanFile.yaml(plan).utf8))
            } else {
                try PlanFile.save(plan, to: out)
            }
        }
    }
}
