import ArgumentParser
import Tabular

/// Reads a CSV file and reports its shape: the unit that the load benchmark times against
/// pandas' `read_csv`. Hidden from help; useful to check that a file reads at all.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a CSV file and print its row and column counts (for benchmarks).",
        shouldDisplay: false
    )

    @Argument(help: ArgumentHelp("The CSV file to read (- for stdin).", valueName: "file"))
    var file: String

    @OptionGroup var read: ReadOptionsArguments

    func run() throws {
        try failingWithStatus2 {
            let result = try CSVReader.read(CSVInput(argument: file), options: try read.options())
            for warning in result.warnings { Diagnostics.warning("\(CSVInput(argument: file).displayName): \(warning)") }
            let types = result.table.columns.map(\.values.physicalTypeName).joined(separator: ",")
            try StandardOutput.write(Array("\(result.table.rowCount) rows, \(result.table.columnCount) columns (\(types))\n".utf8))
        }
    }
}
