import Tabular

/// The data of paired bars for one categorical column: each level's share in the real and the
/// synthetic table, the most frequent levels first and the rest gathered as "other".
public struct CategoryComparison: Sendable, Codable, Equatable {
    public struct Level: Sendable, Codable, Equatable {
        public let name: String
        /// Share of the side's non-null values.
        public let real: Double
        public let synthetic: Double
        /// True for the level that gathers every level past the top N.
        public let isOther: Bool

        public init(name: String, real: Double, synthetic: Double, isOther: Bool = false) {
            self.name = name
            self.real = real
            self.synthetic = synthetic
            self.isOther = isOther
        }
    }

    public let column: String
    public let kind: ColumnKind
    /// Ordered by real share, then synthetic share (levels only the synthetic data has sort by
    /// their synthetic share), then name.
    public let levels: [Level]
    /// How many distinct levels "other" gathers (0 when there is no "other").
    public let otherLevelCount: Int
    public let realNullShare: Double
    public let syntheticNullShare: Double

    public init(column: String, kind: ColumnKind, levels: [Level], otherLevelCount: Int = 0,
                realNullShare: Double = 0, syntheticNullShare: Double = 0) {
        self.column = column
        self.kind = kind
        self.levels = levels
        self.otherLevelCount = otherLevelCount
        self.realNullShare = realNullShare
        self.syntheticNullShare = syntheticNullShare
    }

    /// The name of the gathering level.
    public static let otherName = "other"

    public static func compute(column: String, kind: ColumnKind, real: Column, synthetic: Column,
                               top: Int = 10) -> CategoryComparison {
        let categories = SharedCategories(real: real, synthetic: synthetic)
        let count = categories.levels.count
        let realCounts = TotalVariation.counts(categories.real, levelCount: count)
        let syntheticCounts = TotalVariation.counts(categories.synthetic, levelCount: count)
        let realTotal = realCounts.reduce(0, +), syntheticTotal = syntheticCounts.reduce(0, +)
        func share(_ part: Int, _ total: Int) -> Double { total == 0 ? 0 : Double(part) / Double(total) }
        let order = (0..<count)
            .filter { realCounts[$0] > 0 || syntheticCounts[$0] > 0 }
            .sorted { a, b in
                if realCounts[a] != realCounts[b] { return realCounts[a] > realCounts[b] }
                if syntheticCounts[a] != syntheticCounts[b] { return syntheticCounts[a] > syntheticCounts[b] }
                return categories.levels[a] < categories.levels[b]
            }
        var levels = order.prefix(top).map { index in
            Level(name: categories.levels[index], real: share(realCounts[index], realTotal),
                  synthetic: share(syntheticCounts[index], syntheticTotal), isOther: false)
        }
        let rest = order.dropFirst(top)
        if !rest.isEmpty {
            levels.append(Level(name: otherName, real: share(rest.reduce(0) { $0 + realCounts[$1] }, realTotal),
                                synthetic: share(rest.reduce(0) { $0 + syntheticCounts[$1] }, syntheticTotal),
                                isOther: true))
        }
        return CategoryComparison(column: column, kind: kind, levels: levels, otherLevelCount: rest.count,
                                  realNullShare: share(real.nullCount, real.count),
                                  syntheticNullShare: share(synthetic.nullCount, synthetic.count))
    }

    /// One comparison per categorical or boolean evaluated column, in the real table's order.
    /// The categorical columns among `columns` (the evaluated columns by default; pass the
    /// quality report's to include the text and code columns it scores as categories).
    public static func all(_ data: FidelityData, columns: [String]? = nil, top: Int = 10) -> [CategoryComparison] {
        let names = (columns ?? data.columns).filter { !FidelityData.isContinuous(data.kinds[$0]!) }
        return Parallel.map(names.count) { index in
            compute(column: names[index], kind: data.kinds[names[index]]!,
                    real: data.real.column(named: names[index])!,
                    synthetic: data.synthetic.column(named: names[index])!, top: top)
        }
    }
}
