/// Order between two numeric (or two datetime) columns, and null implications. Both are listed
/// without the ones that follow from others (`a <= c` when `a <= b` and `b <= c` are rules).
extension RuleSearch {
    func findOrders() {
        var found: [(smaller: String, larger: String, strict: Bool)] = []
        for a in profiles {
            for b in profiles where a.name != b.name && a.view.isDatetime == b.view.isDatetime {
                // Disjoint ranges order the columns without saying anything about rows.
                guard a.maximum > b.minimum else { continue }
                let (x, y) = (a.view, b.view)
                let found0 = holdsOnSample(mismatchedSupport: 0.95) { row, otherRow in
                    guard x.present[row], y.present[otherRow] else { return nil }
                    return x.values[row] <= y.values[otherRow]
                }
                guard found0 else { continue }
                let strictTally = RuleCheck.tally(.order(smaller: a.name, larger: b.name, strict: true), on: columns, rows: sample)
                let strict = strictTally.violations == 0
                found.append((a.name, b.name, strict))
            }
        }
        // Equal columns (a <= b and b <= a) are a copy, not an order.
        let pairs = Set(found.map { "\($0.smaller)\u{1F}\($0.larger)" })
        found.removeAll { pairs.contains("\($0.larger)\u{1F}\($0.smaller)") }
        // Transitive reduction.
        let larger = Dictionary(grouping: found, by: \.smaller).mapValues { Set($0.map(\.larger)) }
        for rule in found {
            let implied = (larger[rule.smaller] ?? []).contains { middle in middle != rule.larger && (larger[middle] ?? []).contains(rule.larger) }
            if implied { continue }
            if !accept(.order(smaller: rule.smaller, larger: rule.larger, strict: rule.strict)) && rule.strict {
                accept(.order(smaller: rule.smaller, larger: rule.larger, strict: false))
            }
        }
    }

    func findNullImplications() {
        let withNulls = table.columns.prefix(settings.pairwiseColumns).filter { eligible.contains($0.name) && $0.nullCount >= 5 && $0.nullCount < $0.count }
        guard !withNulls.isEmpty else { return }
        var found: [(source: String, target: String)] = []
        for source in withNulls {
            for target in withNulls where target.name != source.name {
                // Automatic when the target is computed from the source.
                if reaches(target.name, source.name) { continue }
                let tally = RuleCheck.tally(.nullImplication(source: source.name, target: target.name), on: columns)
                if qualifies(tally) { found.append((source.name, target.name)) }
            }
        }
        let implies = Dictionary(grouping: found, by: \.source).mapValues { Set($0.map(\.target)) }
        for rule in found {
            // Implied through a middle column that is not equivalent to the target.
            let implied = (implies[rule.source] ?? []).contains { middle in
                middle != rule.target && (implies[middle] ?? []).contains(rule.target) && !(implies[rule.target] ?? []).contains(middle)
            }
            if !implied { accept(.nullImplication(source: rule.source, target: rule.target)) }
        }
    }
}
