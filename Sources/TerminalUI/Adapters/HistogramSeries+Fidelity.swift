import Fidelity
import Tabular

extension HistogramSeries {
    /// The bins of a Fidelity histogram, with its range as axis ends (dates for datetime columns).
    public init(_ comparison: HistogramComparison) {
        let lower = comparison.edges.first ?? 0, upper = comparison.edges.last ?? 0
        let isDate = comparison.kind == .datetime
        self.init(real: comparison.real, synthetic: comparison.synthetic,
                  lowerLabel: isDate ? Self.date(lower, span: upper - lower) : ChartFormat.number(lower),
                  upperLabel: isDate ? Self.date(upper, span: upper - lower) : ChartFormat.number(upper))
    }

    /// Epoch seconds as `YYYY-MM-DD`, with the time of day when the range is under two days.
    static func date(_ seconds: Double, span: Double) -> String {
        guard seconds.isFinite else { return "n/a" }
        let whole = Int(seconds.rounded(.down))
        let days = Int((Double(whole) / 86_400).rounded(.down))
        let (year, month, day) = CivilCalendar.civilFromDays(days)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        var text = "\(year)-\(two(month))-\(two(day))"
        if span < 2 * 86_400 {
            let secondOfDay = whole - days * 86_400
            text += " \(two(secondOfDay / 3600)):\(two(secondOfDay % 3600 / 60))"
        }
        return text
    }
}

extension HistogramWidget {
    /// The histogram of a Fidelity comparison, titled with the column's name and, when either
    /// side has nulls, their shares (nulls are not in the bins).
    public init(_ comparison: HistogramComparison, title: String? = nil, plotHeight: Int = 8) {
        self.init(HistogramSeries(comparison),
                  title: title ?? ChartTitle.withNulls(comparison.column, real: comparison.realNullShare,
                                                      synthetic: comparison.syntheticNullShare),
                  plotHeight: plotHeight)
    }
}

/// Default chart titles.
enum ChartTitle {
    /// `name`, followed by the null shares when either side has any.
    static func withNulls(_ name: String, real: Double, synthetic: Double) -> String {
        guard real > 0 || synthetic > 0 else { return name }
        return "\(name)  (nulls: real \(ChartFormat.percent(real)), synthetic \(ChartFormat.percent(synthetic)))"
    }
}
