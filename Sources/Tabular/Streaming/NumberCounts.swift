/// How often each number occurs: an open-addressing hash table keyed by the number's bits.
///
/// Hand-written because it is the streaming pass's inner loop (one update per numeric cell of a
/// file of billions): Swift's `Dictionary<Double, Int>` hashes with SipHash and cost about a
/// tenth of the pass in a profile; a multiplicative hash with linear probing costs a few
/// nanoseconds. A count of 0 marks an empty slot (every stored count is at least 1).
struct NumberCounts: Sendable {
    private var keys: [UInt64]
    private var counts: [Int]
    private var shift: UInt64
    /// Distinct numbers stored.
    private(set) var distinct = 0

    init() {
        keys = Array(repeating: 0, count: 1024)
        counts = Array(repeating: 0, count: 1024)
        shift = 64 - 10
    }

    /// -0 and 0 count as one number.
    @inline(__always)
    private static func bits(_ value: Double) -> UInt64 { value == 0 ? 0 : value.bitPattern }

    @inline(__always)
    private func home(_ bits: UInt64) -> Int {
        Int(truncatingIfNeeded: ((bits ^ (bits >> 31)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    mutating func add(_ value: Double, times: Int = 1) {
        let key = Self.bits(value)
        let mask = keys.count - 1
        var slot = home(key)
        while counts[slot] != 0 {
            if keys[slot] == key {
                counts[slot] += times
                return
            }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        counts[slot] = times
        distinct += 1
        if distinct * 2 > keys.count { grow() }
    }

    private mutating func grow() {
        let oldKeys = keys, oldCounts = counts
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        counts = Array(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        distinct = 0
        for (key, count) in zip(oldKeys, oldCounts) where count != 0 { add(Double(bitPattern: key), times: count) }
    }

    /// The numbers with their counts, ascending.
    func sortedRuns() -> [(value: Double, count: Int)] {
        var runs: [(value: Double, count: Int)] = []
        runs.reserveCapacity(distinct)
        for (key, count) in zip(keys, counts) where count != 0 { runs.append((Double(bitPattern: key), count)) }
        runs.sort { $0.value < $1.value }
        return runs
    }
}
