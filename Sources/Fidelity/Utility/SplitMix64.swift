import Tabular

extension SplitMix64 {
    /// A generator for one purpose of one seed, so that the utility metrics' purposes (row
    /// subsamples, the holdout split, label permutations) do not share a sequence.
    init(seed: UInt64, purpose: UInt64) {
        var mixer = SplitMix64(state: seed ^ (purpose &* 0xD1B5_4A32_D192_ED03))
        self.init(state: mixer.next())
    }

    /// Uniform in 0..<bound.
    mutating func next(below bound: Int) -> Int {
        Int(next(below: UInt64(bound)))
    }
}
