import Tabular

/// A column a formula reads: storage plus nulls, from a source table or from the synthetic
/// columns of a chunk. Rows are indexed as the column indexes them.
public struct FormulaColumn: Sendable {
    public var values: ColumnValues
    public var validity: NullBitmap

    public init(values: ColumnValues, validity: NullBitmap) {
        self.values = values
        self.validity = validity
    }

    public init(_ column: Column) { self.init(values: column.values, validity: column.validity) }
    public init(_ column: SyntheticColumn) { self.init(values: column.values, validity: column.validity) }

    public var type: FormulaType { FormulaType(of: values) }

    /// A closure reading one row; the null check is left out when the column has no nulls.
    var compiled: CompiledNode {
        let validity = validity
        let hasNulls = validity.nullCount > 0
        switch values {
        case .integers(let numbers, _):
            if !hasNulls { return .number { row in Double(numbers[row]) } }
            return .number { row in validity.isValid(row) ? Double(numbers[row]) : nil }
        case .decimals(let numbers, _), .datetimes(let numbers, _):
            // Stored values can be non-finite in principle; formulas only ever see finite numbers.
            if !hasNulls { return .number { row in finiteOrNull(numbers[row]) } }
            return .number { row in validity.isValid(row) ? finiteOrNull(numbers[row]) : nil }
        case .booleans(let flags, _):
            return .boolean { row in validity.isValid(row) ? flags[row] : nil }
        case .strings(let codes, let levels):
            return .text { row in validity.isValid(row) ? levels[Int(codes[row])] : nil }
        }
    }
}
