import Foundation
import Tabular
import Testing

@Suite("Parquet input and output, end to end")
struct ParquetCommandTests {
    static let fixtures = DoppelProcess.packageRoot.appendingPathComponent("Tests/Fixtures/parquet")

    @Test("a corrupt footer, a truncated file and a nested column: exit 2 with a message naming the file")
    func badFiles() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let good = try Data(contentsOf: Self.fixtures.appendingPathComponent("default.parquet"))
        var corrupt = [UInt8](good)
        corrupt.replaceSubrange((corrupt.count - 8)..<(corrupt.count - 4), with: [0x40, 0xE2, 0x01, 0x00])
        let corruptPath = directory.appendingPathComponent("corrupt.parquet").path
        try Data(corrupt).write(to: URL(fileURLWithPath: corruptPath))
        let footer = try DoppelProcess.run(["inspect", corruptPath])
        #expect(footer.status == 2)
        #expect(footer.stderr == "doppel: error: \(corruptPath): not a Parquet file: footer length 123456 exceeds the file size (\(good.count) bytes)\n")

        // Cut inside the data: the footer is re-attached, so the pages run short.
        var truncated = [UInt8](good)
        let footerLength = Int(truncated[truncated.count - 8]) | Int(truncated[truncated.count - 7]) << 8
        let footerBytes = Array(truncated.suffix(footerLength + 8))
        truncated = Array(truncated.prefix(truncated.count - footerLength - 8 - 3000)) + footerBytes
        let truncatedPath = directory.appendingPathComponent("truncated.parquet").path
        try Data(truncated).write(to: URL(fileURLWithPath: truncatedPath))
        let page = try DoppelProcess.run(["plan", truncatedPath])
        #expect(page.status == 2)
        #expect(page.stderr.hasPrefix("doppel: error: \(truncatedPath): "), "\(page.stderr)")
        #expect(page.stderr.contains("column '"), "\(page.stderr)")

        let nestedPath = Self.fixtures.appendingPathComponent("nested.parquet").path
        let nested = try DoppelProcess.run(["inspect", nestedPath])
        #expect(nested.status == 2)
        #expect(nested.stderr == "doppel: error: \(nestedPath): nested columns (structs, lists, maps) are not supported; Doppel reads flat tables (column 'tags')\n")
    }

    @Test("plan a Parquet source, then run it in 3 Parquet shards: their rows concatenated are the whole run's")
    func shardsConcatenate() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let source = Self.fixtures.appendingPathComponent("default.parquet").path
        let session = directory.appendingPathComponent("s.yaml").path
        let planned = try DoppelProcess.run(["plan", source, "--session", "--seed", "5", "-o", session])
        #expect(planned.status == 0, "\(planned.stderr)")
        let whole = directory.appendingPathComponent("whole.parquet").path
        let all = try DoppelProcess.run(["run", session, "--rows", "40000", "-o", whole, "--quiet"])
        #expect(all.status == 0, "\(all.stderr)")
        var shards: [Table] = []
        for index in 1...3 {
            let path = directory.appendingPathComponent("part\(index).parquet").path
            let run = try DoppelProcess.run(["run", session, "--rows", "40000", "--shard", "\(index)/3", "-o", path, "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            shards.append(try CSVReader.read(path: path).table)
        }
        let wholeTable = try CSVReader.read(path: whole).table
        #expect(wholeTable.rowCount == 40000)
        #expect(shards.map(\.rowCount).reduce(0, +) == 40000)
        let writer = CSVWriter(writeHeader: false)
        #expect(shards.map { writer.bytes($0) }.reduce([], +) == writer.bytes(wholeTable))
        #expect(wholeTable.columnNames == (try CSVReader.read(path: source).table.columnNames))
    }

    @Test("doppel sample -o x.parquet writes Parquet that reads back with the source's columns")
    func sampleToParquet() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let source = Self.fixtures.appendingPathComponent("gzip_v2.parquet").path
        let out = directory.appendingPathComponent("sample.parquet").path
        let sampled = try DoppelProcess.run(["sample", source, "--seed", "3", "--rows", "500", "-o", out])
        #expect(sampled.status == 0, "\(sampled.stderr)")
        let table = try CSVReader.read(path: out).table
        #expect(table.rowCount == 500)
        #expect(table.columnNames == (try CSVReader.read(path: source).table.columnNames))
    }

    @Test("a folder of Parquet tables plans as a relational session, and runs to a folder of Parquet tables")
    func relationalFolder() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let source = directory.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: source, withIntermediateDirectories: true)
        let fixtures = DoppelProcess.packageRoot.appendingPathComponent("Tests/Fixtures/relational")
        for name in ["stores", "customers", "orders"] {
            let table = try CSVReader.read(path: fixtures.appendingPathComponent("\(name).csv").path).table
            try Data(try ParquetWriter().bytes(table)).write(to: source.appendingPathComponent("\(name).parquet"))
        }
        let session = directory.appendingPathComponent("shop.yaml").path
        let planned = try DoppelProcess.run(["plan", source.path, "--seed", "4", "-o", session])
        #expect(planned.status == 0, "\(planned.stderr)")
        let out = directory.appendingPathComponent("out").path
        let run = try DoppelProcess.run(["run", session, "-o", out, "--format", "parquet", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let written = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(written == ["customers.parquet", "orders.parquet", "stores.parquet"])
        let stores = try CSVReader.read(path: (out as NSString).appendingPathComponent("stores.parquet")).table
        #expect(stores.rowCount == 5)
        let tsv = try DoppelProcess.run(["run", session, "-o", out, "--format", "tsv", "--replace"])
        #expect(tsv.status == 2)
    }
}
