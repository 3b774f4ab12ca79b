import Tabular

/// A column the quality report does not score, with the reason a person reads.
public struct LeftOutColumn: Sendable, Codable, Equatable {
    public let column: String
    public let reason: String

    public init(column: String, reason: String) {
        self.column = column
        self.reason = reason
    }
}

/// The columns Column Shapes and Column Pair Trends score, and why the others are left out.
///
/// Beyond `FidelityData.columns` (numbers, datetimes, categories, booleans), text and code
/// columns are scored as categories, as SDMetrics scores them with SDV's detected metadata
/// (every text column is `categorical` there). A text or code column with more distinct values
/// than half its rows is left out: its values are keys or names, not levels, and their
/// frequencies say nothing about a distribution. Identifiers and personal data stay out.
struct QualityColumns {
    /// In the real table's order.
    let scored: [String]
    let leftOut: [LeftOutColumn]

    /// Distinct values above this share of a text or code column's non-null rows make it
    /// near-unique (`tailnum` in nycflights13: 4,043 in 334,264 rows, 1%; a name column: most).
    static let nearUniqueShare = 0.5

    init(_ data: FidelityData, settings: QualitySettings) {
        var scored: [String] = [], leftOut: [LeftOutColumn] = []
        for name in data.real.columnNames where data.synthetic.column(named: name) != nil {
            guard let kind = data.kinds[name] else { continue }
            if FidelityData.isEvaluated(kind) {
                scored.append(name)
            } else if let reason = Self.reasonLeftOut(kind, column: data.real.column(named: name)!, settings: settings) {
                leftOut.append(LeftOutColumn(column: name, reason: reason))
            } else {
                scored.append(name)
            }
        }
        self.scored = scored
        self.leftOut = leftOut
    }

    private static func reasonLeftOut(_ kind: ColumnKind, column: Column, settings: QualitySettings) -> String? {
        switch kind {
        case .text, .code:
            guard settings.scoresTextAndCodes else { return "\(kind.rawValue) (not scored with these settings)" }
            let valid = column.count - column.nullCount
            let distinct = distinctCount(column)
            guard Double(distinct) > nearUniqueShare * Double(valid) else { return nil }
            return "near-unique \(kind.rawValue): \(distinct) distinct values in \(valid) rows, keys or names rather than levels"
        case .identifier:
            return "an identifier"
        default:
            return "personal data (\(kind.rawValue))"
        }
    }

    /// Distinct non-null values.
    static func distinctCount(_ column: Column) -> Int {
        switch column.values {
        case .strings(let codes, let levels):
            var used = [Bool](repeating: false, count: levels.count)
            for row in 0..<codes.count where column.validity.isValid(row) { used[Int(codes[row])] = true }
            // Levels are interned, but count by text in case a column was built with repeats.
            return Set(levels.indices.filter { used[$0] }.map { levels[$0] }).count
        default:
            let numbers = NumberLine.values(column)
            return Set(numbers.lazy.filter { !$0.isNaN }.map { ($0 == 0 ? 0.0 : $0).bitPattern }).count
        }
    }
}
