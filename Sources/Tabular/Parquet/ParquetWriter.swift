import Foundation

/// Writes rows as a Parquet file: each piece of rows `appendRows` gets (a generation chunk, or
/// a whole table) becomes a row group, every column an OPTIONAL leaf in one v1 data page,
/// compressed with SNAPPY by default. Text is dictionary-encoded (a dictionary page, then
/// RLE_DICTIONARY indices), everything else PLAIN.
///
/// Types follow the column storage, and a datetime column's layout: integers INT64, decimals
/// DOUBLE, booleans BOOLEAN, text BYTE_ARRAY (UTF8), dates INT32 (DATE), date-times INT64
/// TIMESTAMP in milliseconds, microseconds or nanoseconds as the layout's fraction digits
/// need, adjusted to UTC when the layout has a zone. A Parquet source's dates and timestamps
/// (unit, UTC or not) therefore come back with their types.
///
/// Pieces are encoded in parallel with offsets relative to their start; `placing`, called in
/// output order, moves each piece's metadata to where it lands, and `appendFooter` writes them
/// all. One writer writes one file.
public final class ParquetWriter: RowWriter, @unchecked Sendable {
    public enum Compression: Sendable { case none, snappy, gzip, zstd }

    private let codec: ParquetCodec
    private let lock = NSLock()
    private var pending: [UInt64: EncodedGroup] = [:]
    private var nextToken: UInt64 = 0
    private var position = 0
    private var groups: [ParquetRowGroup] = []
    private var schema: [ParquetSchemaElement]?
    private var headerNames: [String] = []

    public init(compression: Compression = .snappy) {
        switch compression {
        case .none: codec = .uncompressed
        case .snappy: codec = .snappy
        case .gzip: codec = .gzip
        case .zstd: codec = .zstd
        }
    }

    public var isSelfContainedPerShard: Bool { true }

    struct Failure: Error, CustomStringConvertible { var description: String }

    private struct EncodedGroup {
        var group: ParquetRowGroup
        var elements: [ParquetSchemaElement]
    }

    public func appendHeader(_ table: Table, to output: inout [UInt8]) {
        output.append(contentsOf: ParquetReader.magic)
        lock.withLock {
            position += ParquetReader.magic.count
            headerNames = table.columnNames
        }
    }

    public func appendRows(_ table: Table, rows: Range<Int>, to output: inout [UInt8]) {
        let start = output.count
        var group = ParquetRowGroup(columns: [], totalByteSize: 0, numRows: Int64(rows.count))
        var elements: [ParquetSchemaElement] = []
        for column in table.columns {
            let chunkStart = output.count - start
            let (element, metadata) = Self.encode(column, rows: rows, codec: codec, at: chunkStart, into: &output)
            elements.append(element)
            group.columns.append(metadata)
            group.totalByteSize += metadata.totalUncompressedSize
        }
        let token = lock.withLock { () -> UInt64 in
            nextToken += 1
            pending[nextToken] = EncodedGroup(group: group, elements: elements)
            return nextToken
        }
        // The token finds the metadata again in `placing`; it is not written to the file.
        withUnsafeBytes(of: token.littleEndian) { output.append(contentsOf: $0) }
    }

    public func placing(_ piece: [UInt8]) throws -> [UInt8] {
        guard piece.count >= 8 else { return piece }
        let token = piece.suffix(8).reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return try lock.withLock {
            guard var encoded = pending.removeValue(forKey: token) else { return piece }
            let shift = Int64(position)
            for index in encoded.group.columns.indices {
                encoded.group.columns[index].dataPageOffset += shift
                if let dictionary = encoded.group.columns[index].dictionaryPageOffset {
                    encoded.group.columns[index].dictionaryPageOffset = dictionary + shift
                }
            }
            if let schema {
                for (index, element) in encoded.elements.enumerated() where element.type != schema[index + 1].type || element.logical != schema[index + 1].logical {
                    throw Failure(description: "column \(element.name) changed type between row groups")
                }
            } else {
                schema = [ParquetSchemaElement(name: "schema", numChildren: Int32(encoded.elements.count))] + encoded.elements
            }
            groups.append(encoded.group)
            position += piece.count - 8
            return Array(piece.dropLast(8))
        }
    }

    public func appendFooter(to output: inout [UInt8]) {
        var metadata = ParquetFileMetaData()
        lock.withLock {
            metadata.schema = schema ?? ([ParquetSchemaElement(name: "schema", numChildren: Int32(headerNames.count))] + headerNames.map {
                ParquetSchemaElement(name: $0, type: .byteArray, repetition: 1, convertedType: 0, logical: .string)
            })
            metadata.rowGroups = groups
        }
        metadata.numRows = metadata.rowGroups.reduce(0) { $0 + $1.numRows }
        metadata.createdBy = "doppel"
        var writer = ThriftWriter()
        metadata.write(to: &writer)
        output.append(contentsOf: writer.bytes)
        withUnsafeBytes(of: UInt32(writer.bytes.count).littleEndian) { output.append(contentsOf: $0) }
        output.append(contentsOf: ParquetReader.magic)
    }

    /// A whole table as Parquet bytes (tests, small outputs).
    public func bytes(_ table: Table) throws -> [UInt8] {
        var output: [UInt8] = []
        appendHeader(table, to: &output)
        if table.rowCount > 0 {
            var piece: [UInt8] = []
            appendRows(table, rows: 0..<table.rowCount, to: &piece)
            output += try placing(piece)
        }
        appendFooter(to: &output)
        return output
    }

    // MARK: - Columns

    /// Writes one column chunk (a dictionary page for text, then a data page) at `offset` bytes
    /// into the piece; returns the schema element and the chunk's metadata.
    static func encode(_ column: Column, rows: Range<Int>, codec: ParquetCodec, at offset: Int, into output: inout [UInt8]) -> (ParquetSchemaElement, ParquetColumnMetaData) {
        var element = ParquetSchemaElement(name: column.name, repetition: 1)
        var metadata = ParquetColumnMetaData()
        metadata.path = [column.name]
        metadata.codec = codec.rawValue
        metadata.numValues = Int64(rows.count)
        let validity = column.validity
        var values: [UInt8] = []
        var encoding = ParquetEncoding.plain
        var dictionaryPage: [UInt8]?
        var dictionaryCount = 0
        switch column.values {
        case .integers(let ints, _):
            element.type = .int64
            values.reserveCapacity(rows.count * 8)
            for row in rows where validity.isValid(row) { appendLittleEndian(ints[row], to: &values) }
        case .decimals(let doubles, _):
            element.type = .double
            values.reserveCapacity(rows.count * 8)
            for row in rows where validity.isValid(row) { appendLittleEndian(doubles[row].bitPattern, to: &values) }
        case .booleans(let flags, _):
            element.type = .boolean
            var bit = 0
            for row in rows where validity.isValid(row) {
                if bit & 7 == 0 { values.append(0) }
                if flags[row] { values[values.count - 1] |= 1 << UInt8(bit & 7) }
                bit += 1
            }
        case .datetimes(let seconds, let format):
            if let time = format.time, format.compact == nil {
                let unit: ParquetTimeUnit = time.fractionDigits <= 3 ? .millis : time.fractionDigits <= 6 ? .micros : .nanos
                let perSecond: Double = unit == .millis ? 1e3 : unit == .micros ? 1e6 : 1e9
                let utc = time.zone != .unspecified
                element.type = .int64
                element.logical = .timestamp(unit: unit, utc: utc)
                if utc, unit != .nanos { element.convertedType = unit == .millis ? 9 : 10 }
                for row in rows where validity.isValid(row) {
                    appendLittleEndian(Int64(exactly: (seconds[row] * perSecond).rounded()) ?? 0, to: &values)
                }
            } else {
                element.type = .int32
                element.logical = .date
                element.convertedType = 6
                for row in rows where validity.isValid(row) {
                    appendLittleEndian(Int32(clamping: Int64(exactly: (seconds[row] / 86_400).rounded(.down)) ?? 0), to: &values)
                }
            }
        case .strings(let codes, let levels):
            element.type = .byteArray
            element.logical = .string
            element.convertedType = 0
            // The chunk's own dictionary, in order of first appearance.
            var local = [Int32](repeating: -1, count: levels.count)
            var order: [Int] = []
            var indices: [UInt32] = []
            indices.reserveCapacity(rows.count)
            for row in rows where validity.isValid(row) {
                let code = Int(codes[row])
                if local[code] < 0 {
                    local[code] = Int32(order.count)
                    order.append(code)
                }
                indices.append(UInt32(local[code]))
            }
            var dictionary: [UInt8] = []
            for code in order {
                let bytes = Array(levels[code].utf8)
                appendLittleEndian(UInt32(bytes.count), to: &dictionary)
                dictionary.append(contentsOf: bytes)
            }
            dictionaryPage = dictionary
            dictionaryCount = order.count
            encoding = .rleDictionary
            let width = max(1, Int.bitWidth - max(0, order.count - 1).leadingZeroBitCount)
            values.append(UInt8(width))
            appendBitPacked(indices, width: width, to: &values)
        }
        metadata.type = element.type!
        // Definition levels: 1 for a value, 0 for a null, as RLE runs.
        var page: [UInt8] = [0, 0, 0, 0]
        appendRuns(validity, rows: rows, to: &page)
        let levelsLength = UInt32(page.count - 4).littleEndian
        withUnsafeBytes(of: levelsLength) { page.replaceSubrange(0..<4, with: $0) }
        page.append(contentsOf: values)

        var encodings: Set<Int32> = [ParquetEncoding.plain.rawValue, ParquetEncoding.rle.rawValue]
        var uncompressedTotal: Int64 = 0
        let chunkStart = output.count
        if let dictionaryPage {
            metadata.dictionaryPageOffset = Int64(offset)
            uncompressedTotal += writePage(type: .dictionaryPage, dictionaryPage, count: dictionaryCount, encoding: .plain, codec: codec, into: &output)
            encodings.insert(ParquetEncoding.rleDictionary.rawValue)
        }
        metadata.dataPageOffset = Int64(offset + output.count - chunkStart)
        uncompressedTotal += writePage(type: .dataPage, page, count: rows.count, encoding: encoding, codec: codec, into: &output)
        metadata.encodings = encodings.sorted()
        metadata.totalUncompressedSize = uncompressedTotal
        metadata.totalCompressedSize = Int64(output.count - chunkStart)
        return (element, metadata)
    }

    /// Appends a page header and the (compressed) page; returns the uncompressed size with the header.
    private static func writePage(type: ParquetPageType, _ page: [UInt8], count: Int, encoding: ParquetEncoding, codec: ParquetCodec, into output: inout [UInt8]) -> Int64 {
        let compressed = ParquetCompression.compress(codec, page)
        var header = ParquetPageHeader()
        header.type = type.rawValue
        header.uncompressedSize = Int32(page.count)
        header.compressedSize = Int32(compressed.count)
        header.numValues = Int32(count)
        header.encoding = encoding.rawValue
        var writer = ThriftWriter()
        header.write(to: &writer)
        output.append(contentsOf: writer.bytes)
        output.append(contentsOf: compressed)
        return Int64(writer.bytes.count + page.count)
    }

    private static func appendLittleEndian<T: FixedWidthInteger>(_ value: T, to output: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { output.append(contentsOf: $0) }
    }

    /// The RLE/bit-packed hybrid as runs only: (run length << 1), then the value in one byte.
    static func appendRuns(_ validity: NullBitmap, rows: Range<Int>, to output: inout [UInt8]) {
        var row = rows.lowerBound
        while row < rows.upperBound {
            let value = validity.isValid(row)
            var end = row + 1
            while end < rows.upperBound && validity.isValid(end) == value { end += 1 }
            var header = UInt64(end - row) << 1
            while header >= 0x80 {
                output.append(UInt8(header & 0x7F) | 0x80)
                header >>= 7
            }
            output.append(UInt8(header))
            output.append(value ? 1 : 0)
            row = end
        }
    }

    /// The hybrid as one bit-packed run of `width`-bit values (padded to groups of 8).
    static func appendBitPacked(_ values: [UInt32], width: Int, to output: inout [UInt8]) {
        guard !values.isEmpty else { return }
        let groups = (values.count + 7) / 8
        var header = UInt64(groups) << 1 | 1
        while header >= 0x80 {
            output.append(UInt8(header & 0x7F) | 0x80)
            header >>= 7
        }
        output.append(UInt8(header))
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: groups * width))
        output.withUnsafeMutableBufferPointer { buffer in
            var bit = 0
            for value in values {
                var remaining = width
                var bits = UInt64(value)
                var position = bit
                while remaining > 0 {
                    let byte = start + position >> 3
                    let shift = position & 7
                    let take = min(8 - shift, remaining)
                    buffer[byte] |= UInt8(truncatingIfNeeded: (bits & ((1 << UInt64(take)) - 1)) << UInt64(shift))
                    bits >>= UInt64(take)
                    remaining -= take
                    position += take
                }
                bit += width
            }
        }
    }
}
