import Tabular

/// The same value in every row: the one given, or the real column's most common value.
public enum ConstantStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "constant", family: .synthetic,
        help: "One value in every row (default: the most common real value)",
        supportedKinds: ColumnKind.every,
        parameters: [ParameterSpec("value", .text, default: "", help: "The value; empty means the real column's most common value")],
        exposure: .levels, needsSourceColumn: false)

    public struct Model: ColumnModel {
        public var value: String
        public var fromData: Bool
        public var exposure: RealValueExposure { fromData ? .levels : .none }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            ModelOutput(.codes([UInt32](repeating: 0, count: request.count), levels: [value]))
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        if let given = input.parameters.text("value"), !given.isEmpty {
            if input.shape.isNumeric && input.shape.parse(given) == nil {
                throw ParameterError(column: input.columnName, parameter: "value", value: given,
                                     allowed: "a value of the column's type (\(input.kind.rawValue))")
            }
            return Model(value: given, fromData: false)
        }
        guard let column = input.column else {
            throw PlanError.at(column: input.columnName, "strategy 'constant' needs a value: the source has no such column to take the most common value from")
        }
        let counts = LevelCounts(column)
        guard let top = counts.counts.indices.max(by: { counts.counts[$0] < counts.counts[$1] }) else {
            throw PlanError.at(column: input.columnName, "strategy 'constant' needs a value: the column is all null")
        }
        return Model(value: counts.levels[top], fromData: true)
    }
}
