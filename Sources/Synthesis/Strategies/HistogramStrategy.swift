import Tabular

/// A histogram of equal-width bins, sampled uniformly within each bin.
public enum HistogramStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "histogram", family: .statistical,
        help: "Equal-width histogram, uniform within each bin",
        supportedKinds: ColumnKind.numeric.union([.datetime]),
        parameters: [ParameterSpec("bins", .integer(minimum: 1, maximum: 10_000), default: 20, help: "Number of bins")],
        exposure: .statistics, producesNumbers: true)

    public typealias Model = BinnedDistribution

    public static func fit(_ input: FitInput) throws -> Model {
        BinnedDistribution(values: try input.numericValues(strategy: descriptor.id), bins: input.parameters.integer("bins") ?? 20)
    }
}

/// Bins over [lower, upper] with probabilities: a piecewise-uniform distribution.
public struct BinnedDistribution: ColumnModel, MarginalDistribution, Hashable {
    public var lower: Double
    public var upper: Double
    public var probabilities: [Double]
    public var exposure: RealValueExposure { .statistics }

    init(values: [Double], bins: Int) {
        let minimum = values.min()!
        let maximum = values.max()!
        lower = minimum
        upper = maximum
        guard maximum > minimum else {
            probabilities = [1]
            return
        }
        var counts = [Double](repeating: 0, count: bins)
        let width = (maximum - minimum) / Double(bins)
        if width.isFinite {
            for value in values { counts[min(bins - 1, Int((value - minimum) / width))] += 1 }
        } else {
            // A range wider than the largest Double (-1.8e308 to 1.8e308).
            for value in values {
                counts[min(bins - 1, Int(FiniteRange.fraction(value, minimum, maximum) * Double(bins)))] += 1
            }
        }
        probabilities = counts.map { $0 / Double(values.count) }
    }

    private var width: Double { (upper - lower) / Double(probabilities.count) }

    public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
        let index = WeightedIndex(weights: probabilities)
        let width = self.width
        let bins = Double(probabilities.count)
        return ModelOutput(.numbers((0..<request.count).map { _ in
            let bin = index.draw(&random)
            guard width.isFinite else { return FiniteRange.interpolate(lower, upper, (Double(bin) + random.nextUnit()) / bins) }
            return lower + (Double(bin) + random.nextUnit()) * width
        }))
    }

    public func cdf(_ x: Double) -> Double {
        if x < lower { return 0 }
        if x >= upper { return 1 }
        let position = width.isFinite ? (x - lower) / width : FiniteRange.fraction(x, lower, upper) * Double(probabilities.count)
        let bin = min(probabilities.count - 1, Int(position))
        let below = probabilities[..<bin].reduce(0, +)
        return below + probabilities[bin] * (position - Double(bin))
    }

    public func quantile(_ p: Double) -> Double {
        var running = 0.0
        for (bin, probability) in probabilities.enumerated() {
            if running + probability >= p && probability > 0 {
                let position = Double(bin) + (p - running) / probability
                guard width.isFinite else { return FiniteRange.interpolate(lower, upper, position / Double(probabilities.count)) }
                return lower + position * width
            }
            running += probability
        }
        return upper
    }
}
