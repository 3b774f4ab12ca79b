import CZlib

/// zlib's deflate format (RFC 1950) in memory, for the compact fitted models of a session.
/// Inflating is bounded: a model is untrusted input, and a few kilobytes of deflate can claim
/// gigabytes.
public enum Deflate {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Compressed at `level` (a deterministic function of the input and the level: no timestamps
    /// or names). Level 1 by default: fitted models hold packed (base64) number arrays, on which
    /// level 9 spent 20 s of a flights fit for a few percent of size.
    public static func compress(_ bytes: [UInt8], level: Int32 = 1) -> [UInt8] {
        var length = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { out in
                compress2(out.baseAddress, &length, input.baseAddress, uLong(bytes.count), level)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed (\(status)) with a buffer of compressBound's size")
        return Array(output.prefix(Int(length)))
    }

    /// The inflated bytes, refusing corrupt input and output over `limit` bytes.
    public static func decompress(_ bytes: [UInt8], limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard inflateInit_(&stream, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(description: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = bytes
        var status: Int32 = Z_OK
        try input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.next_in = inputBuffer.baseAddress
            stream.avail_in = uInt(inputBuffer.count)
            repeat {
                let produced: Int = chunk.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = uInt(out.count)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return out.count - Int(stream.avail_out)
                }
                guard status == Z_OK || status == Z_STREAM_END else {
                    throw Failure(description: "not valid deflate data (zlib status \(status))")
                }
                if output.count + produced > limit {
                    throw Failure(description: "inflates to more than \(limit) bytes")
                }
                output += chunk.prefix(produced)
                if status == Z_OK && produced == 0 && stream.avail_in == 0 {
                    throw Failure(description: "the deflate data is cut short")
                }
            } while status != Z_STREAM_END
        }
        return output
    }
}
