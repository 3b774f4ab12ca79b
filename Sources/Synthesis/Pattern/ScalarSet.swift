/// A set of Unicode scalars as sorted, disjoint, non-adjacent ranges: what a character class,
/// an escape such as `\d` or `.` stands for. Members are numbered in scalar order, so that a
/// draw (or a rank) maps to a member in O(log ranges).
struct ScalarSet: Hashable, Sendable {
    /// Sorted, disjoint, non-adjacent, never touching the surrogate block (which holds no scalars).
    private(set) var ranges: [ClosedRange<UInt32>]
    /// Members before each range, for `scalar(at:)`.
    private var offsets: [Int]
    /// Number of members.
    let count: Int

    init<S: Sequence>(ranges input: S) where S.Element == ClosedRange<UInt32> {
        var pieces: [ClosedRange<UInt32>] = []
        for range in input {
            // Surrogate code points are not scalars: a range across them keeps the two sides.
            if range.lowerBound < 0xD800 { pieces.append(range.lowerBound...min(range.upperBound, 0xD7FF)) }
            if range.upperBound > 0xDFFF { pieces.append(max(range.lowerBound, 0xE000)...range.upperBound) }
        }
        pieces.sort { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<UInt32>] = []
        for piece in pieces {
            if let last = merged.last, piece.lowerBound <= last.upperBound &+ 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, piece.upperBound)
            } else {
                merged.append(piece)
            }
        }
        ranges = merged
        var running = 0
        offsets = merged.map { range in
            defer { running += Int(range.upperBound - range.lowerBound) + 1 }
            return running
        }
        count = running
    }

    init(_ scalar: Unicode.Scalar) { self.init(ranges: [scalar.value...scalar.value]) }

    init(_ first: Unicode.Scalar, through last: Unicode.Scalar) { self.init(ranges: [first.value...last.value]) }

    static func union(_ sets: [ScalarSet]) -> ScalarSet { ScalarSet(ranges: sets.flatMap(\.ranges)) }

    func contains(_ value: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < value { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].contains(value)
    }

    /// True when every member is in `other` (whose ranges are non-adjacent, so each of ours
    /// must sit inside one of them).
    func isSubset(of other: ScalarSet) -> Bool {
        ranges.allSatisfy { range in
            other.ranges.contains { $0.lowerBound <= range.lowerBound && range.upperBound <= $0.upperBound }
        }
    }

    /// The member of rank `index` (0 ..< count) in scalar order.
    func scalar(at index: Int) -> Unicode.Scalar {
        var low = 0
        var high = offsets.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if offsets[middle] <= index { low = middle } else { high = middle - 1 }
        }
        // Surrogates are excluded at construction, so every member is a valid scalar.
        return Unicode.Scalar(ranges[low].lowerBound + UInt32(index - offsets[low]))!
    }

    // The sets the escapes and `.` stand for.
    static let digits = ScalarSet("0", through: "9")
    static let lowercase = ScalarSet("a", through: "z")
    static let uppercase = ScalarSet("A", through: "Z")
    static let word = union([digits, lowercase, uppercase, ScalarSet("_")])
    /// `.`: visible ASCII, `!` to `~`. The space is left out: many readers trim it at the ends
    /// of a value, which would change (and could merge) generated values.
    static let printable = ScalarSet("!", through: "~")
}
