import CBrotli
import CLZ4
import CSnappy
import CZlib
import CZstd

/// Parquet's page codecs through the system's libraries: SNAPPY (libsnappy), GZIP (zlib),
/// ZSTD (libzstd), and on read LZ4_RAW and Hadoop-framed LZ4 (liblz4) and BROTLI (libbrotli). A page says how large it is uncompressed, so every codec decompresses into
/// a buffer of exactly that size and a page that does not fill it is corrupt.
enum ParquetCompression {
    struct Failure: Error { var message: String }

    static func name(_ codec: Int32) -> String {
        switch ParquetCodec(rawValue: codec) {
        case .uncompressed?: "UNCOMPRESSED"
        case .snappy?: "SNAPPY"
        case .gzip?: "GZIP"
        case .lzo?: "LZO"
        case .brotli?: "BROTLI"
        case .lz4?: "LZ4"
        case .zstd?: "ZSTD"
        case .lz4Raw?: "LZ4_RAW"
        case nil: "codec \(codec)"
        }
    }

    static func isSupported(_ codec: Int32) -> Bool {
        [ParquetCodec.uncompressed, .snappy, .gzip, .zstd, .lz4Raw, .lz4, .brotli].contains { $0.rawValue == codec }
    }

    /// Decompresses `input` into `output` (resized to `size`).
    static func decompress(_ codec: Int32, _ input: UnsafeRawBufferPointer, size: Int, into output: inout [UInt8]) throws {
        try checkPlausible(codec, input, size: size)
        if output.count < size { output = [UInt8](repeating: 0, count: max(size, output.count * 2)) }
        try output.withUnsafeMutableBytes { out in
            switch ParquetCodec(rawValue: codec) {
            case .uncompressed?:
                guard input.count == size else { throw Failure(message: "an uncompressed page of \(input.count) bytes claims \(size)") }
                if size > 0 { out.baseAddress!.copyMemory(from: input.baseAddress!, byteCount: size) }
            case .snappy?:
                var length = size
                let status = input.withMemoryRebound(to: CChar.self) { source in
                    out.withMemoryRebound(to: CChar.self) { destination in
                        snappy_uncompress(source.baseAddress, source.count, destination.baseAddress, &length)
                    }
                }
                guard status == SNAPPY_OK, length == size else { throw Failure(message: "corrupt SNAPPY data in a page") }
            case .zstd?:
                let produced = ZSTD_decompress(out.baseAddress, size, input.baseAddress, input.count)
                guard ZSTD_isError(produced) == 0, produced == size else {
                    throw Failure(message: "corrupt ZSTD data in a page")
                }
            case .gzip?:
                try inflate(input, into: UnsafeMutableRawBufferPointer(rebasing: out[0..<size]))
            case .lz4Raw?:
                try lz4Block(input, into: UnsafeMutableRawBufferPointer(rebasing: out[0..<size]))
            case .lz4?:
                // Parquet's LZ4 is Hadoop's framing of LZ4 blocks; some writers used bare blocks
                // under that name, so a page the framing does not fit is read as one block.
                let output = UnsafeMutableRawBufferPointer(rebasing: out[0..<size])
                if (try? lz4Hadoop(input, into: output)) == nil { try lz4Block(input, into: output) }
            case .brotli?:
                var length = size
                let status = BrotliDecoderDecompress(input.count, input.bindMemory(to: UInt8.self).baseAddress, &length,
                                                     out.bindMemory(to: UInt8.self).baseAddress)
                guard status == BROTLI_DECODER_RESULT_SUCCESS, length == size else { throw Failure(message: "corrupt BROTLI data in a page") }
            default:
                throw Failure(message: "the \(name(codec)) codec is not supported (Doppel reads UNCOMPRESSED, SNAPPY, GZIP, ZSTD, LZ4, LZ4_RAW and BROTLI)")
            }
        }
    }

    /// Refuses a size the compressed bytes cannot hold before allocating it: a corrupt page
    /// header must not make the reader reserve gigabytes.
    private static func checkPlausible(_ codec: Int32, _ input: UnsafeRawBufferPointer, size: Int) throws {
        let plausible: Bool
        switch ParquetCodec(rawValue: codec) {
        case .uncompressed?: plausible = input.count == size
        case .snappy?:
            var length = 0
            let status = input.withMemoryRebound(to: CChar.self) { snappy_uncompressed_length($0.baseAddress, $0.count, &length) }
            plausible = status == SNAPPY_OK && length == size
        case .zstd?:
            let content = ZSTD_getFrameContentSize(input.baseAddress, input.count)
            // Unknown sizes (streamed frames) are bounded by zstd's maximum ratio.
            plausible = content == UInt64(size) || (content == ZSTD_CONTENTSIZE_UNKNOWN && size / 32_768 <= input.count)
        case .gzip?: plausible = size / 1032 <= input.count  // deflate's maximum ratio
        case .lz4Raw?, .lz4?: plausible = size / 255 <= input.count  // LZ4's maximum ratio
        // Brotli has no small maximum ratio: a page is bounded by zstd's unknown-size rule or 64 MB.
        case .brotli?: plausible = size <= 64 << 20 || size / 32_768 <= input.count
        default: plausible = true
        }
        guard plausible else { throw Failure(message: "a page claims \(size) bytes uncompressed, which its \(input.count) compressed bytes cannot hold (the file is corrupt)") }
    }

    /// One LZ4 block that must fill `output` exactly.
    private static func lz4Block(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        guard input.count <= Int32.max, output.count <= Int32.max else { throw Failure(message: "an LZ4 page larger than 2 GB") }
        if output.isEmpty && input.isEmpty { return }
        let produced = input.withMemoryRebound(to: CChar.self) { source in
            output.withMemoryRebound(to: CChar.self) { destination in
                LZ4_decompress_safe(source.baseAddress, destination.baseAddress, Int32(source.count), Int32(destination.count))
            }
        }
        guard produced == output.count else { throw Failure(message: "corrupt LZ4 data in a page") }
    }

    /// Hadoop's LZ4 framing: blocks of (uncompressed size, compressed size, both 4 bytes
    /// big-endian, then the LZ4 data) that together fill `output` exactly.
    private static func lz4Hadoop(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        var read = 0, written = 0
        func bigEndian(_ at: Int) -> Int { (0..<4).reduce(0) { $0 << 8 | Int(input[at + $1]) } }
        while read < input.count {
            guard input.count - read >= 8 else { throw Failure(message: "a Hadoop LZ4 frame header cut short") }
            let expanded = bigEndian(read), compressed = bigEndian(read + 4)
            read += 8
            guard compressed <= input.count - read, expanded <= output.count - written else { throw Failure(message: "a Hadoop LZ4 frame runs past its page") }
            try lz4Block(UnsafeRawBufferPointer(rebasing: input[read..<read + compressed]),
                         into: UnsafeMutableRawBufferPointer(rebasing: output[written..<written + expanded]))
            read += compressed
            written += expanded
        }
        guard written == output.count else { throw Failure(message: "Hadoop LZ4 frames hold \(written) of \(output.count) bytes") }
    }

    /// gzip (or zlib) data that must fill `output` exactly.
    private static func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws {
        var stream = z_stream()
        // 32 + 15: a gzip or a zlib header, detected.
        guard inflateInit2_(&stream, 32 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(message: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        stream.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = uInt(output.count)
        let status = CZlib.inflate(&stream, Z_FINISH)
        guard status == Z_STREAM_END, stream.avail_out == 0 else { throw Failure(message: "corrupt GZIP data in a page") }
    }

    /// Compresses a page's bytes with `codec` (SNAPPY, GZIP, ZSTD or none).
    static func compress(_ codec: ParquetCodec, _ input: [UInt8]) -> [UInt8] {
        switch codec {
        case .snappy:
            var length = snappy_max_compressed_length(input.count)
            var output = [UInt8](repeating: 0, count: length)
            let status = input.withUnsafeBytes { source in
                output.withUnsafeMutableBytes { destination in
                    snappy_compress(source.baseAddress?.assumingMemoryBound(to: CChar.self), source.count,
                                    destination.baseAddress?.assumingMemoryBound(to: CChar.self), &length)
                }
            }
            precondition(status == SNAPPY_OK, "snappy_compress failed with a buffer of its maximum size")
            output.removeLast(output.count - length)
            return output
        case .zstd:
            let bound = ZSTD_compressBound(input.count)
            var output = [UInt8](repeating: 0, count: bound)
            let length = input.withUnsafeBytes { source in
                output.withUnsafeMutableBytes { ZSTD_compress($0.baseAddress, bound, source.baseAddress, source.count, 3) }
            }
            precondition(ZSTD_isError(length) == 0, "ZSTD_compress failed with a buffer of its bound's size")
            output.removeLast(output.count - length)
            return output
        case .gzip:
            var stream = z_stream()
            let status = deflateInit2_(&stream, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            precondition(status == Z_OK, "zlib deflateInit2 failed")
            defer { deflateEnd(&stream) }
            let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
            var output = [UInt8](repeating: 0, count: bound)
            var input = input
            let produced = input.withUnsafeMutableBytes { source in
                output.withUnsafeMutableBytes { destination -> Int in
                    stream.next_in = source.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_in = uInt(source.count)
                    stream.next_out = destination.baseAddress?.assumingMemoryBound(to: Bytef.self)
                    stream.avail_out = uInt(destination.count)
                    let status = deflate(&stream, Z_FINISH)
                    precondition(status == Z_STREAM_END, "zlib deflate did not finish in a buffer of its bound's size")
                    return destination.count - Int(stream.avail_out)
                }
            }
            output.removeLast(output.count - produced)
            return output
        default:
            return input
        }
    }
}
