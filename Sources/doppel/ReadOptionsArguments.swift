import ArgumentParser
import Tabular

extension CSVReadOptions.RaggedRowPolicy: ExpressibleByArgument {}

/// The CSV read options, shared by every command that reads a CSV file.
struct ReadOptionsArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Field delimiter: one character, or 'tab'. Sniffed among , ; tab | when not given.", valueName: "char"))
    var delimiter: String?

    @Flag(help: "The first line is data, not column names (columns are then called column_1, column_2, ...).")
    var noHeader = false

    @Option(name: .customLong("null"), help: ArgumentHelp(
        "A field text that means missing. Repeatable; replaces the default list: empty, NA, N/A, NULL, null, NaN, None.",
        valueName: "token"))
    var nullTokens: [String] = []

    @Option(help: "Rows with the wrong number of fields: pad (nulls/drop extras), skip, or error.")
    var ragged: CSVReadOptions.RaggedRowPolicy = .error

    /// The options as one value; a bad delimiter is bad input (status 2).
    func options() throws -> CSVReadOptions {
        var options = CSVReadOptions(hasHeader: !noHeader, ragged: ragged)
        if !nullTokens.isEmpty { options.nullTokens = nullTokens }
        if let delimiter {
            guard let byte = CSVReadOptions.parseDelimiter(delimiter) else {
                throw BadInput("--delimiter '\(delimiter)': expected a single ASCII character other than a quote or newline, or 'tab'")
            }
            options.delimiter = byte
        }
        return options
    }
}
