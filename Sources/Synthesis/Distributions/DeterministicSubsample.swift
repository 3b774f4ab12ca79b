/// A subsample of at most `limit` values, the same on every run and machine: selection sampling
/// (Knuth's Algorithm S) driven by a fixed-seed `RandomStream`. Every value has the same chance
/// and the kept values stay in their original order. Large columns are fitted, scored and kept
/// (KDE points) through this, so that models stay fast and small.
enum DeterministicSubsample {
    static func draw(_ values: [Double], limit: Int, seed: UInt64) -> [Double] {
        guard values.count > limit else { return values }
        var random = RandomStream(seed: seed)
        var kept: [Double] = []
        kept.reserveCapacity(limit)
        var remaining = values.count
        for value in values {
            // Keep with probability (still needed) / (still to see): exactly `limit` in the end.
            if Double(remaining) * random.nextUnit() < Double(limit - kept.count) {
                kept.append(value)
                if kept.count == limit { break }
            }
            remaining -= 1
        }
        return kept
    }
}
