extension Buffer {
    /// The symbols of each row as plain text, without styles (what a test compares).
    /// Trailing spaces are dropped unless `trimmingTrailingSpaces` is false.
    public func plainLines(trimmingTrailingSpaces: Bool = true) -> [String] {
        (0..<area.height).map { row in
            var line = ""
            let start = row * area.width
            for cell in cells[start..<(start + area.width)] { line += cell.symbol }
            guard trimmingTrailingSpaces else { return line }
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// Nil when `plainLines()` equals `expected`, else a readable account of every line that
    /// differs (for test helpers in any target).
    public func lineMismatch(_ expected: [String]) -> String? {
        let actual = plainLines()
        guard actual != expected else { return nil }
        var report = ["buffer lines differ (expected \(expected.count), got \(actual.count)):"]
        for row in 0..<max(actual.count, expected.count) {
            let got = row < actual.count ? actual[row] : "<none>"
            let want = row < expected.count ? expected[row] : "<none>"
            if got != want {
                report.append("  line \(row): expected |\(want)|")
                report.append("  line \(row):      got |\(got)|")
            }
        }
        report.append("actual buffer:")
        report.append(contentsOf: actual.map { "  |\($0)|" })
        return report.joined(separator: "\n")
    }
}
