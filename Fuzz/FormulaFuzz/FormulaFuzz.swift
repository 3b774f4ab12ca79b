// libFuzzer target: the formula parser, type checker and compiler, and evaluation over a few
// rows of every storage type (nulls, NaN-free decimals, texts, flags, dates). The whole input
// is the formula's text.
import FuzzSupport
import Synthesis
import Tabular

/// A few rows of each storage type; a formula's column names map onto these.
let sourceTable: Table = {
    let csv = """
    n,x,t,b,d,e
    1,2.5,alpha,true,2024-01-31,
    ,-0.125,,false,1999-12-31,x
    -9223372036854775807,1e300,"a,b",,2000-02-29,
    42,0,Ωmega,true,,
    """
    return try! CSVReader.read(.bytes(Array(csv.utf8), name: "formula-columns.csv")).table
}()

let sourceColumns: [FormulaColumn] = sourceTable.columns.map(FormulaColumn.init)

/// Each referenced name gets one of the source columns, chosen by its bytes.
func column(for name: String) -> FormulaColumn {
    let index = sourceTable.columnNames.firstIndex(of: name)
        ?? Int(name.utf8.reduce(UInt32(0)) { $0 &* 31 &+ UInt32($1) } % UInt32(sourceColumns.count))
    return sourceColumns[index]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    let formula: Formula
    do {
        formula = try Formula(text)
    } catch {
        FuzzMain.note("refused: \(error)")
        return 0
    }
    let columns = Dictionary(formula.references.map { ($0, column(for: $0)) }, uniquingKeysWith: { first, _ in first })
    // Checked once with no types known, once with the bound columns' types.
    _ = try? formula.check()
    _ = try? formula.check(columns: columns.mapValues(\.type))
    if formula.references.isEmpty { _ = try? formula.evaluate() }
    guard let compiled = try? formula.compile(columns: columns) else { return 0 }
    let rows = 0..<sourceTable.rowCount
    let result = compiled.evaluate(rows: rows)
    for row in rows {
        _ = compiled.value(at: row)
        _ = compiled.isTrue(at: row)
    }
    _ = result
    return 0
}

@main enum Main { static func main() { FuzzMain.run(fuzz, setUp: { _ = sourceColumns }) } }
