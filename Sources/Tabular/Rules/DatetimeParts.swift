/// Parts of a datetime (seconds since 1970, UTC) on the wall clock of a time zone. One
/// definition for rule discovery, rule checks and the formula language, so that a derived
/// column always passes the check that found its rule.
public enum DatetimeParts {
    static let secondsPerDay = 86_400.0
    /// Beyond about ±2.7 million years the day arithmetic could overflow: no part.
    static let limit = 8.64e16

    public static func value(_ part: DataRule.DatetimePart, of seconds: Double, in zone: TimeZoneRules) -> Double? {
        guard seconds.isFinite, seconds.magnitude < limit else { return nil }
        let local = zone.local(seconds)
        let dayNumber = (local / secondsPerDay).rounded(.down)
        let secondOfDay = local - dayNumber * secondsPerDay
        let day = Int(dayNumber)
        switch part {
        case .year: return Double(CivilCalendar.civilFromDays(day).year)
        case .month: return Double(CivilCalendar.civilFromDays(day).month)
        case .day: return Double(CivilCalendar.civilFromDays(day).day)
        case .hour: return (secondOfDay / 3600).rounded(.down)
        case .minute: return (secondOfDay / 60).rounded(.down).truncatingRemainder(dividingBy: 60)
        case .weekday: return Double(((day + 3) % 7 + 7) % 7 + 1)
        case .weekdayFromZero: return Double(((day + 3) % 7 + 7) % 7)
        case .dayOfYear:
            let year = CivilCalendar.civilFromDays(day).year
            return Double(day - CivilCalendar.daysFromCivil(year: year, month: 1, day: 1) + 1)
        case .fractionalYear, .yearFraction:
            let year = CivilCalendar.civilFromDays(day).year
            let start = Double(CivilCalendar.daysFromCivil(year: year, month: 1, day: 1)) * secondsPerDay
            let length = Double(CivilCalendar.isLeapYear(year) ? 366 : 365) * secondsPerDay
            let share = (local - start) / length
            return part == .yearFraction ? share : Double(year) + share
        }
    }
}

/// HHMM clock times (`517` is 05:17) as minutes after midnight, and back.
public enum ClockTime {
    /// Minutes after midnight; nil unless the value is a whole HHMM time from 0 to 2400.
    @inline(__always)
    public static func minutes(_ value: Double) -> Double? {
        guard value >= 0, value <= 2400, value == value.rounded() else { return nil }
        let hours = (value / 100).rounded(.down)
        let minutes = value - hours * 100
        guard minutes < 60 else { return nil }
        return hours * 60 + minutes
    }

    /// Whether whole numbers from `minimum` to `maximum`, every one a valid HHMM time, read as
    /// clock times: they span the afternoon and take enough distinct values that the absence of
    /// minutes 60–99 is no accident (departure times, not counts that stay under 60).
    public static func looksLikeClock(minimum: Double, maximum: Double, distinct: Int) -> Bool {
        minimum >= 0 && maximum <= 2400 && maximum >= 1200 && distinct >= 50
    }

    /// Whether an integer column holds HHMM clock times (every value one, see `looksLikeClock`).
    public static func isClockColumn(_ column: Column) -> Bool {
        guard case .integers(let values, _) = column.values else { return false }
        var minimum = Double.infinity, maximum = -Double.infinity
        var distinct = Set<Int64>()
        for row in values.indices where column.validity.isValid(row) {
            let value = Double(values[row])
            guard minutes(value) != nil else { return false }
            minimum = Swift.min(minimum, value)
            maximum = Swift.max(maximum, value)
            if distinct.count < 64 { distinct.insert(values[row]) }
        }
        return looksLikeClock(minimum: minimum, maximum: maximum, distinct: distinct.count)
    }

    /// The valid HHMM time nearest to `value` (a model drawing on the number line lands in the
    /// gaps, 1275 for instance, which is no time): minutes 60–79 go to :59, 80–99 to the next hour.
    @inline(__always)
    public static func nearestValid(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        let whole = min(max(value.rounded(), 0), 2400)
        let minutes = whole.truncatingRemainder(dividingBy: 100)
        guard minutes >= 60 else { return whole }
        return minutes < 80 ? whole - minutes + 59 : min(whole - minutes + 100, 2400)
    }

    /// The HHMM time `minutes` after midnight, modulo a day; midnight is written `midnight`
    /// (0 or 2400).
    @inline(__always)
    public static func hhmm(minutes: Double, midnight: Int) -> Double? {
        guard minutes.isFinite, minutes.magnitude < 1e15 else { return nil }
        var wrapped = minutes.rounded().truncatingRemainder(dividingBy: 1440)
        if wrapped < 0 { wrapped += 1440 }
        if wrapped == 0 { return Double(midnight) }
        return (wrapped / 60).rounded(.down) * 100 + wrapped.truncatingRemainder(dividingBy: 60)
    }
}
