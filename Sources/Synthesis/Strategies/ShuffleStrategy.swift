import Tabular

/// The real values in a random order: the column's distribution exactly, with its links to the
/// other columns broken.
public enum ShuffleStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "shuffle", family: .partial,
        help: "Permute the real values (breaks links to other columns)",
        supportedKinds: ColumnKind.every,
        parameters: [ParameterSpec("cycle", .boolean, default: false, help: "Repeat (with a new order) when more rows are asked for")],
        exposure: .values, carriesOwnNulls: true)

    public struct Model: RowAlignedModel {
        static let strategyID = "shuffle"
        public var real: RealColumn
        var storedRows: RealColumn { real }
        public var exposure: RealValueExposure { .values }


        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            let count = real.count
            let sourceRows = request.rows.map { row -> Int in
                // Each pass over the real rows has its own permutation.
                let pass = row / count
                let permutation = KeyedPermutation(count: count, key: SplitMix64.mix(request.seed ^ UInt64(pass) &* 0x9E37_79B9_7F4A_7C15))
                return permutation.apply(row % count)
            }
            return real.values(at: sourceRows)
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        Model(real: RealColumn(try input.requireColumn(strategy: descriptor.id), numeric: input.shape.isNumeric, cycle: input.parameters.bool("cycle")))
    }
}
