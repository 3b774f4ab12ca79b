import Foundation

/// Short number texts for axis ends and chart labels.
public enum ChartFormat {
    /// A share (0–1) as a percentage with one decimal: `0.213` → `21.3%`.
    public static func percent(_ share: Double) -> String {
        guard share.isFinite else { return "n/a" }
        return String(format: "%.1f%%", share * 100)
    }

    /// A number in at most about six characters: integers as they are (with k/M/G past
    /// 99 999), others with four significant digits and no trailing zeros.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        let magnitude = abs(value)
        if magnitude >= 100_000 {
            let (scaled, suffix): (Double, String) =
                magnitude >= 1e9 ? (value / 1e9, "G") : magnitude >= 1e6 ? (value / 1e6, "M") : (value / 1e3, "k")
            return trimmed(String(format: "%.3g", scaled)) + suffix
        }
        if value == value.rounded() { return String(Int(value)) }
        if magnitude < 0.001 { return String(format: "%.2e", value) }
        let digits = max(0, 3 - Int(floor(log10(magnitude))))
        return trimmed(String(format: "%.\(digits)f", value))
    }

    /// A score (0–1) with three decimals, or `n/a`.
    public static func score(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "n/a" }
        return String(format: "%.3f", value)
    }

    static func trimmed(_ text: String) -> String {
        guard text.contains("."), !text.contains("e") else { return text }
        var result = text
        while result.last == "0" { result.removeLast() }
        if result.last == "." { result.removeLast() }
        return result
    }
}
