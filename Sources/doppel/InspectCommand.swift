import ArgumentParser
import Tabular

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each column's inferred kind, nulls, distinct values and a short summary.",
        discussion: "FILE may be a CSV file, a .gz of one, or - for standard input."
    )

    @Argument(help: ArgumentHelp("The CSV file to inspect (or JSON Lines, Parquet; - for stdin).", valueName: "file"))
    var file: String

    @OptionGroup var read: ReadOptionsArguments

    @OptionGroup var streaming: StreamingArguments

    @Flag(help: #"Print one JSON object for scripts: {"rows": N, "columns": [{"name", "kind", "nulls", "distinct"}, ...]}."#)
    var json = false

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("Write the report here instead of stdout (- for stdout).", valueName: "path"))
    var out: String = "-"

    func run() throws {
        try failingWithStatus2 {
            if try streaming.shouldStream(file) {
                // The sample only proposes kinds here: any fixed seed will do.
                let streamed = try streaming.stream(file, options: try read.options(), seed: 0)
                let report = InspectReport(source: file, streamed: streamed)
                return try AtomicFileWriter.write(Array((json ? report.json : report.text).utf8), to: out)
            }
            let result = try CSVReader.read(CSVInput(argument: file), options: try read.options())
            for warning in result.warnings { Diagnostics.warning("\(CSVInput(argument: file).displayName): \(warning)") }
            let report = InspectReport(source: CSVInput(argument: file).displayName, table: result.table)
            try AtomicFileWriter.write(Array((json ? report.json : report.text).utf8), to: out)
        }
    }
}
