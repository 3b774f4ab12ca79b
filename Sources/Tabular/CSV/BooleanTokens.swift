/// The spellings of true/false that read as a boolean column. A column keeps the spelling of its
/// first value; any other spelling (or `1`/`0`, which read as integers) makes it a string column,
/// so writing it back never changes the text.
enum BooleanTokens {
    static let pairs: [(true: [UInt8], false: [UInt8])] = [
        ("true", "false"), ("True", "False"), ("TRUE", "FALSE"),
        ("yes", "no"), ("Yes", "No"), ("YES", "NO"),
        ("t", "f"), ("T", "F"), ("y", "n"), ("Y", "N"),
    ].map { (Array($0.0.utf8), Array($0.1.utf8)) }

    /// The pair index and value of `bytes`, or nil.
    @inline(__always)
    static func match(_ bytes: UnsafeBufferPointer<UInt8>) -> (pair: Int, value: Bool)? {
        guard bytes.count <= 5, bytes.count >= 1 else { return nil }
        let first = bytes[0] | 0x20
        guard first == UInt8(ascii: "t") || first == UInt8(ascii: "f") || first == UInt8(ascii: "y") || first == UInt8(ascii: "n") else { return nil }
        for (index, pair) in pairs.enumerated() {
            if bytes.elementsEqual(pair.true) { return (index, true) }
            if bytes.elementsEqual(pair.false) { return (index, false) }
        }
        return nil
    }

    static func style(ofPair index: Int) -> BooleanStyle {
        BooleanStyle(trueToken: String(decoding: pairs[index].true, as: UTF8.self),
                     falseToken: String(decoding: pairs[index].false, as: UTF8.self))
    }
}
