import Declaration

/// Everything that says how to read a CSV file, in one value that a session file stores.
public struct CSVReadOptions: Hashable, Sendable {
    /// What to do with a row whose field count differs from the header's.
    public enum RaggedRowPolicy: String, Hashable, Sendable, DeclaredChoice {
        /// Short rows get nulls; extra fields are dropped. Both are counted in a warning.
        case pad
        /// Rows of the wrong length are left out, with a warning.
        case skip
        /// Stop with an error naming the line.
        case error
    }

    /// The field separator; nil means sniff it among `,` `;` tab `|`.
    public var delimiter: UInt8?
    public var hasHeader: Bool
    /// Field texts read as missing values (compared exactly, after unquoting).
    public var nullTokens: [String]
    public var ragged: RaggedRowPolicy

    public static let defaultNullTokens = ["", "NA", "N/A", "NULL", "null", "NaN", "None"]
    /// Delimiters that sniffing chooses among, in order of preference on a tie.
    public static let sniffedDelimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    public init(
        delimiter: UInt8? = nil,
        hasHeader: Bool = true,
        nullTokens: [String] = CSVReadOptions.defaultNullTokens,
        ragged: RaggedRowPolicy = .error
    ) {
        self.delimiter = delimiter
        self.hasHeader = hasHeader
        self.nullTokens = nullTokens
        self.ragged = ragged
    }

    /// Parses a delimiter as a person types it: one ASCII character, or `\t` / `tab`.
    public static func parseDelimiter(_ text: String) -> UInt8? {
        switch text {
        case "\\t", "tab", "TAB", "\t": return UInt8(ascii: "\t")
        default:
            let bytes = Array(text.utf8)
            guard bytes.count == 1, bytes[0] < 0x80, bytes[0] != UInt8(ascii: "\""),
                  bytes[0] != UInt8(ascii: "\n"), bytes[0] != UInt8(ascii: "\r") else { return nil }
            return bytes[0]
        }
    }
}

extension CSVReadOptions: DeclaredRecord {
    public static let empty = CSVReadOptions()

    public static let declaration = RecordDeclaration<CSVReadOptions>(doc: "How to read the source; every key is optional.", [
        .custom(FieldShape(key: "delimiter", doc: "The field separator: one ASCII character other than a quote or a newline, or tab (\"\\t\" or tab). Omitted: sniffed among , ; tab |.",
                           required: false, shape: .text(.init(pattern: #"^([^"\r\n]|\\t|tab|TAB)$"#, meaning: "one character other than a quote or a newline, or tab"))),
                decode: { options, container in
                    guard let text = try container.decodeIfPresent(String.self, forKey: AnyKey("delimiter")) else { return }
                    guard let byte = CSVReadOptions.parseDelimiter(text) else {
                        throw DecodingError.dataCorruptedError(
                            forKey: AnyKey("delimiter"), in: container,
                            debugDescription: "'\(text)' is not a delimiter: expected one ASCII character other than a quote or newline, or 'tab'")
                    }
                    options.delimiter = byte
                },
                encode: { options, container in
                    if let delimiter = options.delimiter { try container.encode(String(UnicodeScalar(delimiter)), forKey: AnyKey("delimiter")) }
                }),
        .defaulted("header", \.hasHeader, default: true,
                   "Whether the first line holds the column names (default true). Without one, columns are named column_1, column_2, ...",
                   schemaDefault: .bool(true), alwaysWritten: true),
        .defaulted("null_tokens", \.nullTokens, default: CSVReadOptions.defaultNullTokens,
                   "Field texts read as missing, compared exactly after unquoting; replaces the default list. Quote them: an unquoted NULL or null is YAML's null.",
                   schemaDefault: .array(CSVReadOptions.defaultNullTokens.map(JSONDocument.string)), alwaysWritten: true),
        .defaulted("ragged", \.ragged, default: .error,
                   "Rows with the wrong number of fields: pad (nulls for missing fields, extra fields dropped), skip (left out), error (stop, naming the line).",
                   schemaDefault: .string("error"), alwaysWritten: true),
    ])
}
