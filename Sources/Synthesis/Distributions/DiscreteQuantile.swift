/// Inverts the distribution function of a distribution on 0, 1, 2, …: the smallest k with
/// cdf(k) ≥ p. Starts from a guess (a normal approximation), gallops outwards to a bracket and
/// bisects, so that it costs O(log distance) cdf evaluations however large the counts.
enum DiscreteQuantile {
    static func search(_ p: Double, guess: Double, cdf: (Double) -> Double) -> Double {
        if p.isNaN { return .nan }
        if p <= 0 { return 0 }
        var start = guess.isFinite ? max(0, guess.rounded(.down)) : 0
        start = min(start, 1e15)
        var low: Double // cdf(low) < p, or −1
        var high: Double // cdf(high) ≥ p
        if cdf(start) >= p {
            high = start
            var step = 1.0
            low = start - step
            while low >= 0 && cdf(low) >= p {
                high = low
                step *= 2
                low = max(-1, high - step)
            }
            low = max(low, -1)
        } else {
            low = start
            var step = 1.0
            high = start + step
            while cdf(high) < p {
                low = high
                step *= 2
                high = low + step
                if high > 1e18 { return .infinity }
            }
        }
        while high - low > 1 {
            let middle = (low + (high - low) / 2).rounded(.down)
            if cdf(middle) >= p { high = middle } else { low = middle }
        }
        return high
    }
}
