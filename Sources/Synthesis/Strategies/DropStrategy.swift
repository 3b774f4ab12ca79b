import Tabular

/// Leaves the column out of the output.
public enum DropStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "drop", family: .partial,
        help: "Leave the column out of the output",
        supportedKinds: ColumnKind.every, exposure: .none, needsSourceColumn: false)

    public struct Model: ColumnModel {
        public var exposure: RealValueExposure { .none }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            preconditionFailure("a dropped column is never generated")
        }
    }

    public static func fit(_ input: FitInput) throws -> Model { Model() }
}
