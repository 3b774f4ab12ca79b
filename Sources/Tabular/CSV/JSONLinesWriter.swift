/// Writes rows as JSON Lines: one object per row, keys in column order, numbers and booleans as
/// JSON values, datetimes and text as strings (dates the source held as numbers, `20130815`,
/// as numbers), nulls as `null`.
public struct JSONLinesWriter: RowWriter {
    public init() {}

    public func appendHeader(_ table: Table, to output: inout [UInt8]) {}

    public func appendRows(_ table: Table, rows: Range<Int>, to output: inout [UInt8]) {
        let keys = table.columns.map { column -> [UInt8] in
            var key: [UInt8] = []
            Self.appendString(column.name, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
        var text: [UInt8] = []
        for row in rows {
            output.append(UInt8(ascii: "{"))
            for (index, column) in table.columns.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                output.append(contentsOf: keys[index])
                if column.validity.isNull(row) {
                    output.append(contentsOf: Array("null".utf8))
                    continue
                }
                switch column.values {
                case .integers(let values, _):
                    ValueFormatter.appendInteger(values[row], to: &output)
                case .decimals(let values, _) where values[row].isFinite:
                    ValueFormatter.appendDecimal(values[row], to: &output)
                case .booleans(let values, _):
                    output.append(contentsOf: Array((values[row] ? "true" : "false").utf8))
                case .datetimes(let values, let format) where format.compact?.isNumber == true:
                    // Dates the source stored as numbers (20130815) stay numbers.
                    format.format(values[row], into: &output)
                default:
                    text.removeAll(keepingCapacity: true)
                    ValueFormatter.append(column.values, row: row, to: &text)
                    Self.appendString(String(decoding: text, as: UTF8.self), to: &output)
                }
            }
            output.append(contentsOf: Array("}\n".utf8))
        }
    }

    /// A JSON string literal with the escapes RFC 8259 requires.
    static func appendString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case UInt8(ascii: "\n"): output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// Something that writes a table's rows as bytes: CSV, TSV, JSON Lines, Parquet.
///
/// `appendRows` may run on several threads at once, each on its own slice of rows; the pieces
/// are then written in order, each passed through `placing` first, and `appendFooter` ends the
/// output. Text formats need neither: Parquet's footer indexes where every piece landed.
public protocol RowWriter: Sendable {
    func appendHeader(_ table: Table, to output: inout [UInt8])
    func appendRows(_ table: Table, rows: Range<Int>, to output: inout [UInt8])
    /// Called in output order with each piece `appendRows` made, just before it is written;
    /// returns the bytes to write.
    func placing(_ piece: [UInt8]) throws -> [UInt8]
    /// Bytes after the last rows.
    func appendFooter(to output: inout [UInt8])
    /// Whether every shard of a sharded output needs the header and footer (a Parquet shard is
    /// a file of its own; a CSV shard is a slice of one).
    var isSelfContainedPerShard: Bool { get }
}

extension RowWriter {
    public func placing(_ piece: [UInt8]) throws -> [UInt8] { piece }
    public func appendFooter(to output: inout [UInt8]) {}
    public var isSelfContainedPerShard: Bool { false }
}

extension CSVWriter: RowWriter {}
