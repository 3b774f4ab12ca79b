import Tabular

/// A column's values on a number line, with NaN for null: the form KS, correlation, binning and
/// boundary checks read. Datetimes are epoch seconds, booleans 0 and 1. Text storage (a column
/// the real data calls numeric but a synthetic file wrote as words) has no number: all NaN.
enum NumberLine {
    static func values(_ column: Column) -> [Double] {
        var result: [Double]
        switch column.values {
        case .integers(let numbers, _): result = numbers.map { Double($0) }
        case .decimals(let numbers, _): result = numbers
        case .datetimes(let seconds, _): result = seconds
        case .booleans(let flags, _): result = flags.map { $0 ? 1 : 0 }
        case .strings(let codes, _): return Array(repeating: .nan, count: codes.count)
        }
        if column.validity.nullCount > 0 {
            result.withUnsafeMutableBufferPointer { buffer in
                for row in 0..<buffer.count where column.validity.isNull(row) { buffer[row] = .nan }
            }
        }
        return result
    }

    /// The non-null values, sorted ascending.
    static func sortedNonNull(_ values: [Double]) -> [Double] {
        var kept = values.filter { !$0.isNaN }
        kept.sort()
        return kept
    }
}
