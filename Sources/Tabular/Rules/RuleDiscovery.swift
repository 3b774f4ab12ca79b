/// Finds the rules that hold in a table: derivations (arithmetic, datetime parts, clock sums,
/// functional dependencies), order between columns and null implications.
///
/// Candidates are found on an evenly spaced sample, each with an early exit, then confirmed on
/// every row: a rule qualifies when it holds on at least `minimumSupport` of the rows where its
/// columns are present. A rule that would hold as well with its columns' rows mismatched
/// (e.g. `0 = 0 + 0` in mostly-zero columns, or an order that follows from disjoint ranges)
/// says nothing about the rows and is left out.
public enum RuleDiscovery {
    public struct Settings: Sendable {
        /// The share of applicable rows a rule must hold on.
        public var minimumSupport = 0.999
        /// Rows candidates are found on.
        public var sampleRows = 4_000
        /// Caps on the work, so that wide tables stay cheap.
        public var maxRules = 200
        public var maxPairDeterminantChecks = 3_000
        /// Columns the pairwise searches (orders, dependencies, null implications, `c = k · a`)
        /// look at, the cubic ones (`c = a + b`, `k · a + b`, ratios) and the quartic one
        /// (sums of three), in table order: a table of 10,000 columns is searched in its first
        /// columns, and `RuleDiscovery.bounds` says so.
        public var pairwiseColumns = 200
        public var cubicColumns = 80
        public var quarticColumns = 40

        public init(minimumSupport: Double = 0.999) {
            self.minimumSupport = minimumSupport
        }
    }

    /// The rules of `table`, derivations first (each column derived at most once, no cycles),
    /// then orders and null implications. `kinds` (one per column) keeps identifiers and free
    /// text out of the search.
    public static func discover(_ table: Table, kinds: [ColumnKind]? = nil, settings: Settings = Settings()) -> [DataRule] {
        guard table.rowCount >= 20 else { return [] }
        let search = RuleSearch(table: table, kinds: kinds, settings: settings)
        return search.run()
    }

    /// What a wide table's search left out, for people; nil when every column was searched.
    public static func bounds(for table: Table, settings: Settings = Settings()) -> String? {
        guard table.columnCount > settings.quarticColumns else { return nil }
        var parts = ["sums of three columns over the first \(settings.quarticColumns) numeric columns"]
        if table.columnCount > settings.cubicColumns { parts.append("other arithmetic over the first \(settings.cubicColumns)") }
        if table.columnCount > settings.pairwiseColumns { parts.append("orders, dependencies and null implications over the first \(settings.pairwiseColumns) columns") }
        return "on a table this wide, rules were searched in bounds: " + parts.joined(separator: "; ")
    }
}

/// One discovery run's state: the table's views, the sample and the accepted derivations.
final class RuleSearch {
    let table: Table
    let columns: RuleColumns
    let settings: RuleDiscovery.Settings
    let sample: [Int]
    /// The sample rows rotated by about a third: the same columns on mismatched rows, for the
    /// "says nothing" test.
    let shifted: [Int]
    let profiles: [NumericProfile]
    let eligible: Set<String>
    private(set) var rules: [DataRule] = []
    /// Derived column → the columns it is computed from.
    private var derivedFrom: [String: [String]] = [:]

    struct NumericProfile {
        var name: String
        var view: RuleColumns.NumericView
        var minimum: Double
        var maximum: Double
        var distinctInSample: Int
        var whole: Bool
        var isClock: Bool
    }

    init(table: Table, kinds: [ColumnKind]?, settings: RuleDiscovery.Settings) {
        self.table = table
        self.columns = RuleColumns(table)
        self.settings = settings
        let count = min(settings.sampleRows, table.rowCount)
        let sample = (0..<count).map { $0 * table.rowCount / count }
        let step = max(1, count / 3 + 1)
        self.sample = sample
        shifted = (0..<count).map { sample[($0 + step) % count] }
        let skipped: Set<ColumnKind> = [.identifier, .text, .email, .phone, .url, .ip, .uuid, .name]
        var eligible = Set<String>()
        for (index, column) in table.columns.enumerated() where !(kinds.map { index < $0.count && skipped.contains($0[index]) } ?? false) {
            eligible.insert(column.name)
        }
        self.eligible = eligible
        var profiles: [NumericProfile] = []
        let columns = self.columns
        for column in table.columns.prefix(settings.pairwiseColumns) where eligible.contains(column.name) {
            guard let view = columns.numbers(column.name) else { continue }
            var minimum = Double.infinity, maximum = -Double.infinity, whole = true
            var distinct = Set<Double>()
            for row in sample where view.present[row] {
                let value = view.values[row]
                minimum = min(minimum, value)
                maximum = max(maximum, value)
                if value != value.rounded() { whole = false }
                if distinct.count < 4_096 { distinct.insert(value) }
            }
            guard distinct.count >= 2 else { continue } // constant (or empty) columns take part in no rule
            let isClock = !view.isDatetime && whole && ClockTime.looksLikeClock(minimum: minimum, maximum: maximum, distinct: distinct.count)
                && sample.allSatisfy { !view.present[$0] || ClockTime.minutes(view.values[$0]) != nil }
            profiles.append(NumericProfile(name: column.name, view: view, minimum: minimum, maximum: maximum,
                                           distinctInSample: distinct.count, whole: whole, isClock: isClock))
        }
        self.profiles = profiles
    }

    func run() -> [DataRule] {
        findDatetimeParts()
        findLinear()
        findClockSums()
        findRatios()
        findSumsOfThree()
        findFunctionalDependencies()
        findOrders()
        findNullImplications()
        return Array(rules.prefix(settings.maxRules))
    }

    // MARK: Accepting

    /// Confirms `form` on every row and keeps it when it qualifies (and, for a derivation, when
    /// its column is not derived yet and no cycle forms).
    @discardableResult
    func accept(_ form: DataRule.Form) -> Bool {
        guard rules.count < settings.maxRules else { return false }
        let probe = DataRule(form, applicableRows: 0, violations: 0)
        if let target = probe.derivedColumn {
            guard derivedFrom[target] == nil else { return false }
            let inputs = probe.columns.filter { $0 != target }
            guard !inputs.contains(where: { reaches($0, target) }) else { return false }
        }
        let tally = RuleCheck.tally(form, on: columns)
        guard tally.applicableRows >= minimumApplicable(form), qualifies(tally) else { return false }
        let rule = DataRule(form, applicableRows: tally.applicableRows, violations: tally.violations)
        if let target = rule.derivedColumn { derivedFrom[target] = rule.columns.filter { $0 != target } }
        rules.append(rule)
        return true
    }

    /// A rule must rest on enough rows to say something: 50 (or half a small table). A
    /// dependency is kept as a lookup for every row, so its key columns must be present in 95%
    /// of them: planes' `speed` (present in 23 of 3,322 rows) "determines" seats where it is
    /// present, and a lookup would make seats a function of the missing speed everywhere else.
    func minimumApplicable(_ form: DataRule.Form) -> Int {
        switch form {
        case .nullImplication: return 5
        case .functionalDependency: return max(min(50, columns.rowCount / 2), Int((0.95 * Double(columns.rowCount)).rounded(.up)))
        default: return max(1, min(50, columns.rowCount / 2))
        }
    }

    func qualifies(_ tally: RuleTally) -> Bool {
        Double(tally.applicableRows - tally.violations) >= settings.minimumSupport * Double(tally.applicableRows) - 1e-9
    }

    func isDerived(_ name: String) -> Bool { derivedFrom[name] != nil }

    /// Whether `start` is computed, directly or not, from `goal` (or is `goal`).
    func reaches(_ start: String, _ goal: String) -> Bool {
        var stack = [start], seen = Set<String>()
        while let name = stack.popLast() {
            if name == goal { return true }
            guard seen.insert(name).inserted else { continue }
            stack.append(contentsOf: derivedFrom[name] ?? [])
        }
        return false
    }

    // MARK: Sample checks

    /// The violations allowed on the sample before a candidate is dropped: generous, since every
    /// survivor is confirmed on all rows.
    var sampleBudget: Int { max(2, sample.count / 100) }

    /// Whether a per-row verdict (nil: not applicable) holds on the sample within the budget,
    /// with an early exit; and whether it fails on mismatched rows (the second row index reads
    /// the target from another row): an equation must hold on under half of them, an order on
    /// under `mismatchedSupport` (it must break on at least 5% of mismatched rows).
    func holdsOnSample(mismatchedSupport: Double = 0.5, _ verdict: (Int, Int) -> Bool?) -> Bool {
        var violations = 0, applicable = 0
        for row in sample {
            guard let holds = verdict(row, row) else { continue }
            applicable += 1
            if !holds {
                violations += 1
                if violations > sampleBudget { return false }
            }
        }
        guard applicable >= min(20, sample.count / 2) else { return false }
        // The same verdict with the target read from other rows must fail often.
        var shiftedHolds = 0, shiftedApplicable = 0
        for (position, row) in sample.enumerated() {
            guard let holds = verdict(row, shifted[position]) else { continue }
            shiftedApplicable += 1
            if holds { shiftedHolds += 1 }
        }
        return shiftedApplicable > 0 && Double(shiftedHolds) < mismatchedSupport * Double(shiftedApplicable)
    }

    /// Numeric (not datetime) columns, within the cubic searches' bound.
    var arithmeticProfiles: [NumericProfile] { Array(profiles.filter { !$0.view.isDatetime }.prefix(settings.cubicColumns)) }
}
