import Tabular

/// Sampling conditions checked against the plan, with the rebalanced column's levels fixed.
public struct FittedConditions: Hashable, Sendable, Codable {
    /// Column → required value text, sorted by column for a stable order.
    public var equals: [Condition]
    public var rebalance: FittedRebalance?

    public struct Condition: Hashable, Sendable, Codable {
        public var column: String
        public var value: String
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

    static func fit(_ conditions: SamplingConditions, table: Table?, generated: [String: ColumnPlan]) throws -> FittedConditions {
        for column in conditions.equals.keys.sorted() where generated[column] == nil {
            throw PlanError("column '\(column)' is not in the output", conditionKey: "where")
        }
        var rebalance: FittedRebalance?
        if let asked = conditions.rebalance {
            guard generated[asked.column] != nil else {
                throw PlanError("column '\(asked.column)' is not in the output", conditionKey: "rebalance")
            }
            let levels: [String]
            let weights: [Double]
            if let proportions = asked.proportions {
                guard !proportions.isEmpty, proportions.values.allSatisfy({ $0 >= 0 && $0.isFinite }),
                      proportions.values.reduce(0, +) > 0 else {
                    throw PlanError("give each level a share of at least 0, not all 0", conditionKey: "rebalance.proportions")
                }
                levels = proportions.keys.sorted()
                weights = levels.map { proportions[$0]! }
            } else {
                guard let source = table?.column(named: asked.column) else {
                    throw PlanError("uniform needs the source column '\(asked.column)' to know its levels; give proportions instead", conditionKey: "rebalance")
                }
                let counts = LevelCounts(source)
                guard counts.levels.count >= 2, counts.levels.count <= 1_000 else {
                    throw PlanError("column '\(asked.column)' has \(counts.levels.count) levels; rebalancing needs 2 to 1,000", conditionKey: "rebalance")
                }
                levels = counts.levels
                weights = levels.map { _ in 1 }
            }
            rebalance = FittedRebalance(column: asked.column, levels: levels, cumulative: WeightedIndex(weights: weights).cumulative)
        }
        return FittedConditions(
            equals: conditions.equals.keys.sorted().map { Condition(column: $0, value: conditions.equals[$0]!) },
            rebalance: rebalance)
    }

    /// For each row, whether it meets every `equals` condition.
    func matches(_ columns: [String: SyntheticColumn], count: Int) -> [Bool] {
        var result = [Bool](repeating: true, count: count)
        for condition in equals {
            guard let column = columns[condition.column] else { continue }
            let matcher = ValueMatcher(column, text: condition.value)
            for row in 0..<count where result[row] { result[row] = matcher.matches(row) }
        }
        return result
    }

    /// For each row, the rebalance level its value is (nil: none of them).
    func rebalanceLevels(_ columns: [String: SyntheticColumn], count: Int) -> [Int?] {
        guard let rebalance, let column = columns[rebalance.column] else { return [Int?](repeating: nil, count: count) }
        let matchers = rebalance.levels.map { ValueMatcher(column, text: $0) }
        return (0..<count).map { row in matchers.firstIndex { $0.matches(row) } }
    }
}

/// Compares a column's values to one value written as text, without formatting every row:
/// level codes for text, numbers for numeric storage.
struct ValueMatcher {
    private let column: SyntheticColumn
    private let code: UInt32?
    private let number: Double?
    private let text: String

    init(_ column: SyntheticColumn, text: String) {
        self.column = column
        self.text = text
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
            return code == codes[row]
        default:
            guard let number, let value = column.values.numericValue(at: row) else { return column.text(at: row) == text }
            return value == number
        }
    }
}

