import Foundation

/// Writes rows as a Parquet file: each piece of rows `appendRows` gets (a generation chunk, or
/// a whole table) becomes a row group, every column an OPTIONAL leaf in one v1 data page,
/// compressed with SNAPPY by default. Text is dictionary-encoded (a dictionary page, then
/// RLE_DICTIONARY indices), everything else PLAIN.
///
/// Types: a Parquet source's own (`types`, from `CSVReadResult.parquetTypes`), so that INT32,
/// FLOAT, DECIMAL(p, s) in its storage, DATE and TIMESTAMP (unit, UTC or not) come back as
/// they were; a value that does not fit widens its column (see `ParquetWidening`). Otherwise
/// they follow the column storage, and a datetime column's layout: integers INT64, decimals
/// DOUBLE, booleans BOOLEAN, text BYTE_ARRAY (UTF8), dates INT32 (DATE), date-times INT64
/// TIMESTAMP in milliseconds, microseconds or nanoseconds as the layout's fraction digits
/// need, adjusted to UTC when the layout has a zone.
///
/// Pieces are encoded in parallel with offsets relative to their start; `placing`, called in
/// output order, moves each piece's metadata to where it lands, and `appendFooter` writes them
/// all. One writer writes one file.
public final class ParquetWriter: RowWriter, @unchecked Sendable {
    public enum Compression: Sendable { case none, snappy, gzip, zstd }

    private let codec: ParquetCodec
    private let compression: Compression
    private let types: ParquetSchemaHint
    private let lock = NSLock()
    private var pending: [UInt64: EncodedGroup] = [:]
    private var nextToken: UInt64 = 0
    private var position = 0
    private var groups: [ParquetRowGroup] = []
    private var schema: [ParquetSchemaElement]?
    private var headerNames: [String] = []

    /// `types`: the source's Parquet types by column name (`CSVReadResult.parquetTypes`), kept
    /// where the column's storage still fits them; other columns get the types above.
    public init(compression: Compression = .snappy, types: ParquetSchemaHint = [:]) {
        self.compression = compression
        self.types = types
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
        var widenings: [Widening]
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
        var widenings: [Widening] = []
        for column in table.columns {
            let chunkStart = output.count - start
            let (element, metadata, widening) = Self.encode(column, rows: rows, types: types, codec: codec, at: chunkStart, into: &output)
            if let widening { widenings.append(widening) }
            elements.append(element)
            group.columns.append(metadata)
            group.totalByteSize += metadata.totalUncompressedSize
        }
        let token = lock.withLock { () -> UInt64 in
            nextToken += 1
            pending[nextToken] = EncodedGroup(group: group, elements: elements, widenings: widenings)
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
            if !encoded.widenings.isEmpty {
                // Every piece encoded so far is looked at, so that one more pass is usually enough.
                var all = encoded.widenings
                for other in pending.values { all += other.widenings.filter { new in !all.contains { $0.column == new.column } } }
                throw ColumnsTooNarrow(widenings: all)
            }
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
            metadata.schema = schema ?? ([ParquetSchemaElement(name: "schema", numChildren: Int32(headerNames.count))] + headerNames.map(emptyElement))
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

    /// The schema element of a column in an output without rows: the source's type when known,
    /// else text.
    private func emptyElement(_ name: String) -> ParquetSchemaElement {
        let values: ColumnValues
        switch types[name] {
        case .int32?, .int64?, .integer?: values = .integers([], .plain)
        case .float?, .double?, .decimal?: values = .decimals([], DecimalStyle())
        case .date?, .timestamp?: values = .datetimes([], .isoDate)
        case .boolean?: values = .booleans([], BooleanStyle())
        case .string?, nil: values = .strings(codes: [], levels: [])
        }
        var scratch: [UInt8] = []
        return Self.encode(Column(name: name, values: values), rows: 0..<0, types: types, codec: .uncompressed, at: 0, into: &scratch).0
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
    /// into the piece; returns the schema element, the chunk's metadata, and the first value
    /// that does not fit the column's type in `types` (the piece must then be written again).
    static func encode(_ column: Column, rows: Range<Int>, types: ParquetSchemaHint, codec: ParquetCodec, at offset: Int,
                       into output: inout [UInt8]) -> (ParquetSchemaElement, ParquetColumnMetaData, Widening?) {
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
        let type = Self.writtenType(types[column.name], for: column.values)
        var tooNarrow: Widening?
        /// Notes the first value that does not fit `type`; the piece is then written again with the column wider.
        func doesNotFit(_ value: Double) {
            if tooNarrow == nil, let type, let wider = type.widened {
                tooNarrow = Widening(column: column.name, from: type, to: wider, value: value)
            }
        }
        switch (column.values, type) {
        case (.integers(let ints, _), .int32?):
            element.type = .int32
            values.reserveCapacity(rows.count * 4)
            for row in rows where validity.isValid(row) {
                guard let value = Int32(exactly: ints[row]) else { doesNotFit(Double(ints[row])); break }
                appendLittleEndian(value, to: &values)
            }
        case (.integers(let ints, _), .integer(let bits, let signed)?):
            // Unsigned values keep their bits (a UINT32 above INT32's range is stored as its bit pattern).
            element.type = bits <= 32 ? .int32 : .int64
            element.logical = .integer(bitWidth: bits, signed: signed)
            element.convertedType = Int32((signed ? 15 : 11) + [8, 16, 32, 64].firstIndex(of: bits)!)
            let low: Int64 = signed ? -(1 << (bits - 1)) : 0
            let high: Int64 = bits == 64 ? .max : signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1
            for row in rows where validity.isValid(row) {
                let value = ints[row]
                guard value >= low && value <= high else { doesNotFit(Double(value)); break }
                if bits <= 32 { appendLittleEndian(Int32(truncatingIfNeeded: value), to: &values) } else { appendLittleEndian(value, to: &values) }
            }
        case (.integers(let ints, _), .float?), (.integers(let ints, _), .double?):
            let doubles = rows.map { Double(ints[$0]) }
            appendFloats(doubles, from: rows.lowerBound, validity, asFloat: type == .float, into: &element, &values, doesNotFit)
        case (.integers(let ints, _), _):
            element.type = .int64
            values.reserveCapacity(rows.count * 8)
            for row in rows where validity.isValid(row) { appendLittleEndian(ints[row], to: &values) }
        case (.decimals(let doubles, _), .decimal(let precision, let scale, let storage)?):
            appendDecimals(doubles, rows: rows, validity, precision: precision, scale: scale, storage: storage, into: &element, &values, doesNotFit)
        case (.decimals(let doubles, _), _):
            appendFloats(doubles[rows], from: rows.lowerBound, validity, asFloat: type == .float, into: &element, &values, doesNotFit)
        case (.booleans(let flags, _), _):
            element.type = .boolean
            var bit = 0
            for row in rows where validity.isValid(row) {
                if bit & 7 == 0 { values.append(0) }
                if flags[row] { values[values.count - 1] |= 1 << UInt8(bit & 7) }
                bit += 1
            }
        case (.datetimes(let seconds, let format), _):
            // The source's type when known; else the layout's: a time of day makes a timestamp.
            var timestamp: (unit: ParquetTimeUnit, utc: Bool)?
            if case .timestamp(let unit, let utc)? = type {
                timestamp = (unit, utc)
            } else if type == nil, let time = format.time, format.compact == nil {
                timestamp = (time.fractionDigits <= 3 ? .millis : time.fractionDigits <= 6 ? .micros : .nanos, time.zone != .unspecified)
            }
            if let (unit, utc) = timestamp {
                let perSecond: Double = unit == .millis ? 1e3 : unit == .micros ? 1e6 : 1e9
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
        case (.strings(let codes, let levels), _):
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
        return (element, metadata, tooNarrow)
    }

    /// The source type a column is written as: the hint when the column's storage still holds
    /// that kind of value (a plan may have changed a column's kind), else nil (the defaults).
    static func writtenType(_ hint: ParquetColumnType?, for values: ColumnValues) -> ParquetColumnType? {
        switch (hint, values) {
        case (.int32?, .integers), (.int64?, .integers), (.integer?, .integers), (.float?, .integers), (.double?, .integers): hint
        case (.float?, .decimals), (.double?, .decimals), (.decimal?, .decimals): hint
        case (.date?, .datetimes), (.timestamp?, .datetimes): hint
        default: nil
        }
    }

    /// FLOAT or DOUBLE values; a finite value beyond FLOAT's range does not fit a FLOAT.
    private static func appendFloats(
        _ doubles: some Collection<Double>, from first: Int, _ validity: NullBitmap, asFloat: Bool,
        into element: inout ParquetSchemaElement, _ values: inout [UInt8], _ doesNotFit: (Double) -> Void
    ) {
        element.type = asFloat ? .float : .double
        values.reserveCapacity(doubles.count * (asFloat ? 4 : 8))
        for (offset, value) in doubles.enumerated() where validity.isValid(first + offset) {
            if asFloat {
                let single = Float(value)
                if value.isFinite && !single.isFinite { doesNotFit(value); break }
                appendLittleEndian(single.bitPattern, to: &values)
            } else {
                appendLittleEndian(value.bitPattern, to: &values)
            }
        }
    }

    /// DECIMAL(precision, scale) values, rounded to the scale, as unscaled integers in `storage`;
    /// a value needing more digits than the precision (or not finite) does not fit.
    private static func appendDecimals(
        _ doubles: [Double], rows: Range<Int>, _ validity: NullBitmap, precision: Int, scale: Int,
        storage: ParquetColumnType.DecimalStorage, into element: inout ParquetSchemaElement, _ values: inout [UInt8],
        _ doesNotFit: (Double) -> Void
    ) {
        element.logical = .decimal(scale: scale, precision: precision)
        element.convertedType = 5
        let bits: Int
        switch storage {
        case .int32: element.type = .int32; bits = 32
        case .int64: element.type = .int64; bits = 64
        case .fixed(let length): element.type = .fixedLenByteArray; element.typeLength = Int32(length); bits = 8 * length
        case .bytes: element.type = .byteArray; bits = 128
        }
        var limit: Int128 = 1
        for _ in 0..<min(precision, 38) { limit *= 10 }
        // The storage's own range too, in case a file declares more digits than its storage holds.
        if bits < 128 { limit = min(limit, Int128(1) << (bits - 1)) }
        let factor = Double("1e\(scale)") ?? 1
        for row in rows where validity.isValid(row) {
            let scaled = (doubles[row] * factor).rounded()
            guard scaled.isFinite, let unscaled = Int128(exactly: scaled), unscaled < limit, unscaled > -limit else {
                doesNotFit(doubles[row])
                break
            }
            switch storage {
            case .int32: appendLittleEndian(Int32(truncatingIfNeeded: unscaled), to: &values)
            case .int64: appendLittleEndian(Int64(truncatingIfNeeded: unscaled), to: &values)
            case .fixed(let length): appendBigEndian(unscaled, bytes: length, to: &values)
            case .bytes:
                appendLittleEndian(UInt32(16), to: &values)
                appendBigEndian(unscaled, bytes: 16, to: &values)
            }
        }
    }

    /// The low `bytes` bytes of a two's complement integer, most significant first.
    private static func appendBigEndian(_ value: Int128, bytes: Int, to output: inout [UInt8]) {
        for index in stride(from: bytes - 1, through: 0, by: -1) {
            output.append(UInt8(truncatingIfNeeded: value >> (8 * index)))
        }
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
