import Foundation
import TestSupport
import Testing
@testable import Tabular

@Suite("Parquet reader")
struct ParquetReaderTests {
    static let fixtures = Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/parquet")
    static let variants = ["default", "plain_uncompressed", "gzip_v2", "zstd_delta", "decimal_ints", "lz4", "brotli_v2"]

    /// Compares every cell of `table` with expected.json (written by make_fixtures.py).
    static func expectMatches(_ table: Table, expectedAt folder: URL, variant: String) throws {
        let data = try Data(contentsOf: folder.appendingPathComponent("expected.json"))
        let expected = try #require(try JSONSerialization.jsonObject(with: data) as? [String: [Any]])
        #expect(Set(table.columnNames) == Set(expected.keys), "\(variant)")
        for column in table.columns {
            let values = try #require(expected[column.name])
            #expect(values.count == column.count, "\(variant) \(column.name)")
            for row in 0..<min(values.count, column.count) {
                let want = values[row]
                if want is NSNull {
                    #expect(column.isNull(row), "\(variant) \(column.name) row \(row): expected null")
                    continue
                }
                #expect(!column.isNull(row), "\(variant) \(column.name) row \(row): unexpected null")
                switch column.values {
                case .integers(let ints, _):
                    #expect(ints[row] == (want as? NSNumber)?.int64Value, "\(variant) \(column.name) row \(row)")
                case .decimals(let doubles, _), .datetimes(let doubles, _):
                    let number = try #require((want as? NSNumber)?.doubleValue)
                    #expect(abs(doubles[row] - number) <= 1e-6 * max(1, abs(number)), "\(variant) \(column.name) row \(row): \(doubles[row]) vs \(number)")
                case .booleans(let flags, _):
                    #expect(flags[row] == (want as? Bool), "\(variant) \(column.name) row \(row)")
                case .strings:
                    #expect(column.text(at: row) == want as? String, "\(variant) \(column.name) row \(row)")
                }
            }
        }
    }

    @Test("pyarrow's files (each codec, encoding and page version) read back to the values written", arguments: variants)
    func checkedInFixtures(variant: String) throws {
        let path = Self.fixtures.appendingPathComponent("\(variant).parquet").path
        let table = try CSVReader.read(path: path).table
        try Self.expectMatches(table, expectedAt: Self.fixtures, variant: variant)
    }

    @Test("kinds follow the file's types: integers, decimals with their scale, dates and timestamps in their layouts")
    func storageFollowsTypes() throws {
        let table = try CSVReader.read(path: Self.fixtures.appendingPathComponent("default.parquet").path).table
        #expect(table.columns.map(\.values.physicalTypeName) == [
            "int64", "int64", "double", "double", "bool", "string", "string", "datetime", "datetime", "datetime", "datetime", "double", "double",
        ])
        #expect(table.column(named: "day")?.text(at: 1) == "2020-01-04")
        #expect(table.column(named: "ts_ms")?.text(at: 1) == "1970-01-01 01:00:00.500")
        #expect(table.column(named: "ts_us")?.text(at: 0) == "2019-04-14T00:00:00.000000Z")
        #expect(table.column(named: "price")?.text(at: 0) == "-90.0")
        #expect(table.column(named: "f64")?.text(at: 0) == "-0.125")
        #expect(table.column(named: "species")?.text(at: 3) == "Émilie ☃")
        // Inference still proposes finer kinds on the file's types.
        let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        #expect(kinds == [.integer, .integer, .decimal, .decimal, .boolean, .categorical, .text, .datetime, .datetime, .datetime, .datetime, .decimal, .decimal])
    }

    @Test("penguins in Parquet (as pyarrow writes it by default) profile like the CSV: same kinds but where the file says otherwise")
    func penguinsLikeCSV() throws {
        let csvPath = try Fixtures.sharedData("penguins")
        let folder = Fixtures.temporaryDirectory()
        let parquetPath = folder.appendingPathComponent("penguins.parquet").path
        try PyArrow.run(["-c", "import sys, pyarrow.csv as c, pyarrow.parquet as p; p.write_table(c.read_csv(sys.argv[1]), sys.argv[2])", csvPath, parquetPath])
        let parquet = try CSVReader.read(path: parquetPath).table
        let csv = try CSVReader.read(path: csvPath).table
        #expect(parquet.rowCount == csv.rowCount)
        let parquetKinds = TypeInference.propose(parquet, profiles: Profiler.profile(parquet)).map(\.kind)
        let csvKinds = TypeInference.propose(csv, profiles: Profiler.profile(csv)).map(\.kind)
        // pyarrow reads whole numbers with gaps (flipper length, body mass) as doubles, and the file keeps them so.
        #expect(parquetKinds[0] == csvKinds[0] && parquetKinds[1] == csvKinds[1] && parquetKinds[7] == csvKinds[7])
        #expect(parquet.columns[2].values.numericValue(at: 0) == csv.columns[2].values.numericValue(at: 0))
    }

    @Test("the same file from standard input or memory (recognised by PAR1, not the name) reads the same")
    func byContent() throws {
        let path = Self.fixtures.appendingPathComponent("default.parquet").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let fromMemory = try CSVReader.read(.bytes(bytes, name: "unnamed")).table
        #expect(fromMemory == (try CSVReader.read(path: path).table))
    }

    @Test("a corrupt footer, a truncated file and a file that is not Parquet each give a message naming the file")
    func corruptFiles() throws {
        let path = Self.fixtures.appendingPathComponent("default.parquet").path
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        func error(_ bytes: [UInt8]) -> String? {
            Fixtures.dataError { _ = try ParquetReader.read(bytes: bytes, name: "x.parquet") }?.description
        }
        #expect(error(Array(bytes.prefix(bytes.count - 100))) == "x.parquet: not a Parquet file: it does not end with PAR1 (is it truncated?)")
        var long = bytes
        long.replaceSubrange((long.count - 8)..<(long.count - 4), with: [0x40, 0xE2, 0x01, 0x00])
        #expect(error(long) == "x.parquet: not a Parquet file: footer length 123456 exceeds the file size (\(bytes.count) bytes)")
        #expect(error(Array("PAR1".utf8)) == "x.parquet: not a Parquet file: 4 bytes is too short (a Parquet file has at least 12)")
        // Garbage inside the footer.
        let footerLength = Int(bytes[bytes.count - 8]) | Int(bytes[bytes.count - 7]) << 8
        let footerStart = bytes.count - 8 - footerLength
        for index in footerStart..<(footerStart + 8) { bytes[index] = 0xFF }
        let message = try #require(error(bytes))
        #expect(message.hasPrefix("x.parquet: corrupt Parquet footer: "), "\(message)")
    }

    @Test("a page cut short or overwritten is an error naming the column, never a crash")
    func corruptPages() throws {
        let path = Self.fixtures.appendingPathComponent("plain_uncompressed.parquet").path
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        // Every single-byte change in the data section either reads or fails cleanly.
        var failures = 0
        for offset in stride(from: 4, to: 2000, by: 7) {
            var damaged = bytes
            damaged[offset] ^= 0x5A
            if Fixtures.dataError({ _ = try ParquetReader.read(bytes: damaged, name: "x.parquet") }) != nil { failures += 1 }
        }
        #expect(failures > 0)
        // A page header whose size runs past the chunk.
        let error = Fixtures.dataError { _ = try ParquetReader.read(bytes: Array(bytes.prefix(4)) + [UInt8](repeating: 0x15, count: 40) + Array(bytes.dropFirst(44)), name: "x.parquet") }
        #expect(error?.column != nil)
    }

    @Test("a nested column is refused, naming it")
    func nestedColumn() throws {
        var writer = ThriftWriter()
        var metadata = ParquetFileMetaData()
        metadata.schema = [
            ParquetSchemaElement(name: "schema", numChildren: 2),
            ParquetSchemaElement(name: "id", type: .int64, repetition: 0),
            ParquetSchemaElement(name: "tags", repetition: 1, numChildren: 1),
            ParquetSchemaElement(name: "element", type: .byteArray, repetition: 2),
        ]
        metadata.numRows = 0
        metadata.write(to: &writer)
        let bytes = Array("PAR1".utf8) + writer.bytes + withUnsafeBytes(of: UInt32(writer.bytes.count).littleEndian, Array.init) + Array("PAR1".utf8)
        let error = Fixtures.dataError { _ = try ParquetReader.read(bytes: bytes, name: "n.parquet") }
        #expect(error?.description == "n.parquet: nested columns (structs, lists, maps) are not supported; Doppel reads flat tables (column 'tags')")
    }

    @Test("round trip with pyarrow: every codec and encoding, several row groups and pages, nulls, timestamps, decimals")
    func pyarrowRoundTrip() throws {
        let folder = Fixtures.temporaryDirectory()
        try PyArrow.run(["Tests/Fixtures/parquet/make_fixtures.py", folder.path, "3000"])
        for variant in Self.variants {
            let table = try CSVReader.read(path: folder.appendingPathComponent("\(variant).parquet").path).table
            try Self.expectMatches(table, expectedAt: folder, variant: variant)
        }
    }
}
