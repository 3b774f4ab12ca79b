import Tabular

/// Observed level frequencies, optionally smoothed, with rare levels merged or dropped so that a
/// level seen only a few times (which can identify a person) is never reproduced.
public enum CategoricalStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "categorical", family: .statistical,
        help: "Observed category frequencies, with smoothing and rare-level protection",
        supportedKinds: [.categorical, .boolean, .integer, .text, .identifier, .code],
        parameters: [
            ParameterSpec("alpha", .number(minimum: 0, maximum: nil), default: 0,
                          help: "Additive smoothing: add alpha to every level's count"),
            ParameterSpec("rare_threshold", .integer(minimum: 0, maximum: nil), default: 5,
                          help: "Levels seen fewer than this many times are rare (0: none); a level of 2 real rows describes those people"),
            ParameterSpec("rare_action", .choice(["other", "drop"]), default: "drop",
                          help: "Drop rare levels (never drawn), or merge them into one 'other' level"),
            ParameterSpec("other_label", .text, default: "Other", help: "The label of the merged rare level"),
        ],
        exposure: .levels)

    public struct Model: ColumnModel, MarginalDistribution {
        public var levels: [String]
        public var probabilities: [Double]
        public var exposure: RealValueExposure { .levels }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            let index = WeightedIndex(weights: probabilities)
            return ModelOutput(.codes((0..<request.count).map { _ in UInt32(index.draw(&random)) }, levels: levels))
        }

        /// Levels occupy consecutive intervals of [0, 1] in level order (frequency intervals, as
        /// in SDV's copula): the CDF at code k is the mass of levels 0...k.
        public func cdf(_ x: Double) -> Double {
            let code = Int(x.rounded(.down))
            if code < 0 { return 0 }
            return probabilities.prefix(code + 1).reduce(0, +)
        }

        public func quantile(_ p: Double) -> Double {
            Double(WeightedIndex(weights: probabilities).index(for: p))
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let counts = LevelCounts(try input.requireColumn(strategy: descriptor.id))
        guard counts.total > 0 else { throw PlanError.at(column: input.columnName, "strategy 'categorical' needs at least one value, but the column is all null") }
        let alpha = input.parameters.number("alpha") ?? 0
        let threshold = input.parameters.integer("rare_threshold") ?? 0
        let dropRare = input.parameters.text("rare_action") == "drop"
        let otherLabel = input.parameters.text("other_label") ?? "Other"

        var levels: [String] = []
        var weights: [Double] = []
        var otherWeight = 0.0
        for (level, count) in zip(counts.levels, counts.counts) {
            if count < threshold {
                if !dropRare { otherWeight += Double(count) + alpha }
            } else {
                levels.append(level)
                weights.append(Double(count) + alpha)
            }
        }
        if otherWeight > 0 {
            if let existing = levels.firstIndex(of: otherLabel) {
                weights[existing] += otherWeight
            } else {
                levels.append(otherLabel)
                weights.append(otherWeight)
            }
        }
        if levels.isEmpty && dropRare && !input.parameters.isExplicit("rare_threshold") {
            // Every level is rare (a tiny table): the default cannot protect anything, and
            // sampling nothing would be worse; an explicit threshold still refuses below.
            return Model(levels: counts.levels, probabilities: counts.counts.map { Double($0) + alpha }.normalised)
        }
        guard !levels.isEmpty else {
            throw PlanError.at(column: input.columnName, "every level is rarer than rare_threshold = \(threshold), and rare_action = drop leaves nothing to sample")
        }
        let total = weights.reduce(0, +)
        return Model(levels: levels, probabilities: weights.map { $0 / total })
    }
}

private extension Array where Element == Double {
    var normalised: [Double] {
        let total = reduce(0, +)
        return total > 0 ? map { $0 / total } : self
    }
}
