import Fidelity
import Synthesis
import Tabular

/// A session file: everything needed to replay a design — where the data came from and how it
/// was read, the plan, the run settings, optional quality gates, optionally the fitted models
/// (so that replay needs no source), and where the workbench was. See docs/SESSION.md.
public struct Session: Hashable, Sendable, Codable {
    /// The format version this Doppel writes. Within one version, the same session and seed
    /// give the same bytes in every release; a change that must alter them bumps it.
    public static let currentFormat = 1

    public var format: Int
    public var doppelVersion: String?
    public var source: Source?
    public var plan: PlanSection
    public var run: RunSettings
    public var require: Requirements?
    public var model: ModelSection?
    public var view: ViewState?

    public struct Source: Hashable, Sendable, Codable {
        /// Relative to the session file where possible.
        public var path: String
        public var read: CSVReadOptions?
        public var rows: Int?
        public var sha256: String?
        public var columns: [SchemaColumn]?
    }

    public struct SchemaColumn: Hashable, Sendable, Codable {
        public var name: String
        public var kind: ColumnKind
    }

    public struct PlanSection: Hashable, Sendable, Codable {
        public var columns: [PlanColumn]
        /// Joint models over groups of columns (`gaussian_copula`, `cart`, `bayesian_network`).
        public var joint: [JointPlan]?
        public var constraints: [ConstraintPlan]?

        public init(columns: [PlanColumn], joint: [JointPlan]? = nil, constraints: [ConstraintPlan]? = nil) {
            self.columns = columns
            self.joint = joint
            self.constraints = constraints
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(columns, forKey: .columns)
            if let joint, !joint.isEmpty { try container.encode(joint.map(ExactJointPlan.init), forKey: .joint) }
            if let constraints, !constraints.isEmpty { try container.encode(constraints.map(ExactConstraintPlan.init), forKey: .constraints) }
        }

        enum CodingKeys: String, CodingKey { case columns, joint, constraints }
    }

    /// A plan column, plus the marker of what its fitted model keeps of the real data.
    public struct PlanColumn: Hashable, Sendable, Codable {
        public var name: String
        public var kind: ColumnKind
        public var strategy: String
        public var parameters: Parameters?
        public var realValues: RealValueExposure?
    }

    public struct RunSettings: Hashable, Sendable, Codable {
        public var seed: UInt64
        public var rows: Int?
        public var output: String?
        public var format: OutputFormat?
        /// Conditional sampling: `where` (column: value) and `rebalance`.
        public var conditions: SamplingConditions?

        public init(seed: UInt64, rows: Int? = nil, output: String? = nil, format: OutputFormat? = nil, conditions: SamplingConditions? = nil) {
            self.seed = seed
            self.rows = rows
            self.output = output
            self.format = format
            self.conditions = conditions
        }

        enum CodingKeys: String, CodingKey { case seed, rows, output, format, conditions }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(seed, forKey: .seed)
            try container.encodeIfPresent(rows, forKey: .rows)
            try container.encodeIfPresent(output, forKey: .output)
            try container.encodeIfPresent(format, forKey: .format)
            if let conditions, !conditions.isEmpty { try container.encode(ExactConditions(conditions: conditions), forKey: .conditions) }
        }
    }

    public enum OutputFormat: String, Hashable, Sendable, Codable, CaseIterable {
        case csv, tsv, jsonl
    }

    public struct Requirements: Hashable, Sendable, Codable {
        public var min: [String: Double]?
        public var max: [String: Double]?

        /// The gates, in a stable order.
        public var gates: [QualityGate] {
            (min ?? [:]).sorted { $0.key < $1.key }.map { QualityGate(metric: $0.key, bound: .min, threshold: $0.value) }
                + (max ?? [:]).sorted { $0.key < $1.key }.map { QualityGate(metric: $0.key, bound: .max, threshold: $0.value) }
        }
    }

    public struct ModelSection: Hashable, Sendable, Codable {
        public var columns: [String: EmbeddedModel]
        /// Fitted joint models, by group name.
        public var joint: [String: EmbeddedJoint]?
        /// Fitted constraints (fixed combinations keep the real ones), in plan order.
        public var constraints: [FittedConstraint]?

        public init(columns: [String: EmbeddedModel], joint: [String: EmbeddedJoint]? = nil, constraints: [FittedConstraint]? = nil) {
            self.columns = columns
            self.joint = joint
            self.constraints = constraints
        }

        enum CodingKeys: String, CodingKey { case columns, joint, constraints }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(columns, forKey: .columns)
            try container.encodeIfPresent(joint, forKey: .joint)
            if let constraints, !constraints.isEmpty { try container.encode(constraints.map { ExactFittedConstraint(fitted: $0) }, forKey: .constraints) }
        }
    }

    public struct EmbeddedJoint: Hashable, Sendable, Codable {
        public var model: String
        public var columns: [String]
        public var realValues: RealValueExposure
        public var fitted: JSONValue

        enum CodingKeys: String, CodingKey { case model, columns, realValues = "real_values", fitted }
    }

    public struct EmbeddedModel: Hashable, Sendable, Codable {
        public var strategy: String
        public var realValues: RealValueExposure
        /// The model as its strategy encodes it.
        public var fitted: JSONValue
        /// The shared options around the model (null rate, edge cases, clip, round, shape).
        public var options: FittedOptions
    }

    public struct ViewState: Hashable, Sendable, Codable {
        public var cursorColumn: String?
        public var panel: String?
    }

    enum CodingKeys: String, CodingKey {
        case format, doppelVersion = "doppel_version", source, plan, run, require, model, view
    }

    /// The plan part as the Synthesis layer takes it.
    public var synthesisPlan: Plan {
        Plan(seed: run.seed, rows: run.rows, columns: plan.columns.map {
            ColumnPlan(name: $0.name, kind: $0.kind, strategy: $0.strategy, parameters: $0.parameters ?? Parameters())
        }, joint: plan.joint ?? [], constraints: plan.constraints ?? [], conditions: run.conditions)
    }
}

extension Session.PlanColumn {
    enum CodingKeys: String, CodingKey {
        case name, kind, strategy, parameters, realValues = "real_values"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        kind = try container.decode(ColumnKind.self, forKey: .kind)
        strategy = try container.decode(String.self, forKey: .strategy)
        parameters = try container.decodeIfPresent(Parameters.self, forKey: .parameters)
        realValues = try container.decodeIfPresent(RealValueExposure.self, forKey: .realValues)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(kind, forKey: .kind)
        try container.encode(strategy, forKey: .strategy)
        if let parameters, !parameters.isEmpty { try container.encode(ExactParameters(parameters), forKey: .parameters) }
        try container.encodeIfPresent(realValues, forKey: .realValues)
    }
}

extension Session.EmbeddedModel {
    enum CodingKeys: String, CodingKey {
        case strategy, realValues = "real_values", fitted, options
    }
}

extension Session.ViewState {
    enum CodingKeys: String, CodingKey {
        case cursorColumn = "cursor_column", panel
    }
}

/// The options `FittedColumn` applies around a model, as stored in a fitted session.
public struct FittedOptions: Hashable, Sendable, Codable {
    public var kind: ColumnKind
    public var shape: ValueShape
    public var nullRate: Double?
    public var edgeRate: Double
    public var edgeNumbers: [Double]
    public var clipMin: Double?
    public var clipMax: Double?
    public var roundDigits: Int?

    enum CodingKeys: String, CodingKey {
        case kind, shape, nullRate = "null_rate", edgeRate = "edge_rate", edgeNumbers = "edge_numbers"
        case clipMin = "clip_min", clipMax = "clip_max", roundDigits = "round_digits"
    }

    public init(kind: ColumnKind, shape: ValueShape, nullRate: Double?, edgeRate: Double, edgeNumbers: [Double],
                clipMin: Double?, clipMax: Double?, roundDigits: Int?) {
        self.kind = kind
        self.shape = shape
        self.nullRate = nullRate
        self.edgeRate = edgeRate
        self.edgeNumbers = edgeNumbers
        self.clipMin = clipMin
        self.clipMax = clipMax
        self.roundDigits = roundDigits
    }

    // Numbers go through `ExactNumber`: a fitted session must replay to the same bytes.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(ColumnKind.self, forKey: .kind)
        shape = try container.decode(ValueShape.self, forKey: .shape)
        nullRate = try container.decodeIfPresent(Double.self, forKey: .nullRate)
        edgeRate = try container.decode(Double.self, forKey: .edgeRate)
        edgeNumbers = try container.decode([Double].self, forKey: .edgeNumbers)
        clipMin = try container.decodeIfPresent(Double.self, forKey: .clipMin)
        clipMax = try container.decodeIfPresent(Double.self, forKey: .clipMax)
        roundDigits = try container.decodeIfPresent(Int.self, forKey: .roundDigits)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encode(shape, forKey: .shape)
        try container.encodeIfPresent(nullRate.map(ExactNumber.init), forKey: .nullRate)
        try container.encode(ExactNumber(edgeRate), forKey: .edgeRate)
        try container.encode(edgeNumbers.map(ExactNumber.init), forKey: .edgeNumbers)
        try container.encodeIfPresent(clipMin.map(ExactNumber.init), forKey: .clipMin)
        try container.encodeIfPresent(clipMax.map(ExactNumber.init), forKey: .clipMax)
        try container.encodeIfPresent(roundDigits, forKey: .roundDigits)
    }
}
