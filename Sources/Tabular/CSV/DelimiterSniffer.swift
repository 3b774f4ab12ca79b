/// Guesses the delimiter from the first lines: the candidate that appears the same number of
/// times (at least once) on most lines, outside quotes; ties go to the earlier candidate.
enum DelimiterSniffer {
    static func sniff(_ bytes: UnsafeBufferPointer<UInt8>, candidates: [UInt8] = CSVReadOptions.sniffedDelimiters) -> UInt8 {
        let lines = countsPerLine(bytes, candidates: candidates, maximumLines: 50)
        guard let header = lines.first else { return candidates[0] }
        var best: (delimiter: UInt8, agreeing: Int, count: Int)?
        for (index, candidate) in candidates.enumerated() {
            let expected = header[index]
            guard expected > 0 else { continue }
            let agreeing = lines.filter { $0[index] == expected }.count
            if let current = best, (current.agreeing, current.count) >= (agreeing, expected) { continue }
            best = (candidate, agreeing, expected)
        }
        return best?.delimiter ?? candidates[0]
    }

    /// Per line, how often each candidate occurs outside quoted fields.
    private static func countsPerLine(_ bytes: UnsafeBufferPointer<UInt8>, candidates: [UInt8], maximumLines: Int) -> [[Int]] {
        var lines: [[Int]] = []
        var counts = Array(repeating: 0, count: candidates.count)
        var inQuotes = false
        var lineHasContent = false
        var index = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let limit = min(bytes.count, 1 << 20)
        while index < limit && lines.count < maximumLines {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if !inQuotes {
                if byte == UInt8(ascii: "\n") {
                    if lineHasContent { lines.append(counts) }
                    counts = Array(repeating: 0, count: candidates.count)
                    lineHasContent = false
                } else if let position = candidates.firstIndex(of: byte) {
                    counts[position] += 1
                }
            }
            if byte != UInt8(ascii: "\n") && byte != UInt8(ascii: "\r") { lineHasContent = true }
            index += 1
        }
        if lineHasContent && lines.count < maximumLines && index >= bytes.count { lines.append(counts) }
        return lines
    }
}
