/// A threshold on one figure, as `--min quality=0.9` or `--max exact_copy_rate=0` (and a
/// session's `require:` section): CI pipelines fail a run whose synthetic data misses one.
public struct QualityGate: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Bound: String, Hashable, Sendable, Codable {
        case min, max
    }

    public var metric: String
    public var bound: Bound
    public var threshold: Double

    public init(metric: String, bound: Bound, threshold: Double) {
        self.metric = metric
        self.bound = bound
        self.threshold = threshold
    }

    /// Parses `NAME=VALUE` as typed after `--min`/`--max`, checking the name against `known`.
    public static func parse(_ text: String, bound: Bound, known: [String]) throws -> QualityGate {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let option = "--\(bound.rawValue) \(text)"
        guard parts.count == 2, !parts[0].isEmpty else {
            throw GateError("\(option): expected METRIC=VALUE, e.g. --\(bound.rawValue) quality=0.9")
        }
        guard known.contains(parts[0]) else {
            throw GateError("\(option): unknown metric '\(parts[0])'; known: " + known.joined(separator: ", "))
        }
        guard let value = Double(parts[1]), value.isFinite else {
            throw GateError("\(option): '\(parts[1])' is not a number")
        }
        return QualityGate(metric: parts[0], bound: bound, threshold: value)
    }

    /// nil when the figure passes, else a line naming the threshold missed.
    public func miss(_ value: Double) -> String? {
        let passes = bound == .min ? value >= threshold : value <= threshold
        if passes { return nil }
        let relation = bound == .min ? "<" : ">"
        return "\(metric) = \(Self.format(value)) \(relation) \(Self.format(threshold)) (\(self))"
    }

    public var description: String { "--\(bound.rawValue) \(metric)=\(Self.format(threshold))" }

    static func format(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        var text = String(format4: value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}

/// A gate that cannot be applied (bad syntax, unknown metric, a figure that needs missing input).
public struct GateError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Checks gates against named figures.
public enum GateCheck {
    /// The lines for missed gates (empty when all pass). A gate on a figure that could not be
    /// computed (nil, e.g. overfitting protection without a holdout) is an error, not a miss.
    public static func misses(_ gates: [QualityGate], figures: [String: Double?], whyMissing: (String) -> String) throws -> [String] {
        try gates.compactMap { gate in
            guard let figure = figures[gate.metric] else { throw GateError("\(gate): unknown metric '\(gate.metric)'") }
            guard let value = figure else { throw GateError("\(gate): \(gate.metric) was not computed (\(whyMissing(gate.metric)))") }
            return gate.miss(value)
        }
    }
}

private extension String {
    /// Four decimals, without Foundation.
    init(format4 value: Double) {
        let scaled = (abs(value) * 10_000).rounded()
        let whole = Int64(scaled / 10_000)
        let fraction = Int64(scaled) % 10_000
        var digits = String(fraction)
        while digits.count < 4 { digits = "0" + digits }
        self = (value < 0 ? "-" : "") + "\(whole).\(digits)"
    }
}
