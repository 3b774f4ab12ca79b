import Tabular

/// Every built-in joint model, listed explicitly.
public enum JointRegistry {
    public static let all: [any JointStrategy.Type] = [
        GaussianCopulaStrategy.self,
        CARTStrategy.self,
        BayesianNetworkStrategy.self,
        MSTStrategy.self,
    ]

    /// The models a default plan chooses among (`JointModelChoice`). Differentially private
    /// models are opt-in (`doppel plan --epsilon`, or a plan that names them), so they are not here.
    public static var ids: [String] { all.filter { !$0.descriptor.differentiallyPrivate }.map { $0.descriptor.id } }

    /// Every model, the private ones included: what plans and sessions may name.
    public static var allIDs: [String] { all.map { $0.descriptor.id } }

    public static func strategy(id: String) -> (any JointStrategy.Type)? {
        all.first { $0.descriptor.id == id }
    }
}
