/// Dates written as plain digits — `20130815` (`yyyyMMdd`) or `201308` (`yyyyMM`), stored as
/// integers or as text — recognised for a whole column, so that they are read, modelled and
/// written back as dates (every synthetic value a real calendar date in the same form).
///
/// One number never makes a date (`DateTimeFormat.detect` refuses plain numbers); a column does
/// when it is plausible throughout: at least `minimumValues` values and `minimumDistinct`
/// distinct ones, every one of the same width (8 or 6 digits), a year in `years`, a month 1–12
/// and, for `yyyyMMdd`, a day that exists in that month. A single value that is not such a date
/// keeps the column as it was (converting it would lose that value). Random 8-digit numbers pass
/// these checks about 4% of the time each, so 20 of them all passing is no accident.
public enum EncodedDates {
    public static let years = 1800...2200
    public static let minimumValues = 20
    public static let minimumDistinct = 2

    /// The column as dates in an all-digits layout, or nil when it is not one.
    public static func recognise(_ column: Column) -> Column? {
        let valid = column.count - column.nullCount
        guard valid >= minimumValues else { return nil }
        switch column.values {
        case .integers(let values, let style):
            guard style.trailingZeroDigits == 0, let first = firstValid(column) else { return nil }
            let value = values[first]
            let compact: DateTimeFormat.Compact
            if value >= 1_800_01_01 && value <= 2_200_12_31 {
                compact = DateTimeFormat.Compact(hasDay: true, isNumber: true)
            } else if value >= 1800_01 && value <= 2200_12 {
                compact = DateTimeFormat.Compact(hasDay: false, isNumber: true)
            } else {
                return nil
            }
            var seconds = [Double](repeating: 0, count: values.count)
            for (row, value) in values.enumerated() where column.validity.isValid(row) {
                guard let parsed = date(Int(truncatingIfNeeded: value), compact) else { return nil }
                seconds[row] = parsed
            }
            return converted(column, seconds, compact)
        case .strings(let codes, let levels):
            guard let first = firstValid(column) else { return nil }
            let width = levels[Int(codes[first])].utf8.count
            guard width == 8 || width == 6 else { return nil }
            let compact = DateTimeFormat.Compact(hasDay: width == 8, isNumber: false)
            var levelSeconds = [Double?](repeating: nil, count: levels.count)
            var checked = [Bool](repeating: false, count: levels.count)
            var seconds = [Double](repeating: 0, count: codes.count)
            for (row, code) in codes.enumerated() where column.validity.isValid(row) {
                let level = Int(code)
                if !checked[level] {
                    checked[level] = true
                    levelSeconds[level] = digitsDate(levels[level], compact)
                }
                guard let parsed = levelSeconds[level] else { return nil }
                seconds[row] = parsed
            }
            return converted(column, seconds, compact)
        default:
            return nil
        }
    }

    private static func firstValid(_ column: Column) -> Int? {
        (0..<column.count).first { column.validity.isValid($0) }
    }

    private static func date(_ value: Int, _ compact: DateTimeFormat.Compact) -> Double? {
        let year = compact.hasDay ? value / 10_000 : value / 100
        guard years.contains(year) else { return nil }
        return DateTimeFormat.secondsSinceEpoch(compactValue: value, compact)
    }

    private static func digitsDate(_ text: String, _ compact: DateTimeFormat.Compact) -> Double? {
        let bytes = Array(text.utf8)
        guard bytes.count == compact.width else { return nil }
        var value = 0
        for byte in bytes {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return date(value, compact)
    }

    private static func converted(_ column: Column, _ seconds: [Double], _ compact: DateTimeFormat.Compact) -> Column? {
        var distinct = Set<Double>()
        for (row, value) in seconds.enumerated() where column.validity.isValid(row) {
            distinct.insert(value)
            if distinct.count >= minimumDistinct { break }
        }
        guard distinct.count >= minimumDistinct else { return nil }
        return Column(name: column.name, values: .datetimes(seconds, .compact(hasDay: compact.hasDay, isNumber: compact.isNumber)),
                      validity: column.validity)
    }
}
