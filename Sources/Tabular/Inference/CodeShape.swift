/// What makes a value look like a code (`N14228`, `AB-1234-X`, `00454`, `SW1A 1AA`) rather than
/// a word or a sentence. The thresholds are in `InferenceThresholds`.
public enum CodeShape {
    /// True for one code-shaped value: 2 to `maxLength` visible ASCII characters, letters,
    /// digits and `- _ / . #`, at least one digit, and at most one space with a digit on both
    /// sides of it.
    public static func isCode(_ value: String, maxLength: Int = InferenceThresholds.standard.codeMaxLength) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.count >= 2, bytes.count <= maxLength else { return false }
        var tokens = 1
        var tokenHasDigit = false
        var previousWasSpace = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                tokenHasDigit = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "/"), UInt8(ascii: "."), UInt8(ascii: "#"):
                break
            case UInt8(ascii: " "):
                guard !previousWasSpace, tokenHasDigit, tokens == 1 else { return false }
                tokens += 1
                tokenHasDigit = false
                previousWasSpace = true
                continue
            default:
                return false
            }
            previousWasSpace = false
        }
        return tokenHasDigit && !previousWasSpace
    }

    /// True when the distinct values share a code shape: nearly all are codes, and nearly all
    /// of those lie within a narrow band of lengths.
    static func isShared(by sample: [String], thresholds: InferenceThresholds) -> Bool {
        guard !sample.isEmpty else { return false }
        var lengths: [Int] = []
        lengths.reserveCapacity(sample.count)
        for value in sample where isCode(value, maxLength: thresholds.codeMaxLength) { lengths.append(value.utf8.count) }
        guard Double(lengths.count) >= thresholds.codeMinShapeShare * Double(sample.count) else { return false }
        // The widest share of lengths inside any window of `codeMaxLengthSpan + 1` lengths.
        var histogram = [Int](repeating: 0, count: thresholds.codeMaxLength + 1)
        for length in lengths { histogram[length] += 1 }
        var best = 0
        for start in histogram.indices {
            let end = min(histogram.count, start + thresholds.codeMaxLengthSpan + 1)
            best = max(best, histogram[start..<end].reduce(0, +))
        }
        return Double(best) >= thresholds.codeMinLengthShare * Double(lengths.count)
    }
}
