import Tabular

/// The weighted cross-products `[1 X]ᵀ W [1 X]` of a design matrix with an intercept column,
/// the one expensive step of both the ridge normal equations and each Newton step of logistic
/// regression (n·p²/2 multiply-adds; p from a few to a few hundred, n up to 10⁵).
///
/// The rows are cut into a fixed number of blocks (a function of n only, so the sums are added in
/// the same order on any machine) that run on all cores, and each block walks its rows in short
/// chunks, so that the p column pieces a chunk touches stay in cache.
enum GramMatrix {
    /// Rows per chunk: p chunks of 256 doubles are 2 KB each, 0.5 MB for p = 256.
    private static let chunk = 256

    /// Row-major (p+1)×(p+1); index 0 is the intercept. `weights` nil means all ones.
    static func weighted(_ x: FeatureMatrix, weights: [Double]?) -> [Double] {
        let p = x.columnCount, n = x.rows
        let size = p + 1
        let columns = x.columns
        let blocks = max(1, min(16, n / 8192))
        let blockRows = (n + blocks - 1) / max(blocks, 1)
        let partial: @Sendable (Int) -> [Double] = { block in
            let start = block * blockRows, end = min(n, start + blockRows)
            var gram = [Double](repeating: 0, count: size * size)
            var weighted = [Double](repeating: 0, count: chunk)
            gram.withUnsafeMutableBufferPointer { gram in
                weighted.withUnsafeMutableBufferPointer { weighted in
                    var from = start
                    while from < end {
                        let to = min(end, from + chunk), length = to - from
                        // Intercept column: weight sums, and Σ w·xⱼ.
                        for row in from..<to { weighted[row - from] = weights?[row] ?? 1 }
                        accumulate(weighted, length, column: nil, from: from, into: gram.baseAddress!, size: size, columns: columns, first: 0)
                        for i in 0..<p {
                            columns[i].withUnsafeBufferPointer { xi in
                                if let weights {
                                    for row in from..<to { weighted[row - from] = weights[row] * xi[row] }
                                } else {
                                    for row in from..<to { weighted[row - from] = xi[row] }
                                }
                            }
                            accumulate(weighted, length, column: i, from: from, into: gram.baseAddress!, size: size, columns: columns, first: i + 1)
                        }
                        from = to
                    }
                }
            }
            return gram
        }
        let partials = n * p * p > 4_000_000 ? Parallel.map(blocks, partial) : (0..<blocks).map(partial)
        var gram = partials[0]
        for other in partials.dropFirst() {
            for index in gram.indices { gram[index] += other[index] }
        }
        // Mirror the upper triangle.
        for i in 0..<size {
            for j in 0..<i { gram[i * size + j] = gram[j * size + i] }
        }
        return gram
    }

    /// Adds the dot products of one weighted chunk with the chunks of columns first−1 ..< p (and
    /// its own sum, for the intercept) to row `column + 1` of the upper triangle.
    @inline(__always)
    private static func accumulate(_ weighted: UnsafeMutableBufferPointer<Double>, _ length: Int, column: Int?, from: Int,
                                   into gram: UnsafeMutablePointer<Double>, size: Int, columns: [[Double]], first: Int) {
        let row = (column ?? -1) + 1
        if column == nil { gram[0] += sum(UnsafeBufferPointer(rebasing: weighted[0..<length])) }
        let firstFeature = column == nil ? 0 : first - 1
        for j in firstFeature..<(size - 1) {
            let product = columns[j].withUnsafeBufferPointer { xj in
                dot(UnsafeBufferPointer(rebasing: weighted[0..<length]), UnsafeBufferPointer(rebasing: xj[from..<(from + length)]))
            }
            gram[row * size + j + 1] += product
        }
    }

    /// Four running sums, so that several multiply-adds are in flight.
    @inline(__always)
    static func dot(_ a: UnsafeBufferPointer<Double>, _ b: UnsafeBufferPointer<Double>) -> Double {
        var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
        let n = a.count
        var index = 0
        while index + 4 <= n {
            s0 += a[index] * b[index]
            s1 += a[index + 1] * b[index + 1]
            s2 += a[index + 2] * b[index + 2]
            s3 += a[index + 3] * b[index + 3]
            index += 4
        }
        while index < n {
            s0 += a[index] * b[index]
            index += 1
        }
        return (s0 + s1) + (s2 + s3)
    }

    @inline(__always)
    static func dot(_ a: [Double], _ b: [Double]) -> Double {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in dot(a, b) } }
    }

    @inline(__always)
    static func sum(_ a: UnsafeBufferPointer<Double>) -> Double {
        var s0 = 0.0, s1 = 0.0
        let n = a.count
        var index = 0
        while index + 2 <= n {
            s0 += a[index]
            s1 += a[index + 1]
            index += 2
        }
        if index < n { s0 += a[index] }
        return s0 + s1
    }

    @inline(__always)
    static func sum(_ a: [Double]) -> Double {
        a.withUnsafeBufferPointer { sum($0) }
    }
}
