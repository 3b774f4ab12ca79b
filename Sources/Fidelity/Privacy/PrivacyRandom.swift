import Tabular

/// The privacy metrics' random numbers: SplitMix64, seeded per purpose, so that samples and the
/// random baseline depend only on the report's seed (Fidelity does not import Synthesis' streams).
struct PrivacyRandom: Sendable {
    private var generator: SplitMix64

    /// A stream for one purpose of one seed; purposes get unrelated streams.
    init(seed: UInt64, purpose: UInt64) {
        generator = SplitMix64(state: SplitMix64.mix(seed ^ SplitMix64.mix(purpose &+ 0x9E37_79B9_7F4A_7C15)))
    }

    mutating func next() -> UInt64 { generator.next() }

    /// Uniform in [0, 1), 53 random bits.
    mutating func nextUnit() -> Double { generator.nextUnit() }

    /// Uniform in 0..<bound, without modulo bias.
    mutating func next(below bound: UInt64) -> UInt64 { generator.next(below: bound) }

    /// `min(count, total)` distinct row numbers of `0..<total` in random order (a partial
    /// Fisher–Yates shuffle): every subset is equally likely, and so is every prefix, which lets
    /// a budget stop early on a sample that is still uniform.
    mutating func sampleRows(_ count: Int, of total: Int) -> [Int] {
        var rows = Array(0..<total)
        let size = min(count, total)
        for position in 0..<min(size, total - 1) {
            let pick = position + Int(next(below: UInt64(total - position)))
            rows.swapAt(position, pick)
        }
        return Array(rows[0..<size])
    }
}

/// The purposes of the privacy metrics' random streams.
enum PrivacyStream: UInt64 {
    case syntheticSample = 1, realSample, randomBaseline, trainingSample, holdoutSample
    case dcrShareTraining, dcrShareHoldout, dcrShareSynthetic
}
