/// SplitMix64 (Steele, Lea and Flood, 2014): a tiny seeded generator for the few random choices
/// the utility metrics make (row subsamples, the holdout split, label permutations).
///
/// Fidelity may not import Synthesis (whose `RandomStream` lives there), and these choices need
/// only determinism and good mixing, which SplitMix64 gives in four lines. Swift's own
/// `shuffle(using:)` is avoided because its algorithm is not promised to stay the same.
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A generator for one purpose of one seed, so that purposes do not share a sequence.
    init(seed: UInt64, purpose: UInt64) {
        var mixer = SplitMix64(seed: seed ^ (purpose &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound without modulo bias (Lemire's multiply-and-reject).
    mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }
}
