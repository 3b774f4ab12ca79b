/// Conditional sampling in the Gaussian copula: a condition on a member is an interval of its
/// normal score (a level's frequency interval, or the stretch of the quantile table inside a
/// range), and the other members are drawn from the conditional normal given the scores drawn
/// inside those intervals. Nothing is rejected, so a level in 1 row of 100,000 costs what a
/// common one does.
struct CopulaSteering {
    /// Members in drawing order: the conditioned ones first.
    let order: [Int]
    /// Per conditioned member (in `order`), its interval of normal scores.
    let bounds: [(low: Double, high: Double)]
    /// The Cholesky factor of the correlation matrix with rows and columns in `order`: with the
    /// conditioned members first, each later score is its conditional normal given theirs.
    let factor: [[Double]]

    /// Nil when no member has a target the copula can meet.
    init?(marginals: [CopulaMarginal], cholesky: [[Double]], steering: [String: SteeringTarget]) {
        var conditioned: [Int] = []
        var bounds: [(low: Double, high: Double)] = []
        for (index, marginal) in marginals.enumerated() {
            guard let target = steering[marginal.name], let (low, high) = marginal.uniformInterval(for: target) else { continue }
            conditioned.append(index)
            bounds.append((StandardNormal.quantile(low), StandardNormal.quantile(high)))
        }
        guard !conditioned.isEmpty else { return nil }
        let d = marginals.count
        let order = conditioned + (0..<d).filter { !conditioned.contains($0) }
        // Σ = L Lᵀ, permuted, then factored again.
        var permuted = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
        for a in 0..<d {
            for b in 0..<d {
                let i = order[a], j = order[b]
                var sum = 0.0
                for k in 0...min(i, j) { sum += cholesky[i][k] * cholesky[j][k] }
                permuted[a][b] = sum
            }
        }
        guard let factor = CorrelationRepair.cholesky(permuted) else { return nil }
        self.order = order
        self.bounds = bounds
        self.factor = factor
    }

    /// One row's normal scores, in member order, into `scores`; `noise` is scratch space.
    func draw(into scores: inout [Double], noise: inout [Double], random: inout RandomStream) {
        let d = order.count
        for a in 0..<d {
            var mean = 0.0
            let row = factor[a]
            for k in 0..<a { mean += row[k] * noise[k] }
            if a < bounds.count {
                // The conditioned score lies in its interval: the noise is a truncated normal.
                let scale = row[a]
                if scale > 1e-12 {
                    noise[a] = Self.truncatedNormal((bounds[a].low - mean) / scale, (bounds[a].high - mean) / scale, random: &random)
                } else {
                    noise[a] = 0
                }
            } else {
                noise[a] = random.nextNormal()
            }
            scores[order[a]] = mean + row[a] * noise[a]
        }
    }

    /// A standard normal draw inside [a, b], by inverting Φ over the interval; worked in the
    /// lower tail (mirrored when the interval is above 0), where Φ keeps its precision.
    static func truncatedNormal(_ a: Double, _ b: Double, random: inout RandomStream) -> Double {
        if a > 0 { return -truncatedNormal(-b, -a, random: &random) }
        let low = StandardNormal.cdf(a)
        let high = StandardNormal.cdf(b)
        guard high > low else { return a.isFinite ? a : b }
        let z = StandardNormal.quantile(low + (high - low) * random.nextUnit())
        return min(max(z, a), b)
    }
}

extension CopulaMarginal {
    /// The interval of [0, 1] (nulls at the bottom) whose uniforms give values meeting
    /// `target`; nil when there is none, or the mapping cannot say (a range over levels).
    func uniformInterval(for target: SteeringTarget) -> (low: Double, high: Double)? {
        let scale = 1 - nullRate
        func uniform(_ p: Double) -> Double { nullRate + scale * min(max(p, 0), 1) }
        let interval: (low: Double, high: Double)
        switch mapping {
        case .levels(let levels, let cumulative):
            guard let text = target.text, let level = levels.firstIndex(of: text) else { return nil }
            interval = (level == 0 ? 0 : cumulative[level - 1], cumulative[level])
        case .flag(let probabilityTrue):
            guard target.isEquality, let value = target.lower else { return nil }
            interval = value == 1 ? (1 - probabilityTrue, 1) : (0, 1 - probabilityTrue)
        case .quantiles(let table):
            interval = (target.lower.map { Self.position(of: $0, in: table, lowest: true) } ?? 0,
                        target.upper.map { Self.position(of: $0, in: table, lowest: false) } ?? 1)
        }
        guard interval.high > interval.low else { return nil }
        return (uniform(interval.low), uniform(interval.high))
    }

    /// Where the interpolated quantile table reaches `x`: the lowest p with value(p) ≥ x, or
    /// the highest with value(p) ≤ x (a run of equal values is a flat stretch of p).
    static func position(of x: Double, in table: [Double], lowest: Bool) -> Double {
        let last = Double(table.count - 1)
        if lowest {
            guard let index = table.firstIndex(where: { $0 >= x }) else { return 1 }
            guard index > 0, table[index] > table[index - 1] else { return Double(index) / last }
            return (Double(index - 1) + (x - table[index - 1]) / (table[index] - table[index - 1])) / last
        }
        guard let index = table.lastIndex(where: { $0 <= x }) else { return 0 }
        guard index < table.count - 1, table[index + 1] > table[index] else { return Double(index) / last }
        return (Double(index) + (x - table[index]) / (table[index + 1] - table[index])) / last
    }
}
