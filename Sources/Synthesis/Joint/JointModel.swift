import Tabular

/// A model over a group of columns, fitted and sampled together so that the relationships
/// between them survive (marginals alone keep each column's shape and lose every relation).
///
/// Each joint model declares itself as data (`JointDescriptor`), like the column strategies, so
/// that plans, `doppel strategies` and the workbench's forms come from one description.
public protocol JointStrategy: Sendable {
    associatedtype Model: JointModel
    static var descriptor: JointDescriptor { get }
    /// Learns what sampling needs from the real member columns. Parameters are validated.
    static func fit(_ input: JointFitInput) throws -> Model
}

public struct JointDescriptor: Sendable {
    /// `gaussian_copula`, `cart`, `bayesian_network`.
    public var id: String
    /// One line for the picker.
    public var help: String
    /// Kinds a member column may have.
    public var supportedKinds: Set<ColumnKind>
    /// The model's own parameters (`minbucket`, `degree`, `epsilon`, ...).
    public var parameters: [ParameterSpec]
    /// Parameters a plan may set per member column (`method`, `predictors`, ...).
    public var memberParameters: [ParameterSpec]
    /// The most a fitted model can keep of the real data.
    public var exposure: RealValueExposure
    /// Differentially private whatever its parameters: nothing of the data reaches the model
    /// without a mechanism, and its members' own strategies are not fitted into the output.
    public var differentiallyPrivate: Bool

    public init(id: String, help: String, supportedKinds: Set<ColumnKind>, parameters: [ParameterSpec] = [],
                memberParameters: [ParameterSpec] = [], exposure: RealValueExposure, differentiallyPrivate: Bool = false) {
        self.differentiallyPrivate = differentiallyPrivate
        self.id = id
        self.help = help
        self.supportedKinds = supportedKinds
        self.parameters = parameters
        self.memberParameters = memberParameters
        self.exposure = exposure
    }
}

/// One column of a joint group, as the joint model's `fit` sees it.
public struct JointMember: Sendable {
    public var name: String
    public var kind: ColumnKind
    /// The source column's storage; generated values take this shape.
    public var shape: ValueShape
    /// The real column (row-aligned with the other members').
    public var column: Column
    /// The column's own strategy, fitted: its model is a `MarginalDistribution` when the
    /// strategy has one (the copula maps through it).
    public var marginal: FittedColumn
    /// The member's own parameters from the plan, validated against `memberParameters`.
    public var parameters: ResolvedParameters

    public init(name: String, kind: ColumnKind, shape: ValueShape, column: Column, marginal: FittedColumn, parameters: ResolvedParameters) {
        self.name = name
        self.kind = kind
        self.shape = shape
        self.column = column
        self.marginal = marginal
        self.parameters = parameters
    }
}

/// Everything a joint model's `fit` may look at.
public struct JointFitInput: Sendable {
    /// The group's name in the plan (for error messages and random streams).
    public var groupName: String
    /// Members in the plan's order, which is the visit sequence for sequential models.
    public var members: [JointMember]
    public var parameters: ResolvedParameters
    /// Seed for randomness during fitting (differential-privacy noise), so fits are repeatable.
    public var seed: UInt64
    /// Members that `where` conditions fix: a sequential model visits them first, so that the
    /// others are drawn given them.
    public var conditioned: [String] = []

    public init(groupName: String, members: [JointMember], parameters: ResolvedParameters, seed: UInt64) {
        self.groupName = groupName
        self.members = members
        self.parameters = parameters
        self.seed = seed
    }

    /// Rows in the source.
    public var rowCount: Int { members.first?.column.count ?? 0 }
}

/// A fitted joint model: Codable, so that a session can embed it and replay with no source.
public protocol JointModel: Codable, Sendable {
    /// Member columns in generation order; `generate` returns one output per member in this order.
    var columnNames: [String] { get }
    /// What the model keeps of the real data.
    var exposure: RealValueExposure { get }
    /// Lines that describe the fitted model for people (a visit sequence, a privacy budget).
    var summary: [String] { get }
    /// The budget and noisy row count of a differentially private model; nil otherwise.
    var privacy: DifferentialPrivacy? { get }
    /// Checks that the model is whole and consistent (see `ColumnModel.validate`): members,
    /// tables and trees fit together, so that sampling cannot trap, loop or over-allocate.
    func validate() throws
    /// Values for every member for the chunk's rows, nulls included: missing is a state of
    /// each column, so nulls occur together the way they do in the real data.
    /// Members are drawn to meet `request.steering` where the model can; rejection does the rest.
    func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> [ModelOutput]
    /// Steered members the model cannot draw to meet their target, each with why.
    func unsteerable(_ steering: [String: SteeringTarget]) -> [String: String]
}

extension JointModel {
    public var summary: [String] { [] }
    public func unsteerable(_ steering: [String: SteeringTarget]) -> [String: String] { [:] }
}
