import Tabular

/// Every built-in joint model, listed explicitly.
public enum JointRegistry {
    public static let all: [any JointStrategy.Type] = [
        GaussianCopulaStrategy.self,
        CARTStrategy.self,
        BayesianNetworkStrategy.self,
    ]

    public static var ids: [String] { all.map { $0.descriptor.id } }

    public static func strategy(id: String) -> (any JointStrategy.Type)? {
        all.first { $0.descriptor.id == id }
    }
}
