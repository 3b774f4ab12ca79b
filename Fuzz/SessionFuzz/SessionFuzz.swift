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
    do {
        let plan = try PlanFile.decode(yaml: text, file: "fuzz-plan.yaml")
        FuzzMain.note("a plan of \(plan.columns.count) columns")
    } catch {
        FuzzMain.note("not a plan: \(error)")
    }
    let file: SessionFile
    do {
        file = try SessionFile.parse(text, path: "fuzz-session.yaml")
    } catch {
        FuzzMain.note("not a session: \(error)")
        return 0
    }
    let session = file.session
    guard includeModels, let model = session.model else { return 0 }
    // Without a model for every generated column, `prepare` would read the source from disk.
    guard session.plan.outputColumns.allSatisfy({ model.columns[$0.name] != nil }) else {
        FuzzMain.note("not sampled: some generated columns have no fitted model")
        return 0
    }
    if let rows = session.plan.rows, rows > maximumRows {
        FuzzMain.note("not sampled: \(rows) rows")
        return 0
    }
    do {
        let prepared = try SessionRunner.prepare(file, environment: [:], allowChangedSource: true)
        let table = try prepared.plan.sample(rows: sampledRows)
        precondition(table.rowCount == sampledRows || table.columns.isEmpty)
        FuzzMain.note("sampled \(table.rowCount) rows of \(table.columnCount) columns from the fitted models")
    } catch {
        // Refused: fine.
        FuzzMain.note("fitted models refused: \(error)")
    }
    return 0
}

@main enum Main { static func main() { FuzzMain.run(fuzz) } }
