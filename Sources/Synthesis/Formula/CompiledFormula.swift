import Tabular

/// A formula bound to its columns, ready to evaluate row by row or over a range of rows.
public struct CompiledFormula: Sendable {
    /// The result's type: number, text, boolean, or null (the formula is null in every row).
    public let type: FormulaType
    let root: CompiledNode

    init(_ root: CompiledNode) {
        self.root = root
        type = root.type
    }

    public func value(at row: Int) -> FormulaValue { root.value(at: row) }

    /// For predicates: only true passes (false and null do not), as in a SQL WHERE clause.
    public func isTrue(at row: Int) -> Bool { root.value(at: row) == .boolean(true) }

    /// The values of `rows`, in order, with their nulls.
    public func evaluate(rows: Range<Int>) -> FormulaResult {
        switch root {
        case .constant(.number(let value)):
            return .numbers(Array(repeating: value, count: rows.count), validity: NullBitmap(count: rows.count, allValid: true))
        case .constant(.text(let value)):
            return .texts(Array(repeating: value, count: rows.count), validity: NullBitmap(count: rows.count, allValid: true))
        case .constant(.boolean(let value)):
            return .booleans(Array(repeating: value, count: rows.count), validity: NullBitmap(count: rows.count, allValid: true))
        case .constant(.null):
            return .numbers(Array(repeating: 0, count: rows.count), validity: NullBitmap(count: rows.count, allValid: false))
        case .number(let function):
            let (values, validity) = Self.collect(rows, function, placeholder: 0)
            return .numbers(values, validity: validity)
        case .text(let function):
            let (values, validity) = Self.collect(rows, function, placeholder: "")
            return .texts(values, validity: validity)
        case .boolean(let function):
            let (values, validity) = Self.collect(rows, function, placeholder: false)
            return .booleans(values, validity: validity)
        }
    }

    private static func collect<T>(_ rows: Range<Int>, _ function: (Int) -> T?, placeholder: T) -> ([T], NullBitmap) {
        var validity = NullBitmap(count: rows.count, allValid: true)
        let values = [T](unsafeUninitializedCapacity: rows.count) { buffer, initialized in
            for (index, row) in rows.enumerated() {
                if let value = function(row) {
                    (buffer.baseAddress! + index).initialize(to: value)
                } else {
                    (buffer.baseAddress! + index).initialize(to: placeholder)
                    validity.set(index, valid: false)
                }
            }
            initialized = rows.count
        }
        return (values, validity)
    }
}

/// A formula's values over a range of rows; null rows hold a placeholder (0, "", false).
public enum FormulaResult: Sendable {
    case numbers([Double], validity: NullBitmap)
    case texts([String], validity: NullBitmap)
    case booleans([Bool], validity: NullBitmap)

    public var validity: NullBitmap {
        switch self {
        case .numbers(_, let validity), .texts(_, let validity), .booleans(_, let validity): validity
        }
    }

    public var count: Int { validity.count }
}
