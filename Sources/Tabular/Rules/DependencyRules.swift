/// Functional dependencies (`distance` of (`origin`, `dest`), `carrier` of `tailnum`), kept as a
/// lookup learned from the data. Only determinants with at most one distinct value per 20 rows
/// qualify: a near-unique column "determines" everything, and its lookup would copy records.
extension RuleSearch {
    func findFunctionalDependencies() {
        let rowCount = columns.rowCount
        let limit = max(2, rowCount / 20)
        var coded: [(name: String, view: RuleColumns.CodedView)] = []
        for column in table.columns.prefix(settings.pairwiseColumns) where eligible.contains(column.name) {
            guard let view = columns.codes(column.name), view.distinct >= 3 || (view.distinct == 2 && column.nullCount == 0) else { continue }
            coded.append((column.name, view))
        }
        let determinants = coded.filter { $0.view.distinct - 1 <= limit }
        // Dependents that vary enough for a dependency to say something: their own most common
        // value leaves at least 1% of the rows.
        // The most varied first: `distance` of (`origin`, `dest`) before `origin` of
        // (`carrier`, `distance`), which would close a cycle with it.
        let dependents = coded.filter { entry in
            !isDerived(entry.name) && Self.modeShare(entry.view, rows: sample) < 0.99
        }.sorted { $0.view.distinct > $1.view.distinct }
        // Per dependent: single determinants, smallest first (the most compact lookup wins),
        // then pairs of small ones within a bounded number of checks.
        let singles = determinants.sorted { $0.view.distinct < $1.view.distinct }
        let small = singles.filter { $0.view.distinct <= 1_000 }
        var pairChecks = 0
        for dependent in dependents where !isDerived(dependent.name) {
            for determinant in singles where determinant.name != dependent.name {
                guard holdsOnSample(determinants: [determinant.view], dependent: dependent.view) else { continue }
                if accept(.functionalDependency(determinants: [determinant.name], dependent: dependent.name)) { break }
            }
            guard !isDerived(dependent.name) else { continue }
            search: for i in 0..<small.count where small[i].name != dependent.name {
                for j in (i + 1)..<small.count where small[j].name != dependent.name {
                    pairChecks += 1
                    if pairChecks > settings.maxPairDeterminantChecks { break search }
                    let pair = [small[i], small[j]]
                    guard holdsOnSample(determinants: pair.map(\.view), dependent: dependent.view, allRowsIfUnsure: false),
                          pairKeyCount(pair.map(\.view)) <= limit else { continue }
                    if accept(.functionalDependency(determinants: pair.map(\.name), dependent: dependent.name)) { break search }
                }
            }
        }
    }

    /// The dependency on the sample: it must hold within the budget, rest on keys seen at least
    /// twice for most rows (one row per key proves nothing), and explain the dependent better
    /// than its own most common value does. When the sample has too few rows per key (4,044
    /// tail numbers in 4,000 sample rows), all rows decide.
    private func holdsOnSample(determinants: [RuleColumns.CodedView], dependent: RuleColumns.CodedView, allRowsIfUnsure: Bool = true) -> Bool {
        switch evidence(determinants: determinants, dependent: dependent, rows: sample, budget: sampleBudget) {
        case .holds: return true
        case .fails: return false
        case .tooFewRepeats:
            guard allRowsIfUnsure else { return false }
            let all = Array(0..<columns.rowCount)
            let budget = Int((1 - settings.minimumSupport) * Double(all.count))
            return evidence(determinants: determinants, dependent: dependent, rows: all, budget: budget) == .holds
        }
    }

    private enum Evidence { case holds, fails, tooFewRepeats }

    private func evidence(determinants: [RuleColumns.CodedView], dependent: RuleColumns.CodedView, rows: [Int], budget: Int) -> Evidence {
        let tally = FunctionalDependencyCheck.tally(determinants: determinants, dependent: dependent, rows: rows)
        guard tally.applicableRows >= 20, tally.violations <= budget else { return .fails }
        return repeatedShare(determinants, rows: rows) >= 0.5 ? .holds : .tooFewRepeats
    }

    /// The share of rows whose key (the determinants' values) occurs at least twice among `rows`.
    private func repeatedShare(_ determinants: [RuleColumns.CodedView], rows: [Int]) -> Double {
        var perKey: [Int: Int] = [:]
        var applicable = 0
        for row in rows {
            var key = 0, missing = false
            for determinant in determinants {
                guard determinant.present[row] else { missing = true; break }
                key = key &* determinant.distinct &+ Int(determinant.codes[row])
            }
            if !missing { perKey[key, default: 0] += 1; applicable += 1 }
        }
        let repeated = perKey.values.lazy.filter { $0 >= 2 }.reduce(0, +)
        return applicable == 0 ? 0 : Double(repeated) / Double(applicable)
    }

    /// Distinct combinations of the determinants over all rows.
    private func pairKeyCount(_ views: [RuleColumns.CodedView]) -> Int {
        var keys = Set<Int>()
        for row in 0..<columns.rowCount {
            var key = 0
            for view in views { key = key &* view.distinct &+ Int(view.codes[row]) }
            keys.insert(key)
        }
        return keys.count
    }

    static func modeShare(_ view: RuleColumns.CodedView, rows: [Int]) -> Double {
        var counts: [UInt32: Int] = [:]
        for row in rows { counts[view.codes[row], default: 0] += 1 }
        return rows.isEmpty ? 1 : Double(counts.values.max() ?? 0) / Double(rows.count)
    }
}
