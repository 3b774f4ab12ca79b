/// A hash set of byte strings that hands out dense codes in order of first appearance.
///
/// Hand-written because `Dictionary<String, UInt32>` would need a `String` per CSV field just to
/// look it up; here a field is hashed and compared as bytes, and a `String` is made once per
/// distinct level.
struct ByteInterner {
    /// All levels' bytes, back to back.
    private(set) var arena: [UInt8] = []
    /// `offsets[code] ..< offsets[code + 1]` is a level's range in `arena`.
    private(set) var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Open addressing; each slot holds code + 1, or 0 when empty.
    private var slots: [UInt32] = Array(repeating: 0, count: 64)

    var count: Int { hashes.count }

    /// The code of `bytes`, adding it when new.
    @inline(__always)
    mutating func intern(_ bytes: UnsafeBufferPointer<UInt8>) -> (code: UInt32, isNew: Bool) {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let code = Int(entry - 1)
            if hashes[code] == hash && equals(code, bytes) { return (UInt32(code), false) }
            slot = (slot + 1) & mask
        }
        let code = hashes.count
        hashes.append(hash)
        arena.append(contentsOf: bytes)
        offsets.append(arena.count)
        slots[slot] = UInt32(code + 1)
        if hashes.count * 2 > slots.count { grow() }
        return (UInt32(code), true)
    }

    func level(_ code: Int) -> String {
        arena.withUnsafeBufferPointer { arena in
            String(decoding: UnsafeBufferPointer(rebasing: arena[offsets[code]..<offsets[code + 1]]), as: UTF8.self)
        }
    }

    var levels: [String] { (0..<count).map(level) }

    @inline(__always)
    private func equals(_ code: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[code]
        let length = offsets[code + 1] - start
        guard length == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            memcmpBytes(arena.baseAddress! + start, bytes.baseAddress, length)
        }
    }

    private mutating func grow() {
        var newSlots = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = newSlots.count - 1
        for (code, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = UInt32(code + 1)
        }
        slots = newSlots
    }

    /// A fast 64-bit hash over 8-byte words (multiply and fold), good enough for a hash table.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress else { return state }
        let raw = UnsafeRawPointer(base)
        var index = 0
        let count = bytes.count
        while index + 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            state = mix(state ^ word)
            index += 8
        }
        if index < count {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < count {
                tail |= UInt64(base[index]) << shift
                shift += 8
                index += 1
            }
            state = mix(state ^ tail)
        }
        return mix(state)
    }

    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        let product = value.multipliedFullWidth(by: 0xBF58_476D_1CE4_E5B9)
        return product.high ^ product.low
    }
}

@inline(__always)
private func memcmpBytes(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
    guard count > 0, let rhs else { return true }
    var index = 0
    while index < count {
        if lhs[index] != rhs[index] { return false }
        index += 1
    }
    return true
}
