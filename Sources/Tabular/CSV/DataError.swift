/// Bad input: a data file that cannot be read as asked. Always names the file, and the line,
/// column and byte offset where they apply. The CLI prints it and exits with status 2.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based physical line in the file.
    public var line: Int?
    /// The column, by name where known.
    public var column: String?
    /// 0-based byte offset in the (decompressed) input.
    public var byteOffset: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: String? = nil, byteOffset: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        var details: [String] = []
        if let column { details.append("column '\(column)'") }
        if let byteOffset { details.append("byte offset \(byteOffset)") }
        let suffix = details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")"
        return "\(location): \(message)\(suffix)"
    }
}
