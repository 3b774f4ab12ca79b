import Synthesis
import Tabular

/// One column's figures on one side, for the describe sheet (`I`): computed once when the sheet
/// opens, over the rows the grid shows.
public struct ColumnSummary: Sendable, Equatable {
    public var rows: Int
    public var nulls: Int
    public var distinct: Int
    /// The smallest and largest values as the grid writes them (numbers and dates only).
    public var min: String?
    public var max: String?
    /// Numbers only (for flags, the mean is the share of true).
    public var mean: Double?
    public var median: Double?
    public var standardDeviation: Double?
    /// The most frequent value as the grid writes it (the first seen on a tie).
    public var mode: String?

    public init(_ column: FormulaColumn, rows: [Int]) {
        self.rows = rows.count
        var valid: [Int] = []
        valid.reserveCapacity(rows.count)
        for row in rows where row < column.values.count && column.validity.isValid(row) { valid.append(row) }
        nulls = rows.count - valid.count
        let text = { (row: Int) in CellText.text(column.values, validity: column.validity, row: row) }

        // Values are counted by a key: the level code for text, the number otherwise.
        var counts: [Double: Int] = [:]
        var firstRow: [Double: Int] = [:]
        var bestKey: Double?
        for row in valid {
            let key: Double = switch column.values {
            case .strings(let codes, _): Double(codes[row])
            default: column.values.numericValue(at: row) ?? 0
            }
            let count = (counts[key] ?? 0) + 1
            counts[key] = count
            if firstRow[key] == nil { firstRow[key] = row }
            if let best = bestKey, let bestCount = counts[best] {
                if count > bestCount || (count == bestCount && firstRow[key]! < firstRow[best]!) { bestKey = key }
            } else {
                bestKey = key
            }
        }
        distinct = counts.count
        mode = bestKey.flatMap { firstRow[$0] }.flatMap(text)

        switch column.values {
        case .integers, .decimals, .datetimes:
            let numbers = valid.map { column.values.numericValue(at: $0)! }
            guard !numbers.isEmpty else { return }
            let low = valid.indices.min { numbers[$0] < numbers[$1] }!
            let high = valid.indices.max { numbers[$0] < numbers[$1] }!
            min = text(valid[low])
            max = text(valid[high])
            // The mean of dates is not a figure anyone reads; their range is.
            if case .datetimes = column.values { return }
            (mean, median, standardDeviation) = Self.moments(numbers)
        case .booleans:
            let numbers = valid.map { column.values.numericValue(at: $0)! }
            guard !numbers.isEmpty else { return }
            mean = numbers.reduce(0, +) / Double(numbers.count)
        case .strings:
            break
        }
    }

    /// Mean, median and sample standard deviation (nil with one value).
    static func moments(_ numbers: [Double]) -> (Double, Double, Double?) {
        let count = Double(numbers.count)
        let mean = numbers.reduce(0, +) / count
        let sorted = numbers.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        guard numbers.count > 1 else { return (mean, median, nil) }
        let variance = numbers.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
        return (mean, median, variance.squareRoot())
    }
}
