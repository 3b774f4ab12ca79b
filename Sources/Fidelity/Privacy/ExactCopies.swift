/// Synthetic rows identical to a real row on every evaluated column.
///
/// Numbers compare by value (an integer 3 equals a decimal 3.0), categories by their shared code,
/// and null equals null. Rows are hashed into an open-addressing table of the real rows, and a
/// hash match is confirmed cell by cell, so the count is exact in O(real + synthetic) time.
enum ExactCopies {
    /// Which synthetic rows copy some real row.
    static func flags(_ synthetic: PrivacyRows, in real: PrivacyRows) -> [Bool] {
        guard real.count > 0 else { return Array(repeating: false, count: synthetic.count) }
        var capacity = 16
        while capacity < real.count * 2 { capacity <<= 1 }
        let mask = capacity - 1
        var slots = [Int32](repeating: -1, count: capacity)
        var hashes = [UInt64](repeating: 0, count: real.count)
        for row in 0..<real.count {
            let hash = Self.hash(real, row)
            hashes[row] = hash
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 {
                let other = Int(slots[slot])
                if hashes[other] == hash, equal(real, row, real, other) { break }
                slot = (slot + 1) & mask
            }
            if slots[slot] < 0 { slots[slot] = Int32(row) }
        }
        return (0..<synthetic.count).map { row in
            let hash = Self.hash(synthetic, row)
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 {
                let other = Int(slots[slot])
                if hashes[other] == hash, equal(synthetic, row, real, other) { return true }
                slot = (slot + 1) & mask
            }
            return false
        }
    }

    /// Nulls hash alike; −0 and +0 hash alike, as they compare equal.
    private static func hash(_ rows: PrivacyRows, _ row: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt64) {
            hash = (hash ^ value) &* 0x0000_0100_0000_01B3
            hash ^= hash >> 29
        }
        for codes in rows.categories { mix(UInt64(codes[row])) }
        for values in rows.numbers {
            let value = values[row]
            mix(value.isNaN ? 0x7FF8_0000_0000_0001 : (value == 0 ? 0 : value).bitPattern)
        }
        return hash
    }

    private static func equal(_ a: PrivacyRows, _ row: Int, _ b: PrivacyRows, _ other: Int) -> Bool {
        for column in a.categories.indices where a.categories[column][row] != b.categories[column][other] { return false }
        for column in a.numbers.indices {
            let x = a.numbers[column][row]
            let y = b.numbers[column][other]
            if x.isNaN != y.isNaN || (!x.isNaN && x != y) { return false }
        }
        return true
    }
}
