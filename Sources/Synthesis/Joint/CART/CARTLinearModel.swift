/// synthpop's `norm`: least squares on the design (with a tiny ridge, as synthpop's), then a
/// draw is the fitted value plus normal noise with the residuals' standard deviation, rounded
/// to the column's precision.
struct CARTLinearModel: Codable, Sendable, Equatable {
    var design: CARTDesign
    var coefficients: [Double]
    var sigma: Double
    var precision: Int?

    /// nil when the normal equations cannot be solved.
    init?(design: CARTDesign, matrix: [Double], targets: [Double], precision: Int?) {
        let width = design.width
        let rows = targets.count
        let gram = SymmetricSolver.gram(matrix, rows: rows, width: width, ridge: 1e-5)
        var moments = [Double](repeating: 0, count: width)
        for row in 0..<rows {
            for column in 0..<width { moments[column] += matrix[row * width + column] * targets[row] }
        }
        guard let solver = SymmetricSolver(gram, size: width) else { return nil }
        let coefficients = solver.solve(moments)
        var squares = 0.0
        for row in 0..<rows {
            var fitted = 0.0
            for column in 0..<width { fitted += matrix[row * width + column] * coefficients[column] }
            squares += (targets[row] - fitted) * (targets[row] - fitted)
        }
        self.design = design
        self.coefficients = coefficients
        sigma = (squares / Double(max(1, rows - width))).squareRoot()
        self.precision = precision
    }

    @inline(__always)
    func draw(_ row: UnsafeMutableBufferPointer<Double>, random: inout RandomStream) -> Double {
        var value = 0.0
        for column in coefficients.indices { value += row[column] * coefficients[column] }
        value += sigma * random.nextNormal()
        if let precision {
            let scale = NumberScale.powerOfTen(precision)
            value = NumberScale.round(value, scale: scale)
        }
        return value
    }
}
