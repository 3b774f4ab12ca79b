/// What a tree learns to predict, per real row (only the rows a tree is grown on are read).
enum CARTTarget: Sendable {
    /// Numbers: splits minimise the squared error.
    case regression([Double])
    /// Classes `0..<classCount`: splits minimise the Gini impurity.
    case classification([UInt32], classCount: Int)
}
