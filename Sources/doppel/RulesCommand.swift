import ArgumentParser
import Dispatch
import Tabular

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules that hold in a CSV file: order, arithmetic, datetime parts, clock sums, functional dependencies, null implications.",
        discussion: "A rule is listed when it holds on at least --min-support of the rows where its columns are present (default 0.999); its support and its exceptions are shown. `doppel plan` keeps these rules in the plan it writes (marked discovered: true)."
    )

    @Argument(help: ArgumentHelp("The CSV file (or JSON Lines, Parquet; - for stdin).", valueName: "file"))
    var file: String

    @OptionGroup var read: ReadOptionsArguments

    @Flag(help: #"Print one JSON object: {"source", "rows", "rules": [{"kind", "rule", "columns", "derived", "support", "applicable_rows", "violations"}]}."#)
    var json = false

    @Option(name: .customLong("min-support"), help: ArgumentHelp("The share of rows a rule must hold on, from 0.5 to 1.", valueName: "share"))
    var minSupport: Double = 0.999

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("Write the list here instead of stdout (- for stdout).", valueName: "path"))
    var out: String = "-"

    func run() throws {
        try failingWithStatus2 {
            guard minSupport.isFinite, minSupport >= 0.5, minSupport <= 1 else {
                throw BadInput("--min-support \(minSupport): expected a share from 0.5 to 1")
            }
            let (table, name) = try loadSource(file, options: read)
            let start = DispatchTime.now().uptimeNanoseconds
            let rules = RuleDiscovery.discover(table, kinds: proposedKinds(table), settings: .init(minimumSupport: minSupport))
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if let bounds = RuleDiscovery.bounds(for: table) { Diagnostics.note(bounds) }
            let report = RulesReport(source: name, rowCount: table.rowCount, rules: rules, seconds: seconds)
            try AtomicFileWriter.write(Array((json ? report.json : report.text).utf8), to: out)
        }
    }
}
