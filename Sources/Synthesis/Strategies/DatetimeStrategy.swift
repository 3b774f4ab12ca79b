import Tabular

/// A distribution over time (a fine histogram of instants), written back in the column's own
/// layout. Date-only layouts get whole days; others keep the seconds the layout shows.
public enum DatetimeStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "datetime", family: .statistical,
        help: "Distribution over time, written in the column's own format",
        supportedKinds: [.datetime],
        parameters: [ParameterSpec("bins", .integer(minimum: 1, maximum: 10_000), default: 100, help: "Number of time bins")],
        exposure: .statistics)

    public struct Model: ColumnModel, MarginalDistribution {
        public var distribution: BinnedDistribution
        /// Seconds that values are rounded down to (86400 for date-only layouts, 1 otherwise).
        public var resolution: Double
        public var exposure: RealValueExposure { .statistics }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            var output = try distribution.generate(request, random: &random)
            if case .numbers(let numbers) = output.values {
                output.values = .numbers(numbers.map { ($0 / resolution).rounded(.down) * resolution })
            }
            return output
        }

        public func cdf(_ x: Double) -> Double { distribution.cdf(x) }
        public func quantile(_ p: Double) -> Double { distribution.quantile(p) }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let values = try input.numericValues(strategy: descriptor.id)
        var resolution = 1.0
        if case .datetime(let format) = input.shape, !format.hasTime { resolution = 86_400 }
        return Model(distribution: BinnedDistribution(values: values, bins: input.parameters.integer("bins") ?? 100), resolution: resolution)
    }
}
