// libFuzzer target: the `pattern` strategy's template parser, its value generator and, for
// `unique`, the automaton that counts and numbers the template's values. The first byte
// chooses the column's kind and `unique`; the rest is the template.
import FuzzSupport
import Synthesis
import Tabular

/// A source for the plan to fit on; the pattern column is not in it, as in a plan that adds one.
let sourceTable = try! CSVReader.read(.bytes(Array("id\n1\n2\n3\n".utf8), name: "pattern-source.csv")).table

/// Rows drawn from each fitted template.
let sampledRows = 20

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let settings = input.settings
    let template = String(decoding: input.payload, as: UTF8.self)
    let kinds: [ColumnKind] = [.text, .integer, .identifier, .categorical]
    let kind = kinds[Int(settings & 3)]
    let unique = settings & 4 != 0
    let column = ColumnPlan(name: "made", kind: kind, strategy: "pattern",
                            parameters: Parameters(["template": .text(template), "unique": .bool(unique)]))
    let plan = Plan(seed: UInt64(settings), rows: sampledRows, columns: [column])
    do {
        // The column's own model, asked for exactly the rows wanted: a plan's sample draws whole
        // 16,384-row chunks, which for a 4,096-character template under the sanitizer takes
        // longer than the fuzzer's timeout without testing anything more of the template.
        let fitted = try FittedPlan.fit(plan, on: sourceTable)
        let model = fitted.columns[0]
        let first = try model.generate(GenerationRequest(rows: 0..<sampledRows, totalRows: sampledRows, generated: [:]),
                                       seed: UInt64(settings), chunk: 0)
        precondition(first.values.count == sampledRows)
        // Later rows of a long output, where `unique` numbers its values from the row index.
        if settings & 8 != 0 {
            let total = 1 << 40
            _ = try model.generate(GenerationRequest(rows: total - 3 ..< total, totalRows: total, generated: [:]),
                                   seed: UInt64(settings), chunk: (total - 3) / 16_384)
        }
    } catch {
        // A refused template is fine.
        FuzzMain.note("refused: \(error)")
    }
    return 0
}

@main enum Main { static func main() { FuzzMain.run(fuzz, setUp: { _ = sourceTable }) } }
