import Tabular

/// Instants drawn uniformly between two ends, in whole days or whole seconds.
struct FakeDateRange: Codable, Hashable, Sendable {
    /// Seconds since 1970-01-01T00:00:00Z, both ends included.
    var lower: Double
    var upper: Double
    /// 86 400 for date-only layouts, 1 when the layout shows a time.
    var step: Double

    /// Days 2000-01-01 … 2030-12-31, when neither the plan nor the source says otherwise.
    static let defaultLower = DateTimeFormat.isoDate.parse("2000-01-01")!
    static let defaultUpper = DateTimeFormat.isoDate.parse("2030-12-31")!

    func draw(_ random: inout RandomStream) -> Double {
        let first = (lower / step).rounded(.up)
        let last = (upper / step).rounded(.down)
        guard last > first else { return first * step }
        // Ranges are far below 2^53 steps, so the count fits an Int exactly.
        return (first + Double(random.nextIndex(Int(last - first) + 1))) * step
    }
}
