/// Everything that says how to read a CSV file, in one value that a session file stores.
public struct CSVReadOptions: Hashable, Codable, Sendable {
    /// What to do with a row whose field count differs from the header's.
    public enum RaggedRowPolicy: String, Hashable, Codable, Sendable, CaseIterable {
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

extension CSVReadOptions {
    private enum CodingKeys: String, CodingKey {
        case delimiter, header, nullTokens = "null_tokens", ragged
    }

    /// Stored readably: the delimiter as text (`","`, `"\t"`) or absent when sniffed.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = CSVReadOptions()
        if let text = try container.decodeIfPresent(String.self, forKey: .delimiter) {
            guard let byte = CSVReadOptions.parseDelimiter(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .delimiter, in: container,
                    debugDescription: "'\(text)' is not a delimiter: expected one ASCII character other than a quote or newline, or 'tab'")
            }
            delimiter = byte
        }
        hasHeader = try container.decodeIfPresent(Bool.self, forKey: .header) ?? defaults.hasHeader
        nullTokens = try container.decodeIfPresent([String].self, forKey: .nullTokens) ?? defaults.nullTokens
        ragged = try container.decodeIfPresent(RaggedRowPolicy.self, forKey: .ragged) ?? defaults.ragged
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if let delimiter { try container.encode(String(UnicodeScalar(delimiter)), forKey: .delimiter) }
        try container.encode(hasHeader, forKey: .header)
        try container.encode(nullTokens, forKey: .nullTokens)
        try container.encode(ragged, forKey: .ragged)
    }
}
