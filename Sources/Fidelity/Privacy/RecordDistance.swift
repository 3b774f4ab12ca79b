/// The distance between two records as SDMetrics 0.32 defines it for DCR (`dcr_utils.py`):
/// the mean over the evaluated columns of a per-cell distance in [0, 1].
///
/// - numbers and datetimes: `min(|x − y| / range, 1)`, the range (max − min) taken from the
///   reference rows (the real data a synthetic row is compared with); when that range is 0 the
///   cell is 0 for equal values and 1 otherwise;
/// - categories and booleans: 0 when equal, else 1;
/// - null against null is 0, null against a value is 1, in every column.
///
/// Each per-cell distance is a metric (a truncated one for numbers), so their mean is too: the
/// nearest-record index relies on it for its lower bounds.
struct RecordDistance: Sendable {
    let categoricalCount: Int
    let numericCount: Int
    /// Smallest reference value per numeric column (NaN when the reference has none).
    let minimums: [Double]
    /// max − min of the reference values per numeric column (NaN when the reference has none).
    let ranges: [Double]

    var columnCount: Int { categoricalCount + numericCount }

    init(reference: PrivacyRows) {
        categoricalCount = reference.categories.count
        numericCount = reference.numbers.count
        var minimums: [Double] = []
        var ranges: [Double] = []
        for values in reference.numbers {
            var low = Double.infinity
            var high = -Double.infinity
            for value in values where !value.isNaN {
                low = Swift.min(low, value)
                high = Swift.max(high, value)
            }
            if low > high {
                minimums.append(.nan)
                ranges.append(.nan)
            } else {
                minimums.append(low)
                ranges.append(high - low)
            }
        }
        self.minimums = minimums
        self.ranges = ranges
    }

    /// The per-cell distance of two numbers of column `column`, written as SDMetrics writes it.
    @inline(__always)
    func numericCell(_ a: Double, _ b: Double, column: Int) -> Double {
        switch (a.isNaN, b.isNaN) {
        case (true, true): return 0
        case (true, false), (false, true): return 1
        case (false, false):
            let difference = abs(a - b)
            let range = ranges[column]
            if range == 0 { return difference > 0 ? 1 : 0 }
            return Swift.min(difference / range, 1)
        }
    }

    /// The distance between row `row` of `rows` and row `other` of `others`, cell by cell: the
    /// definition the index is tested against.
    func distance(_ rows: PrivacyRows, _ row: Int, _ others: PrivacyRows, _ other: Int) -> Double {
        var sum = 0.0
        for column in 0..<categoricalCount where rows.categories[column][row] != others.categories[column][other] {
            sum += 1
        }
        for column in 0..<numericCount {
            sum += numericCell(rows.numbers[column][row], others.numbers[column][other], column: column)
        }
        return sum / Double(columnCount)
    }

    /// A number placed on the unit scale of its column, so that `min(|x' − y'|, 1)` is the cell
    /// distance of two valid values: (x − min) / range, or 0/1 (equal to the constant or not)
    /// when the range is 0.
    @inline(__always)
    func normalised(_ value: Double, column: Int) -> Double {
        let range = ranges[column]
        if range.isNaN || value.isNaN { return 0 }
        if range == 0 { return value == minimums[column] ? 0 : 1 }
        return (value - minimums[column]) / range
    }
}
