import Tabular

/// Uniform over a range: the one given, or the real column's min to max.
public enum UniformStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "uniform", family: .synthetic,
        help: "Uniform between min and max (default: the real range)",
        supportedKinds: ColumnKind.numeric.union([.datetime]),
        parameters: [
            ParameterSpec("min", .choiceOrNumber(["auto"], minimum: nil, maximum: nil), default: "auto", help: "Lower end; auto is the real minimum"),
            ParameterSpec("max", .choiceOrNumber(["auto"], minimum: nil, maximum: nil), default: "auto", help: "Upper end; auto is the real maximum"),
        ],
        exposure: .statistics, needsSourceColumn: false, producesNumbers: true)

    public struct Model: ColumnModel, MarginalDistribution {
        public var lower: Double
        public var upper: Double
        public var exposure: RealValueExposure { .statistics }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            ModelOutput(.numbers((0..<request.count).map { _ in FiniteRange.interpolate(lower, upper, random.nextUnit()) }))
        }

        public func cdf(_ x: Double) -> Double { upper > lower ? min(1, max(0, FiniteRange.fraction(x, lower, upper))) : (x >= lower ? 1 : 0) }
        public func quantile(_ p: Double) -> Double { FiniteRange.interpolate(lower, upper, p) }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        var lower = input.parameters.number("min")
        var upper = input.parameters.number("max")
        if lower == nil || upper == nil {
            guard input.column != nil else {
                throw PlanError.at(column: input.columnName, "strategy 'uniform' needs min and max: the source has no such column to take them from")
            }
            let values = try input.numericValues(strategy: descriptor.id)
            lower = lower ?? values.min()
            upper = upper ?? values.max()
        }
        guard let lower, let upper, lower <= upper else {
            throw ParameterError(column: input.columnName, parameter: "min", value: ParameterValue.number(lower ?? .nan).displayText,
                                 allowed: "a number not above max (\(ParameterValue.number(upper ?? .nan).displayText))")
        }
        return Model(lower: lower, upper: upper)
    }
}
