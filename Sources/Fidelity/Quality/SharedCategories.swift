import Tabular

/// The values of a categorical column in the real and the synthetic table as codes into one
/// shared list of levels, so that "red" is the same code on both sides even though each table
/// interned its strings in its own order. Null rows get code `nullCode` (one past the levels),
/// which is how pandas' `groupby(dropna=False)` keeps null as a cell of its own.
struct SharedCategories: Sendable {
    /// The level names, real levels first in order of first appearance, then synthetic-only ones.
    let levels: [String]
    let real: [Int32]
    let synthetic: [Int32]

    var nullCode: Int32 { Int32(levels.count) }
    /// Codes in use: the levels plus null.
    var codeCount: Int { levels.count + 1 }

    init(real realColumn: Column, synthetic syntheticColumn: Column) {
        var builder = Builder()
        let realCodes: [Int32], synthCodes: [Int32]
        switch (realColumn.values, syntheticColumn.values) {
        case (.strings(let realRows, let realLevels), .strings(let synthRows, let synthLevels)):
            // Map level tables, not rows: one dictionary look-up per level.
            let realMap = realLevels.map { builder.code(forText: $0) }
            let synthMap = synthLevels.map { builder.code(forText: $0) }
            realCodes = Self.remap(realRows, realMap, realColumn.validity)
            synthCodes = Self.remap(synthRows, synthMap, syntheticColumn.validity)
        case (.booleans(let realFlags, _), .booleans(let synthFlags, _)):
            // Matched by truth value whatever each file's spelling; named in the real spelling.
            let name = { (column: Column, flag: Bool) -> String in
                if case .booleans(_, let style) = column.values { return flag ? style.trueToken : style.falseToken }
                return flag ? "true" : "false"
            }
            let falseCode = builder.code(forText: name(realColumn, false))
            let trueCode = builder.code(forText: name(realColumn, true))
            realCodes = Self.remap(realFlags.map { $0 ? 1 : 0 }, [falseCode, trueCode], realColumn.validity)
            synthCodes = Self.remap(synthFlags.map { $0 ? 1 : 0 }, [falseCode, trueCode], syntheticColumn.validity)
        case (.strings, _), (_, .strings), (.booleans, _), (_, .booleans):
            // Mixed storage (rare: a synthetic file written differently): match by text.
            realCodes = Self.byText(realColumn, &builder)
            synthCodes = Self.byText(syntheticColumn, &builder)
        default:
            // Numbers of any storage match by value, as pandas compares 1 and 1.0 equal.
            realCodes = Self.byNumber(realColumn, &builder)
            synthCodes = Self.byNumber(syntheticColumn, &builder)
        }
        levels = builder.names
        // Null rows were marked with a sentinel before the level count was known.
        real = Self.fillNull(realCodes, Int32(builder.names.count))
        synthetic = Self.fillNull(synthCodes, Int32(builder.names.count))
    }

    private struct Builder {
        var names: [String] = []
        var byText: [String: Int32] = [:]
        var byBits: [UInt64: Int32] = [:]

        mutating func code(forText text: String) -> Int32 {
            if let code = byText[text] { return code }
            let code = Int32(names.count)
            names.append(text)
            byText[text] = code
            return code
        }

        mutating func code(forNumber value: Double, name: @autoclosure () -> String) -> Int32 {
            let bits = (value == 0 ? 0.0 : value).bitPattern
            if let code = byBits[bits] { return code }
            let code = Int32(names.count)
            names.append(name())
            byBits[bits] = code
            return code
        }
    }

    private static let pendingNull: Int32 = -1

    private static func remap<Code: BinaryInteger>(_ codes: [Code], _ map: [Int32], _ validity: NullBitmap) -> [Int32] {
        var result = [Int32](repeating: pendingNull, count: codes.count)
        for row in 0..<codes.count where validity.isValid(row) { result[row] = map[Int(codes[row])] }
        return result
    }

    private static func byText(_ column: Column, _ builder: inout Builder) -> [Int32] {
        (0..<column.count).map { row in column.text(at: row).map { builder.code(forText: $0) } ?? pendingNull }
    }

    private static func byNumber(_ column: Column, _ builder: inout Builder) -> [Int32] {
        let numbers = NumberLine.values(column)
        var result = [Int32](repeating: pendingNull, count: numbers.count)
        for row in 0..<numbers.count where !numbers[row].isNaN {
            result[row] = builder.code(forNumber: numbers[row], name: column.text(at: row) ?? "")
        }
        return result
    }

    private static func fillNull(_ codes: [Int32], _ nullCode: Int32) -> [Int32] {
        var result = codes
        for index in result.indices where result[index] == pendingNull { result[index] = nullCode }
        return result
    }
}
