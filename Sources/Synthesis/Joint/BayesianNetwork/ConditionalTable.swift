/// One column's distribution given its parents: a weight (a count, or a noisy count) for every
/// state of the column under every configuration of its parents.
struct ConditionalTable: Hashable, Sendable {
    /// The member this table generates.
    var column: Int
    /// Members it conditions on; configurations count in mixed radix, the first most significant.
    var parents: [Int]
    /// `configurations × states` weights, the column's states fastest.
    var weights: [Double]
}

extension ConditionalTable: Codable {
    private enum CodingKeys: String, CodingKey {
        case column, parents, weights, cells, at
    }

    /// Tables with mostly empty cells (common without noise) are written as the positions and
    /// weights of their non-empty cells, so that a session embeds a short model.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(column, forKey: .column)
        try container.encode(parents, forKey: .parents)
        let filled = weights.indices.filter { weights[$0] != 0 }
        if filled.count * 2 < weights.count {
            try container.encode(weights.count, forKey: .cells)
            try container.encode(filled, forKey: .at)
            try container.encode(filled.map { weights[$0] }, forKey: .weights)
        } else {
            try container.encode(weights, forKey: .weights)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        column = try container.decode(Int.self, forKey: .column)
        parents = try container.decode([Int].self, forKey: .parents)
        let stored = try container.decode([Double].self, forKey: .weights)
        guard let cells = try container.decodeIfPresent(Int.self, forKey: .cells) else {
            weights = stored
            return
        }
        let positions = try container.decode([Int].self, forKey: .at)
        guard positions.count == stored.count, positions.allSatisfy({ (0..<cells).contains($0) }) else {
            throw DecodingError.dataCorruptedError(forKey: .at, in: container, debugDescription: "cell positions do not match the weights or lie outside the table")
        }
        var weights = [Double](repeating: 0, count: cells)
        for (position, weight) in zip(positions, stored) { weights[position] = weight }
        self.weights = weights
    }
}
