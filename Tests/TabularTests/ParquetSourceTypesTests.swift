import Foundation
import TestSupport
import Testing
@testable import Tabular

@Suite("Parquet output keeps a Parquet source's types")
struct ParquetSourceTypesTests {
    static func fixture(_ name: String) -> String { ParquetReaderTests.fixtures.appendingPathComponent("\(name).parquet").path }

    /// The types make_fixtures.py gives pyarrow (default.parquet: decimals in fixed-length bytes).
    static let fixtureTypes: ParquetSchemaHint = [
        "i32": .int32, "i64": .int64, "f32": .float, "f64": .double, "flag": .boolean, "species": .string, "note": .string,
        "day": .date, "ts_ms": .timestamp(unit: .millis, utc: false), "ts_us": .timestamp(unit: .micros, utc: true),
        "ts_ns": .timestamp(unit: .nanos, utc: false),
        "price": .decimal(precision: 9, scale: 2, storage: .fixed(length: 4)),
        "big": .decimal(precision: 22, scale: 4, storage: .fixed(length: 10)),
    ]

    @Test("the reader reports each column's type (and the footer alone gives the same)", arguments: ["default", "decimal_ints"])
    func readsTypes(variant: String) throws {
        var expected = Self.fixtureTypes
        // store_decimal_as_integer: precision 9 in INT32 (22 does not fit INT64, so it stays bytes).
        if variant == "decimal_ints" { expected["price"] = .decimal(precision: 9, scale: 2, storage: .int32) }
        let result = try CSVReader.read(path: Self.fixture(variant))
        #expect(result.parquetTypes == expected)
        #expect(try ParquetReader.columnTypes(path: Self.fixture(variant)) == expected)
        // CSV has none.
        #expect(try CSVReader.read(path: Fixtures.packageRoot.appendingPathComponent("Tests/Fixtures/penguins.csv").path).parquetTypes.isEmpty)
    }

    @Test("written with the source's types, a table reads back with those types and the same values", arguments: ["default", "decimal_ints"])
    func writesTypes(variant: String) throws {
        let source = try CSVReader.read(path: Self.fixture(variant))
        let bytes = try ParquetWriter(types: source.parquetTypes).bytes(source.table)
        let back = try ParquetReader.read(bytes: bytes, name: "typed.parquet")
        #expect(back.parquetTypes == source.parquetTypes)
        #expect(ParquetWriterTests.cells(back.table) == ParquetWriterTests.cells(source.table))
        // Without them, today's types: INT64, DOUBLE, and a unit from the values' fraction digits.
        let plain = try ParquetReader.read(bytes: try ParquetWriter().bytes(source.table), name: "plain.parquet").parquetTypes
        #expect(plain["i32"] == .int64 && plain["f32"] == .double && plain["price"] == .double)
    }

    @Test("pyarrow reads the output with the source's arrow schema")
    func pyarrowSchema() throws {
        let folder = Fixtures.temporaryDirectory()
        let source = try CSVReader.read(path: Self.fixture("default"))
        let path = folder.appendingPathComponent("typed.parquet").path
        try Data(try ParquetWriter(types: source.parquetTypes).bytes(source.table)).write(to: URL(fileURLWithPath: path))
        let script = "import sys, pyarrow.parquet as pq; a, b = pq.read_schema(sys.argv[1]), pq.read_schema(sys.argv[2]); print(a.equals(b)); print(b, file=sys.stderr)"
        #expect(try PyArrow.run(["-c", script, Self.fixture("default"), path]) == "True\n")
    }

    @Test("a value outside INT32 widens its column to INT64 with a warning; values are never wrapped")
    func int32Overflow() throws {
        let table = Table(columns: [
            Column(name: "n", values: .integers([1, 3_000_000_000, 0, -7], .plain), validity: NullBitmap([true, true, false, true])),
            Column(name: "small", values: .integers([1, 2, 3, 4], .plain)),
        ])
        let types: ParquetSchemaHint = ["n": .int32, "small": .int32]
        #expect(throws: ParquetWriter.ColumnsTooNarrow.self) { try ParquetWriter(types: types).bytes(table) }
        let (bytes, warnings) = try ParquetWriter.widening(types: types) { try $0.bytes(table) }
        #expect(warnings == ["column 'n': synthetic value 3000000000 does not fit the source's Parquet type INT32; the column is written as INT64"])
        let back = try ParquetReader.read(bytes: bytes, name: "wide.parquet")
        #expect(back.parquetTypes == ["n": .int64, "small": .int32])
        #expect(ParquetWriterTests.cells(back.table) == ParquetWriterTests.cells(table))
    }

    @Test("INT8, INT16 and unsigned integers keep their annotation; UINT32 above INT32's range reads as itself; a value out of range widens")
    func annotatedIntegers() throws {
        let types: ParquetSchemaHint = ["i8": .integer(bits: 8, signed: true), "i16": .integer(bits: 16, signed: true),
                                        "u8": .integer(bits: 8, signed: false), "u32": .integer(bits: 32, signed: false),
                                        "u64": .integer(bits: 64, signed: false)]
        let table = Table(columns: [
            Column(name: "i8", values: .integers([-128, 127, 0], .plain), validity: NullBitmap([true, true, false])),
            Column(name: "i16", values: .integers([-32768, 32767, 5], .plain)),
            Column(name: "u8", values: .integers([0, 255, 7], .plain)),
            Column(name: "u32", values: .integers([0, 4_294_967_295, 3_000_000_000], .plain)),
            Column(name: "u64", values: .integers([0, Int64.max, 1], .plain)),
        ])
        let back = try ParquetReader.read(bytes: try ParquetWriter(types: types).bytes(table), name: "ints.parquet")
        #expect(back.parquetTypes == types)
        #expect(ParquetWriterTests.cells(back.table) == ParquetWriterTests.cells(table))

        let outside = Table(columns: [Column(name: "i8", values: .integers([1, 128], .plain)), Column(name: "u32", values: .integers([-1, 2], .plain))])
        let (bytes, warnings) = try ParquetWriter.widening(types: types) { try $0.bytes(outside) }
        #expect(warnings == ["column 'i8': synthetic value 128 does not fit the source's Parquet type INT8; the column is written as INT64",
                             "column 'u32': synthetic value -1 does not fit the source's Parquet type UINT32; the column is written as INT64"])
        let wide = try ParquetReader.read(bytes: bytes, name: "wide.parquet")
        #expect(wide.parquetTypes == ["i8": .int64, "u32": .int64])
        #expect(ParquetWriterTests.cells(wide.table) == ParquetWriterTests.cells(outside))
    }

    @Test("pyarrow's int8, int16, uint8, uint16, uint32 and uint64 read as their values and come back as the same arrow types")
    func pyarrowIntegers() throws {
        let folder = Fixtures.temporaryDirectory()
        let source = folder.appendingPathComponent("ints.parquet").path
        try PyArrow.run(["-c", """
            import sys, pyarrow as pa, pyarrow.parquet as pq
            pq.write_table(pa.table({
                "i8": pa.array([-128, 127, None], pa.int8()), "i16": pa.array([-32768, 32767, 1], pa.int16()),
                "u8": pa.array([0, 255, 1], pa.uint8()), "u16": pa.array([0, 65535, None], pa.uint16()),
                "u32": pa.array([0, 4294967295, 3000000000], pa.uint32()), "u64": pa.array([0, 2**63 - 1, 5], pa.uint64()),
            }), sys.argv[1])
            """, source])
        let read = try CSVReader.read(path: source)
        #expect(ParquetWriterTests.cells(read.table) == [["-128.0", "127.0", nil], ["-32768.0", "32767.0", "1.0"], ["0.0", "255.0", "1.0"],
                                                         ["0.0", "65535.0", nil], ["0.0", "4294967295.0", "3000000000.0"],
                                                         ["0.0", "9.223372036854776e+18", "5.0"]])
        let out = folder.appendingPathComponent("out.parquet").path
        try Data(try ParquetWriter(types: read.parquetTypes).bytes(read.table)).write(to: URL(fileURLWithPath: out))
        let script = "import sys, pyarrow.parquet as pq; a, b = pq.read_table(sys.argv[1]), pq.read_table(sys.argv[2]); print(a.schema.equals(b.schema), a.equals(b))"
        #expect(try PyArrow.run(["-c", script, source, out]) == "True True\n")
    }

    @Test("decimals are rounded to the scale, in each storage; one needing more digits than the precision widens to DOUBLE",
          arguments: [ParquetColumnType.DecimalStorage.int32, .int64, .fixed(length: 5), .bytes])
    func decimals(storage: ParquetColumnType.DecimalStorage) throws {
        let types: ParquetSchemaHint = ["d": .decimal(precision: 9, scale: 2, storage: storage)]
        let fits = Table(columns: [Column(name: "d", values: .decimals([12.3456, -0.004, 9_999_999.99, -1234.5], DecimalStyle(maxFractionDigits: 2)))])
        let back = try ParquetReader.read(bytes: try ParquetWriter(types: types).bytes(fits), name: "d.parquet")
        #expect(back.parquetTypes == types)
        guard case .decimals(let values, _) = back.table[0].values else { Issue.record("not decimals"); return }
        #expect(values == [12.35, 0, 9_999_999.99, -1234.5])

        let tooWide = Table(columns: [Column(name: "d", values: .decimals([1.5, -10_000_000.004], DecimalStyle(maxFractionDigits: 2)))])
        let (bytes, warnings) = try ParquetWriter.widening(types: types) { try $0.bytes(tooWide) }
        #expect(warnings == ["column 'd': synthetic value -10000000.004 does not fit the source's Parquet type DECIMAL(9, 2); the column is written as DOUBLE"])
        let wide = try ParquetReader.read(bytes: bytes, name: "wide.parquet")
        #expect(wide.parquetTypes == ["d": .double])
        #expect(ParquetWriterTests.cells(wide.table) == ParquetWriterTests.cells(tooWide))
    }

    @Test("each type's session text reads back to the type; malformed or out-of-range text is refused")
    func sessionText() {
        let types: [ParquetColumnType] = [
            .boolean, .int32, .int64, .float, .double, .string, .date,
            .integer(bits: 8, signed: true), .integer(bits: 16, signed: true), .integer(bits: 8, signed: false),
            .integer(bits: 16, signed: false), .integer(bits: 32, signed: false), .integer(bits: 64, signed: false),
            .timestamp(unit: .millis, utc: true), .timestamp(unit: .micros, utc: false), .timestamp(unit: .nanos, utc: true),
            .decimal(precision: 9, scale: 2, storage: .int32), .decimal(precision: 18, scale: 0, storage: .int64),
            .decimal(precision: 38, scale: 38, storage: .fixed(length: 16)), .decimal(precision: 10, scale: 2, storage: .bytes),
        ]
        for type in types {
            #expect(ParquetColumnType(sessionText: type.sessionText) == type, "\(type.sessionText)")
            #expect(type.sessionText.range(of: ParquetColumnType.sessionTextPattern, options: .regularExpression) != nil, "\(type.sessionText)")
        }
        #expect(ParquetColumnType.decimal(precision: 10, scale: 2, storage: .fixed(length: 5)).sessionText == "DECIMAL(10, 2) FIXED(5)")
        for bad in ["INT33", "int32", "DECIMAL(39, 2) INT64", "DECIMAL(5, 6) INT32", "DECIMAL(10, 2) FIXED(17)", "DECIMAL(10,2) INT64",
                    "TIMESTAMP(MICROS)", "DECIMAL(10, 2)", "DECIMAL(10, 2) FIXED(5) X", ""] {
            #expect(ParquetColumnType(sessionText: bad) == nil, "\(bad)")
        }
    }

    @Test("a negative decimal in more than 8 bytes reads back exactly (not lost to rounding against 2^(8n))")
    func wideNegativeDecimal() {
        for length in [9, 10, 16] {
            var bytes = [UInt8](repeating: 0xFF, count: length)
            // -123450 in two's complement: ...FF FE 1D C6.
            bytes.replaceSubrange((length - 3)..<length, with: [0xFE, 0x1D, 0xC6])
            #expect(bytes.withUnsafeBytes { ParquetColumnDecoder.bigEndianDecimal($0) } == -123_450, "\(length) bytes")
        }
    }

    @Test("a FLOAT keeps single precision; a value beyond FLOAT's range widens to DOUBLE")
    func floats() throws {
        let types: ParquetSchemaHint = ["f": .float]
        let table = Table(columns: [Column(name: "f", values: .decimals([0.1, 2.5, -1e30], DecimalStyle(maxFractionDigits: 1)))])
        let back = try ParquetReader.read(bytes: try ParquetWriter(types: types).bytes(table), name: "f.parquet")
        #expect(back.parquetTypes == types)
        guard case .decimals(let values, _) = back.table[0].values else { Issue.record("not decimals"); return }
        #expect(values == [Double(Float(0.1)), 2.5, Double(Float(-1e30))])
        let huge = Table(columns: [Column(name: "f", values: .decimals([1, 1e39], DecimalStyle()))])
        let (bytes, warnings) = try ParquetWriter.widening(types: types) { try $0.bytes(huge) }
        #expect(warnings.count == 1)
        #expect(try ParquetReader.read(bytes: bytes, name: "w.parquet").parquetTypes == ["f": .double])
    }

    @Test("a piece written late that does not fit throws when it is placed, naming every column that needs widening")
    func latePiece() throws {
        let writer = ParquetWriter(types: ["a": .int32, "b": .int32])
        let fits = Table(columns: [Column(name: "a", values: .integers([1, 2], .plain)), Column(name: "b", values: .integers([3, 4], .plain))])
        let late = Table(columns: [Column(name: "a", values: .integers([1, -5_000_000_000], .plain)),
                                   Column(name: "b", values: .integers([Int64(Int32.max) + 1, 4], .plain))])
        var output: [UInt8] = []
        writer.appendHeader(fits, to: &output)
        var first: [UInt8] = [], second: [UInt8] = []
        writer.appendRows(fits, rows: 0..<2, to: &first)
        writer.appendRows(late, rows: 0..<2, to: &second)
        output += try writer.placing(first)
        do {
            _ = try writer.placing(second)
            Issue.record("placing a piece that does not fit did not throw")
        } catch let narrow as ParquetWriter.ColumnsTooNarrow {
            #expect(narrow.widenings.map(\.column) == ["a", "b"])
            #expect(narrow.widenings.map(\.value) == [-5_000_000_000, Double(Int32.max) + 1])
        }
    }

    @Test("a type the column's storage no longer holds is left aside; an output without rows has the source's types")
    func mismatchAndEmpty() throws {
        let table = Table(columns: [Column(name: "x", values: .strings(codes: [0, 1], levels: ["a", "b"])),
                                   Column(name: "t", values: .datetimes([0, 86_400], .isoDate))])
        let types: ParquetSchemaHint = ["x": .int32, "t": .timestamp(unit: .micros, utc: false)]
        let back = try ParquetReader.read(bytes: try ParquetWriter(types: types).bytes(table), name: "m.parquet")
        #expect(back.parquetTypes == ["x": .string, "t": .timestamp(unit: .micros, utc: false)])

        let writer = ParquetWriter(types: ["n": .int32, "d": .decimal(precision: 10, scale: 2, storage: .fixed(length: 5))])
        var output: [UInt8] = []
        writer.appendHeader(Table(columns: [Column(name: "n", values: .integers([], .plain)), Column(name: "d", values: .integers([], .plain))]), to: &output)
        writer.appendFooter(to: &output)
        let path = Fixtures.temporaryDirectory().appendingPathComponent("empty.parquet").path
        try Data(output).write(to: URL(fileURLWithPath: path))
        #expect(try ParquetReader.columnTypes(path: path) == ["n": .int32, "d": .decimal(precision: 10, scale: 2, storage: .fixed(length: 5))])
    }
}
