import Declaration
import Tabular

/// What to generate: the output's columns in order, each with a strategy and its parameters,
/// plus the seed and the row count. A session file is a plan with more around it.
public struct Plan: Hashable, Sendable {
    /// Recorded in every plan, so that every later run is reproducible.
    public var seed: UInt64
    /// Rows to generate; nil means as many as the source has.
    public var rows: Int?
    public var columns: [ColumnPlan]
    /// Joint models over groups of columns (a column belongs to at most one).
    public var joint: [JointPlan]
    public var constraints: [ConstraintPlan]
    /// Conditions on the sampled rows (rare events, rebalancing); nil or empty for none.
    public var conditions: SamplingConditions?
    /// The privacy setting the joint model was chosen under (nil: chosen before there was one,
    /// or written by hand).
    public var privacy: PrivacySetting?

    public init(seed: UInt64, rows: Int? = nil, columns: [ColumnPlan], joint: [JointPlan] = [],
                constraints: [ConstraintPlan] = [], conditions: SamplingConditions? = nil, privacy: PrivacySetting? = nil) {
        self.seed = seed
        self.rows = rows
        self.columns = columns
        self.joint = joint
        self.constraints = constraints
        self.conditions = conditions
        self.privacy = privacy
    }

    /// The joint group a column belongs to, if any.
    public func jointGroup(of column: String) -> JointPlan? { joint.first { $0.columns.contains(column) } }

    /// The columns that appear in the output, in order (a `drop`ped column does not).
    public var outputColumns: [ColumnPlan] { columns.filter { $0.strategy != DropStrategy.descriptor.id } }

    public func column(named name: String) -> ColumnPlan? { columns.first { $0.name == name } }
}

/// One column of a plan.
public struct ColumnPlan: Hashable, Sendable {
    public var name: String
    /// The kind the user chose (inference's proposal unless overridden).
    public var kind: ColumnKind
    public var strategy: String
    /// Only what differs from the strategy's defaults.
    public var parameters: Parameters
    /// True when `doppel plan` derived the column from a rule it found in the data (a formula
    /// or a lookup), so that a reader sees where it came from and may delete it.
    public var discovered: Bool?
    /// For a discovered rule: the share of real rows it holds on.
    public var support: Double?

    public init(name: String, kind: ColumnKind, strategy: String, parameters: Parameters = Parameters(),
                discovered: Bool? = nil, support: Double? = nil) {
        self.name = name
        self.kind = kind
        self.strategy = strategy
        self.parameters = parameters
        self.discovered = discovered
        self.support = support
    }
}
