/// How a flat Parquet column's values become Doppel's column storage: the kind follows the
/// file's own type (integers stay integers, DOUBLE and DECIMAL become decimals, DATE and
/// TIMESTAMP datetimes, strings text, on which inference then proposes finer kinds).
enum ParquetTarget {
    case integers
    /// FLOAT and DOUBLE (divisor 1), DECIMAL (10^scale).
    case decimals(divisor: Double)
    /// INT32 days since 1970-01-01.
    case dates
    /// INT64 in units of 1/perSecond s, or INT96 (Impala and Spark's nanoseconds).
    case timestamps(perSecond: Int64, utc: Bool)
    case booleans
    case strings
}

/// One leaf column of a flat schema.
struct ParquetLeaf {
    var name: String
    var physical: ParquetPhysicalType
    var typeLength: Int
    var isOptional: Bool
    var logical: ParquetLogicalType
    var target: ParquetTarget
}

/// Decodes one column across all row groups, page by page, into storage allocated once for
/// the file's row count. Values go straight into that storage (a page without nulls is
/// decoded in place; one with nulls is decoded densely and spread out from the back), and a
/// dictionary page is converted once, so a dictionary-encoded string is interned once per
/// row group, not once per row.
struct ParquetColumnDecoder {
    let leaf: ParquetLeaf
    let column: Int
    let file: UnsafeRawBufferPointer
    /// Where page data may lie: after the leading magic, before the footer.
    let dataRange: Range<Int>
    let rowGroups: [ParquetRowGroup]
    let rows: Int

    struct Failure: Error { var message: String }

    func decode() throws -> Column {
        var validity = NullBitmap(count: rows, allValid: true)
        switch leaf.target {
        case .integers:
            let values = try fill(Int64(0), &validity, decodeIntegers)
            return Column(name: leaf.name, values: .integers(values, .plain), validity: validity)
        case .decimals(let divisor):
            let values = try fill(0.0, &validity) { encoding, data, count, out in
                try decodeDoubles(encoding, data, count, out) { Double($0) / divisor }
            }
            let digits: Int
            if case .decimal(let scale, _) = leaf.logical { digits = max(0, scale) } else { digits = Self.fractionDigits(values, validity, isFloat: leaf.physical == .float) }
            return Column(name: leaf.name, values: .decimals(values, DecimalStyle(maxFractionDigits: digits)), validity: validity)
        case .dates:
            let values = try fill(0.0, &validity) { encoding, data, count, out in
                try decodeDoubles(encoding, data, count, out) { Double($0) * 86_400 }
            }
            return Column(name: leaf.name, values: .datetimes(values, .isoDate), validity: validity)
        case .timestamps(let perSecond, let utc):
            // The fraction digits the values need (0, 3, 6 or 9), so that output looks like input.
            var digits = 0
            let scale = Double(perSecond)
            let nanosPerTick = 1_000_000_000 / perSecond
            let values = try fill(0.0, &validity) { encoding, data, count, out in
                try decodeDoubles(encoding, data, count, out) { raw in
                    let fraction = (raw % perSecond) * nanosPerTick
                    if fraction != 0 {
                        let needed = fraction % 1000 != 0 ? 9 : fraction % 1_000_000 != 0 ? 6 : 3
                        if needed > digits { digits = needed }
                    }
                    return Double(raw) / scale
                }
            }
            let time = DateTimeFormat.Time(separator: utc ? .letterT : .space, hasSeconds: true, fractionDigits: digits, zone: utc ? .utc : .unspecified)
            return Column(name: leaf.name, values: .datetimes(values, DateTimeFormat(time: time)), validity: validity)
        case .booleans:
            let values = try fill(false, &validity, decodeBooleans)
            return Column(name: leaf.name, values: .booleans(values, BooleanStyle()), validity: validity)
        case .strings:
            var interner = ByteInterner()
            let codes = try fill(UInt32(0), &validity) { encoding, data, count, out in
                try decodeStrings(encoding, data, count, out, &interner)
            }
            return Column(name: leaf.name, values: .strings(codes: codes, levels: interner.levels), validity: validity)
        }
    }

    // MARK: - Pages

    /// Reads every page of the column's chunks into a new array of `rows` values; `values`
    /// decodes one page's (or the dictionary's) non-null values densely.
    private func fill<T>(
        _ zero: T, _ validity: inout NullBitmap,
        _ values: (Int32, UnsafeRawBufferPointer, Int, UnsafeMutablePointer<T>) throws -> Void
    ) throws -> [T] {
        try [T](unsafeUninitializedCapacity: rows) { buffer, initialized in
            initialized = 0
            try readPages(zero, into: buffer.baseAddress!, &validity, values)
            initialized = rows
        }
    }

    private func readPages<T>(
        _ zero: T, into out: UnsafeMutablePointer<T>, _ validity: inout NullBitmap,
        _ values: (Int32, UnsafeRawBufferPointer, Int, UnsafeMutablePointer<T>) throws -> Void
    ) throws {
        var row = 0
        var scratch: [UInt8] = []
        var valueScratch: [UInt8] = []
        var levels: [UInt32] = []
        var indices: [UInt32] = []
        for (groupIndex, group) in rowGroups.enumerated() {
            let chunk = group.columns[column]
            let groupName = "row group \(groupIndex + 1)"
            guard chunk.type == leaf.physical else { throw Failure(message: "\(groupName): the chunk's type differs from the schema's") }
            guard ParquetCompression.isSupported(chunk.codec) else {
                throw Failure(message: "the \(ParquetCompression.name(chunk.codec)) codec is not supported (Doppel reads UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4, LZ4_RAW and BROTLI)")
            }
            var start = Int(clamping: chunk.dataPageOffset)
            if let dictionaryOffset = chunk.dictionaryPageOffset, dictionaryOffset > 0, dictionaryOffset < chunk.dataPageOffset {
                start = Int(dictionaryOffset)
            }
            let (end, overflow) = start.addingReportingOverflow(Int(clamping: chunk.totalCompressedSize))
            guard start >= dataRange.lowerBound, !overflow, end <= dataRange.upperBound, end > start else {
                throw Failure(message: "\(groupName): the column chunk lies outside the file's data (bytes \(start)..<\(end))")
            }
            guard group.numRows >= 0, group.numRows <= rows - row else { throw Failure(message: "\(groupName): more rows than the file claims") }
            let groupEnd = row + Int(group.numRows)
            var dictionary: [T]?
            var position = start
            while row < groupEnd {
                guard position < end else {
                    throw Failure(message: "\(groupName): the column chunk ends after \(row - (groupEnd - Int(group.numRows))) of \(group.numRows) rows")
                }
                var reader = ThriftReader(UnsafeRawBufferPointer(rebasing: file[position..<end]))
                let header: ParquetPageHeader
                do {
                    header = try ParquetPageHeader(reading: &reader)
                } catch let failure as ThriftReader.Failure {
                    throw Failure(message: "\(groupName): corrupt page header at byte \(position): \(failure.message)")
                }
                let payloadStart = position + reader.position
                let compressed = Int(header.compressedSize)
                guard compressed >= 0, header.uncompressedSize >= 0, compressed <= end - payloadStart else {
                    throw Failure(message: "\(groupName): a page at byte \(position) runs past its column chunk (the file is truncated or corrupt)")
                }
                let payload = UnsafeRawBufferPointer(rebasing: file[payloadStart..<payloadStart + compressed])
                position = payloadStart + compressed
                let uncompressed = Int(header.uncompressedSize)
                let count = Int(header.numValues)
                var data: UnsafeRawBufferPointer
                var definitions: UnsafeRawBufferPointer?
                switch ParquetPageType(rawValue: header.type) {
                case .dictionaryPage?:
                    try ParquetCompression.decompress(chunk.codec, payload, size: uncompressed, into: &scratch)
                    guard count >= 0, count <= uncompressed * 8 + 1 else { throw Failure(message: "\(groupName): a dictionary page claims \(count) values") }
                    var decoded = [T](repeating: zero, count: count)
                    try scratch.withUnsafeBytes { page in
                        try decoded.withUnsafeMutableBufferPointer { out in
                            try values(ParquetEncoding.plain.rawValue, UnsafeRawBufferPointer(rebasing: page[0..<uncompressed]), count, out.baseAddress!)
                        }
                    }
                    dictionary = decoded
                    continue
                case .dataPage?:
                    try ParquetCompression.decompress(chunk.codec, payload, size: uncompressed, into: &scratch)
                    data = UnsafeRawBufferPointer(rebasing: scratch.withUnsafeBytes { $0 }[0..<uncompressed])
                    if leaf.isOptional {
                        guard header.definitionLevelEncoding == ParquetEncoding.rle.rawValue else {
                            throw Failure(message: "\(groupName): definition levels in \(ParquetDecoding.encodingName(header.definitionLevelEncoding)) are not supported")
                        }
                        guard data.count >= 4 else { throw Failure(message: "\(groupName): a data page too short for its definition levels") }
                        let length = Int(UInt32(littleEndian: data.loadUnaligned(as: UInt32.self)))
                        guard length <= data.count - 4 else { throw Failure(message: "\(groupName): definition levels run past their page") }
                        definitions = UnsafeRawBufferPointer(rebasing: data[4..<4 + length])
                        data = UnsafeRawBufferPointer(rebasing: data[(4 + length)...])
                    }
                case .dataPageV2?:
                    let repeats = Int(header.repetitionLevelsByteLength), defines = Int(header.definitionLevelsByteLength)
                    guard repeats >= 0, defines >= 0, repeats + defines <= payload.count, repeats + defines <= uncompressed else {
                        throw Failure(message: "\(groupName): a v2 data page's level lengths exceed the page")
                    }
                    if leaf.isOptional { definitions = UnsafeRawBufferPointer(rebasing: payload[repeats..<repeats + defines]) }
                    let rest = UnsafeRawBufferPointer(rebasing: payload[(repeats + defines)...])
                    if header.isCompressed && chunk.codec != ParquetCodec.uncompressed.rawValue {
                        let size = uncompressed - repeats - defines
                        try ParquetCompression.decompress(chunk.codec, rest, size: size, into: &valueScratch)
                        data = UnsafeRawBufferPointer(rebasing: valueScratch.withUnsafeBytes { $0 }[0..<size])
                    } else {
                        data = rest
                    }
                default:
                    continue  // index pages and pages of kinds unknown to Doppel carry no values
                }
                guard count >= 0, count <= groupEnd - row else {
                    throw Failure(message: "\(groupName): a page holds \(count) values, more than the row group's \(group.numRows) rows")
                }
                var present = count
                if let definitions {
                    if levels.count < count { levels = [UInt32](repeating: 0, count: count) }
                    try levels.withUnsafeMutableBufferPointer { try ParquetDecoding.hybrid(definitions, bitWidth: 1, count: count, into: $0.baseAddress!) }
                    present = 0
                    for index in 0..<count { present += Int(levels[index]) }
                }
                let destination = out + row
                let encoding = header.encoding
                if encoding == ParquetEncoding.rleDictionary.rawValue || encoding == ParquetEncoding.plainDictionary.rawValue {
                    guard let dictionary else { throw Failure(message: "\(groupName): a dictionary-encoded page without a dictionary page") }
                    guard present == 0 || data.count >= 1 else { throw Failure(message: "\(groupName): an empty dictionary-encoded page") }
                    if indices.count < present { indices = [UInt32](repeating: 0, count: present) }
                    if present > 0 {
                        let width = Int(data[0])
                        try indices.withUnsafeMutableBufferPointer {
                            try ParquetDecoding.hybrid(UnsafeRawBufferPointer(rebasing: data[1...]), bitWidth: width, count: present, into: $0.baseAddress!)
                        }
                    }
                    try dictionary.withUnsafeBufferPointer { entries in
                        try indices.withUnsafeBufferPointer { indices in
                            let limit = UInt32(entries.count)
                            for index in 0..<present {
                                let entry = indices[index]
                                guard entry < limit else { throw Failure(message: "\(groupName): a dictionary index \(entry) beyond its \(limit) entries") }
                                destination[index] = entries[Int(entry)]
                            }
                        }
                    }
                } else {
                    try values(encoding, data, present, destination)
                }
                if present < count {
                    // Spread the dense values out to their rows, from the back, nulls as `zero`.
                    var source = present - 1
                    for index in stride(from: count - 1, through: 0, by: -1) {
                        if levels[index] != 0 {
                            destination[index] = destination[source]
                            source -= 1
                        } else {
                            destination[index] = zero
                            validity.set(row + index, valid: false)
                        }
                    }
                }
                row += count
            }
        }
        guard row == rows else { throw Failure(message: "the column holds \(row) values for \(rows) rows") }
    }

    // MARK: - Values by kind

    private func unsupported(_ encoding: Int32) -> Failure {
        Failure(message: "the \(ParquetDecoding.encodingName(encoding)) encoding is not supported for \(leaf.physical) values")
    }

    /// An unsigned INTEGER annotation: INT32 bits read as UInt32 (a UINT64 beyond Int64 stays wrapped).
    private var isUnsigned: Bool {
        if case .integer(_, false) = leaf.logical { return true }
        return false
    }

    private func decodeIntegers(_ encoding: Int32, _ data: UnsafeRawBufferPointer, _ count: Int, _ out: UnsafeMutablePointer<Int64>) throws {
        guard count > 0 else { return }
        switch ParquetEncoding(rawValue: encoding) {
        case .plain?:
            if leaf.physical == .int32 && isUnsigned {
                try ParquetDecoding.checkPlain(data, count: count, width: 4)
                for index in 0..<count { out[index] = Int64(UInt32(littleEndian: data.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))) }
            } else if leaf.physical == .int32 {
                try ParquetDecoding.checkPlain(data, count: count, width: 4)
                for index in 0..<count { out[index] = Int64(Int32(littleEndian: data.loadUnaligned(fromByteOffset: index * 4, as: Int32.self))) }
            } else if leaf.physical == .int64 {
                try ParquetDecoding.checkPlain(data, count: count, width: 8)
                UnsafeMutableRawPointer(out).copyMemory(from: data.baseAddress!, byteCount: count * 8)
            } else {
                throw unsupported(encoding)
            }
        case .deltaBinaryPacked?:
            var position = 0
            let decoded = try ParquetDecoding.deltaBinaryPacked(data, &position, limit: max(count, 1) * 2)
            guard decoded.count >= count else { throw Failure(message: "DELTA_BINARY_PACKED data holds \(decoded.count) of \(count) values") }
            if leaf.physical == .int32 && isUnsigned {
                for index in 0..<count { out[index] = Int64(UInt32(truncatingIfNeeded: decoded[index])) }
            } else if leaf.physical == .int32 {
                for index in 0..<count { out[index] = Int64(Int32(truncatingIfNeeded: decoded[index])) }
            } else {
                for index in 0..<count { out[index] = decoded[index] }
            }
        default:
            throw unsupported(encoding)
        }
    }

    /// Doubles from FLOAT/DOUBLE, or from integers (INT32, INT64, INT96, decimal bytes) through `convert`.
    private func decodeDoubles(
        _ encoding: Int32, _ data: UnsafeRawBufferPointer, _ count: Int, _ out: UnsafeMutablePointer<Double>,
        _ convert: (Int64) -> Double
    ) throws {
        guard count > 0 else { return }
        switch leaf.physical {
        case .double, .float:
            let width = leaf.physical == .double ? 8 : 4
            try ParquetDecoding.checkPlain(data, count: count, width: width)
            if encoding == ParquetEncoding.plain.rawValue {
                if width == 8 {
                    UnsafeMutableRawPointer(out).copyMemory(from: data.baseAddress!, byteCount: count * 8)
                } else {
                    for index in 0..<count { out[index] = Double(data.loadUnaligned(fromByteOffset: index * 4, as: Float.self)) }
                }
            } else if encoding == ParquetEncoding.byteStreamSplit.rawValue {
                // Byte k of value i is at k * count + i.
                for index in 0..<count {
                    var bits: UInt64 = 0
                    for byte in 0..<width { bits |= UInt64(data[byte * count + index]) << UInt64(8 * byte) }
                    out[index] = width == 8 ? Double(bitPattern: bits) : Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
                }
            } else {
                throw unsupported(encoding)
            }
        case .int32, .int64:
            var raw = [Int64](repeating: 0, count: count)
            try raw.withUnsafeMutableBufferPointer { try decodeIntegers(encoding, data, count, $0.baseAddress!) }
            for index in 0..<count { out[index] = convert(raw[index]) }
        case .int96:
            var index = 0
            try ParquetDecoding.byteArrays(data, encoding: encoding, count: count, width: 12) { bytes in
                // Nanoseconds of the day, then the Julian day (2440588 is 1970-01-01).
                let nanos = Int64(littleEndian: bytes.loadUnaligned(as: Int64.self))
                let day = Int64(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: 8, as: Int32.self))) - 2_440_588
                out[index] = convert(day &* 86_400_000_000_000 &+ nanos)
                index += 1
            }
        case .fixedLenByteArray, .byteArray:
            // DECIMAL as a big-endian two's complement integer.
            var index = 0
            let divisor: Double
            if case .decimals(let d) = leaf.target { divisor = d } else { divisor = 1 }
            try ParquetDecoding.byteArrays(data, encoding: encoding, count: count, width: leaf.physical == .fixedLenByteArray ? leaf.typeLength : nil) { bytes in
                out[index] = Self.bigEndianDecimal(bytes) / divisor
                index += 1
            }
            guard index == count else { throw Failure(message: "a page holds \(index) of \(count) values") }
        case .boolean:
            throw unsupported(encoding)
        }
    }

    static func bigEndianDecimal(_ bytes: UnsafeRawBufferPointer) -> Double {
        guard let first = bytes.first else { return 0 }
        if bytes.count <= 8 {
            var value: Int64 = first & 0x80 != 0 ? -1 : 0
            for byte in bytes { value = value << 8 | Int64(byte) }
            return Double(value)
        }
        // A negative value as the negation of its magnitude (the bytes inverted, plus one): taking
        // 2^(8 * count) away from the unsigned value would lose the whole value to rounding.
        let negative = first & 0x80 != 0
        var value = 0.0
        for byte in bytes { value = value * 256 + Double(negative ? ~byte : byte) }
        return negative ? -(value + 1) : value
    }

    private func decodeBooleans(_ encoding: Int32, _ data: UnsafeRawBufferPointer, _ count: Int, _ out: UnsafeMutablePointer<Bool>) throws {
        guard count > 0 else { return }
        switch ParquetEncoding(rawValue: encoding) {
        case .plain?:
            try ParquetDecoding.plainBooleans(data, count: count, into: out)
        case .rle?:
            guard data.count >= 4 else { throw Failure(message: "an RLE boolean page without its length") }
            let length = Int(UInt32(littleEndian: data.loadUnaligned(as: UInt32.self)))
            guard length <= data.count - 4 else { throw Failure(message: "RLE booleans run past their page") }
            var bits = [UInt32](repeating: 0, count: count)
            try bits.withUnsafeMutableBufferPointer {
                try ParquetDecoding.hybrid(UnsafeRawBufferPointer(rebasing: data[4..<4 + length]), bitWidth: 1, count: count, into: $0.baseAddress!)
            }
            for index in 0..<count { out[index] = bits[index] != 0 }
        default:
            throw unsupported(encoding)
        }
    }

    private func decodeStrings(
        _ encoding: Int32, _ data: UnsafeRawBufferPointer, _ count: Int, _ out: UnsafeMutablePointer<UInt32>, _ interner: inout ByteInterner
    ) throws {
        var index = 0
        let width: Int? = leaf.physical == .fixedLenByteArray ? leaf.typeLength : nil
        let asText = leaf.physical == .fixedLenByteArray
        var text: [UInt8] = []
        try ParquetDecoding.byteArrays(data, encoding: encoding, count: count, width: width) { bytes in
            guard index < count else { return }
            if asText {
                // Fixed-length bytes that are not a decimal: a UUID in its usual form, others in hex.
                text.removeAll(keepingCapacity: true)
                Self.appendHex(bytes, uuid: leaf.logical == .uuid && bytes.count == 16, to: &text)
                out[index] = text.withUnsafeBufferPointer { interner.intern($0).code }
            } else {
                let (code, isNew) = interner.intern(bytes.assumingMemoryBound(to: UInt8.self))
                if isNew, UTF8Validation.firstInvalidByte(bytes.assumingMemoryBound(to: UInt8.self)) != nil {
                    throw Failure(message: "a value is not UTF-8 text (binary data is not supported)")
                }
                out[index] = code
            }
            index += 1
        }
        guard index == count else { throw Failure(message: "a page holds \(index) of \(count) values") }
    }

    private static func appendHex(_ bytes: UnsafeRawBufferPointer, uuid: Bool, to text: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        for (offset, byte) in bytes.enumerated() {
            if uuid, [4, 6, 8, 10].contains(offset) { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
    }

    /// The fraction digits a column of doubles needs (at most 12), from up to 2,000 values spread
    /// over the column: what the CSV reader learns from the text.
    static func fractionDigits(_ values: [Double], _ validity: NullBitmap, isFloat: Bool) -> Int {
        guard !values.isEmpty else { return 0 }
        let step = max(1, values.count / 2000)
        var most = 0
        var row = 0
        while row < values.count {
            defer { row += step }
            let value = values[row]
            guard validity.isValid(row), value.isFinite, most < 12 else { continue }
            var digits = most
            var scale = 1.0
            for _ in 0..<digits { scale *= 10 }
            while digits < 12 {
                let rounded = (value * scale).rounded() / scale
                if isFloat ? Float(rounded) == Float(value) : rounded == value { break }
                digits += 1
                scale *= 10
            }
            most = digits
        }
        return most
    }
}
