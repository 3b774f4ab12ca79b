extension Words {
    /// `text` with Latin letters folded to ASCII (`José Łukasz` → `Jose Lukasz`, `ß` → `ss`) and
    /// any other non-ASCII scalar dropped (combining accents of decomposed text included).
    ///
    /// A fixed table rather than Unicode decomposition: Tabular avoids Foundation, and letters
    /// such as `ł`, `ø`, `đ` and `ı` have no decomposition anyway.
    public static func foldedToASCII(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var output = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                output.append(scalar)
            } else if let folded = foldedLatin(value) {
                output.append(contentsOf: folded.unicodeScalars)
            }
        }
        return String(output)
    }

    private static func foldedLatin(_ value: UInt32) -> Substring? {
        switch value {
        case 0xC0...0x17F:
            let folded = latinTable[Int(value - 0xC0)]
            return folded == "-" ? nil : folded
        case 0x218: return "S"
        case 0x219: return "s"
        case 0x21A: return "T"
        case 0x21B: return "t"
        default: return nil
        }
    }

    /// ASCII for U+00C0…U+017F (Latin-1 Supplement letters and Latin Extended-A), one entry per
    /// code point; `-` marks the two signs in the range (× and ÷).
    private static let latinTable: [Substring] = """
        A A A A A A AE C E E E E I I I I D N O O O O O - O U U U U Y TH ss \
        a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th y \
        A a A a A a C c C c C c C c D d D d E e E e E e E e E e G g G g G g G g H h H h \
        I i I i I i I i I i IJ ij J j K k k L l L l L l L l L l N n N n N n n N n \
        O o O o O o OE oe R r R r R r S s S s S s S s T t T t T t U u U u U u U u U u U u \
        W w Y y Y Z z Z z Z z s
        """.split(separator: " ")
}
