import Tabular

/// What to generate: the output's columns in order, each with a strategy and its parameters,
/// plus the seed and the row count. A session file is a plan with more around it.
public struct Plan: Hashable, Sendable, Codable {
    /// Recorded in every plan, so that every later run is reproducible.
    public var seed: UInt64
    /// Rows to generate; nil means as many as the source has.
    public var rows: Int?
    public var columns: [ColumnPlan]

    public init(seed: UInt64, rows: Int? = nil, columns: [ColumnPlan]) {
        self.seed = seed
        self.rows = rows
        self.columns = columns
    }

    /// The columns that appear in the output, in order (a `drop`ped column does not).
    public var outputColumns: [ColumnPlan] { columns.filter { $0.strategy != DropStrategy.descriptor.id } }

    public func column(named name: String) -> ColumnPlan? { columns.first { $0.name == name } }
}

/// One column of a plan.
public struct ColumnPlan: Hashable, Sendable, Codable {
    public var name: String
    /// The kind the user chose (inference's proposal unless overridden).
    public var kind: ColumnKind
    public var strategy: String
    /// Only what differs from the strategy's defaults.
    public var parameters: Parameters

    public init(name: String, kind: ColumnKind, strategy: String, parameters: Parameters = Parameters()) {
        self.name = name
        self.kind = kind
        self.strategy = strategy
        self.parameters = parameters
    }

    private enum CodingKeys: String, CodingKey {
        case name, kind, strategy, parameters
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        kind = try container.decode(ColumnKind.self, forKey: .kind)
        strategy = try container.decode(String.self, forKey: .strategy)
        parameters = try container.decodeIfPresent(Parameters.self, forKey: .parameters) ?? Parameters()
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(strategy, forKey: .strategy)
        if !parameters.isEmpty { try container.encode(parameters, forKey: .parameters) }
    }
}
