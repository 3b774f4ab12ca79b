/// Where a 0–1 score turns from bad to poor, fair and good: the colour of a gauge.
public struct ScoreBands: Sendable, Hashable {
    public enum Band: Sendable, Hashable { case bad, poor, fair, good }

    public var poor: Double
    public var fair: Double
    public var good: Double

    public init(poor: Double = 0.5, fair: Double = 0.75, good: Double = 0.9) {
        self.poor = poor
        self.fair = fair
        self.good = good
    }

    /// The defaults: good from 0.9, fair from 0.75, poor from 0.5.
    public static let standard = ScoreBands()

    public func band(_ score: Double) -> Band {
        if score >= good { return .good }
        if score >= fair { return .fair }
        if score >= poor { return .poor }
        return .bad
    }
}
