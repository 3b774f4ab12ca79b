import Tabular

/// Picks from a list the user gives, with optional weights.
public enum ChoiceStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "choice", family: .synthetic,
        help: "Pick from your own list of values, with optional weights",
        supportedKinds: ColumnKind.every,
        parameters: [
            ParameterSpec("values", .list, default: .list([]), help: "The values to pick from"),
            ParameterSpec("weights", .list, default: .list([]), help: "Relative weights, one per value (empty: equal)"),
        ],
        exposure: .none, needsSourceColumn: false)

    public struct Model: ColumnModel {
        public var values: [String]
        public var probabilities: [Double]
        public var exposure: RealValueExposure { .none }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            let index = WeightedIndex(weights: probabilities)
            return ModelOutput(.codes((0..<request.count).map { _ in UInt32(index.draw(&random)) }, levels: values))
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let values = (input.parameters["values"].list ?? []).map(\.displayText)
        guard !values.isEmpty else {
            throw ParameterError(column: input.columnName, parameter: "values", value: "[]", allowed: "a list of at least one value")
        }
        for value in values where input.shape.isNumeric && input.shape.parse(value) == nil {
            throw ParameterError(column: input.columnName, parameter: "values", value: value,
                                 allowed: "values of the column's type (\(input.kind.rawValue))")
        }
        let weightValues = input.parameters["weights"].list ?? []
        var weights = [Double](repeating: 1, count: values.count)
        if !weightValues.isEmpty {
            let numbers = weightValues.compactMap(\.number)
            guard numbers.count == values.count, numbers.allSatisfy({ $0 >= 0 && $0.isFinite }), numbers.reduce(0, +) > 0 else {
                throw ParameterError(column: input.columnName, parameter: "weights", value: ParameterValue.list(weightValues).displayText,
                                     allowed: "\(values.count) non-negative numbers, one per value, not all zero")
            }
            weights = numbers
        }
        let total = weights.reduce(0, +)
        return Model(values: values, probabilities: weights.map { $0 / total })
    }
}
