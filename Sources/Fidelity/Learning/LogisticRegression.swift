import RealModule

/// Binary logistic regression with an L2 penalty, fitted by Newton's method (IRLS).
///
/// Hand-written, as are all the learners here: no machine-learning library for Swift on Linux
/// fits a dependency-light package, and these models are small (a few dozen coefficients).
///
/// Minimises `Σ log(1 + e^ηᵢ) − yᵢηᵢ + (λ/2)·‖β‖²` with `η = b + Xβ`; the intercept `b` is not
/// penalised. That is scikit-learn's objective with `C = 1/λ`, so the coefficients agree with
/// `LogisticRegression(C=1/λ)` to the solvers' tolerance. Newton steps with step halving
/// converge in a handful of iterations and involve no randomness.
public struct LogisticRegression: Sendable, Codable, Equatable {
    public var intercept: Double
    public var coefficients: [Double]
    /// Newton iterations taken; `converged` is false when the limit was reached first.
    public var iterations: Int
    public var converged: Bool

    public init(intercept: Double, coefficients: [Double], iterations: Int = 0, converged: Bool = true) {
        self.intercept = intercept
        self.coefficients = coefficients
        self.iterations = iterations
        self.converged = converged
    }

    /// Fits `P(y = 1 | x)`. `penalty` is λ (≥ 0); with λ = 0 and separable data the optimum is at
    /// infinity, and the fit stops at `maxIterations` with `converged` false.
    public static func fit(_ x: FeatureMatrix, _ y: [Bool], penalty: Double, maxIterations: Int = 100) -> LogisticRegression {
        precondition(y.count == x.rows, "\(y.count) labels for \(x.rows) rows")
        precondition(penalty >= 0, "the penalty must not be negative")
        let n = x.rows
        let p = x.columnCount
        let size = p + 1
        let labels = y.map { $0 ? 1.0 : 0.0 }
        // Start at the intercept-only optimum: the log-odds of the base rate.
        let positives = labels.reduce(0, +)
        let rate = min(max(positives / Double(max(n, 1)), 1e-12), 1 - 1e-12)
        var parameters = [Double](repeating: 0, count: size)
        parameters[0] = Double.log(rate / (1 - rate))
        var eta = linearPredictor(x, parameters)
        var loss = objective(eta, labels, parameters, penalty)
        var iteration = 0
        while iteration < maxIterations {
            iteration += 1
            var weights = [Double](repeating: 0, count: n)
            var residuals = [Double](repeating: 0, count: n)
            for row in 0..<n {
                let mu = sigmoid(eta[row])
                weights[row] = mu * (1 - mu)
                residuals[row] = mu - labels[row]
            }
            var gradient = [Double](repeating: 0, count: size)
            gradient[0] = GramMatrix.sum(residuals)
            for j in 0..<p { gradient[j + 1] = GramMatrix.dot(residuals, x.columns[j]) + penalty * parameters[j + 1] }
            var hessian = GramMatrix.weighted(x, weights: weights)
            for j in 1..<max(size, 1) { hessian[j * size + j] += penalty }
            let step = Cholesky.solveWithJitter(hessian, size: size, gradient)
            let decrement = zip(step, gradient).reduce(0) { $0 + $1.0 * $1.1 }
            // Newton decrement: half of it estimates how far the loss is above its minimum.
            if decrement.isNaN || decrement / 2 <= 1e-11 * max(1, abs(loss)) {
                return LogisticRegression(intercept: parameters[0], coefficients: Array(parameters.dropFirst()), iterations: iteration, converged: true)
            }
            // Step halving keeps every iteration a descent step, even far from the optimum.
            var scale = 1.0
            var accepted = false
            while scale >= 1e-10 {
                let candidate = zip(parameters, step).map { $0 - scale * $1 }
                let candidateEta = linearPredictor(x, candidate)
                let candidateLoss = objective(candidateEta, labels, candidate, penalty)
                if candidateLoss <= loss - 1e-4 * scale * decrement {
                    parameters = candidate
                    eta = candidateEta
                    loss = candidateLoss
                    accepted = true
                    break
                }
                scale /= 2
            }
            // No step lowers the loss: rounding, not distance, separates us from the optimum.
            if !accepted {
                return LogisticRegression(intercept: parameters[0], coefficients: Array(parameters.dropFirst()), iterations: iteration, converged: true)
            }
        }
        return LogisticRegression(intercept: parameters[0], coefficients: Array(parameters.dropFirst()), iterations: iteration, converged: false)
    }

    /// `P(y = 1 | x)` for every row.
    public func probabilities(_ x: FeatureMatrix) -> [Double] {
        precondition(x.columnCount == coefficients.count, "\(x.columnCount) features for \(coefficients.count) coefficients")
        return Self.linearPredictor(x, [intercept] + coefficients).map(Self.sigmoid)
    }

    static func linearPredictor(_ x: FeatureMatrix, _ parameters: [Double]) -> [Double] {
        var eta = [Double](repeating: parameters[0], count: x.rows)
        eta.withUnsafeMutableBufferPointer { eta in
            for (j, column) in x.columns.enumerated() {
                let coefficient = parameters[j + 1]
                if coefficient == 0 { continue }
                column.withUnsafeBufferPointer { column in
                    for row in 0..<eta.count { eta[row] += coefficient * column[row] }
                }
            }
        }
        return eta
    }

    @inline(__always)
    static func sigmoid(_ eta: Double) -> Double {
        if eta >= 0 { return 1 / (1 + Double.exp(-eta)) }
        let e = Double.exp(eta)
        return e / (1 + e)
    }

    /// The penalised negative log-likelihood, computed without overflow for large |η|.
    static func objective(_ eta: [Double], _ labels: [Double], _ parameters: [Double], _ penalty: Double) -> Double {
        var total = 0.0
        for row in 0..<eta.count {
            let value = eta[row]
            let softplus = max(value, 0) + Double.log(onePlus: Double.exp(-abs(value)))
            total += softplus - labels[row] * value
        }
        let squares = parameters.dropFirst().reduce(0) { $0 + $1 * $1 }
        return total + penalty / 2 * squares
    }
}
