import Tabular

/// Date arithmetic on datetime values (seconds since 1970-01-01T00:00:00Z, UTC), on
/// `CivilCalendar`. The parts (year, hour, …) are Tabular's `DatetimeParts`, shared with rule checks.
enum FormulaCalendar {
    static let secondsPerDay = 86_400.0
    /// Datetimes further than this from 1970 (about ±2.7 million years) are null rather than
    /// risk an Int overflow in the day arithmetic.
    static let limit = 8.64e16

    /// The day number (days since 1970-01-01) and the seconds into that day.
    static func split(_ seconds: Double) -> (day: Int, secondOfDay: Double)? {
        guard seconds.isFinite, seconds.magnitude < limit else { return nil }
        let day = (seconds / secondsPerDay).rounded(.down)
        return (Int(day), seconds - day * secondsPerDay)
    }

    /// Midnight UTC of a date; null unless the parts are whole and the date exists.
    static func date(year: Double, month: Double, day: Double) -> Double? {
        guard year == year.rounded(), month == month.rounded(), day == day.rounded(),
              year.magnitude < 1_000_000, (1...12).contains(month), (1...31).contains(day) else { return nil }
        let (y, m, d) = (Int(year), Int(month), Int(day))
        guard CivilCalendar.isValidDate(year: y, month: m, day: d) else { return nil }
        return Double(CivilCalendar.daysFromCivil(year: y, month: m, day: d)) * secondsPerDay
    }

    /// Calendar days from one datetime to another: the difference of their dates, whatever the
    /// times of day (23:59 to 00:01 the next day is one day).
    static func daysBetween(_ from: Double, _ to: Double) -> Double? {
        guard let start = split(from), let end = split(to) else { return nil }
        return Double(end.day - start.day)
    }

    static func addDays(_ seconds: Double, _ days: Double) -> Double? {
        finiteOrNull(seconds + days * secondsPerDay)
    }
}
