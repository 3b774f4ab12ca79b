import Tabular

/// The real column as it is, row for row (partially synthetic data keeps some real columns).
public enum KeepStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "keep", family: .partial,
        help: "Keep the real column, row-aligned",
        supportedKinds: ColumnKind.every,
        parameters: [ParameterSpec("cycle", .boolean, default: false, help: "Repeat the real rows when more rows are asked for")],
        exposure: .values, carriesOwnNulls: true)

    public struct Model: RowAlignedModel {
        static let strategyID = "keep"
        public var real: RealColumn
        var storedRows: RealColumn { real }
        public var exposure: RealValueExposure { .values }


    }

    public static func fit(_ input: FitInput) throws -> Model {
        Model(real: RealColumn(try input.requireColumn(strategy: descriptor.id), numeric: input.shape.isNumeric, cycle: input.parameters.bool("cycle")))
    }
}
