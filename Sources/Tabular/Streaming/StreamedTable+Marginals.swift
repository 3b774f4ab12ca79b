/// A table whose every column has the whole file's marginal, for fitting the strategies that
/// model one column alone (`categorical`, `histogram`, `empirical`, ...): strategies take a
/// column of values, so the marginal is given to them as `size` values laid out by it.
///
/// An exact marginal becomes its values in proportion to their counts (largest remainder, so the
/// shares are right to 1/size); a sketched one becomes its quantiles at (i + ½)/size with the
/// exact minimum and maximum at the ends; nulls keep the file's rate. Columns whose marginal is
/// known only through the sample (`MarginalSource.reservoir`) are the sample's own.
///
/// Rows of this table are not rows of the file: values are sorted, one column unrelated to the
/// next. Strategies that read several columns of a row, or keep rows, fit on the reservoir.
extension StreamedTable {
    public func marginalTable(size: Int? = nil) -> Table {
        let rows = max(1, size ?? reservoir.rowCount)
        let sources = marginalSources
        let columns = reservoir.columns.indices.map { index -> Column in
            let column = reservoir.columns[index]
            guard sources[index] != .reservoir else { return Self.resized(column, to: rows) }
            return Self.laidOut(marginals[index], like: column, rows: rows)
        }
        return Table(columns: columns)
    }

    /// The sample's column, repeated or cut to `rows` (only its proportions matter).
    private static func resized(_ column: Column, to rows: Int) -> Column {
        if column.count == rows { return column }
        return column.taking((0..<rows).map { $0 % max(1, column.count) })
    }

    private static func laidOut(_ marginal: ColumnMarginal, like column: Column, rows: Int) -> Column {
        let nullRows = marginal.count == 0 ? 0 : min(rows, Int((Double(rows) * Double(marginal.nulls) / Double(marginal.count)).rounded()))
        let validRows = rows - nullRows
        var validity = NullBitmap(count: rows, allValid: true)
        for row in validRows..<rows { validity.set(row, valid: false) }
        switch column.values {
        case .strings:
            let counts = marginal.textCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            let shares = apportion(counts.map(\.value), into: validRows)
            var codes: [UInt32] = []
            codes.reserveCapacity(rows)
            for (level, share) in shares.enumerated() { codes.append(contentsOf: repeatElement(UInt32(level), count: share)) }
            codes.append(contentsOf: repeatElement(0, count: nullRows))
            return Column(name: column.name, values: .strings(codes: codes, levels: counts.map(\.key)), validity: validity)
        default:
            var numbers: [Double]
            if let sketch = marginal.sketch {
                numbers = sketch.evenlySpaced(validRows)
            } else {
                let runs = marginal.numberRuns()
                let shares = apportion(runs.map(\.count), into: validRows)
                numbers = []
                numbers.reserveCapacity(rows)
                for (run, share) in zip(runs, shares) { numbers.append(contentsOf: repeatElement(run.value, count: share)) }
            }
            if numbers.isEmpty && validRows > 0 { numbers = Array(repeating: 0, count: validRows) }
            numbers.append(contentsOf: repeatElement(0, count: nullRows))
            return Column(name: column.name, values: values(numbers, like: column.values), validity: validity)
        }
    }

    /// Numbers in the sample's storage and style.
    private static func values(_ numbers: [Double], like values: ColumnValues) -> ColumnValues {
        switch values {
        case .integers(_, let style):
            return .integers(numbers.map { Int64(exactly: $0.rounded()) ?? ($0 > 0 ? .max : .min) }, style)
        case .decimals(_, let style): return .decimals(numbers, style)
        case .booleans(_, let style): return .booleans(numbers.map { $0 != 0 }, style)
        case .datetimes(_, let format): return .datetimes(numbers, format)
        case .strings: preconditionFailure("numbers laid out as text")
        }
    }

    /// `total` slots shared in proportion to `counts`: each gets its floor, and the slots left go
    /// to the largest remainders (ties to the earlier entry).
    static func apportion(_ counts: [Int], into total: Int) -> [Int] {
        let sum = counts.reduce(0, +)
        guard sum > 0, total > 0 else { return counts.map { _ in 0 } }
        var shares = counts.map { Int((Double($0) * Double(total) / Double(sum)).rounded(.down)) }
        let left = total - shares.reduce(0, +)
        let order = counts.indices.sorted { a, b in
            let ra = Double(counts[a]) * Double(total) / Double(sum) - Double(shares[a])
            let rb = Double(counts[b]) * Double(total) / Double(sum) - Double(shares[b])
            return ra != rb ? ra > rb : a < b
        }
        for index in order.prefix(max(0, left)) { shares[index] += 1 }
        return shares
    }
}
