import Tabular

/// Sampling conditions checked against the plan, with the rebalanced column's levels fixed.
public struct FittedConditions: Hashable, Sendable, Codable {
    /// Column → required value text, sorted by column for a stable order.
    public var equals: [Condition]
    public var rebalance: FittedRebalance?

    public struct Condition: Hashable, Sendable, Codable {
        public var column: String
        public var comparison: ConditionSyntax.Comparison
        /// The value compared with, as written in the output.
        public var value: String

        /// `species = Gentoo`, `dep_delay >= 120`: how rejections name it.
        var label: String { "\(column) \(comparison.rawValue) \(value)" }
    }

    public struct FittedRebalance: Hashable, Sendable, Codable {
        public var column: String
        public var levels: [String]
        /// Cumulative shares, the last being 1.
        public var cumulative: [Double]

        /// The level row `row` of the output gets. A golden-ratio sequence of the global row
        /// index: every slice of rows (a chunk, a shard) gets the proportions within a row or
        /// two, and the answer never depends on how the output is cut.
        public func level(forRow row: Int) -> Int {
            let u = (Double(row + 1) * 0.618_033_988_749_894_8).truncatingRemainder(dividingBy: 1)
            return WeightedIndex.index(in: cumulative, for: u)
        }
    }

    /// Columns the conditions read: sampled with rejection.
    public var columnsRead: [String] { equals.map(\.column) + (rebalance.map { [$0.column] } ?? []) }

    /// The conditions checked against the plan and, before any rows are drawn, against the real
    /// rows of `table`: a value no real row has (or a comparison none meets) is an error naming
    /// similar values; one that selects fewer than `minRows` real rows is refused. `pilot` (rows
    /// of the model itself, when there is no source) gives a rebalanced column its levels;
    /// `knownLevels` (levels fitted models keep) checks equalities without a source.
    static func fit(_ conditions: SamplingConditions, table: Table?, generated: [String: ColumnPlan],
                    pilot: Table? = nil, knownLevels: [String: [String]] = [:]) throws -> FittedConditions {
        let minRows = conditions.minRows
        guard minRows >= 1 else { throw PlanError("min_rows is \(minRows); it must be at least 1", conditionKey: "min_rows") }
        var fittedEquals: [Condition] = []
        var together: [Bool]?
        for column in conditions.equals.keys.sorted() {
            guard let plan = generated[column] else {
                throw PlanError("column '\(column)' is not in the output", conditionKey: "where")
            }
            let stored = conditions.equals[column]!
            let (comparison, value) = ConditionSyntax.comparison(stored)
            let shown = ConditionSyntax.describe(column: column, stored: stored)
            let real = table?.column(named: column)
            // Numbers and dates order: the real storage decides, else the plan's kind.
            let orders: Bool = switch real?.values {
            case .integers?, .decimals?, .datetimes?: true
            case .strings?, .booleans?: false
            case nil: [ColumnKind.integer, .decimal, .datetime].contains(plan.kind)
            }
            if comparison.orders && !orders {
                throw PlanError("\(shown): '\(comparison.rawValue)' compares numbers and dates, and '\(column)' is \(plan.kind.rawValue)", conditionKey: "where")
            }
            let condition = Condition(column: column, comparison: comparison, value: value)
            fittedEquals.append(condition)
            if let real {
                let synthetic = SyntheticColumn(values: real.values, validity: real.validity)
                if comparison.orders, ValueShape(of: real.values).parse(value) == nil {
                    let isDate = if case .datetimes = real.values { true } else { false }
                    throw PlanError("\(shown): '\(value)' is not a \(isDate ? "date written as the column writes them" : "number")", conditionKey: "where")
                }
                let matcher = ValueMatcher(synthetic, condition: condition)
                let matches = (0..<real.count).map(matcher.matches)
                let count = matches.count { $0 }
                if count == 0 {
                    if comparison == .equal {
                        let counts = LevelCounts(real)
                        throw PlanError("\(shown) does not occur in the data" + Self.suggestions(for: value, counts: counts), conditionKey: "where")
                    }
                    throw PlanError("\(shown): no real row meets it" + Self.extent(of: real), conditionKey: "where")
                }
                if count < minRows { throw Self.tooRare(shown, count: count, minRows: minRows) }
                together = together.map { zip($0, matches).map { $0 && $1 } } ?? matches
            } else if table == nil, comparison == .equal, let levels = knownLevels[column], !levels.contains(value) {
                throw PlanError("\(shown) is not a level the fitted model makes" + Self.suggestions(for: value, levels: levels), conditionKey: "where")
            }
        }
        if fittedEquals.count >= 2, let together {
            let count = together.count { $0 }
            let shown = conditions.equals.keys.sorted().map { ConditionSyntax.describe(column: $0, stored: conditions.equals[$0]!) }.joined(separator: " and ")
            if count == 0 { throw PlanError("no real row meets \(shown) together", conditionKey: "where") }
            if count < minRows { throw Self.tooRare(shown + " together", count: count, minRows: minRows) }
        }
        var rebalance: FittedRebalance?
        if let asked = conditions.rebalance {
            guard generated[asked.column] != nil else {
                throw PlanError("column '\(asked.column)' is not in the output", conditionKey: "rebalance")
            }
            let real = table?.column(named: asked.column)
            let counts = (real ?? pilot?.column(named: asked.column)).map(LevelCounts.init)
            let inData = real != nil ? "the data" : "the model's \(pilot?.rowCount ?? 0)-row pilot sample"
            let levels: [String]
            let weights: [Double]
            if let proportions = asked.proportions {
                (levels, weights) = try Self.shares(proportions, column: asked.column, counts: counts, inData: inData,
                                                     minRows: real != nil ? minRows : 1)
            } else {
                guard let counts else {
                    throw PlanError("uniform needs the source column '\(asked.column)' to know its levels; give proportions instead", conditionKey: "rebalance")
                }
                guard counts.levels.count >= 2, counts.levels.count <= 1_000 else {
                    throw PlanError("column '\(asked.column)' has \(counts.levels.count) levels; rebalancing needs 2 to 1,000", conditionKey: "rebalance")
                }
                levels = counts.levels
                weights = levels.map { _ in 1 }
            }
            if real != nil, let counts {
                // The levels asked for (all of them for uniform); the others keep their share.
                let wanted = Set(asked.proportions.map { $0.filter { $0.value > 0 }.map(\.key) } ?? levels)
                for level in levels where wanted.contains(level) {
                    let count = counts.levels.firstIndex(of: level).map { counts.counts[$0] } ?? 0
                    if count < minRows { throw Self.tooRare("\(asked.column) = '\(level)'", count: count, minRows: minRows, key: "rebalance") }
                }
                // With where conditions, each level asked for must occur among the rows they select.
                if let together, let real {
                    let shownWhere = conditions.equals.keys.sorted().map { ConditionSyntax.describe(column: $0, stored: conditions.equals[$0]!) }.joined(separator: " and ")
                    let synthetic = SyntheticColumn(values: real.values, validity: real.validity)
                    for level in levels where wanted.contains(level) {
                        let matcher = ValueMatcher(synthetic, condition: Condition(column: asked.column, comparison: .equal, value: level))
                        let count = (0..<real.count).count { together[$0] && matcher.matches($0) }
                        let shown = "\(asked.column) = '\(level)' with \(shownWhere)"
                        if count == 0 { throw PlanError("no real row has \(shown)", conditionKey: "rebalance") }
                        if count < minRows { throw Self.tooRare(shown, count: count, minRows: minRows, key: "rebalance") }
                    }
                }
            }
            rebalance = FittedRebalance(column: asked.column, levels: levels, cumulative: WeightedIndex(weights: weights).cumulative)
        }
        return FittedConditions(equals: fittedEquals, rebalance: rebalance)
    }

    /// Rebalancing shares: each from 0 to 1, at most 1 in all. Levels not listed share what
    /// remains in their real proportions (`counts`); when every level is listed, the shares must
    /// sum to 1 (within 1e-9). Levels with fewer than `minRows` real rows get no share of the
    /// rest: the models never draw them (rare-level protection), and a row of such a level would
    /// describe the few people who have it.
    static func shares(_ proportions: [String: Double], column: String, counts: LevelCounts?, inData: String,
                       minRows: Int = 1) throws -> (levels: [String], weights: [Double]) {
        let key = "rebalance.proportions"
        guard !proportions.isEmpty else { throw PlanError("give at least one level a share", conditionKey: key) }
        for level in proportions.keys.sorted() {
            let share = proportions[level]!
            guard share.isFinite, share >= 0, share <= 1 else {
                throw PlanError("\(column) = '\(level)' has share \(share); a share is from 0 to 1", conditionKey: key)
            }
        }
        let listed = proportions.keys.sorted()
        let sum = listed.reduce(0) { $0 + proportions[$1]! }
        let tolerance = 1e-9
        guard sum <= 1 + tolerance else {
            throw PlanError("the shares sum to \((sum * 1e9).rounded() / 1e9), more than 1 (levels left out share what remains of 1)", conditionKey: key)
        }
        guard let counts else {
            guard abs(sum - 1) <= tolerance else {
                throw PlanError("the shares sum to \(sum); without the source, '\(column)' has no known levels to share the rest, so the shares must sum to 1", conditionKey: key)
            }
            return (listed, listed.map { proportions[$0]! })
        }
        for level in listed where !counts.levels.contains(level) {
            throw PlanError("\(column) = '\(level)' does not occur in \(inData)" + suggestions(for: level, counts: counts), conditionKey: key)
        }
        let others = counts.levels.indices.filter { proportions[counts.levels[$0]] == nil }
        if others.isEmpty {
            guard abs(sum - 1) <= tolerance else {
                throw PlanError("the shares of all \(listed.count) levels of '\(column)' sum to \(sum); they must sum to 1", conditionKey: key)
            }
            return (listed, listed.map { proportions[$0]! })
        }
        let rest = max(0, 1 - sum)
        let common = others.filter { counts.counts[$0] >= minRows }
        if common.isEmpty && rest > tolerance {
            let rare = others.map { counts.levels[$0] }.prefix(5).joined(separator: ", ")
            throw PlanError("the shares sum to \(sum), and the levels left out (\(rare)) each have fewer real rows than min_rows (\(minRows)) to share the rest; give shares that sum to 1", conditionKey: key)
        }
        let otherTotal = Double(common.reduce(0) { $0 + counts.counts[$1] })
        return (listed + common.map { counts.levels[$0] },
                listed.map { proportions[$0]! } + common.map { rest * Double(counts.counts[$0]) / otherTotal })
    }

    static func tooRare(_ shown: String, count: Int, minRows: Int, key: String = "where") -> PlanError {
        PlanError("\(shown) selects \(count) real row\(count == 1 ? "" : "s"), fewer than min_rows (\(minRows)): rows conditioned on \(count) real \(count == 1 ? "person describe that person" : "people describe those people"); "
                  + "condition on something more common, or lower min_rows (--min-rows, plan.conditions.min_rows) if that is acceptable", conditionKey: key)
    }

    /// `; similar: HA, AA; most common: UA, B6, EV` — levels near `value` (case, then edit
    /// distance), then the most frequent.
    static func suggestions(for value: String, counts: LevelCounts) -> String {
        let byCount = counts.levels.indices.sorted { counts.counts[$0] > counts.counts[$1] }.map { counts.levels[$0] }
        return suggestions(for: value, levels: byCount)
    }

    /// As above, `levels` most frequent first.
    static func suggestions(for value: String, levels: [String]) -> String {
        let lowered = Array(value.lowercased())
        let limit = lowered.count <= 4 ? 1 : 2
        var near: [(distance: Int, rank: Int, level: String)] = []
        for (rank, level) in levels.enumerated() {
            let other = Array(level.lowercased())
            guard abs(other.count - lowered.count) <= limit else { continue }
            let distance = editDistance(lowered, other)
            if distance <= limit { near.append((distance, rank, level)) }
        }
        let similar = near.sorted { ($0.distance, $0.rank) < ($1.distance, $1.rank) }.prefix(5).map(\.level)
        let common = levels.filter { !similar.contains($0) }.prefix(3)
        var text = ""
        if !similar.isEmpty { text += "; similar: " + similar.joined(separator: ", ") }
        if !common.isEmpty { text += "; most common: " + common.joined(separator: ", ") }
        return text
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// ` (the data's dep_delay runs from -43 to 1301)`, or nothing for a column without values.
    static func extent(of real: Column) -> String {
        var low: (value: Double, row: Int)?
        var high: (value: Double, row: Int)?
        for row in 0..<real.count where real.validity.isValid(row) {
            guard let value = real.values.numericValue(at: row) else { continue }
            if low == nil || value < low!.value { low = (value, row) }
            if high == nil || value > high!.value { high = (value, row) }
        }
        guard let low, let high else { return "" }
        func text(_ row: Int) -> String {
            var bytes: [UInt8] = []
            ValueFormatter.append(real.values, row: row, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        return " (the data's \(real.name) runs from \(text(low.row)) to \(text(high.row)))"
    }

    /// For each row, whether it meets every `equals` condition.
    func matches(_ columns: [String: SyntheticColumn], count: Int) -> [Bool] {
        var result = [Bool](repeating: true, count: count)
        for condition in equals {
            guard let column = columns[condition.column] else { continue }
            let matcher = ValueMatcher(column, condition: condition)
            for row in 0..<count where result[row] { result[row] = matcher.matches(row) }
        }
        return result
    }

    /// For each row, the rebalance level its value is (nil: none of them).
    func rebalanceLevels(_ columns: [String: SyntheticColumn], count: Int) -> [Int?] {
        guard let rebalance, let column = columns[rebalance.column] else { return [Int?](repeating: nil, count: count) }
        let matchers = rebalance.levels.map { ValueMatcher(column, condition: Condition(column: rebalance.column, comparison: .equal, value: $0)) }
        return (0..<count).map { row in matchers.firstIndex { $0.matches(row) } }
    }
}

/// Compares a column's values to one value written as text, without formatting every row:
/// level codes for text, numbers for numeric storage. Nulls meet no condition.
struct ValueMatcher {
    private let column: SyntheticColumn
    private let comparison: ConditionSyntax.Comparison
    private let code: UInt32?
    private let number: Double?
    private let text: String

    init(_ column: SyntheticColumn, condition: FittedConditions.Condition) {
        self.column = column
        self.comparison = condition.comparison
        self.text = condition.value
        if case .strings(_, let levels) = column.values {
            code = levels.firstIndex(of: text).map { UInt32($0) }
            number = nil
        } else {
            code = nil
            number = ValueShape(of: column.values).parse(text)
        }
    }

    func matches(_ row: Int) -> Bool {
        guard column.validity.isValid(row) else { return false }
        switch column.values {
        case .strings(let codes, _):
            switch comparison {
            case .equal: return code == codes[row]
            case .notEqual: return code != codes[row]
            default: return false
            }
        default:
            guard let number, let value = column.values.numericValue(at: row) else {
                switch comparison {
                case .equal: return column.text(at: row) == text
                case .notEqual: return column.text(at: row) != text
                default: return false
                }
            }
            return comparison.holds(value, number)
        }
    }
}
