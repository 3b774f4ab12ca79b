/// Makes a correlation matrix usable for sampling: the nearest positive definite correlation
/// matrix by eigenvalue clipping (a singular matrix arises from duplicated or constant columns,
/// or from pairwise estimates), then its Cholesky factor.
enum CorrelationRepair {
    /// Smallest eigenvalue kept: enough for a stable Cholesky factor.
    static let floor = 1e-6

    /// `matrix` with negative or tiny eigenvalues raised to `floor`, rescaled to a unit diagonal.
    /// Returns the matrix unchanged when it is already positive definite.
    static func nearestPositiveDefinite(_ matrix: [[Double]]) -> (matrix: [[Double]], repaired: Bool) {
        if cholesky(matrix) != nil { return (matrix, false) }
        let n = matrix.count
        let eigen = SymmetricEigen(matrix)
        let clipped = eigen.values.map { max($0, floor) }
        var rebuilt = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0..<n {
                var sum = 0.0
                for k in 0..<n { sum += eigen.vectors[i][k] * clipped[k] * eigen.vectors[j][k] }
                rebuilt[i][j] = sum
            }
        }
        let scale = (0..<n).map { 1 / rebuilt[$0][$0].squareRoot() }
        for i in 0..<n { for j in 0..<n { rebuilt[i][j] *= scale[i] * scale[j] } }
        for i in 0..<n { rebuilt[i][i] = 1 }
        return (rebuilt, true)
    }

    /// The lower-triangular L with L·Lᵀ = matrix, or nil when the matrix is not positive definite.
    static func cholesky(_ matrix: [[Double]]) -> [[Double]]? {
        let n = matrix.count
        var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in 0...i {
                var sum = matrix[i][j]
                for k in 0..<j { sum -= l[i][k] * l[j][k] }
                if i == j {
                    guard sum > 1e-12 else { return nil }
                    l[i][i] = sum.squareRoot()
                } else {
                    l[i][j] = sum / l[j][j]
                }
            }
        }
        return l
    }
}
