import RealModule

/// synthpop's `logreg` and `polyreg`: a multinomial logistic regression (two classes: the
/// logistic), fitted by maximum likelihood with a light ridge, and a draw is a class taken with
/// the fitted probabilities.
///
/// The fit uses Böhning's bound on the Hessian (`XᵀX / 4` for two classes, `XᵀX / 2` above),
/// which is fixed, so one Cholesky factor serves every iteration and every step increases the
/// penalised likelihood.
struct CARTLogitModel: Codable, Sendable, Equatable {
    var design: CARTDesign
    var classCount: Int
    /// For classes 1..<classCount (class 0 is the reference), `design.width` coefficients each.
    var coefficients: [Double]

    static let maximumIterations = 300
    static let ridge = 1.0

    init?(design: CARTDesign, matrix: [Double], classes: [Int], classCount: Int) {
        self.design = design
        self.classCount = classCount
        let width = design.width
        let rows = classes.count
        let free = max(0, classCount - 1)
        var beta = [Double](repeating: 0, count: width * free)
        guard free > 0 else {
            coefficients = beta
            return
        }
        let bound = classCount == 2 ? 0.25 : 0.5
        var gram = SymmetricSolver.gram(matrix, rows: rows, width: width, ridge: 0)
        for index in gram.indices { gram[index] *= bound }
        for i in 0..<width { gram[i * width + i] += Self.ridge }
        guard let solver = SymmetricSolver(gram, size: width) else { return nil }

        var probabilities = [Double](repeating: 0, count: classCount)
        var gradient = [Double](repeating: 0, count: width * free)
        for _ in 0..<Self.maximumIterations {
            for index in gradient.indices { gradient[index] = -Self.ridge * beta[index] }
            for row in 0..<rows {
                let base = row * width
                Self.probabilities(matrix, base: base, width: width, beta: beta, into: &probabilities)
                for k in 1..<classCount {
                    let residual = (classes[row] == k ? 1 : 0) - probabilities[k]
                    if residual == 0 { continue }
                    let offset = (k - 1) * width
                    for column in 0..<width { gradient[offset + column] += residual * matrix[base + column] }
                }
            }
            var largestStep = 0.0
            for k in 0..<free {
                let step = solver.solve(Array(gradient[(k * width)..<((k + 1) * width)]))
                for column in 0..<width {
                    beta[k * width + column] += step[column]
                    largestStep = max(largestStep, abs(step[column]))
                }
            }
            if largestStep < 1e-7 { break }
        }
        coefficients = beta
    }

    /// Softmax of the linear predictors, class 0 at 0.
    @inline(__always)
    static func probabilities(_ x: [Double], base: Int, width: Int, beta: [Double], into output: inout [Double]) {
        let classCount = output.count
        var largest = 0.0
        output[0] = 0
        for k in 1..<classCount {
            var eta = 0.0
            let offset = (k - 1) * width
            for column in 0..<width { eta += x[base + column] * beta[offset + column] }
            output[k] = eta
            largest = max(largest, eta)
        }
        var total = 0.0
        for k in 0..<classCount {
            output[k] = Double.exp(output[k] - largest)
            total += output[k]
        }
        for k in 0..<classCount { output[k] /= total }
    }

    /// A class drawn with the row's fitted probabilities.
    @inline(__always)
    func draw(_ row: UnsafeMutableBufferPointer<Double>, scratch: inout [Double], random: inout RandomStream) -> Int {
        guard classCount > 1 else { return 0 }
        let width = design.width
        var largest = 0.0
        scratch[0] = 0
        for k in 1..<classCount {
            var eta = 0.0
            let offset = (k - 1) * width
            for column in 0..<width { eta += row[column] * coefficients[offset + column] }
            scratch[k] = eta
            largest = max(largest, eta)
        }
        var total = 0.0
        for k in 0..<classCount {
            scratch[k] = Double.exp(scratch[k] - largest)
            total += scratch[k]
        }
        var u = random.nextUnit() * total
        for k in 0..<(classCount - 1) {
            u -= scratch[k]
            if u < 0 { return k }
        }
        return classCount - 1
    }
}
