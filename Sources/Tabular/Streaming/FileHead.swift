/// The first rows of a CSV file too large to load: its first `maxBytes` bytes, cut after the last
/// whole record, read as a table. The workbench shows them at once while the whole file streams.
public enum FileHead {
    /// 32 MB: a few hundred thousand rows of a typical table, read in well under a second.
    public static let defaultBytes = 32 << 20

    public struct Head: Sendable {
        public var result: CSVReadResult
        /// False when the whole file fitted in `maxBytes`.
        public var isPartial: Bool
    }

    public static func read(_ input: CSVInput, options: CSVReadOptions = CSVReadOptions(), maxBytes: Int = FileHead.defaultBytes) throws -> Head {
        let source = try input.open()
        var bytes = [UInt8](repeating: 0, count: max(1, maxBytes))
        var filled = 0
        while filled < bytes.count {
            let got = try bytes.withUnsafeMutableBytes { buffer in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
            }
            if got == 0 { break }
            filled += got
        }
        bytes.removeLast(bytes.count - filled)
        // One byte more tells whether the file goes on.
        var probe: UInt8 = 0
        let more = try withUnsafeMutableBytes(of: &probe) { try source.read(into: $0) } > 0
        guard more else {
            return Head(result: try CSVReader.read(.bytes(bytes, name: input.displayName), options: options), isPartial: false)
        }
        // Cut after the last line end outside quotes (quotes balance at a record's end).
        var quoted = false
        var lastEnd = -1
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { quoted.toggle() } else if byte == UInt8(ascii: "\n") && !quoted { lastEnd = index }
        }
        guard lastEnd > 0 else {
            throw DataError(file: input.displayName, message: "no whole record in the first \(maxBytes) bytes")
        }
        bytes.removeLast(bytes.count - lastEnd - 1)
        return Head(result: try CSVReader.read(.bytes(bytes, name: input.displayName), options: options), isPartial: true)
    }
}
