import Declaration
import Tabular

/// A joint model over a group of the plan's columns. Members keep their own column plan (its
/// strategy supplies the marginal the copula maps through, and its shared options).
public struct JointPlan: Hashable, Sendable {
    /// Names the group in errors, random streams and sessions (`joint` unless there are several).
    public var name: String
    /// A joint strategy id from `JointRegistry`.
    public var model: String
    /// Member columns, in visit order.
    public var columns: [String]
    /// Only what differs from the model's defaults.
    public var parameters: Parameters
    /// Per-member parameters (`method`, `predictors`), only for members that set any.
    public var memberParameters: [String: Parameters]

    public init(name: String = "joint", model: String, columns: [String], parameters: Parameters = Parameters(),
                memberParameters: [String: Parameters] = [:]) {
        self.name = name
        self.model = model
        self.columns = columns
        self.parameters = parameters
        self.memberParameters = memberParameters
    }
}

extension JointPlan: DeclaredRecord {
    public static let empty = JointPlan(model: "", columns: [])

    public static let declaration = RecordDeclaration<JointPlan>(name: "joint_group", doc: "A joint model over a group of columns: their relationships survive (marginals alone lose them). Each member keeps its own plan column, whose strategy is its marginal. A column belongs to at most one group.", [
        .defaulted("name", \.name, default: "joint", "The group's name (default joint), used in errors and in model.joint.",
                   schemaDefault: .string("joint"), alwaysWritten: true),
        .required("model", \.model, "gaussian_copula (SDV's Gaussian copula), cart (synthpop's sequential CART), bayesian_network (DataSynthesizer's correlated mode, not differentially private), mst (differentially private: docs/PRIVACY.md).",
                  shape: .choice(JointRegistry.allIDs, name: "joint_model", doc: nil)),
        .required("columns", \.columns, "Member columns, in visit order (the order a sequential model generates them in)."),
        .defaulted("parameters", \.parameters, default: Parameters(), "The model's parameters (doppel strategies MODEL lists them): cart: minbucket, max_depth, smoothing (none | density), cp; bayesian_network: degree, bins, ...; mst: epsilon, delta, ..."),
        .defaulted("member_parameters", \.memberParameters, default: [:], "Per-member parameters, by column name: cart's method (cart, norm, logreg, polyreg, sample) and predictors (earlier members)."),
    ])

    public func checkDecoded() throws {
        if let refusal = retiredSetting { throw DeclarationError(refusal.message, at: ["parameters", refusal.parameter]) }
    }
}
