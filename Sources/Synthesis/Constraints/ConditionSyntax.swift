/// The one-line forms of conditions and constraints that the command line (`--where`,
/// `--rebalance`) and the workbench's `:` commands share.
public enum ConditionSyntax {
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }

        public init(message: String) { self.message = message }
    }

    /// `COLUMN=VALUE`.
    public static func equality(_ text: String) throws(Failure) -> (column: String, value: String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw Failure(message: "expected COLUMN=VALUE, e.g. churn=Yes")
        }
        return (String(text[..<equals]).trimmingCharacters(in: .whitespaces), String(text[text.index(after: equals)...]))
    }

    /// How a `where` value compares: `=` (as written), `!=`, `<`, `<=`, `>`, `>=` (numbers and
    /// dates only).
    public enum Comparison: String, Hashable, Sendable, Codable, CaseIterable {
        case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="

        /// Whether the comparison orders values (numbers and dates only).
        public var orders: Bool { self != .equal && self != .notEqual }

        public func holds(_ value: Double, _ bound: Double) -> Bool {
            switch self {
            case .equal: value == bound
            case .notEqual: value != bound
            case .less: value < bound
            case .lessEqual: value <= bound
            case .greater: value > bound
            case .greaterEqual: value >= bound
            }
        }
    }

    /// A stored `where` value: a leading `!=`, `<=`, `>=`, `<`, `>` or `=` is the comparison
    /// (spaces after it ignored); anything else is equality with the whole text. A value that
    /// itself begins with one of those characters is written after `=` (`'=<none>'`).
    public static func comparison(_ stored: String) -> (comparison: Comparison, value: String) {
        for comparison in [Comparison.notEqual, .lessEqual, .greaterEqual, .less, .greater, .equal] where stored.hasPrefix(comparison.rawValue) {
            let rest = stored.dropFirst(comparison.rawValue.count)
            return (comparison, comparison == .equal ? String(rest) : rest.trimmingCharacters(in: .whitespaces))
        }
        return (.equal, stored)
    }

    /// A stored `where` condition as people read it: `carrier = 'HA'`, `dep_delay >= 120`.
    public static func describe(column: String, stored: String) -> String {
        let (comparison, value) = comparison(stored)
        return comparison.orders ? "\(column) \(comparison.rawValue) \(value)" : "\(column) \(comparison.rawValue) '\(value)'"
    }

    /// `COLUMN=VALUE`, `COLUMN!=VALUE`, `COLUMN<VALUE`, `COLUMN<=VALUE`, `COLUMN>VALUE` or
    /// `COLUMN>=VALUE`, as the column and the value to store in `where` (see `comparison`).
    public static func condition(_ text: String) throws(Failure) -> (column: String, value: String) {
        guard let start = text.firstIndex(where: { "=!<>".contains($0) }), start != text.startIndex else {
            throw Failure(message: "expected COLUMN=VALUE or a comparison (COLUMN>=VALUE, <, <=, >, !=), e.g. churn=Yes or dep_delay>=120")
        }
        let column = String(text[..<start]).trimmingCharacters(in: .whitespaces)
        let rest = text[start...]
        guard let comparison = [Comparison.notEqual, .lessEqual, .greaterEqual, .less, .greater, .equal].first(where: { rest.hasPrefix($0.rawValue) }) else {
            throw Failure(message: "expected COLUMN=VALUE or a comparison (COLUMN>=VALUE, <, <=, >, !=), e.g. churn=Yes or dep_delay>=120")
        }
        let value = String(rest.dropFirst(comparison.rawValue.count))
        guard !column.isEmpty else { throw Failure(message: "expected a column name before '\(comparison.rawValue)'") }
        if comparison == .equal {
            return (column, value.first.map { "=!<>".contains($0) } == true ? "=" + value : value)
        }
        let operand = value.trimmingCharacters(in: .whitespaces)
        guard !operand.isEmpty else { throw Failure(message: "expected a value after '\(comparison.rawValue)'") }
        return (column, comparison.rawValue + operand)
    }

    /// `COLUMN` (uniform) or `COLUMN=LEVEL:SHARE,LEVEL:SHARE,...`.
    public static func rebalance(_ text: String) throws(Failure) -> SamplingConditions.Rebalance {
        guard let equals = text.firstIndex(of: "=") else {
            let column = text.trimmingCharacters(in: .whitespaces)
            guard !column.isEmpty else { throw Failure(message: "expected COLUMN or COLUMN=LEVEL:SHARE,...") }
            return .init(column: column)
        }
        let column = String(text[..<equals]).trimmingCharacters(in: .whitespaces)
        var proportions: [String: Double] = [:]
        for item in text[text.index(after: equals)...].split(separator: ",") {
            guard let colon = item.lastIndex(of: ":"), let share = Double(item[item.index(after: colon)...]), share.isFinite else {
                throw Failure(message: "expected LEVEL:SHARE pairs separated by commas, e.g. churn=Yes:0.3,No:0.7")
            }
            guard share >= 0, share <= 1 else {
                throw Failure(message: "\(item[..<colon]) has share \(share); a share is from 0 to 1 (levels left out share what remains)")
            }
            proportions[String(item[..<colon])] = share
        }
        guard !column.isEmpty, !proportions.isEmpty else { throw Failure(message: "expected COLUMN or COLUMN=LEVEL:SHARE,...") }
        return .init(column: column, proportions: proportions)
    }

    /// `range COLUMN MIN MAX` (`_` for an open end), `less_equal A B`, `fixed_combinations A B ...`,
    /// `unique COLUMN`, `predicate FORMULA`; a trailing `clip` or `swap` sets the enforcement.
    public static func constraint(_ text: String) throws(Failure) -> ConstraintPlan {
        var words = text.split(separator: " ").map(String.init)
        guard let first = words.first, let type = ConstraintPlan.Kind(rawValue: first) else {
            throw Failure(message: "expected one of " + ConstraintPlan.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ", then its columns")
        }
        words.removeFirst()
        if type == .predicate {
            let formula = text.dropFirst(first.count).trimmingCharacters(in: .whitespaces)
            guard !formula.isEmpty else { throw Failure(message: "predicate needs a formula, e.g. predicate income >= 0") }
            return ConstraintPlan(type: .predicate, formula: formula)
        }
        var enforce: ConstraintPlan.Enforcement?
        if let last = words.last, let value = ConstraintPlan.Enforcement(rawValue: last) {
            enforce = value
            words.removeLast()
        }
        switch type {
        case .range:
            guard words.count == 3 else { throw Failure(message: "range COLUMN MIN MAX (_ for an open end)") }
            func bound(_ word: String) throws(Failure) -> Double? {
                if word == "_" { return nil }
                guard let number = Double(word) else { throw Failure(message: "range bound '\(word)' is not a number (_ for an open end)") }
                return number
            }
            return ConstraintPlan(type: .range, column: words[0], min: try bound(words[1]), max: try bound(words[2]), enforce: enforce)
        case .lessEqual, .less:
            guard words.count == 2 else { throw Failure(message: "\(type.rawValue) SMALLER LARGER") }
            return ConstraintPlan(type: type, columns: words, enforce: enforce)
        case .nullImplies:
            guard words.count == 2 else { throw Failure(message: "null_implies SOURCE TARGET (TARGET is missing wherever SOURCE is)") }
            return ConstraintPlan(type: .nullImplies, columns: words, enforce: enforce)
        case .fixedCombinations:
            guard words.count >= 2 else { throw Failure(message: "fixed_combinations needs two or more columns") }
            return ConstraintPlan(type: .fixedCombinations, columns: words)
        case .unique:
            guard words.count == 1 else { throw Failure(message: "unique COLUMN") }
            return ConstraintPlan(type: .unique, column: words[0])
        case .predicate:
            preconditionFailure("handled above")
        }
    }
}
