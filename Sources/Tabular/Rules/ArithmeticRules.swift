/// Exact arithmetic between numeric columns: `c = k · a`, `c = a + b` (every difference is a
/// sum read the other way: `dep_delay = dep_time − sched` is `dep_time = sched + dep_delay`, and
/// the sum is the column derived), `c = k · a + b`, `c = a / b` and `c = a + b + d`.
extension RuleSearch {
    /// `c = k · a` (k = 1 for a copy) and `c = a + b`, `c = k · a + b`.
    func findLinear() {
        let numbers = arithmeticProfiles
        for target in targetsFirst where !isDerived(target.name) {
            let t = target.view
            // c = k · a
            for a in numbers where a.name != target.name {
                let x = a.view
                guard let ratio = firstRatio(t, x), let k = abs(ratio - 1) < 1e-12 ? 1 : roundFactor(ratio) else { continue }
                let found = holdsOnSample { row, targetRow in
                    guard t.present[targetRow], x.present[row] else { return nil }
                    return RuleCheck.near(t.values[targetRow], k * x.values[row], tolerance: t.tolerance)
                }
                if found, accept(.linear(target: target.name, terms: [.init(k, a.name)])) { break }
            }
            guard !isDerived(target.name) else { continue }
            // c = a + b
            search: for (i, a) in numbers.enumerated() where a.name != target.name {
                for b in numbers[(i + 1)...] where b.name != target.name {
                    let (x, y) = (a.view, b.view)
                    let found = holdsOnSample { row, targetRow in
                        guard t.present[targetRow], x.present[row], y.present[row] else { return nil }
                        return RuleCheck.near(t.values[targetRow], x.values[row] + y.values[row], tolerance: t.tolerance)
                    }
                    if found, accept(.linear(target: target.name, terms: [.init(1, a.name), .init(1, b.name)])) { break search }
                }
            }
            guard !isDerived(target.name) else { continue }
            // c = k · a + b, k a round factor such as 100 (hour * 100 + minute) or 60
            search: for a in numbers where a.name != target.name {
                for b in numbers where b.name != target.name && b.name != a.name {
                    let (x, y) = (a.view, b.view)
                    guard let factor = firstFactor(t, x, plus: y), let k = roundFactor(factor) else { continue }
                    let found = holdsOnSample { row, targetRow in
                        guard t.present[targetRow], x.present[row], y.present[row] else { return nil }
                        return RuleCheck.near(t.values[targetRow], k * x.values[row] + y.values[row], tolerance: t.tolerance)
                    }
                    if found, accept(.linear(target: target.name, terms: [.init(k, a.name), .init(1, b.name)])) { break search }
                }
            }
        }
    }

    /// `c = a / b`, for columns with digits after the point (a ratio of whole numbers written
    /// whole is rounding, not a rule worth keeping).
    func findRatios() {
        let numbers = arithmeticProfiles
        for target in targetsFirst where !isDerived(target.name) && !target.whole {
            let t = target.view
            search: for a in numbers where a.name != target.name {
                for b in numbers where b.name != target.name && b.name != a.name {
                    let (x, y) = (a.view, b.view)
                    let found = holdsOnSample { row, targetRow in
                        guard t.present[targetRow], x.present[row], y.present[row] else { return nil }
                        let divisor = y.values[row]
                        guard divisor != 0 else { return false }
                        return RuleCheck.near(t.values[targetRow], x.values[row] / divisor, tolerance: t.tolerance)
                    }
                    if found, accept(.ratio(target: target.name, numerator: a.name, denominator: b.name)) { break search }
                }
            }
        }
    }

    /// `c = a + b + d` (a living area as the sum of its floors). The first present sample row
    /// filters the combinations before any full check.
    func findSumsOfThree() {
        let numbers = Array(arithmeticProfiles.prefix(settings.quarticColumns))
        guard numbers.count >= 4 else { return }
        for target in numbers where !isDerived(target.name) {
            let t = target.view
            let others = numbers.filter { $0.name != target.name }
            guard let probe = sample.first(where: { row in t.present[row] && others.allSatisfy { $0.view.present[row] } }) else { continue }
            search: for i in 0..<others.count {
                for j in (i + 1)..<others.count {
                    let partial = others[i].view.values[probe] + others[j].view.values[probe]
                    for l in (j + 1)..<others.count
                    where RuleCheck.near(t.values[probe], partial + others[l].view.values[probe], tolerance: t.tolerance) {
                        let (x, y, z) = (others[i].view, others[j].view, others[l].view)
                        let found = holdsOnSample { row, targetRow in
                            guard t.present[targetRow], x.present[row], y.present[row], z.present[row] else { return nil }
                            return RuleCheck.near(t.values[targetRow], x.values[row] + y.values[row] + z.values[row], tolerance: t.tolerance)
                        }
                        if found, accept(.linear(target: target.name, terms: [.init(1, others[i].name), .init(1, others[j].name), .init(1, others[l].name)])) {
                            break search
                        }
                    }
                }
            }
        }
    }

    /// Targets with the most distinct values first: of `per_carat = price / carat` and
    /// `carat = price / per_carat`, the finer column is the one to compute from the coarser.
    var targetsFirst: [NumericProfile] {
        arithmeticProfiles.enumerated().sorted { a, b in
            a.element.distinctInSample != b.element.distinctInSample ? a.element.distinctInSample > b.element.distinctInSample : a.offset < b.offset
        }.map(\.element)
    }

    /// `t / x` on the first sample row where both are present and x is not zero.
    private func firstRatio(_ t: RuleColumns.NumericView, _ x: RuleColumns.NumericView) -> Double? {
        for row in sample where t.present[row] && x.present[row] && x.values[row] != 0 {
            return t.values[row] / x.values[row]
        }
        return nil
    }

    /// k in `t = k · x + y`, from the first sample row where it is defined.
    private func firstFactor(_ t: RuleColumns.NumericView, _ x: RuleColumns.NumericView, plus y: RuleColumns.NumericView) -> Double? {
        for row in sample where t.present[row] && x.present[row] && y.present[row] && x.values[row] != 0 {
            return (t.values[row] - y.values[row]) / x.values[row]
        }
        return nil
    }

    /// Factors a person writes in a formula: whole numbers from 2 to a million (100, 60, 1000),
    /// or their reciprocals (0.01).
    /// `k` as written (exactly 100, exactly 1 / 100), or nil when it is not such a factor.
    func roundFactor(_ k: Double) -> Double? {
        func whole(_ value: Double) -> Bool { value >= 2 && value <= 1e6 && (value - value.rounded()).magnitude < 1e-9 * value }
        guard k > 0 else { return nil }
        if whole(k) { return k.rounded() }
        if whole(1 / k) { return 1 / (1 / k).rounded() }
        return nil
    }
}
