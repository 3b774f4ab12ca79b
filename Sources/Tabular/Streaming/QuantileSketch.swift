/// A KLL quantile sketch (Karnin, Lang and Liberty, 2016): the quantiles of a stream of numbers
/// in memory that grows with the log of the stream, with a stated rank error.
///
/// Hand-written: no package on this machine has a quantile sketch, and KLL is a few dozen lines.
/// Items live in levels; an item on level h stands for 2^h stream values. A full level is
/// sorted and halved (every other item, starting at a random one), and the survivors move up.
/// The coin flips come from a seeded generator, so the same stream and seed give the same
/// sketch: fits made on a streamed file stay deterministic.
public struct QuantileSketch: Sendable {
    /// The top level's capacity; lower levels hold 2/3 as many each, down to 8.
    public let k: Int
    private var levels: [[Double]] = [[]]
    private var random: SplitMix64
    public private(set) var count = 0
    public private(set) var minimum = Double.infinity
    public private(set) var maximum = -Double.infinity

    public init(k: Int = QuantileSketch.defaultK, seed: UInt64) {
        self.k = max(8, k)
        random = SplitMix64(state: seed ^ 0x4B4C_4C5F_534B_4554)
    }

    /// 2,048: a rank error of about 0.14% in about 100 KB per column.
    public static let defaultK = 2048

    /// The normalized rank error this sketch keeps with 99% confidence: |estimated rank − true
    /// rank| / n. DataSketches' empirical fit for KLL, 2.296 / k^0.9723.
    public static func rankError(k: Int) -> Double { 2.296 / pow(Double(k), 0.9723) }
    public var rankError: Double { Self.rankError(k: k) }

    public mutating func insert(_ value: Double) {
        count += 1
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
        levels[0].append(value)
        if levels[0].count >= capacity(0) { compress() }
    }

    /// Inserts `value` `times` times (exact counts turned into a sketch past their size).
    public mutating func insert(_ value: Double, times: Int) {
        for _ in 0..<times { insert(value) }
    }

    private func capacity(_ level: Int) -> Int {
        let depth = levels.count - 1 - level
        return max(8, Int((Double(k) * pow(2.0 / 3.0, Double(depth))).rounded(.up)))
    }

    /// Halves the lowest full level into the one above it.
    private mutating func compress() {
        var level = 0
        while level < levels.count {
            if levels[level].count >= capacity(level) {
                if level + 1 == levels.count { levels.append([]) }
                var items = levels[level]
                items.sort()
                // An odd item out stays (it keeps its weight exactly).
                var kept: [Double] = []
                if items.count % 2 == 1 { kept.append(items.removeLast()) }
                let offset = Int(random.next() & 1)
                var index = offset
                while index < items.count {
                    levels[level + 1].append(items[index])
                    index += 2
                }
                levels[level] = kept
            }
            level += 1
        }
    }

    /// The items with their weights, in ascending order.
    public func weightedItems() -> [(value: Double, weight: Int)] {
        var items: [(value: Double, weight: Int)] = []
        for (level, values) in levels.enumerated() {
            for value in values { items.append((value, 1 << level)) }
        }
        items.sort { $0.value < $1.value }
        return items
    }

    /// The value at normalized rank `p` (0...1): the smallest item whose cumulative weight
    /// reaches p of the total; the exact minimum and maximum at the ends.
    public func quantile(_ p: Double) -> Double? {
        quantiles([p]).first
    }

    /// Several quantiles in one pass over the items (`probabilities` in any order).
    public func quantiles(_ probabilities: [Double]) -> [Double] {
        guard count > 0 else { return [] }
        let items = weightedItems()
        let total = items.reduce(0) { $0 + $1.weight }
        return probabilities.map { p in
            if p <= 0 { return minimum }
            if p >= 1 { return maximum }
            let target = p * Double(total)
            var cumulative = 0
            for item in items {
                cumulative += item.weight
                if Double(cumulative) >= target { return item.value }
            }
            return maximum
        }
    }

    /// The estimated fraction of values ≤ x.
    public func cdf(_ x: Double) -> Double {
        var below = 0
        var total = 0
        for (level, values) in levels.enumerated() {
            let weight = 1 << level
            total += weight * values.count
            for value in values where value <= x { below += weight }
        }
        return total == 0 ? 0 : Double(below) / Double(total)
    }

    /// `n` values spread evenly over the distribution: the quantiles at (i + ½)/n, with the exact
    /// minimum first and maximum last (when n ≥ 2). In ascending order.
    public func evenlySpaced(_ n: Int) -> [Double] {
        guard n > 0, count > 0 else { return [] }
        let items = weightedItems()
        let total = Double(items.reduce(0) { $0 + $1.weight })
        var result: [Double] = []
        result.reserveCapacity(n)
        var index = 0
        var cumulative = Double(items[0].weight)
        for i in 0..<n {
            let target = (Double(i) + 0.5) / Double(n) * total
            while cumulative < target && index + 1 < items.count {
                index += 1
                cumulative += Double(items[index].weight)
            }
            result.append(items[index].value)
        }
        if n >= 2 {
            result[0] = minimum
            result[n - 1] = maximum
        }
        return result
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
