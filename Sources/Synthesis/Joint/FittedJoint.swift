/// A joint group, fitted: the model that generates its members together.
public struct FittedJoint: Sendable {
    public var name: String
    /// The joint strategy id (`gaussian_copula`, `cart`, `bayesian_network`).
    public var strategy: String
    public var model: any JointModel

    public init(name: String, strategy: String, model: any JointModel) {
        self.name = name
        self.strategy = strategy
        self.model = model
    }

    /// The random stream key of the group (distinct from every column's).
    var streamKey: String { "joint:" + name }
}
