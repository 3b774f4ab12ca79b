import Foundation
import TestSupport
import Testing
@testable import Tabular

@Suite("Parquet writer")
struct ParquetWriterTests {
    static let source = ParquetReaderTests.fixtures.appendingPathComponent("default.parquet").path

    /// Every column as comparable values: numbers, seconds and text, nil for null.
    static func cells(_ table: Table) -> [[String?]] {
        table.columns.map { column in
            (0..<column.count).map { row in
                guard !column.isNull(row) else { return nil }
                if let number = column.values.numericValue(at: row) { return "\(number)" }
                return column.text(at: row)
            }
        }
    }

    @Test("what the writer writes reads back to the same values, with each codec, nulls and all types", arguments: [
        ParquetWriter.Compression.snappy, .none, .gzip, .zstd,
    ])
    func roundTrip(compression: ParquetWriter.Compression) throws {
        let table = try CSVReader.read(path: Self.source).table
        let bytes = try ParquetWriter(compression: compression).bytes(table)
        let back = try ParquetReader.read(bytes: bytes, name: "written.parquet").table
        #expect(back.columnNames == table.columnNames)
        #expect(Self.cells(back) == Self.cells(table))
        // Dates and timestamps keep their layouts (and so their Parquet types).
        #expect(back.columns.map(\.values.physicalTypeName) == table.columns.map { $0.values.physicalTypeName == "int64" ? "int64" : $0.values.physicalTypeName })
        #expect(back.column(named: "ts_us")?.text(at: 0) == table.column(named: "ts_us")?.text(at: 0))
        #expect(back.column(named: "day")?.text(at: 0) == "2020-01-01")
    }

    @Test("an all-null column and a one-level column round trip")
    func edgeColumns() throws {
        let table = Table(columns: [
            Column(name: "none", values: .strings(codes: [0, 0, 0], levels: []), validity: NullBitmap(count: 3, allValid: false)),
            Column(name: "one", values: .strings(codes: [0, 0, 0], levels: ["x"])),
            Column(name: "n", values: .integers([5, 0, 7], .plain), validity: NullBitmap([true, false, true])),
        ])
        let back = try ParquetReader.read(bytes: try ParquetWriter().bytes(table), name: "edge.parquet").table
        #expect(Self.cells(back) == Self.cells(table))
    }

    @Test("pyarrow reads Doppel's Parquet to the same values (nulls, timestamps, decimals)")
    func pyarrowReadsOutput() throws {
        let folder = Fixtures.temporaryDirectory()
        let table = try CSVReader.read(path: Self.source).table
        let path = folder.appendingPathComponent("doppel.parquet").path
        try Data(try ParquetWriter().bytes(table)).write(to: URL(fileURLWithPath: path))
        try PyArrow.run(["Tests/Fixtures/parquet/make_fixtures.py", "--dump", path, folder.appendingPathComponent("expected.json").path])
        try ParquetReaderTests.expectMatches(table, expectedAt: folder, variant: "doppel.parquet read by pyarrow")
    }
}
