/// The whole file's profile of each column, from its streamed marginal.
///
/// Where the marginal is exact (counts of at most `exactLimit` distinct values) the profile is
/// the one `Profiler` makes from every row, to the last digit; past it, quantiles and the
/// histogram come from the sketch (within its rank error), the mean and deviation stay exact, and
/// the distinct count is a lower bound (`distinctIsLowerBound`).
extension StreamedTable {
    public enum MarginalSource: Sendable, Equatable {
        /// Counted exactly over every row.
        case exact
        /// Numbers past the exact limit: quantiles from a sketch of stated rank error.
        case sketched(rankError: Double)
        /// Text of more distinct values than the limit, or a column whose blocks disagreed on its
        /// type: the reservoir sample stands for the file.
        case reservoir
    }

    static func source(of marginal: ColumnMarginal, like column: Column) -> MarginalSource {
        switch column.values {
        case .strings:
            return marginal.numbers == 0 && !marginal.textOverflowed ? .exact : .reservoir
        default:
            guard marginal.texts == 0, Self.fits(column, within: marginal) else { return .reservoir }
            return marginal.sketch.map { .sketched(rankError: $0.rankError) } ?? .exact
        }
    }

    /// The sample's numbers lie within the file's range (a check that blocks and sample read the
    /// column the same way, e.g. digits as dates in both).
    private static func fits(_ column: Column, within marginal: ColumnMarginal) -> Bool {
        for row in 0..<column.count where column.validity.isValid(row) {
            guard let value = column.values.numericValue(at: row), value >= marginal.minimum, value <= marginal.maximum else { return false }
        }
        return true
    }

    /// Each column's profile over the whole file.
    public func profiles() -> [ColumnProfile] {
        let sources = marginalSources
        return reservoir.columns.indices.map { index in
            let column = reservoir.columns[index]
            let marginal = marginals[index]
            switch sources[index] {
            case .reservoir:
                // Counts scaled from the sample to the file; the rest as the sample has it.
                var profile = Profiler.profile(column)
                let scale = Double(marginal.count) / Double(max(1, column.count))
                profile.count = marginal.count
                profile.nulls = marginal.nulls
                profile.topCategories = profile.topCategories.map { .init(value: $0.value, count: Int((Double($0.count) * scale).rounded())) }
                profile.histogram = profile.histogram.map { .init(lower: $0.lower, upper: $0.upper, count: Int((Double($0.count) * scale).rounded())) }
                return profile
            case .exact, .sketched:
                if case .strings = column.values { return textProfile(marginal) }
                return numberProfile(marginal, like: column.values)
            }
        }
    }

    private func textProfile(_ marginal: ColumnMarginal) -> ColumnProfile {
        var profile = ColumnProfile(count: marginal.count, nulls: marginal.nulls, distinct: marginal.textCounts.count,
                                    quantiles: [], topCategories: [], histogram: [])
        let top = marginal.textCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(Profiler.topCategoryCount)
        profile.topCategories = top.map { .init(value: $0.key, count: $0.value) }
        if marginal.texts > 0 { profile.meanLength = Double(marginal.textCharacters) / Double(marginal.texts) }
        return profile
    }

    private func numberProfile(_ marginal: ColumnMarginal, like values: ColumnValues) -> ColumnProfile {
        var profile = ColumnProfile(count: marginal.count, nulls: marginal.nulls, distinct: 0, quantiles: [], topCategories: [], histogram: [])
        guard marginal.numbers > 0 else { return profile }
        profile.minimum = marginal.minimum
        profile.maximum = marginal.maximum
        profile.mean = marginal.mean
        profile.standardDeviation = marginal.standardDeviation
        let runs = marginal.numberRuns()
        if let sketch = marginal.sketch {
            profile.distinct = marginal.exactLimit + 1
            profile.quantiles = zip(Profiler.quantileProbabilities, sketch.quantiles(Profiler.quantileProbabilities)).map {
                .init(probability: $0, value: $1)
            }
        } else {
            profile.distinct = runs.count
            profile.quantiles = Profiler.quantileProbabilities.map { .init(probability: $0, value: Self.quantile(runs: runs, total: marginal.numbers, $0)) }
            profile.topCategories = Profiler.topNumbers(runs, in: values)
        }
        profile.histogram = Self.histogram(runs: runs, minimum: marginal.minimum, maximum: marginal.maximum, total: marginal.numbers)
        return profile
    }

    /// `Profiler.quantile` (linear between closest ranks) over runs of equal values.
    static func quantile(runs: [(value: Double, count: Int)], total: Int, _ probability: Double) -> Double {
        let position = probability * Double(total - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, total - 1)
        func value(atRank rank: Int) -> Double {
            var seen = 0
            for run in runs {
                seen += run.count
                if rank < seen { return run.value }
            }
            return runs.last!.value
        }
        return Profiler.interpolate(value(atRank: lower), value(atRank: upper), position - Double(lower))
    }

    /// `Profiler`'s equal-width bins over the exact range, filled from runs, or from a sketch's
    /// weighted items with their total scaled to the count of numbers.
    static func histogram(runs: [(value: Double, count: Int)], minimum: Double, maximum: Double, total: Int) -> [ColumnProfile.Bin] {
        let bins = Profiler.histogram(runs: runs, minimum: minimum, maximum: maximum)
        let weights = runs.reduce(0) { $0 + $1.count }
        guard weights != total, weights > 0 else { return bins }
        let scale = Double(total) / Double(weights)
        return bins.map { .init(lower: $0.lower, upper: $0.upper, count: Int((Double($0.count) * scale).rounded())) }
    }
}
