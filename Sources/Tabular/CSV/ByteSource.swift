#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// A stream of bytes read in blocks. `read` returns 0 at the end.
protocol ByteSource: AnyObject {
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

final class MemoryByteSource: ByteSource {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, bytes.count - position)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.baseAddress!.copyMemory(from: source.baseAddress! + position, byteCount: count)
        }
        position += count
        return count
    }
}

final class FileDescriptorSource: ByteSource {
    private let descriptor: Int32
    private let owned: Bool

    init(descriptor: Int32, owned: Bool) {
        self.descriptor = descriptor
        self.owned = owned
    }

    deinit { if owned { close(descriptor) } }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw ByteSourceError.readFailed(String(cString: strerror(errno)))
        }
    }
}

/// Passes another source's bytes through, showing each read to `tap` first.
final class TappedSource: ByteSource {
    private let inner: any ByteSource
    private let tap: (UnsafeRawBufferPointer) -> Void

    init(_ inner: any ByteSource, tap: @escaping (UnsafeRawBufferPointer) -> Void) {
        self.inner = inner
        self.tap = tap
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try inner.read(into: buffer)
        if count > 0 { tap(UnsafeRawBufferPointer(rebasing: buffer[0..<count])) }
        return count
    }
}

enum ByteSourceError: Error {
    case readFailed(String)
    case corruptGzip(String)
}

/// Passes bytes through, or inflates them when they start with the gzip magic number.
/// Hand-written over zlib's inflate because that is the only way to peek at the first bytes
/// of standard input and still decode them.
final class GzipDetectingSource: ByteSource {
    private let inner: any ByteSource
    private let name: String
    private var peeked: [UInt8] = []
    private var peekedPosition = 0
    /// zlib keeps a pointer back to its stream, so the stream lives at a fixed address.
    private var stream: UnsafeMutablePointer<z_stream>?
    private var compressed = [UInt8](repeating: 0, count: 1 << 18)
    private var compressedCount = 0
    private var compressedPosition = 0
    private var innerFinished = false
    /// True while a gzip member has started and not reached its end; EOF then means truncation.
    private var inMember = true

    init(_ inner: any ByteSource, name: String) throws {
        self.inner = inner
        self.name = name
        // Read enough to see the magic number.
        var head = [UInt8](repeating: 0, count: 1 << 16)
        let count = try head.withUnsafeMutableBytes { try inner.read(into: $0) }
        head.removeSubrange(count...)
        if head.count >= 2, head[0] == 0x1f, head[1] == 0x8b {
            let zstream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            zstream.initialize(to: z_stream())
            let status = inflateInit2_(zstream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                zstream.deallocate()
                throw DataError(file: name, message: "cannot start gzip decoding (zlib status \(status))")
            }
            stream = zstream
            compressed.replaceSubrange(0..<head.count, with: head)
            compressedCount = head.count
        } else {
            peeked = head
        }
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
        }
    }

    /// True when the input is gzip-compressed (its decompressed size is then unknown).
    var isCompressed: Bool { stream != nil }

    /// True when uncompressed input starts like a JSON object with a key, `{"` (after a byte
    /// order mark and spaces): how JSON Lines is recognised by content, from the bytes already
    /// read to look for the gzip magic number.
    var startsLikeJSONObject: Bool {
        guard stream == nil else { return false }
        var index = peeked.count >= 3 && peeked[0] == 0xEF && peeked[1] == 0xBB && peeked[2] == 0xBF ? 3 : 0
        func skipSpace() {
            while index < peeked.count, [0x20, 0x09, 0x0D, 0x0A].contains(peeked[index]) { index += 1 }
        }
        skipSpace()
        guard index < peeked.count, peeked[index] == UInt8(ascii: "{") else { return false }
        index += 1
        skipSpace()
        return index < peeked.count && (peeked[index] == UInt8(ascii: "\"") || peeked[index] == UInt8(ascii: "}"))
    }

    /// True when uncompressed input starts with Parquet's magic number, PAR1.
    var startsWithParquetMagic: Bool {
        stream == nil && peekedPosition == 0 && ParquetReader.startsWithMagic(peeked)
    }

    /// Everything left to read (for Parquet from standard input, which needs the whole file).
    func readAll() throws -> [UInt8] {
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if count == 0 { return all }
            all.append(contentsOf: chunk[0..<count])
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard stream != nil else { return try readPlain(into: buffer) }
        return try readInflated(into: buffer)
    }

    private func readPlain(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if peekedPosition < peeked.count {
            let count = min(buffer.count, peeked.count - peekedPosition)
            peeked.withUnsafeBytes { buffer.baseAddress!.copyMemory(from: $0.baseAddress! + peekedPosition, byteCount: count) }
            peekedPosition += count
            if peekedPosition == peeked.count { peeked = [] ; peekedPosition = 0 }
            return count
        }
        return try inner.read(into: buffer)
    }

    private func readInflated(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let stream else { return 0 }
        var produced = 0
        while produced == 0 {
            if compressedPosition == compressedCount {
                if innerFinished { return 0 }
                compressedCount = try compressed.withUnsafeMutableBytes { try inner.read(into: $0) }
                compressedPosition = 0
                if compressedCount == 0 {
                    innerFinished = true
                    if inMember { throw DataError(file: name, message: "truncated gzip data: the file ends inside a compressed stream") }
                    return 0
                }
                inMember = true
            }
            let status: Int32 = compressed.withUnsafeMutableBytes { input in
                stream.pointee.next_in = input.baseAddress!.assumingMemoryBound(to: Bytef.self) + compressedPosition
                stream.pointee.avail_in = UInt32(compressedCount - compressedPosition)
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
                stream.pointee.avail_out = UInt32(buffer.count - produced)
                let status = inflate(stream, Z_NO_FLUSH)
                compressedPosition = compressedCount - Int(stream.pointee.avail_in)
                produced = buffer.count - Int(stream.pointee.avail_out)
                return status
            }
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Concatenated gzip members (as `cat a.gz b.gz` makes) continue after a reset.
                inflateReset(stream)
                inMember = compressedPosition < compressedCount
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw DataError(file: name, message: "corrupt gzip data: \(detail)")
            }
        }
        return produced
    }
}
