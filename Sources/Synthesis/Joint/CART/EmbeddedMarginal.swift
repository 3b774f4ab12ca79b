import Tabular

/// A member's own fitted column strategy, kept inside the joint model so that a session can
/// replay the model without the source: the strategy's model (encoded under its strategy id)
/// with the shared options around it (null rate, edge cases, clip, round).
struct EmbeddedMarginal: Codable, Sendable {
    var column: FittedColumn

    init(_ column: FittedColumn) {
        self.column = column
    }

    /// A chunk of the column, as its plan would make it, with every draw taken from `random`.
    func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> SyntheticColumn {
        try column.generate(request, seed: random.next(), chunk: 0)
    }

    private enum CodingKeys: String, CodingKey {
        case name, kind, strategy, shape, model
        case nullRate = "null_rate", edgeRate = "edge_rate", edgeNumbers = "edge_numbers"
        case clipRange = "clip_range", roundDigits = "round_digits", clockHHMM = "clock_hhmm"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(column.name, forKey: .name)
        try container.encode(column.kind, forKey: .kind)
        try container.encode(column.strategy, forKey: .strategy)
        try container.encode(column.shape, forKey: .shape)
        try column.model.encode(to: container.superEncoder(forKey: .model))
        try container.encodeIfPresent(column.nullRate, forKey: .nullRate)
        try container.encode(column.edgeRate, forKey: .edgeRate)
        try container.encode(column.edgeNumbers, forKey: .edgeNumbers)
        try container.encodeIfPresent(column.clipRange.map { [$0.lowerBound, $0.upperBound] }, forKey: .clipRange)
        try container.encodeIfPresent(column.roundDigits, forKey: .roundDigits)
        try container.encodeIfPresent(column.clockHHMM ? true : nil, forKey: .clockHHMM)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        let strategyID = try container.decode(String.self, forKey: .strategy)
        guard let strategy = StrategyRegistry.strategy(id: strategyID) else {
            throw DecodingError.dataCorruptedError(forKey: .strategy, in: container, debugDescription: "unknown strategy '\(strategyID)' for column '\(name)'")
        }
        let model = try Self.decodeModel(strategy, from: container.superDecoder(forKey: .model))
        let clip = try container.decodeIfPresent([Double].self, forKey: .clipRange)
        guard clip == nil || (clip!.count == 2 && clip![0] <= clip![1]) else {
            throw DecodingError.dataCorruptedError(forKey: .clipRange, in: container, debugDescription: "expected [low, high]")
        }
        column = FittedColumn(
            name: name, kind: try container.decode(ColumnKind.self, forKey: .kind), strategy: strategyID,
            shape: try container.decode(ValueShape.self, forKey: .shape), model: model,
            nullRate: try container.decodeIfPresent(Double.self, forKey: .nullRate),
            edgeRate: try container.decode(Double.self, forKey: .edgeRate),
            edgeNumbers: try container.decode([Double].self, forKey: .edgeNumbers),
            clipRange: clip.map { $0[0]...$0[1] },
            roundDigits: try container.decodeIfPresent(Int.self, forKey: .roundDigits))
        column.clockHHMM = try container.decodeIfPresent(Bool.self, forKey: .clockHHMM) ?? false
    }

    /// Opens the strategy type to decode its model.
    private static func decodeModel<Strategy: GenerationStrategy>(_ strategy: Strategy.Type, from decoder: any Decoder) throws -> any ColumnModel {
        try Strategy.Model(from: decoder)
    }
}
