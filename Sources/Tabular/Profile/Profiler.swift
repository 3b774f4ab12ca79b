/// Computes `ColumnProfile`s. Columns are profiled in parallel; each is one sort at most.
public enum Profiler {
    public static let quantileProbabilities = [0.05, 0.25, 0.5, 0.75, 0.95]
    public static let histogramBinCount = 20
    public static let topCategoryCount = 10

    public static func profile(_ table: Table) -> [ColumnProfile] {
        Parallel.map(table.columnCount) { profile(table.columns[$0]) }
    }

    public static func profile(_ column: Column) -> ColumnProfile {
        switch column.values {
        case .strings(let codes, let levels):
            return profileStrings(column, codes: codes, levels: levels)
        default:
            return profileNumbers(column)
        }
    }

    private static func profileNumbers(_ column: Column) -> ColumnProfile {
        var values: [Double] = []
        values.reserveCapacity(column.count - column.nullCount)
        for row in 0..<column.count where column.validity.isValid(row) {
            values.append(column.values.numericValue(at: row)!)
        }
        var profile = ColumnProfile(
            count: column.count, nulls: column.count - values.count, distinct: 0,
            quantiles: [], topCategories: [], histogram: [])
        guard !values.isEmpty else { return profile }

        // Mean and variance in two passes: exact enough and cheaper than Welford's divisions.
        let mean = values.reduce(0, +) / Double(values.count)
        var squares = 0.0
        for value in values { squares += (value - mean) * (value - mean) }
        profile.mean = mean
        profile.standardDeviation = values.count > 1 ? (squares / Double(values.count - 1)).squareRoot() : nil

        values.sort()
        profile.minimum = values.first
        profile.maximum = values.last
        profile.quantiles = quantileProbabilities.map { .init(probability: $0, value: quantile(sorted: values, $0)) }

        // Runs of equal values in sorted order give the histogram, the distinct count and the
        // most frequent values.
        var runs: [(value: Double, count: Int)] = []
        var start = 0
        for index in 1...values.count where index == values.count || values[index] != values[start] {
            runs.append((values[start], index - start))
            start = index
        }
        profile.histogram = histogram(runs: runs, minimum: values[0], maximum: values[values.count - 1])
        profile.distinct = runs.count
        profile.topCategories = topNumbers(runs, in: column.values)
        return profile
    }

    /// The most frequent of `runs` (ties in order of value), written as the column writes them.
    static func topNumbers(_ runs: [(value: Double, count: Int)], in values: ColumnValues) -> [ColumnProfile.Category] {
        let top = runs.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }.prefix(topCategoryCount)
        return top.map { .init(value: text(of: $0.value, in: values), count: $0.count) }
    }

    private static func profileStrings(_ column: Column, codes: [UInt32], levels: [String]) -> ColumnProfile {
        var counts = [Int](repeating: 0, count: levels.count)
        for (row, code) in codes.enumerated() where column.validity.isValid(row) { counts[Int(code)] += 1 }
        let valid = counts.reduce(0, +)
        var profile = ColumnProfile(
            count: column.count, nulls: column.count - valid, distinct: counts.filter { $0 > 0 }.count,
            quantiles: [], topCategories: [], histogram: [])
        let order = counts.indices.filter { counts[$0] > 0 }
            .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        profile.topCategories = order.prefix(topCategoryCount).map { .init(value: levels[$0], count: counts[$0]) }
        if valid > 0 {
            var characters = 0
            for index in order { characters += levels[index].count * counts[index] }
            profile.meanLength = Double(characters) / Double(valid)
        }
        return profile
    }

    /// Linear interpolation between closest ranks (pandas' and numpy's default).
    static func quantile(sorted values: [Double], _ probability: Double) -> Double {
        let position = probability * Double(values.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        let weight = position - Double(lower)
        return interpolate(values[lower], values[upper], weight)
    }

    /// `weight` of the way from `low` to `high`.
    static func interpolate(_ low: Double, _ high: Double, _ weight: Double) -> Double {
        let difference = high - low
        // Two finite values can be further apart than the largest double (-1e308 and 1e308).
        guard difference.isFinite else { return low * (1 - weight) + high * weight }
        // Interpolate from the nearer end, as numpy does, so that figures match to the last digit.
        return weight < 0.5 ? low + difference * weight : high - difference * (1 - weight)
    }

    /// Equal-width bins over [minimum, maximum] of ascending values with their counts.
    static func histogram(runs: [(value: Double, count: Int)], minimum: Double, maximum: Double) -> [ColumnProfile.Bin] {
        guard !runs.isEmpty else { return [] }
        if minimum == maximum { return [.init(lower: minimum, upper: maximum, count: runs.reduce(0) { $0 + $1.count })] }
        let binCount = histogramBinCount
        let width = (maximum - minimum) / Double(binCount)
        // When the range is wider than the largest double (-1e308 to 1e308), bins are found from
        // halved values, whose differences stay finite.
        let halfWidth = (maximum / 2 - minimum / 2) / Double(binCount)
        func edge(_ index: Int) -> Double {
            width.isFinite ? minimum + Double(index) * width : minimum + Double(index) * halfWidth + Double(index) * halfWidth
        }
        var counts = [Int](repeating: 0, count: binCount)
        for run in runs {
            let position = width.isFinite ? (run.value - minimum) / width : (run.value / 2 - minimum / 2) / halfWidth
            counts[max(0, min(binCount - 1, Int(position)))] += run.count
        }
        return (0..<binCount).map { index in
            .init(lower: edge(index), upper: index == binCount - 1 ? maximum : edge(index + 1), count: counts[index])
        }
    }

    /// A profiled number shown the way the column writes it (an integer as `42`, a date as a date).
    static func text(of value: Double, in values: ColumnValues) -> String {
        var bytes: [UInt8] = []
        switch values {
        case .integers(_, let style):
            // Int64.max is 2^63 as a double, one past the largest Int64.
            ValueFormatter.append(.integers([Int64(exactly: value) ?? (value > 0 ? .max : .min)], style), row: 0, to: &bytes)
        case .datetimes(_, let format):
            format.format(value, into: &bytes)
        case .booleans(_, let style):
            return value != 0 ? style.trueToken : style.falseToken
        default:
            ValueFormatter.appendDecimal(value, to: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

