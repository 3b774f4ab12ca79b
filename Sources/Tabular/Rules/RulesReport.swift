import Foundation

/// What `doppel rules` prints: the rules of a file with their support, as text or JSON.
public struct RulesReport: Sendable {
    public var source: String
    public var rowCount: Int
    public var rules: [DataRule]
    public var seconds: Double

    public init(source: String, rowCount: Int, rules: [DataRule], seconds: Double) {
        self.source = source
        self.rowCount = rowCount
        self.rules = rules
        self.seconds = seconds
    }

    public var text: String {
        var lines = ["\(source): \(rules.count) rule\(rules.count == 1 ? "" : "s") in \(rowCount) rows (found in \(String(format: "%.2f", seconds)) s)"]
        if rules.isEmpty { lines.append("  none hold on 99.9% of the rows where their columns are present") }
        var kind = ""
        for rule in rules {
            if rule.kindName != kind {
                kind = rule.kindName
                lines.append("")
                lines.append(kind.prefix(1).uppercased() + kind.dropFirst() + ":")
            }
            let exceptions = rule.violations == 0 ? "" : ", \(rule.violations) of \(rule.applicableRows) rows break it"
            lines.append("  \(rule.text)   support \(Self.percent(rule.support))\(exceptions)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private struct JSONRule: Encodable {
        var kind: String
        var rule: String
        var columns: [String]
        var derived: String?
        var support: Double
        var applicable_rows: Int
        var violations: Int
    }

    private struct JSONReport: Encodable {
        var source: String
        var rows: Int
        var rules: [JSONRule]
    }

    /// `{"source", "rows", "rules": [{"kind", "rule", "columns", "derived", "support", "applicable_rows", "violations"}]}`.
    public var json: String {
        let report = JSONReport(source: source, rows: rowCount, rules: rules.map {
            JSONRule(kind: $0.kindName, rule: $0.text, columns: $0.columns, derived: $0.derivedColumn, support: $0.support,
                     applicable_rows: $0.applicableRows, violations: $0.violations)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try! encoder.encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// 100% only when no row breaks the rule; otherwise as many digits as it takes to show it.
    static func percent(_ share: Double) -> String {
        if share >= 1 { return "100%" }
        let value = share * 100
        if value >= 99.99 { return String(format: "%.3f%%", min(value, 99.999)) }
        return String(format: "%.2f%%", value)
    }
}
