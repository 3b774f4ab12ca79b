/// Linear least squares with an L2 penalty, solved in closed form through the normal equations
/// and a Cholesky factorisation (hand-written, like the other learners in this folder).
///
/// Minimises `Σ (yᵢ − b − xᵢβ)² + λ‖β‖²`; the intercept is not penalised. That is
/// scikit-learn's `Ridge(alpha=λ)`. Features are centred before the cross-products are formed,
/// which keeps the system well conditioned when a feature sits far from zero.
public struct RidgeRegression: Sendable, Codable, Equatable {
    public var intercept: Double
    public var coefficients: [Double]

    public init(intercept: Double, coefficients: [Double]) {
        self.intercept = intercept
        self.coefficients = coefficients
    }

    /// With λ = 0 and collinear features the smallest ridge that makes the system solvable is
    /// used (see `Cholesky.solveWithJitter`).
    public static func fit(_ x: FeatureMatrix, _ y: [Double], penalty: Double) -> RidgeRegression {
        precondition(y.count == x.rows, "\(y.count) targets for \(x.rows) rows")
        precondition(penalty >= 0, "the penalty must not be negative")
        let n = Double(max(x.rows, 1))
        let p = x.columnCount
        let yMean = GramMatrix.sum(y) / n
        let means = x.columns.map { GramMatrix.sum($0) / n }
        let centred = FeatureMatrix(rows: x.rows, columns: zip(x.columns, means).map { column, mean in column.map { $0 - mean } }, names: x.names)
        let yCentred = y.map { $0 - yMean }
        // The Gram matrix of the centred columns; its intercept row and column are (almost) zero
        // and are left out.
        let gram = GramMatrix.weighted(centred, weights: nil)
        var system = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0..<p { system[i * p + j] = gram[(i + 1) * (p + 1) + j + 1] }
            system[i * p + i] += penalty
        }
        let right = centred.columns.map { GramMatrix.dot($0, yCentred) }
        let beta = Cholesky.solveWithJitter(system, size: p, right)
        let intercept = yMean - zip(beta, means).reduce(0) { $0 + $1.0 * $1.1 }
        return RidgeRegression(intercept: intercept, coefficients: beta)
    }

    public func predict(_ x: FeatureMatrix) -> [Double] {
        precondition(x.columnCount == coefficients.count, "\(x.columnCount) features for \(coefficients.count) coefficients")
        return LogisticRegression.linearPredictor(x, [intercept] + coefficients)
    }
}
