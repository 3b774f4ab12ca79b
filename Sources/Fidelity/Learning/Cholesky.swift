/// Solves symmetric positive-definite systems `A x = b` by Cholesky factorisation, for the normal
/// equations of ridge regression and the Newton steps of logistic regression (a few dozen
/// unknowns, so a plain O(n³) factorisation is the right tool).
enum Cholesky {
    /// `a` is n×n, row-major. Nil when `a` is not numerically positive definite.
    static func solve(_ a: [Double], size n: Int, _ b: [Double]) -> [Double]? {
        precondition(a.count == n * n && b.count == n, "Cholesky: shapes do not match")
        var lower = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var sum = a[i * n + j]
                for k in 0..<j { sum -= lower[i * n + k] * lower[j * n + k] }
                if i == j {
                    // A pivot lost to rounding means a (numerically) singular matrix: collinear columns.
                    guard sum > 1e-12 * abs(a[i * n + i]), sum.isFinite else { return nil }
                    lower[i * n + i] = sum.squareRoot()
                } else {
                    lower[i * n + j] = sum / lower[j * n + j]
                }
            }
        }
        // Forward substitution L y = b, then back substitution Lᵀ x = y.
        var y = b
        for i in 0..<n {
            var sum = y[i]
            for k in 0..<i { sum -= lower[i * n + k] * y[k] }
            y[i] = sum / lower[i * n + i]
        }
        var x = y
        for i in stride(from: n - 1, through: 0, by: -1) {
            var sum = x[i]
            for k in (i + 1)..<n { sum -= lower[k * n + i] * x[k] }
            x[i] = sum / lower[i * n + i]
        }
        return x
    }

    /// Like `solve`, but when `a` is singular (collinear features without a penalty) adds a
    /// growing multiple of its mean diagonal until the factorisation succeeds: the smallest
    /// ridge that makes the system solvable.
    static func solveWithJitter(_ a: [Double], size n: Int, _ b: [Double]) -> [Double] {
        if n == 0 { return [] }
        if let x = solve(a, size: n, b) { return x }
        let meanDiagonal = max((0..<n).reduce(0.0) { $0 + abs(a[$1 * n + $1]) } / Double(n), 1e-300)
        var jitter = meanDiagonal * 1e-12
        while jitter < meanDiagonal * 1e6 {
            var shifted = a
            for i in 0..<n { shifted[i * n + i] += jitter }
            if let x = solve(shifted, size: n, b) { return x }
            jitter *= 10
        }
        return [Double](repeating: 0, count: n)
    }
}
