/// What one `where` condition asks of its column, in the terms a model can draw from: an exact
/// value (a level, or a number), or a stretch of the number line. Models steered by it make
/// rows that meet the condition in the first place, instead of rows that rejection must wait
/// for (a level in 1 row of 100,000 is never waited for).
public struct SteeringTarget: Hashable, Sendable {
    public var column: String
    /// The value as written in the output (`HA`, `3`, `2024-01-31`), for equalities.
    public var text: String?
    /// Bounds on the number line (equalities on numbers have both at the value).
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    /// The target of `condition` on a column of `shape`; nil for what cannot be steered (`!=`,
    /// an order on a value that does not read as a number of the column).
    init?(_ condition: FittedConditions.Condition, shape: ValueShape) {
        column = condition.column
        let number = shape.isNumeric ? shape.parse(condition.value) : nil
        text = nil
        lower = nil
        upper = nil
        lowerInclusive = true
        upperInclusive = true
        switch condition.comparison {
        case .notEqual:
            return nil
        case .equal:
            text = condition.value
            lower = number
            upper = number
        case .less, .lessEqual:
            guard let number else { return nil }
            upper = number
            upperInclusive = condition.comparison == .lessEqual
        case .greater, .greaterEqual:
            guard let number else { return nil }
            lower = number
            lowerInclusive = condition.comparison == .greaterEqual
        }
    }

    public var isEquality: Bool { text != nil }

    /// Whether a number meets the target (levels are compared by `text`).
    public func contains(_ x: Double) -> Bool {
        guard !x.isNaN else { return false }
        if let lower, lowerInclusive ? x < lower : x <= lower { return false }
        if let upper, upperInclusive ? x > upper : x >= upper { return false }
        return true
    }

    /// The share of `low ..< high` inside the target, for bins (values spread evenly inside).
    func overlap(low: Double, high: Double) -> Double {
        guard high > low else { return contains(low) ? 1 : 0 }
        let from = max(low, lower ?? low)
        let to = min(high, upper ?? high)
        if to < from { return 0 }
        if to == from { return contains(from) ? 1e-9 : 0 }
        return (to - from) / (high - low)
    }

    /// The inclusive probability interval of a distribution function that maps to the target:
    /// draws u in (pLow, pHigh] through the quantile function land inside it.
    func probabilities(_ cdf: (Double) -> Double) -> (low: Double, high: Double)? {
        let pLow = lower.map { lowerInclusive ? cdf($0.nextDown) : cdf($0) } ?? 0
        let pHigh = upper.map { upperInclusive ? cdf($0) : cdf($0.nextDown) } ?? 1
        return pHigh > pLow ? (pLow, pHigh) : nil
    }
}
