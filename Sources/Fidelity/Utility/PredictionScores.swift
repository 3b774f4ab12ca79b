/// The scores of train-on-synthetic, test-on-real, with scikit-learn's definitions.
enum PredictionScores {
    /// The share of rows whose predicted label is the true one.
    static func accuracy(truth: [String], predicted: [String]) -> Double {
        precondition(truth.count == predicted.count, "\(truth.count) labels but \(predicted.count) predictions")
        guard !truth.isEmpty else { return 0 }
        return Double(zip(truth, predicted).count { $0 == $1 }) / Double(truth.count)
    }

    /// The unweighted mean of per-class F1 over every label that is true or predicted somewhere
    /// (`f1_score(average="macro")`); a class never predicted, or predicted but never true, has
    /// F1 = 0. F1 = 2·TP / (2·TP + FP + FN), which is 2PR/(P+R) without a division by zero.
    static func macroF1(truth: [String], predicted: [String]) -> Double {
        precondition(truth.count == predicted.count, "\(truth.count) labels but \(predicted.count) predictions")
        var index: [String: Int] = [:]
        for label in truth + predicted where index[label] == nil { index[label] = index.count }
        guard !index.isEmpty else { return 0 }
        var truePositives = [Int](repeating: 0, count: index.count)
        var trueCounts = truePositives, predictedCounts = truePositives
        for (actual, guess) in zip(truth, predicted) {
            let a = index[actual]!, g = index[guess]!
            trueCounts[a] += 1
            predictedCounts[g] += 1
            if a == g { truePositives[a] += 1 }
        }
        var total = 0.0
        for klass in 0..<index.count {
            let denominator = trueCounts[klass] + predictedCounts[klass]
            if denominator > 0 { total += 2 * Double(truePositives[klass]) / Double(denominator) }
        }
        return total / Double(index.count)
    }

    /// The coefficient of determination, 1 − SSE/SST around the test rows' own mean
    /// (`r2_score`); negative when the predictions are worse than that mean. With a constant
    /// truth it is 1 for exact predictions and 0 otherwise, as scikit-learn returns.
    static func rSquared(truth: [Double], predicted: [Double]) -> Double {
        precondition(truth.count == predicted.count, "\(truth.count) values but \(predicted.count) predictions")
        guard !truth.isEmpty else { return 0 }
        let mean = truth.reduce(0, +) / Double(truth.count)
        var residual = 0.0, spread = 0.0
        for (actual, guess) in zip(truth, predicted) {
            residual += (actual - guess) * (actual - guess)
            spread += (actual - mean) * (actual - mean)
        }
        if spread == 0 { return residual == 0 ? 1 : 0 }
        return 1 - residual / spread
    }
}
