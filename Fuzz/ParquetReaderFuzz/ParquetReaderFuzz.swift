// libFuzzer target: the Parquet reader on in-memory bytes (footer, page headers, encodings,
// codecs), then profiling and type inference on whatever it read.
import FuzzSupport
import Tabular

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    do {
        let table = try ParquetReader.read(bytes: bytes, name: "fuzz.parquet").table
        let profiles = Profiler.profile(table)
        let proposals = TypeInference.propose(table, profiles: profiles)
        precondition(profiles.count == table.columns.count && proposals.count == table.columns.count)
        for column in table.columns { precondition(column.count == table.rowCount) }
    } catch {
        // A refused file is fine; only crashes, hangs and leaks are findings.
        FuzzMain.note("refused: \(error)")
    }
    return 0
}

@main enum Main { static func main() { FuzzMain.run(fuzz) } }
