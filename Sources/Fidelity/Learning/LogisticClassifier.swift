import Tabular

/// Logistic regression for any number of classes: one binary model for two classes, one model
/// per class against the rest (one-vs-rest) for more, with the per-class probabilities
/// normalised to sum to one, as scikit-learn's `OneVsRestClassifier` does.
///
/// One-vs-rest rather than multinomial because each binary fit is small and independent (they
/// run on all cores), and a Newton step for the multinomial model would need a Hessian
/// (K·p)² in size.
public struct LogisticClassifier: Sendable, Codable, Equatable {
    /// The number of classes; labels are 0..<classes.
    public var classes: Int
    /// One model (two classes: P(class 1)), or one per class (more).
    public var models: [LogisticRegression]

    /// Labels are class indices in 0..<classes. A class absent from the labels gets a model that
    /// gives it (nearly) zero probability.
    public static func fit(_ x: FeatureMatrix, labels: [Int32], classes: Int, penalty: Double) -> LogisticClassifier {
        precondition(classes >= 1, "at least one class")
        precondition(labels.count == x.rows, "\(labels.count) labels for \(x.rows) rows")
        if classes == 1 { return LogisticClassifier(classes: 1, models: []) }
        if classes == 2 {
            return LogisticClassifier(classes: 2, models: [LogisticRegression.fit(x, labels.map { $0 == 1 }, penalty: penalty)])
        }
        let models = Parallel.map(classes) { klass in
            LogisticRegression.fit(x, labels.map { $0 == Int32(klass) }, penalty: penalty)
        }
        return LogisticClassifier(classes: classes, models: models)
    }

    /// Class probabilities, row-major: `result[row * classes + class]`.
    public func probabilities(_ x: FeatureMatrix) -> [Double] {
        switch classes {
        case 1:
            return [Double](repeating: 1, count: x.rows)
        case 2:
            let positive = models[0].probabilities(x)
            var result = [Double](repeating: 0, count: x.rows * 2)
            for row in 0..<x.rows {
                result[row * 2] = 1 - positive[row]
                result[row * 2 + 1] = positive[row]
            }
            return result
        default:
            let perClass = models.map { $0.probabilities(x) }
            var result = [Double](repeating: 0, count: x.rows * classes)
            for row in 0..<x.rows {
                var total = 0.0
                for klass in 0..<classes { total += perClass[klass][row] }
                for klass in 0..<classes {
                    result[row * classes + klass] = total > 0 ? perClass[klass][row] / total : 1 / Double(classes)
                }
            }
            return result
        }
    }

    /// The most probable class of every row (the lowest index on ties).
    public func predict(_ x: FeatureMatrix) -> [Int32] {
        ClassProbabilities.argmax(probabilities(x), classes: classes)
    }
}

/// Helpers on row-major class-probability arrays.
enum ClassProbabilities {
    static func argmax(_ probabilities: [Double], classes: Int) -> [Int32] {
        let rows = classes == 0 ? 0 : probabilities.count / classes
        return (0..<rows).map { row in
            var best = 0
            for klass in 1..<max(classes, 1) where probabilities[row * classes + klass] > probabilities[row * classes + best] {
                best = klass
            }
            return Int32(best)
        }
    }
}
