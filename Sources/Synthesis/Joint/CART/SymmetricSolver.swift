/// Solves `A x = b` for a symmetric positive definite `A` (row-major, `size` × `size`) by its
/// Cholesky factor; nil when `A` is not positive definite.
struct SymmetricSolver {
    let size: Int
    private var factor: [Double]

    init?(_ matrix: [Double], size: Int) {
        self.size = size
        var factor = [Double](repeating: 0, count: size * size)
        for i in 0..<size {
            for j in 0...i {
                var sum = matrix[i * size + j]
                for k in 0..<j { sum -= factor[i * size + k] * factor[j * size + k] }
                if i == j {
                    guard sum > 0, sum.isFinite else { return nil }
                    factor[i * size + i] = sum.squareRoot()
                } else {
                    factor[i * size + j] = sum / factor[j * size + j]
                }
            }
        }
        self.factor = factor
    }

    func solve(_ right: [Double]) -> [Double] {
        var y = right
        for i in 0..<size {
            var sum = y[i]
            for k in 0..<i { sum -= factor[i * size + k] * y[k] }
            y[i] = sum / factor[i * size + i]
        }
        for i in stride(from: size - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<size { sum -= factor[k * size + i] * y[k] }
            y[i] = sum / factor[i * size + i]
        }
        return y
    }

    /// `XᵀX` of a row-major `rows` × `width` matrix, plus `ridge` times its diagonal (and a
    /// tiny absolute floor, so that a constant column does not make it singular).
    static func gram(_ matrix: [Double], rows: Int, width: Int, ridge: Double) -> [Double] {
        var gram = [Double](repeating: 0, count: width * width)
        matrix.withUnsafeBufferPointer { x in
            gram.withUnsafeMutableBufferPointer { g in
                for row in 0..<rows {
                    let base = row * width
                    for i in 0..<width {
                        let xi = x[base + i]
                        if xi == 0 { continue }
                        for j in 0...i { g[i * width + j] += xi * x[base + j] }
                    }
                }
            }
        }
        for i in 0..<width {
            for j in 0..<i { gram[j * width + i] = gram[i * width + j] }
            gram[i * width + i] += ridge * gram[i * width + i] + 1e-9
        }
        return gram
    }
}
