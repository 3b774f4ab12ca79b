/// A block of complete CSV records, split into fields but not yet parsed.
///
/// Fields are stored row-major as byte ranges into `bytes`, so each column's parser can walk
/// its fields with a stride and no string is made for a number.
struct TokenizedBlock {
    /// The block's bytes (owned; freed when the block is parsed).
    var bytes: [UInt8]
    /// Byte offset of `bytes[0]` in the whole (decompressed) input.
    var baseOffset: Int
    /// Physical line number (1-based) of `bytes[0]`.
    var baseLine: Int
    /// Bytes of `bytes` that the records span (the rest is a partial record carried over).
    var consumedBytes = 0
    var columnCount: Int
    /// Per field: start of the content (after an opening quote). `missingField` marks a field
    /// added by `--ragged pad`.
    var starts: [UInt32] = []
    /// Per field: end of the content (before a closing quote), with `escapedQuoteFlag` set
    /// when the content holds doubled quotes that must be undoubled.
    var ends: [UInt32] = []

    static let missingField: UInt32 = .max
    static let escapedQuoteFlag: UInt32 = 1 << 31

    var recordCount: Int { columnCount == 0 ? 0 : starts.count / columnCount }

    /// The physical line of a byte in this block; used only to build error messages.
    func line(atByte offset: Int) -> Int {
        var line = baseLine
        var index = 0
        let limit = min(offset, bytes.count)
        while index < limit {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        return line
    }
}

/// A field's text, undoubling quotes only when the field needs it.
struct FieldText {
    /// Calls `body` with the field's content bytes; nil for a field padded by `--ragged pad`.
    @inline(__always)
    static func withField<R>(
        _ block: UnsafeBufferPointer<UInt8>, start: UInt32, end: UInt32,
        scratch: inout [UInt8],
        _ body: (UnsafeBufferPointer<UInt8>?) throws -> R
    ) rethrows -> R {
        if start == TokenizedBlock.missingField { return try body(nil) }
        if end & TokenizedBlock.escapedQuoteFlag == 0 {
            return try body(UnsafeBufferPointer(rebasing: block[Int(start)..<Int(end)]))
        }
        let realEnd = Int(end & ~TokenizedBlock.escapedQuoteFlag)
        scratch.removeAll(keepingCapacity: true)
        var index = Int(start)
        while index < realEnd {
            let byte = block[index]
            scratch.append(byte)
            // A doubled quote stands for one quote.
            index += (byte == UInt8(ascii: "\"") && index + 1 < realEnd && block[index + 1] == UInt8(ascii: "\"")) ? 2 : 1
        }
        return try scratch.withUnsafeBufferPointer { try body($0) }
    }
}
