/// One bit per row: set when the row has a value, clear when it is null.
///
/// Packed into 64-bit words so that a million-row column costs 125 KB of validity,
/// and counting nulls is a popcount per word.
public struct NullBitmap: Hashable, Sendable {
    public private(set) var words: [UInt64]
    public private(set) var count: Int

    public init() {
        words = []
        count = 0
    }

    /// A bitmap of `count` rows, all valid or all null.
    public init(count: Int, allValid: Bool) {
        self.count = count
        let wordCount = (count + 63) / 64
        words = Array(repeating: allValid ? ~0 : 0, count: wordCount)
        if allValid { clearTail() }
    }

    public init(_ valid: [Bool]) {
        self.init(count: valid.count, allValid: false)
        for (row, isValid) in valid.enumerated() where isValid { words[row >> 6] |= 1 << UInt64(row & 63) }
    }

    @inline(__always)
    public func isValid(_ row: Int) -> Bool {
        (words[row >> 6] >> UInt64(row & 63)) & 1 == 1
    }

    @inline(__always)
    public func isNull(_ row: Int) -> Bool { !isValid(row) }

    public mutating func reserveCapacity(_ rows: Int) {
        words.reserveCapacity((rows + 63) / 64)
    }

    @inline(__always)
    public mutating func append(_ valid: Bool) {
        if count & 63 == 0 { words.append(0) }
        if valid { words[count >> 6] |= 1 << UInt64(count & 63) }
        count += 1
    }

    public mutating func set(_ row: Int, valid: Bool) {
        precondition(row < count, "row \(row) out of range 0..<\(count)")
        if valid {
            words[row >> 6] |= 1 << UInt64(row & 63)
        } else {
            words[row >> 6] &= ~(1 << UInt64(row & 63))
        }
    }

    /// Appends another bitmap's rows after this one's.
    public mutating func append(contentsOf other: NullBitmap) {
        if count & 63 == 0 {
            words.append(contentsOf: other.words)
            count += other.count
            return
        }
        for row in 0..<other.count { append(other.isValid(row)) }
    }

    public var nullCount: Int {
        count - words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    public var validCount: Int { count - nullCount }

    private mutating func clearTail() {
        let used = count & 63
        if used != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(used)) - 1 }
    }
}

extension NullBitmap {
    /// Drops the last `rows` rows.
    public mutating func removeLast(_ rows: Int) {
        precondition(rows <= count, "cannot remove \(rows) of \(count) rows")
        count -= rows
        let wordCount = (count + 63) / 64
        words.removeLast(words.count - wordCount)
        let used = count & 63
        if used != 0 { words[words.count - 1] &= (1 << UInt64(used)) - 1 }
    }
}
