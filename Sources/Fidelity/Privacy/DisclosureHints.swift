import Tabular

/// What a synthetic table might give away about particular real records, as counts and
/// examples a person can check. Hints, not proofs: each names values that single out few real
/// rows and shows that the synthetic data repeats them.
public struct DisclosureHints: Codable, Sendable, Equatable {
    /// A real level counts as rare below this many real rows.
    public var rareCategoryThreshold: Int
    /// Rare real levels that the synthetic data contains, rarest first, at most the example limit.
    public var rareCategories: [RareCategoryHint]
    /// How many rare real levels the synthetic data contains in all.
    public var rareCategoryCount: Int
    /// Combinations of quasi-identifiers unique in the real data that synthetic rows repeat;
    /// nil when no column qualifies as a quasi-identifier.
    public var uniqueCombinations: UniqueCombinationHint?
    /// Real minimums and maximums held by a single real row that synthetic rows repeat exactly.
    public var extremeValues: [ExtremeValueHint]

    public init(rareCategoryThreshold: Int, rareCategories: [RareCategoryHint], rareCategoryCount: Int,
                uniqueCombinations: UniqueCombinationHint?, extremeValues: [ExtremeValueHint]) {
        self.rareCategoryThreshold = rareCategoryThreshold
        self.rareCategories = rareCategories
        self.rareCategoryCount = rareCategoryCount
        self.uniqueCombinations = uniqueCombinations
        self.extremeValues = extremeValues
    }
}

/// A category that few real rows have, present in the synthetic data.
public struct RareCategoryHint: Codable, Sendable, Equatable {
    public var column: String
    public var level: String
    public var realCount: Int
    public var syntheticCount: Int

    public init(column: String, level: String, realCount: Int, syntheticCount: Int) {
        self.column = column
        self.level = level
        self.realCount = realCount
        self.syntheticCount = syntheticCount
    }
}

/// Synthetic rows that fall on a combination of quasi-identifier values only one real row has.
public struct UniqueCombinationHint: Codable, Sendable, Equatable {
    /// The quasi-identifier columns, in table order.
    public var columns: [String]
    /// Equal-width bins over the real range for each numeric or datetime quasi-identifier.
    public var numericBins: Int
    /// Combinations that exactly one real row has.
    public var realUniqueCombinations: Int
    /// Of those, how many appear in the synthetic data.
    public var revealedCombinations: Int
    /// Synthetic rows on such a combination, and their share of the synthetic rows.
    public var syntheticRows: Int
    public var syntheticShare: Double
    /// Revealed combinations as cell texts (a bin as `[low, high)`, null as an empty string),
    /// in the synthetic data's row order, at most the example limit.
    public var examples: [[String]]

    public init(columns: [String], numericBins: Int, realUniqueCombinations: Int, revealedCombinations: Int,
                syntheticRows: Int, syntheticShare: Double, examples: [[String]]) {
        self.columns = columns
        self.numericBins = numericBins
        self.realUniqueCombinations = realUniqueCombinations
        self.revealedCombinations = revealedCombinations
        self.syntheticRows = syntheticRows
        self.syntheticShare = syntheticShare
        self.examples = examples
    }
}

/// A real extreme held by one real row, repeated exactly by synthetic rows.
public struct ExtremeValueHint: Codable, Sendable, Equatable {
    public enum Side: String, Codable, Sendable { case minimum, maximum }

    public var column: String
    public var side: Side
    /// The value as the real CSV writes it.
    public var value: String
    public var syntheticCount: Int

    public init(column: String, side: Side, value: String, syntheticCount: Int) {
        self.column = column
        self.side = side
        self.value = value
        self.syntheticCount = syntheticCount
    }
}

extension DisclosureHints {
    /// The hints for the full real and synthetic tables (no sampling: counting is linear).
    static func compute(_ data: FidelityData, encoding: PrivacyEncoding, options: PrivacyOptions) -> DisclosureHints {
        let (rare, rareCount) = rareCategories(encoding, threshold: options.rareCategoryThreshold, limit: options.exampleLimit)
        return DisclosureHints(rareCategoryThreshold: options.rareCategoryThreshold, rareCategories: rare,
                               rareCategoryCount: rareCount,
                               uniqueCombinations: uniqueCombinations(data, encoding: encoding, options: options),
                               extremeValues: extremeValues(data, encoding: encoding))
    }

    private static func rareCategories(_ encoding: PrivacyEncoding, threshold: Int, limit: Int) -> ([RareCategoryHint], Int) {
        var hints: [RareCategoryHint] = []
        for (column, name) in encoding.categoricalColumns.enumerated() {
            let levelCount = encoding.levels[column].count
            let realCounts = counts(encoding.real.categories[column], levels: levelCount)
            let syntheticCounts = counts(encoding.synthetic.categories[column], levels: levelCount)
            for code in 0..<levelCount where realCounts[code] > 0 && realCounts[code] < threshold && syntheticCounts[code] > 0 {
                hints.append(RareCategoryHint(column: name, level: encoding.levels[column][code],
                                              realCount: realCounts[code], syntheticCount: syntheticCounts[code]))
            }
        }
        // Stable: equal counts keep column order, then level order.
        let ranked = hints.enumerated().sorted { ($0.element.realCount, $0.offset) < ($1.element.realCount, $1.offset) }.map(\.element)
        return (Array(ranked.prefix(limit)), ranked.count)
    }

    private static func counts(_ codes: [UInt32], levels: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: levels)
        for code in codes where code != PrivacyRows.nullCode { counts[Int(code)] += 1 }
        return counts
    }

    /// Quasi-identifiers are the columns given, or else every categorical column with few real
    /// levels plus every numeric and datetime column, binned.
    private static func uniqueCombinations(_ data: FidelityData, encoding: PrivacyEncoding, options: PrivacyOptions) -> UniqueCombinationHint? {
        let bins = max(1, options.quasiIdentifierBins)
        var parts: [QuasiIdentifier] = []
        for name in data.columns where options.quasiIdentifiers.map({ $0.contains(name) }) ?? true {
            if let column = encoding.categoricalColumns.firstIndex(of: name) {
                let distinct = Set(encoding.real.categories[column]).subtracting([PrivacyRows.nullCode]).count
                if options.quasiIdentifiers == nil, distinct > options.quasiIdentifierMaxLevels { continue }
                parts.append(.category(name: name, column: column))
            } else if let column = encoding.numericColumns.firstIndex(of: name) {
                let values = encoding.real.numbers[column].filter { !$0.isNaN }
                guard let low = values.min(), let high = values.max() else { continue }
                parts.append(.number(name: name, column: column, low: low, high: high))
            }
        }
        guard !parts.isEmpty else { return nil }

        func key(_ rows: PrivacyRows, _ row: Int) -> [UInt32] {
            parts.map { part in
                switch part {
                case .category(_, let column): return rows.categories[column][row]
                case .number(_, let column, let low, let high):
                    return bin(rows.numbers[column][row], low: low, high: high, bins: bins)
                }
            }
        }
        var realCounts: [[UInt32]: Int] = [:]
        for row in 0..<encoding.real.count { realCounts[key(encoding.real, row), default: 0] += 1 }
        let realUnique = realCounts.values.count { $0 == 1 }
        var revealed = Set<[UInt32]>()
        var examples: [[UInt32]] = []
        var syntheticRows = 0
        for row in 0..<encoding.synthetic.count {
            let combination = key(encoding.synthetic, row)
            guard realCounts[combination] == 1 else { continue }
            syntheticRows += 1
            if revealed.insert(combination).inserted, examples.count < options.exampleLimit { examples.append(combination) }
        }
        let texts = examples.map { combination in
            zip(parts, combination).map { part, code in describe(part, code: code, bins: bins, data: data, encoding: encoding) }
        }
        return UniqueCombinationHint(columns: parts.map(\.name), numericBins: bins, realUniqueCombinations: realUnique,
                                     revealedCombinations: revealed.count, syntheticRows: syntheticRows,
                                     syntheticShare: encoding.synthetic.count == 0 ? 0 : Double(syntheticRows) / Double(encoding.synthetic.count),
                                     examples: texts)
    }

    private enum QuasiIdentifier {
        case category(name: String, column: Int)
        case number(name: String, column: Int, low: Double, high: Double)

        var name: String {
            switch self {
            case .category(let name, _), .number(let name, _, _, _): name
            }
        }
    }

    private static let nullBin = UInt32.max
    private static let outsideBin = UInt32.max - 1

    /// Equal-width bins over the real [low, high], the top edge in the last bin; null and values
    /// outside the real range get bins of their own (an outside value matches no real row).
    private static func bin(_ value: Double, low: Double, high: Double, bins: Int) -> UInt32 {
        if value.isNaN { return nullBin }
        if value < low || value > high { return outsideBin }
        guard high > low else { return 0 }
        return UInt32(min(bins - 1, Int((value - low) / (high - low) * Double(bins))))
    }

    private static func describe(_ part: QuasiIdentifier, code: UInt32, bins: Int, data: FidelityData, encoding: PrivacyEncoding) -> String {
        switch part {
        case .category(_, let column):
            return code == PrivacyRows.nullCode ? "" : encoding.levels[column][Int(code)]
        case .number(let name, _, let low, let high):
            if code == nullBin { return "" }
            let width = (high - low) / Double(bins)
            let lower = low + width * Double(code)
            let upper = Int(code) == bins - 1 ? high : low + width * Double(code + 1)
            let values = data.real.column(named: name)?.values
            let close = Int(code) == bins - 1 ? "]" : ")"
            return "[\(format(lower, like: values)), \(format(upper, like: values))\(close)"
        }
    }

    /// A bin edge in its column's style: datetimes in the source layout, numbers with at most
    /// four decimals.
    private static func format(_ value: Double, like values: ColumnValues?) -> String {
        if case .datetimes(_, let layout) = values {
            var bytes: [UInt8] = []
            ValueFormatter.append(.datetimes([value.rounded()], layout), row: 0, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded(), abs(rounded) < 0x1p53 { return String(Int64(rounded)) }
        return String(rounded)
    }

    private static func extremeValues(_ data: FidelityData, encoding: PrivacyEncoding) -> [ExtremeValueHint] {
        var hints: [ExtremeValueHint] = []
        for (column, name) in encoding.numericColumns.enumerated() {
            let real = encoding.real.numbers[column]
            var lowRow = -1
            var highRow = -1
            for (row, value) in real.enumerated() where !value.isNaN {
                if lowRow < 0 || value < real[lowRow] { lowRow = row }
                if highRow < 0 || value > real[highRow] { highRow = row }
            }
            guard lowRow >= 0 else { continue }
            let sides: [(ExtremeValueHint.Side, Int)] = real[lowRow] == real[highRow] ? [(.minimum, lowRow)] : [(.minimum, lowRow), (.maximum, highRow)]
            for (side, row) in sides {
                let value = real[row]
                guard real.count(where: { $0 == value }) == 1 else { continue }
                let copies = encoding.synthetic.numbers[column].count { $0 == value }
                guard copies > 0 else { continue }
                let text = data.real.column(named: name)?.text(at: row) ?? String(value)
                hints.append(ExtremeValueHint(column: name, side: side, value: text, syntheticCount: copies))
            }
        }
        return hints
    }
}
