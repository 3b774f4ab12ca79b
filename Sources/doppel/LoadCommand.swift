import ArgumentParser
import Tabular

/// Reads a table file and reports its shape: the unit that the load benchmarks time against
/// pandas' `read_csv` and pyarrow's `read_table`. Hidden from help; useful to check that a file
/// reads at all.
struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a table file (CSV, JSON Lines, Parquet) and print its row and column counts (for benchmarks).",
        shouldDisplay: false
    )

    @Argument(help: ArgumentHelp("The CSV, JSON Lines or Parquet file to read (- for stdin).", valueName: "file"))
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
