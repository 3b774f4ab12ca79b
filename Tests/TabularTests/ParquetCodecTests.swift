import Testing
@testable import Tabular

/// The read-only codecs beyond pyarrow's own files (Tests/Fixtures/parquet lz4.parquet and
/// brotli_v2.parquet cover LZ4_RAW and BROTLI): Hadoop's LZ4 framing, which pyarrow no longer writes.
@Suite("Parquet LZ4 codecs")
struct ParquetCodecTests {
    /// "hello" as one LZ4 block of literals only (token 0x50: five literals, no match).
    static let block: [UInt8] = [0x50] + Array("hello".utf8)

    static func decompress(_ codec: ParquetCodec, _ input: [UInt8], size: Int) throws -> [UInt8] {
        var output: [UInt8] = []
        try input.withUnsafeBytes { try ParquetCompression.decompress(codec.rawValue, $0, size: size, into: &output) }
        return Array(output.prefix(size))
    }

    @Test("LZ4_RAW is one block; LZ4 is Hadoop's frames (sizes big-endian), or a bare block from writers that used the name for one")
    func lz4() throws {
        #expect(try Self.decompress(.lz4Raw, Self.block, size: 5) == Array("hello".utf8))
        let frame: [UInt8] = [0, 0, 0, 5, 0, 0, 0, UInt8(Self.block.count)] + Self.block
        #expect(try Self.decompress(.lz4, frame + frame, size: 10) == Array("hellohello".utf8))
        #expect(try Self.decompress(.lz4, Self.block, size: 5) == Array("hello".utf8))
        // A block that does not fill the page's size, and bytes that are not LZ4, are errors.
        #expect(throws: ParquetCompression.Failure.self) { try Self.decompress(.lz4Raw, Self.block, size: 6) }
        #expect(throws: ParquetCompression.Failure.self) { try Self.decompress(.lz4Raw, [0xF0, 1, 2], size: 20) }
        #expect(throws: ParquetCompression.Failure.self) { try Self.decompress(.brotli, [0xFF, 0xFF, 0xFF], size: 20) }
    }
}
