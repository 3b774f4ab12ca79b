// libFuzzer target: the CSV reader on in-memory bytes, then profiling and type inference on
// whatever it read. The first byte chooses the read options; the rest is the file.
import FuzzSupport
import Tabular

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let settings = input.settings
    let delimiters: [UInt8?] = [nil, nil, nil, nil, UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]
    let ragged: [CSVReadOptions.RaggedRowPolicy] = [.error, .pad, .skip, .pad]
    let options = CSVReadOptions(
        delimiter: delimiters[Int(settings & 7)],
        hasHeader: settings & 8 == 0,
        nullTokens: settings & 16 == 0 ? CSVReadOptions.defaultNullTokens : ["", "-", "\"\""],
        ragged: ragged[Int(settings >> 5) & 3])
    // Tiny blocks (the reader's least is 16 bytes) put records across block boundaries. The
    // other size is smaller than the default (2 MB) only for gzip, whose size is not known
    // ahead: a debug build zero-fills each block byte by byte, 2 MB a few dozen times a second.
    let blockSize = settings & 128 == 0 ? 64 << 10 : 16 + Int(settings & 63)
    do {
        let result = try CSVReader.read(.bytes(input.payload, name: "fuzz.csv"), options: options, blockSize: blockSize)
        let table = result.table
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
