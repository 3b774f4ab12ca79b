import Fidelity

extension CategorySeries {
    /// The levels of a Fidelity comparison, in its order, its "other" level kept last.
    public init(_ comparison: CategoryComparison) {
        let hasOther = comparison.levels.last?.isOther == true
        self.init(labels: comparison.levels.map(\.name), real: comparison.levels.map(\.real),
                  synthetic: comparison.levels.map(\.synthetic),
                  otherLevelCount: hasOther ? max(1, comparison.otherLevelCount) : 0, preservesOrder: true)
    }
}

extension CategoryBarsWidget {
    /// The paired bars of a Fidelity comparison, titled with the column's name and, when either
    /// side has nulls, their shares (nulls are not among the levels).
    public init(_ comparison: CategoryComparison, title: String? = nil, maxLevels: Int = 8) {
        self.init(CategorySeries(comparison),
                  title: title ?? ChartTitle.withNulls(comparison.column, real: comparison.realNullShare,
                                                      synthetic: comparison.syntheticNullShare),
                  maxLevels: maxLevels)
    }
}
