import Tabular

/// Boundary cases of a column's kind, mixed in at `edge_rate` to make test data that breaks
/// software: extremes, zero, negatives, empty and very long strings, non-ASCII text, leap days,
/// far-future dates.
public enum EdgeCases {
    /// For numeric shapes: numbers on the column's number line.
    public static func numbers(for shape: ValueShape, observed: ClosedRange<Double>?) -> [Double] {
        var cases: [Double] = []
        if let observed { cases += [observed.lowerBound, observed.upperBound] }
        switch shape {
        case .integer:
            cases += [0, -1, 1, 2_147_483_647, -2_147_483_648, 9_007_199_254_740_991]
        case .decimal:
            cases += [0, -0.0, -1.5, 1e-9, 0.1 + 0.2, 1e15, -1e15]
        case .boolean:
            cases += [0, 1]
        case .datetime:
            // 1970-01-01, leap days of 2000 and 2024, the last second of 1999, 2038-01-19 (32-bit
            // time overflow), 9999-12-31, 1900-01-01.
            cases += [0, 951_782_400, 1_709_164_800, 946_684_799, 2_147_483_648, 253_402_214_400, -2_208_988_800]
        case .text:
            break
        }
        return cases
    }

    /// For text shapes.
    public static let texts: [String] = [
        "",
        " ",
        String(repeating: "x", count: 1000),
        "Zoë Ångström 漢字 🙂",
        "O'Brien, \"quoted\"",
        "line one\nline two",
        "NULL",
        "-1",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
    ]
}
