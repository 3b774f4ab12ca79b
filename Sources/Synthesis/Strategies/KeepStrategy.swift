import Tabular

/// The real column as it is, row for row (partially synthetic data keeps some real columns).
public enum KeepStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "keep", family: .partial,
        help: "Keep the real column, row-aligned",
        supportedKinds: ColumnKind.every,
        parameters: [ParameterSpec("cycle", .boolean, default: false, help: "Repeat the real rows when more rows are asked for")],
        exposure: .values, carriesOwnNulls: true)

    public struct Model: ColumnModel {
        public var real: RealColumn
        public var exposure: RealValueExposure { .values }

        public func check(rows: Int, column: String) throws {
            try real.check(rows: rows, column: column, strategy: "keep")
        }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            real.values(at: request.rows.map { $0 % real.count })
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        Model(real: RealColumn(try input.requireColumn(strategy: descriptor.id), numeric: input.shape.isNumeric, cycle: input.parameters.bool("cycle")))
    }
}
