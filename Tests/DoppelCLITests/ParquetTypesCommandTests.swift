import Foundation
import TestSupport
import Testing

/// `doppel sample` and `doppel run` to .parquet from a Parquet source: the output keeps the
/// source's Parquet types, checked by pyarrow (Tests/Fixtures/parquet/typed_roundtrip.py).
@Suite("Parquet output keeps the source's types, end to end")
struct ParquetTypesCommandTests {
    static let script = "Tests/Fixtures/parquet/typed_roundtrip.py"

    /// A pyarrow-written source (int32, float32, decimal(10, 2), date32, timestamp[ms, UTC],
    /// timestamp[us], string, with nulls) in a new folder.
    static func source(rows: Int = 600) throws -> (folder: URL, path: String) {
        let folder = DoppelProcess.temporaryDirectory()
        let path = folder.appendingPathComponent("typed.parquet").path
        try PyArrow.run([script, "make", path, String(rows)])
        return (folder, path)
    }

    @Test("doppel sample -o out.parquet: pyarrow reads the source's arrow schema back, with plausible values")
    func sample() throws {
        let (folder, source) = try Self.source()
        let out = folder.appendingPathComponent("out.parquet").path
        let sampled = try DoppelProcess.run(["sample", source, "--seed", "2", "--rows", "900", "-o", out])
        #expect(sampled.status == 0, "\(sampled.stderr)")
        #expect(!sampled.stderr.contains("warning"), "\(sampled.stderr)")
        try PyArrow.run([Self.script, "check", source, out, "900"])
    }

    @Test("doppel run on a session: from the source, from embedded models (the source's footer gives the types), and without the source (doppel fit recorded them)")
    func run() throws {
        let (folder, source) = try Self.source()
        let session = folder.appendingPathComponent("s.yaml").path
        let planned = try DoppelProcess.run(["plan", source, "--session", "--seed", "5", "-o", session])
        #expect(planned.status == 0, "\(planned.stderr)")
        let out = folder.appendingPathComponent("run.parquet").path
        let ran = try DoppelProcess.run(["run", session, "--rows", "700", "-o", out, "--quiet"])
        #expect(ran.status == 0, "\(ran.stderr)")
        try PyArrow.run([Self.script, "check", source, out, "700"])

        let fitted = folder.appendingPathComponent("fitted.yaml").path
        let fit = try DoppelProcess.run(["fit", session, "-o", fitted, "--include-real-values"])
        #expect(fit.status == 0, "\(fit.stderr)")
        let replayed = folder.appendingPathComponent("replayed.parquet").path
        let again = try DoppelProcess.run(["run", fitted, "--rows", "700", "-o", replayed, "--quiet"])
        #expect(again.status == 0, "\(again.stderr)")
        try PyArrow.run([Self.script, "check", source, replayed, "700"])

        // Without the source: the types doppel fit recorded in source.columns.
        let text = try String(contentsOfFile: fitted, encoding: .utf8)
        #expect(text.contains("parquet_type: DECIMAL(10, 2) FIXED(5)") && text.contains("parquet_type: TIMESTAMP(MILLIS, UTC)"), "\(text.prefix(1500))")
        let moved = folder.appendingPathComponent("kept.parquet").path
        try FileManager.default.moveItem(atPath: source, toPath: moved)
        let sourceless = folder.appendingPathComponent("sourceless.parquet").path
        let alone = try DoppelProcess.run(["run", fitted, "--rows", "700", "-o", sourceless, "--quiet"])
        #expect(alone.status == 0, "\(alone.stderr)")
        try PyArrow.run([Self.script, "check", moved, sourceless, "700"])

        // A recorded type that is not one is refused with its key and line.
        let bad = folder.appendingPathComponent("bad.yaml").path
        try text.replacingOccurrences(of: "parquet_type: INT32", with: "parquet_type: INT33").write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try DoppelProcess.run(["run", bad, "--rows", "10", "-o", folder.appendingPathComponent("x.parquet").path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("key 'source.columns[0].parquet_type': 'INT33' is not a Parquet type Doppel writes"), "\(refused.stderr)")
    }

    @Test("values that do not fit (beyond INT32, FLOAT, DECIMAL(10, 2)) widen their columns with a warning; the rest keep their types")
    func widening() throws {
        let (folder, source) = try Self.source(rows: 200)
        let plan = folder.appendingPathComponent("wide.yaml").path
        try """
        seed: 3
        columns:
        - {name: count32, kind: integer, strategy: uniform, parameters: {min: 0, max: 5000000000, clip: false}}
        - {name: ratio32, kind: decimal, strategy: uniform, parameters: {min: 0, max: 1e39, clip: false}}
        - {name: price, kind: decimal, strategy: uniform, parameters: {min: 0, max: 1000000000000, clip: false}}
        - {name: day, kind: datetime, strategy: empirical}
        - {name: stamp_ms, kind: datetime, strategy: empirical}
        - {name: stamp_us, kind: datetime, strategy: empirical}
        - {name: label, kind: categorical, strategy: categorical}

        """.write(toFile: plan, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("wide.parquet").path
        // Several generation chunks (row groups): every one is written in the widened types.
        let sampled = try DoppelProcess.run(["sample", source, "--plan", plan, "--rows", "40000", "-o", out])
        #expect(sampled.status == 0, "\(sampled.stderr)")
        let warnings = sampled.stderr.split(separator: "\n").filter { $0.hasPrefix("doppel: warning: ") }
        #expect(warnings.count == 3, "\(sampled.stderr)")
        for (column, from, to) in [("count32", "INT32", "INT64"), ("ratio32", "FLOAT", "DOUBLE"), ("price", "DECIMAL(10, 2)", "DOUBLE")] {
            #expect(warnings.contains { $0.contains("column '\(column)'") && $0.contains("Parquet type \(from); the column is written as \(to)") }, "\(sampled.stderr)")
        }
        let schema = try PyArrow.run([Self.script, "schema", out])
        #expect(schema == """
            count32: int64
            ratio32: double
            price: double
            day: date32[day]
            stamp_ms: timestamp[ms, tz=UTC]
            stamp_us: timestamp[us]
            label: string

            """)
        #expect(try PyArrow.run(["-c", "import sys, pyarrow.parquet as pq; m = pq.read_metadata(sys.argv[1]); print(m.num_rows, m.num_row_groups)", out]) == "40000 3\n")
    }

    @Test("doppel run on a folder of Parquet tables writes each table with its source's types")
    func relational() throws {
        let (folder, source) = try Self.source(rows: 300)
        let tables = folder.appendingPathComponent("tables")
        try FileManager.default.createDirectory(at: tables, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: source, toPath: tables.appendingPathComponent("items.parquet").path)
        let session = folder.appendingPathComponent("tables.yaml").path
        let planned = try DoppelProcess.run(["plan", tables.path, "--seed", "4", "-o", session])
        #expect(planned.status == 0, "\(planned.stderr)")
        let out = folder.appendingPathComponent("out")
        let ran = try DoppelProcess.run(["run", session, "-o", out.path, "--format", "parquet", "--quiet"])
        #expect(ran.status == 0, "\(ran.stderr)")
        try PyArrow.run([Self.script, "check", source, out.appendingPathComponent("items.parquet").path, "300"])
    }
}
