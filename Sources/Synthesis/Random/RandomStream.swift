import RealModule
import Tabular

/// xoshiro256** — small, fast, and good enough for simulation (Blackman & Vigna). Hand-written:
/// Swift's `SystemRandomNumberGenerator` cannot be seeded, and the output must be the same on
/// every machine and every release for a given seed.
public struct RandomStream: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A stream seeded through SplitMix64, so that nearby seeds give unrelated streams.
    public init(seed: UInt64) {
        var mixer = SplitMix64(state: seed)
        s0 = mixer.next()
        s1 = mixer.next()
        s2 = mixer.next()
        s3 = mixer.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 } // the all-zero state is the one fixed point
    }

    /// The stream for one purpose of one column in one chunk of rows. Every chunk has its own
    /// stream, so output never depends on how chunks are spread over threads or shards.
    public init(seed: UInt64, column: String, chunk: Int, purpose: StreamPurpose = .values) {
        var key = SplitMix64.mix(seed ^ 0x6A09_E667_F3BC_C908)
        key = SplitMix64.mix(key ^ StableHash.fnv1a(column))
        key = SplitMix64.mix(key ^ UInt64(truncatingIfNeeded: chunk))
        key = SplitMix64.mix(key ^ purpose.rawValue)
        self.init(seed: key)
    }

    @inline(__always)
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Uniform in (0, 1): safe to take the logarithm of.
    @inline(__always)
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 12) + 0.5) * 0x1.0p-52
    }

    /// Uniform integer in 0..<bound, without modulo bias (Lemire's method).
    @inline(__always)
    public mutating func nextIndex(_ bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// A standard normal deviate (Box–Muller; both values of a pair are not kept, so that each
    /// call consumes a fixed number of draws and streams stay easy to reason about).
    @inline(__always)
    public mutating func nextNormal() -> Double {
        let radius = (-2 * Double.log(nextOpenUnit())).squareRoot()
        return radius * Double.cos(2 * Double.pi * nextUnit())
    }

    /// An exponential deviate with rate 1.
    @inline(__always)
    public mutating func nextExponential() -> Double {
        -Double.log(nextOpenUnit())
    }

    @inline(__always)
    private func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 - count))
    }
}

/// Separate streams for separate decisions, so that changing the null rate does not change
/// which values are drawn.
public enum StreamPurpose: UInt64, Sendable {
    case values = 1
    case nulls = 2
    case edgeCases = 3
}
