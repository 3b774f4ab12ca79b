// libFuzzer target: the session and plan loader, fitted models included. The whole input is
// the file's text. A session whose `model:` section covers every generated column is prepared
// from its embedded models (no source is read) and sampled; errors are fine, crashes and hangs
// are findings.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FuzzSupport
import Session
import Synthesis

/// Sessions asking for more rows than this are parsed but not sampled: a legitimately slow
/// input is not a finding.
let maximumRows = 5000
/// Rows drawn from a prepared plan.
let sampledRows = 50
/// Sessions with a `model:` section are prepared and sampled unless DOPPEL_FUZZ_MODELS=0.
let includeModels = getenv("DOPPEL_FUZZ_MODELS").map { String(cString: $0) != "0" } ?? true

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // Doppel refuses files that are not UTF-8 before parsing them.
    guard let text = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    _ = try? PlanFile.decode(yaml: text, file: "fuzz-plan.yaml")
    guard let file = try? SessionFile.parse(text, path: "fuzz-session.yaml") else { return 0 }
    let session = file.session
    guard includeModels, let model = session.model else { return 0 }
    // Without a model for every generated column, `prepare` would read the source from disk.
    guard session.plan.outputColumns.allSatisfy({ model.columns[$0.name] != nil }) else { return 0 }
    if let rows = session.plan.rows, rows > maximumRows { return 0 }
    do {
        let prepared = try SessionRunner.prepare(file, environment: [:], allowChangedSource: true)
        let table = try prepared.plan.sample(rows: sampledRows)
        precondition(table.rowCount == sampledRows || table.columns.isEmpty)
    } catch {
        // Refused: fine.
    }
    return 0
}

@main enum Main { static func main() { FuzzMain.run(fuzz) } }
