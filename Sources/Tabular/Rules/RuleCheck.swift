/// How often a rule holds in a table: the rows it applies to and the rows that break it.
/// The same check confirms a discovered rule on every row and scores synthetic output.
public struct RuleTally: Hashable, Sendable {
    public var applicableRows: Int
    public var violations: Int

    public init(applicableRows: Int, violations: Int) {
        self.applicableRows = applicableRows
        self.violations = violations
    }

    public var violationRate: Double { applicableRows == 0 ? 0 : Double(violations) / Double(applicableRows) }
}

public enum RuleCheck {
    /// The rule's tally on `rows` of `columns` (all rows by default). A rule naming a column
    /// the table lacks applies to no row.
    public static func tally(_ form: DataRule.Form, on columns: RuleColumns, rows: [Int]? = nil) -> RuleTally {
        let rows = rows ?? Array(0..<columns.rowCount)
        switch form {
        case .order(let smallerName, let largerName, let strict):
            guard let smaller = columns.numbers(smallerName), let larger = columns.numbers(largerName) else { return .none }
            return count(rows) { row in
                guard smaller.present[row], larger.present[row] else { return nil }
                let (a, b) = (smaller.values[row], larger.values[row])
                return strict ? a < b : a <= b
            }
        case .linear(let targetName, let terms):
            guard let target = columns.numbers(targetName) else { return .none }
            let inputs = terms.compactMap { term in columns.numbers(term.column).map { (term.coefficient, $0) } }
            guard inputs.count == terms.count else { return .none }
            return count(rows) { row in
                guard target.present[row] else { return nil }
                var sum = 0.0
                for (coefficient, input) in inputs {
                    guard input.present[row] else { return nil }
                    sum += coefficient * input.values[row]
                }
                return near(target.values[row], sum, tolerance: target.tolerance)
            }
        case .ratio(let targetName, let numeratorName, let denominatorName):
            guard let target = columns.numbers(targetName), let numerator = columns.numbers(numeratorName),
                  let denominator = columns.numbers(denominatorName) else { return .none }
            return count(rows) { row in
                guard target.present[row], numerator.present[row], denominator.present[row] else { return nil }
                let divisor = denominator.values[row]
                guard divisor != 0 else { return false }
                return near(target.values[row], numerator.values[row] / divisor, tolerance: target.tolerance)
            }
        case .datetimePart(let targetName, let sourceName, let part, let zoneName):
            guard let target = columns.numbers(targetName), let source = columns.numbers(sourceName), source.isDatetime,
                  let zone = try? TimeZoneRules.named(zoneName) else { return .none }
            return count(rows) { row in
                guard target.present[row], source.present[row] else { return nil }
                guard let value = DatetimeParts.value(part, of: source.values[row], in: zone) else { return false }
                return near(target.values[row], value, tolerance: target.tolerance)
            }
        case .clockSum(let targetName, let clockName, let minutesName, _):
            guard let target = columns.numbers(targetName), let clock = columns.numbers(clockName),
                  let minutes = columns.numbers(minutesName) else { return .none }
            return count(rows) { row in
                guard target.present[row], clock.present[row], minutes.present[row] else { return nil }
                return clockSumHolds(target: target.values[row], clock: clock.values[row], minutes: minutes.values[row])
            }
        case .functionalDependency(let determinantNames, let dependentName):
            let determinants = determinantNames.compactMap { columns.codes($0) }
            guard determinants.count == determinantNames.count, !determinants.isEmpty, let dependent = columns.codes(dependentName) else { return .none }
            return FunctionalDependencyCheck.tally(determinants: determinants, dependent: dependent, rows: rows)
        case .nullImplication(let sourceName, let targetName):
            guard let sourceColumn = columns.table.column(named: sourceName), let targetColumn = columns.table.column(named: targetName) else { return .none }
            return count(rows) { row in
                guard sourceColumn.isNull(row) else { return nil }
                return targetColumn.isNull(row)
            }
        }
    }

    @inline(__always)
    static func near(_ value: Double, _ expected: Double, tolerance: Double) -> Bool {
        (value - expected).magnitude <= tolerance * (1 + 1e-9) + 1e-9 * max(1, value.magnitude)
    }

    @inline(__always)
    static func clockSumHolds(target: Double, clock: Double, minutes: Double) -> Bool {
        guard let end = ClockTime.minutes(target), let start = ClockTime.minutes(clock), minutes.isFinite, minutes.magnitude < 1e12 else { return false }
        var difference = (end - start - minutes.rounded()).truncatingRemainder(dividingBy: 1440)
        if difference < 0 { difference += 1440 }
        return difference == 0 && minutes == minutes.rounded()
    }

    /// Counts over `rows` of a per-row verdict: nil when the rule does not apply to the row.
    @inline(__always)
    static func count(_ rows: [Int], _ verdict: (Int) -> Bool?) -> RuleTally {
        var applicable = 0, violations = 0
        for row in rows {
            guard let holds = verdict(row) else { continue }
            applicable += 1
            if !holds { violations += 1 }
        }
        return RuleTally(applicableRows: applicable, violations: violations)
    }
}

extension RuleTally {
    static let none = RuleTally(applicableRows: 0, violations: 0)
}

/// `dependent = f(determinants)` counted the way a lookup would keep it: each key's most common
/// dependent value is the function's value, and every other row of the key is a violation.
/// Rows missing a determinant do not apply; a missing dependent is a value of its own.
enum FunctionalDependencyCheck {
    static func tally(determinants: [RuleColumns.CodedView], dependent: RuleColumns.CodedView, rows: [Int]) -> RuleTally {
        // Dense keys over the determinants' codes.
        var keySpace = 1
        for determinant in determinants { keySpace = keySpace.multipliedReportingOverflow(by: determinant.distinct).partialValue }
        let dense = keySpace > 0 && keySpace <= 1 << 24
        var keyIndex: [Int: Int] = [:]
        var keys = [Int](repeating: 0, count: rows.count)
        var applicableRows: [Int] = []
        applicableRows.reserveCapacity(rows.count)
        var keyCount = 0
        for (position, row) in rows.enumerated() {
            var key = 0, missing = false
            for determinant in determinants {
                guard determinant.present[row] else { missing = true; break }
                key = key * determinant.distinct + Int(determinant.codes[row])
            }
            if missing { continue }
            if dense {
                keys[position] = key
            } else if let index = keyIndex[key] {
                keys[position] = index
            } else {
                keyIndex[key] = keyCount
                keys[position] = keyCount
                keyCount += 1
            }
            applicableRows.append(position)
        }
        let slots = dense ? keySpace : keyCount
        // Boyer–Moore majority vote per key: exact for every key whose mode is over half its
        // rows, which is all that matters when the rule holds on 99.9% of rows.
        var candidate = [UInt32](repeating: 0, count: slots)
        var votes = [Int32](repeating: 0, count: slots)
        for position in applicableRows {
            let key = keys[position], value = dependent.codes[rows[position]]
            if votes[key] == 0 { candidate[key] = value; votes[key] = 1 } else if candidate[key] == value { votes[key] += 1 } else { votes[key] -= 1 }
        }
        var violations = 0
        for position in applicableRows where dependent.codes[rows[position]] != candidate[keys[position]] { violations += 1 }
        return RuleTally(applicableRows: applicableRows.count, violations: violations)
    }
}
