/// Parquet's value encodings, decoded from a page's bytes with bounds checks (a corrupt page
/// throws, never reads past its end): the RLE/bit-packed hybrid (definition levels, dictionary
/// indices, booleans), PLAIN, DELTA_BINARY_PACKED, DELTA_LENGTH_BYTE_ARRAY, DELTA_BYTE_ARRAY
/// and BYTE_STREAM_SPLIT. Loads are unaligned little-endian reads, as Parquet lays them out.
enum ParquetDecoding {
    struct Failure: Error { var message: String }

    static func varint(_ data: UnsafeRawBufferPointer, _ position: inout Int) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < data.count else { throw Failure(message: "a page ends inside a number") }
            let byte = data[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return result }
            shift += 7
            guard shift <= 63 else { throw Failure(message: "a varint longer than 10 bytes in a page") }
        }
    }

    static func zigzag(_ data: UnsafeRawBufferPointer, _ position: inout Int) throws -> Int64 {
        let raw = try varint(data, &position)
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    /// Reads a little-endian word of up to 8 bytes at `offset`, zero-filled past `available`.
    @inline(__always)
    static func word(_ base: UnsafeRawPointer, _ offset: Int, _ available: Int) -> UInt64 {
        if offset + 8 <= available { return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        var value: UInt64 = 0
        var index = offset
        var shift: UInt64 = 0
        while index < available {
            value |= UInt64(base.load(fromByteOffset: index, as: UInt8.self)) << shift
            index += 1
            shift += 8
        }
        return value
    }

    /// Unpacks `count` values of `bitWidth` (≤ 32) bits, least significant bit first.
    @inline(__always)
    static func unpack32(_ base: UnsafeRawPointer, available: Int, bitWidth: Int, count: Int, into out: UnsafeMutablePointer<UInt32>) {
        if bitWidth == 0 {
            out.update(repeating: 0, count: count)
            return
        }
        let mask: UInt64 = (1 << UInt64(bitWidth)) - 1
        var bit = 0
        for index in 0..<count {
            let value = word(base, bit >> 3, available) >> UInt64(bit & 7)
            out[index] = UInt32(truncatingIfNeeded: value & mask)
            bit += bitWidth
        }
    }

    /// Unpacks values of up to 64 bits (DELTA_BINARY_PACKED's miniblocks).
    static func unpack64(_ base: UnsafeRawPointer, available: Int, bitWidth: Int, count: Int, into out: UnsafeMutablePointer<UInt64>) {
        if bitWidth == 0 {
            out.update(repeating: 0, count: count)
            return
        }
        let mask: UInt64 = bitWidth == 64 ? ~0 : (1 << UInt64(bitWidth)) - 1
        var bit = 0
        for index in 0..<count {
            let shift = bit & 7
            var value = word(base, bit >> 3, available) >> UInt64(shift)
            if shift + bitWidth > 64 {
                value |= word(base, (bit >> 3) + 8, available) << UInt64(64 - shift)
            }
            out[index] = value & mask
            bit += bitWidth
        }
    }

    /// The RLE/bit-packed hybrid: `count` values of `bitWidth` bits into `out`.
    static func hybrid(_ data: UnsafeRawBufferPointer, bitWidth: Int, count: Int, into out: UnsafeMutablePointer<UInt32>) throws {
        guard bitWidth <= 32 else { throw Failure(message: "a bit width of \(bitWidth) in RLE data") }
        guard count > 0 else { return }
        guard let base = data.baseAddress else { throw Failure(message: "empty RLE data for \(count) values") }
        var position = 0
        var produced = 0
        let valueBytes = (bitWidth + 7) / 8
        while produced < count {
            let header = try varint(data, &position)
            if header & 1 == 0 {
                let run = Int(clamping: header >> 1)
                guard position + valueBytes <= data.count else { throw Failure(message: "RLE data ends inside a run") }
                var value: UInt32 = 0
                for byte in 0..<valueBytes { value |= UInt32(data[position + byte]) << UInt32(8 * byte) }
                position += valueBytes
                let take = min(run, count - produced)
                (out + produced).update(repeating: value, count: take)
                produced += take
            } else {
                let groups = Int(clamping: header >> 1)
                guard groups <= (data.count - position) else { throw Failure(message: "RLE data ends inside a bit-packed run") }
                let bytes = groups * bitWidth
                let available = min(bytes, data.count - position)
                let take = min(groups * 8, count - produced)
                guard take * bitWidth <= available * 8 else { throw Failure(message: "RLE data ends inside a bit-packed run") }
                unpack32(base + position, available: available, bitWidth: bitWidth, count: take, into: out + produced)
                position += available
                produced += take
            }
        }
    }

    /// DELTA_BINARY_PACKED: at most `limit` values; `position` is left after the last block.
    static func deltaBinaryPacked(_ data: UnsafeRawBufferPointer, _ position: inout Int, limit: Int) throws -> [Int64] {
        let blockSize = try varint(data, &position)
        let miniblocks = try varint(data, &position)
        let total = try varint(data, &position)
        var last = try zigzag(data, &position)
        guard blockSize > 0, blockSize <= 1 << 16, miniblocks > 0, miniblocks <= blockSize, blockSize % miniblocks == 0 else {
            throw Failure(message: "a DELTA_BINARY_PACKED header with blocks of \(blockSize) in \(miniblocks) miniblocks")
        }
        guard total <= UInt64(limit) else { throw Failure(message: "DELTA_BINARY_PACKED data claims \(total) values, more than the page holds") }
        let count = Int(total)
        var values: [Int64] = []
        values.reserveCapacity(count)
        guard count > 0 else { return values }
        values.append(last)
        let perMiniblock = Int(blockSize / miniblocks)
        var deltas = [UInt64](repeating: 0, count: perMiniblock)
        guard let base = data.baseAddress else { throw Failure(message: "empty DELTA_BINARY_PACKED data") }
        while values.count < count {
            let minDelta = try zigzag(data, &position)
            guard position + Int(miniblocks) <= data.count else { throw Failure(message: "DELTA_BINARY_PACKED data ends inside a block") }
            let widthsAt = position
            position += Int(miniblocks)
            for miniblock in 0..<Int(miniblocks) where values.count < count {
                let width = Int(data[widthsAt + miniblock])
                guard width <= 64 else { throw Failure(message: "a DELTA_BINARY_PACKED bit width of \(width)") }
                let bytes = perMiniblock * width / 8
                let take = min(perMiniblock, count - values.count)
                guard position + (take * width + 7) / 8 <= data.count else { throw Failure(message: "DELTA_BINARY_PACKED data ends inside a miniblock") }
                let available = min(bytes, data.count - position)
                deltas.withUnsafeMutableBufferPointer {
                    unpack64(base + position, available: available, bitWidth: width, count: take, into: $0.baseAddress!)
                }
                for index in 0..<take {
                    last = last &+ minDelta &+ Int64(bitPattern: deltas[index])
                    values.append(last)
                }
                position += available
            }
        }
        return values
    }

    /// PLAIN booleans: one bit each, least significant first.
    static func plainBooleans(_ data: UnsafeRawBufferPointer, count: Int, into out: UnsafeMutablePointer<Bool>) throws {
        guard (count + 7) / 8 <= data.count else { throw Failure(message: "a page holds fewer booleans than it claims") }
        for index in 0..<count { out[index] = (data[index >> 3] >> UInt8(index & 7)) & 1 == 1 }
    }

    /// Fixed-width PLAIN values: checks that `count` of `width` bytes are there.
    static func checkPlain(_ data: UnsafeRawBufferPointer, count: Int, width: Int) throws {
        let (bytes, overflow) = count.multipliedReportingOverflow(by: width)
        guard !overflow, bytes <= data.count else {
            throw Failure(message: "a page holds fewer values than it claims (\(count) of \(width) bytes in \(data.count) bytes)")
        }
    }

    /// Byte strings in any of Parquet's byte-array encodings, each passed to `body`.
    /// `width` is the fixed length of FIXED_LEN_BYTE_ARRAY (and 12 for INT96), nil for BYTE_ARRAY.
    static func byteArrays(
        _ data: UnsafeRawBufferPointer, encoding: Int32, count: Int, width: Int?,
        _ body: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        guard count > 0 else { return }
        guard let base = data.baseAddress else { throw Failure(message: "an empty page claims \(count) values") }
        switch ParquetEncoding(rawValue: encoding) {
        case .plain?:
            if let width {
                try checkPlain(data, count: count, width: width)
                for index in 0..<count { try body(UnsafeRawBufferPointer(start: base + index * width, count: width)) }
            } else {
                var position = 0
                for _ in 0..<count {
                    guard position + 4 <= data.count else { throw Failure(message: "a page ends inside a string's length") }
                    let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
                    position += 4
                    guard length <= data.count - position else { throw Failure(message: "a string runs past the end of its page") }
                    try body(UnsafeRawBufferPointer(start: base + position, count: length))
                    position += length
                }
            }
        case .deltaLengthByteArray?:
            var position = 0
            let lengths = try deltaBinaryPacked(data, &position, limit: count)
            guard lengths.count == count else { throw Failure(message: "DELTA_LENGTH_BYTE_ARRAY lengths for \(lengths.count) of \(count) values") }
            for length in lengths {
                guard length >= 0, length <= data.count - position else { throw Failure(message: "a string runs past the end of its page") }
                try body(UnsafeRawBufferPointer(start: base + position, count: Int(length)))
                position += Int(length)
            }
        case .deltaByteArray?:
            var position = 0
            let prefixes = try deltaBinaryPacked(data, &position, limit: count)
            let suffixes = try deltaBinaryPacked(data, &position, limit: count)
            guard prefixes.count == count, suffixes.count == count else { throw Failure(message: "DELTA_BYTE_ARRAY lengths do not match the page's values") }
            var previous: [UInt8] = []
            var current: [UInt8] = []
            for index in 0..<count {
                let prefix = prefixes[index], suffix = suffixes[index]
                guard prefix >= 0, prefix <= previous.count, suffix >= 0, suffix <= data.count - position else {
                    throw Failure(message: "a DELTA_BYTE_ARRAY value runs past its data")
                }
                current.removeAll(keepingCapacity: true)
                current.append(contentsOf: previous[0..<Int(prefix)])
                current.append(contentsOf: UnsafeRawBufferPointer(start: base + position, count: Int(suffix)))
                position += Int(suffix)
                try current.withUnsafeBytes { try body($0) }
                swap(&previous, &current)
            }
        default:
            throw Failure(message: "the \(encodingName(encoding)) encoding is not supported for byte arrays")
        }
    }

    static func encodingName(_ encoding: Int32) -> String {
        switch ParquetEncoding(rawValue: encoding) {
        case .plain?: "PLAIN"
        case .plainDictionary?: "PLAIN_DICTIONARY"
        case .rle?: "RLE"
        case .bitPacked?: "BIT_PACKED"
        case .deltaBinaryPacked?: "DELTA_BINARY_PACKED"
        case .deltaLengthByteArray?: "DELTA_LENGTH_BYTE_ARRAY"
        case .deltaByteArray?: "DELTA_BYTE_ARRAY"
        case .rleDictionary?: "RLE_DICTIONARY"
        case .byteStreamSplit?: "BYTE_STREAM_SPLIT"
        case nil: "encoding \(encoding)"
        }
    }
}
