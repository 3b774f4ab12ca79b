/// A rule that holds in a table's rows: found by `RuleDiscovery`, checked by `RuleCheck`, and
/// kept in synthetic output by the plan (Synthesis turns each into a derived column or a
/// constraint).
public struct DataRule: Hashable, Sendable {
    public enum Form: Hashable, Sendable {
        /// `smaller <= larger` (or `<` when strict), numbers with numbers, datetimes with datetimes.
        case order(smaller: String, larger: String, strict: Bool)
        /// `target = Σ coefficient · column` (sums of up to three columns, `k · a + b`, `k · a`).
        case linear(target: String, terms: [LinearTerm])
        /// `target = numerator / denominator`.
        case ratio(target: String, numerator: String, denominator: String)
        /// `target` is a part of the datetime `source` on the wall clock of `zone`.
        case datetimePart(target: String, source: String, part: DatetimePart, zone: String)
        /// `target` (an HHMM clock) is `clock` plus `minutes` minutes, modulo a day. `midnight` is
        /// how the target writes 00:00 (0, or 2400 as flights' dep_time does).
        case clockSum(target: String, clock: String, minutes: String, midnight: Int)
        /// `dependent` is a function of `determinants` (one or two columns), kept as a lookup.
        case functionalDependency(determinants: [String], dependent: String)
        /// When `source` is missing, `target` is missing too.
        case nullImplication(source: String, target: String)
    }

    public struct LinearTerm: Hashable, Sendable {
        public var coefficient: Double
        public var column: String
        public init(_ coefficient: Double, _ column: String) {
            self.coefficient = coefficient
            self.column = column
        }
    }

    public enum DatetimePart: String, Hashable, Sendable, CaseIterable {
        case year, month, day, hour, minute
        /// ISO: Monday = 1 … Sunday = 7.
        case weekday
        /// Monday = 0 … Sunday = 6, as pandas' `dayofweek`.
        case weekdayFromZero = "weekday0"
        case dayOfYear = "dayofyear"
        /// The year plus the elapsed share of it (2013.5 in early July).
        case fractionalYear = "fractional_year"
        /// The elapsed share of the year alone, in [0, 1).
        case yearFraction = "year_fraction"
    }

    public var form: Form
    /// Rows where the rule's columns are present (for a null implication: rows where the source is missing).
    public var applicableRows: Int
    /// Of those, rows that break the rule.
    public var violations: Int

    public init(_ form: Form, applicableRows: Int, violations: Int) {
        self.form = form
        self.applicableRows = applicableRows
        self.violations = violations
    }

    /// The share of applicable rows that satisfy the rule.
    public var support: Double {
        applicableRows == 0 ? 1 : Double(applicableRows - violations) / Double(applicableRows)
    }

    /// Every column the rule reads or writes.
    public var columns: [String] {
        switch form {
        case .order(let a, let b, _): return [a, b]
        case .linear(let target, let terms): return [target] + terms.map(\.column)
        case .ratio(let target, let numerator, let denominator): return [target, numerator, denominator]
        case .datetimePart(let target, let source, _, _): return [target, source]
        case .clockSum(let target, let clock, let minutes, _): return [target, clock, minutes]
        case .functionalDependency(let determinants, let dependent): return determinants + [dependent]
        case .nullImplication(let source, let target): return [source, target]
        }
    }

    /// The column the rule computes from the others, when it is a derivation.
    public var derivedColumn: String? {
        switch form {
        case .linear(let target, _), .ratio(let target, _, _), .datetimePart(let target, _, _, _), .clockSum(let target, _, _, _):
            return target
        case .functionalDependency(_, let dependent):
            return dependent
        case .order, .nullImplication:
            return nil
        }
    }

    /// The kind of rule, as `doppel rules` groups them.
    public var kindName: String {
        switch form {
        case .order: "order"
        case .linear, .ratio: "arithmetic"
        case .datetimePart: "datetime part"
        case .clockSum: "clock arithmetic"
        case .functionalDependency: "functional dependency"
        case .nullImplication: "null implication"
        }
    }

    /// The rule as a person reads it: `sched_dep_time = hour * 100 + minute`.
    public var text: String {
        switch form {
        case .order(let a, let b, let strict):
            return "\(a) \(strict ? "<" : "<=") \(b)"
        case .linear(let target, let terms):
            var text = "\(target) = "
            for (index, term) in terms.enumerated() {
                let magnitude = abs(term.coefficient)
                let sign = term.coefficient < 0 ? (index == 0 ? "-" : " - ") : (index == 0 ? "" : " + ")
                text += sign + (magnitude == 1 ? term.column : "\(RuleNumber.text(magnitude)) * \(term.column)")
            }
            return text
        case .ratio(let target, let numerator, let denominator):
            return "\(target) = \(numerator) / \(denominator)"
        case .datetimePart(let target, let source, let part, let zone):
            let place = zone == "UTC" ? "" : " in \(zone)"
            return "\(target) = \(part.rawValue) of \(source)\(place)"
        case .clockSum(let target, let clock, let minutes, _):
            return "\(target) = \(clock) + \(minutes) minutes (HHMM clock, modulo a day)"
        case .functionalDependency(let determinants, let dependent):
            return "\(dependent) is determined by \(determinants.joined(separator: ", "))"
        case .nullImplication(let source, let target):
            return "\(target) is missing where \(source) is missing"
        }
    }
}

/// Numbers in rule texts: whole numbers without a point, others as Swift prints them.
enum RuleNumber {
    static func text(_ value: Double) -> String {
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
