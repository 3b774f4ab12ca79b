/// The best way found to cut one node in two.
struct CARTSplit {
    /// The predictor slot.
    var feature: Int
    /// Per bin of that predictor: true when its rows go left (the null bin included).
    var goesLeft: [Bool]
    /// Numeric splits: values at or below go left.
    var cut: Double
    var isCategorical: Bool
    /// Decrease of the node's impurity (squared error, or Gini impurity times rows).
    var gain: Double
    var leftCount: Int
    var rightCount: Int
}
