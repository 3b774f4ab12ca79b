import Tabular

/// True with the observed probability.
public enum BooleanStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "boolean", family: .statistical,
        help: "True with the observed probability",
        supportedKinds: [.boolean],
        parameters: [ParameterSpec("p_true", .choiceOrNumber(["auto"], minimum: 0, maximum: 1), default: "auto",
                                   help: "Probability of true: auto learns it")],
        exposure: .statistics)

    public struct Model: ColumnModel {
        public var probabilityTrue: Double
        public var exposure: RealValueExposure { .statistics }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            ModelOutput(.numbers((0..<request.count).map { _ in random.nextUnit() < probabilityTrue ? 1 : 0 }))
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        if let given = input.parameters.number("p_true") { return Model(probabilityTrue: given) }
        let values = try input.numericValues(strategy: descriptor.id)
        return Model(probabilityTrue: Double(values.filter { $0 >= 0.5 }.count) / Double(values.count))
    }
}
