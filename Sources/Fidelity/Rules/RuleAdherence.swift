import Foundation
import Tabular

/// Whether synthetic rows obey the rules the real rows obey: each rule found in the real table
/// (`RuleDiscovery`), with its violation rate in the real and in the synthetic rows. A score
/// is not proof that rows are possible; this is the check that they are.
public struct RuleAdherence: Sendable {
    public struct Entry: Sendable {
        public var rule: DataRule
        public var real: RuleTally
        public var synthetic: RuleTally

        /// How much more often the synthetic rows break the rule than the real rows do.
        public var excess: Double { synthetic.violationRate - real.violationRate }
    }

    public var entries: [Entry]

    /// The largest excess over the rules (0 when there are none): the `rule_violation_rate` gate.
    public var violationRate: Double { entries.map(\.excess).max().map { max(0, $0) } ?? 0 }

    public static func compute(_ data: FidelityData) -> RuleAdherence {
        let shared = data.real.columnNames.filter { data.synthetic.column(named: $0) != nil }
        let real = Table(columns: shared.map { data.real.column(named: $0)! })
        let kinds = shared.map { data.kinds[$0] ?? .text }
        return check(RuleDiscovery.discover(real, kinds: kinds), on: data.synthetic)
    }

    /// Rules already found in the real data (their tallies are the real side), checked on
    /// `synthetic`: the workbench discovers once per file and checks every preview.
    public static func check(_ rules: [DataRule], on synthetic: Table) -> RuleAdherence {
        let syntheticColumns = RuleColumns(synthetic)
        return RuleAdherence(entries: rules.map { rule in
            Entry(rule: rule, real: RuleTally(applicableRows: rule.applicableRows, violations: rule.violations),
                  synthetic: RuleCheck.tally(rule.form, on: syntheticColumns))
        })
    }

    /// The entries broken more often in the synthetic rows than in the real ones, worst first.
    public func worst(_ count: Int) -> [Entry] {
        Array(entries.enumerated().filter { $0.element.excess > 0 }
            .sorted { $0.element.excess != $1.element.excess ? $0.element.excess > $1.element.excess : $0.offset < $1.offset }
            .map(\.element).prefix(count))
    }

    /// Lines for people: the rule, its real support, and the synthetic violation rate.
    public var lines: [String] {
        entries.map { entry in
            let flag = entry.excess > 0.001 ? "  <- broken more often than in the real data" : ""
            return "\(entry.rule.text): real \(Self.percent(entry.real.violationRate)), synthetic \(Self.percent(entry.synthetic.violationRate)) of rows break it\(flag)"
        }
    }

    /// A rule's support as a percentage that never reads 100% while a row breaks the rule: as
    /// many digits as it takes for the rounded figure to stay below 100 (99.97%, 99.996%).
    public static func supportPercent(_ share: Double) -> String {
        if share >= 1 { return "100%" }
        let value = max(0, share) * 100
        var scale = 1.0
        for digits in 1...6 {
            scale *= 10
            if (value * scale).rounded() / scale < 100 { return String(format: "%.\(digits)f%%", value) }
        }
        return "99.999999%"
    }

    /// A violation rate as a percentage with a few significant digits.
    public static func percent(_ rate: Double) -> String {
        if rate == 0 { return "0%" }
        let value = rate * 100
        let digits = value >= 10 ? 1 : value >= 0.1 ? 2 : 3
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        return "\(rounded)%"
    }
}
