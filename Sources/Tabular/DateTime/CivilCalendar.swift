/// Proleptic Gregorian calendar arithmetic on whole days counted from 1970-01-01.
///
/// The conversions work in "March years": a year that starts on March 1st, so that the leap day
/// is the last day of its year and every month before it has a fixed position. Days are grouped
/// in 400-year cycles of 146 097 days, inside which a year's first day is a closed-form
/// function of its index (365 a year, plus one every 4th, minus one every 100th). This is the
/// approach popularised by Howard Hinnant's `days_from_civil` / `civil_from_days`.
///
/// Valid for any `Int` day count whose year fits in `Int`; pure integer math, no allocation.
public enum CivilCalendar {
    /// Days in one 400-year Gregorian cycle.
    static let daysPerCycle = 146_097
    /// Days from 0000-03-01 (the start of March year 0) to 1970-01-01.
    static let epochShift = 719_468

    /// Gregorian leap year rule: every 4th year, except centuries not divisible by 400.
    @inline(__always)
    public static func isLeapYear(_ year: Int) -> Bool {
        year & 3 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Days in `month` (1...12) of `year`; 0 for a month outside 1...12.
    @inline(__always)
    public static func daysInMonth(_ month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeapYear(year) ? 29 : 28
        default: return 0
        }
    }

    /// True when `month` is 1...12 and `day` exists in that month of `year`.
    @inline(__always)
    public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        day >= 1 && day <= daysInMonth(month, year: year)
    }

    /// Days from 1970-01-01 to the given date (negative before it). The date is assumed valid.
    @inline(__always)
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        // January and February belong to the previous March year.
        let marchYear = month <= 2 ? year - 1 : year
        let cycle = floorDivide(marchYear, 400)
        let yearOfCycle = marchYear - cycle * 400                        // 0...399
        let monthFromMarch = month <= 2 ? month + 9 : month - 3          // 0 = March ... 11 = February
        // Month lengths from March run 31 30 31 30 31 | 31 30 31 30 31 | 31 (28/29): five-month
        // groups of 153 days, which (153·m + 2) / 5 reproduces exactly.
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1         // 0...365
        let dayOfCycle = yearOfCycle * 365 + yearOfCycle / 4 - yearOfCycle / 100 + dayOfYear
        return cycle * daysPerCycle + dayOfCycle - epochShift
    }

    /// The civil date `days` after 1970-01-01 (before it when negative).
    @inline(__always)
    public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let shifted = days + epochShift
        let cycle = floorDivide(shifted, daysPerCycle)
        let dayOfCycle = shifted - cycle * daysPerCycle                 // 0...146096
        // Remove the leap days accumulated before this day (one per 1460 days, except one per
        // 36524, plus one per 146096) so that a plain division by 365 gives the year.
        let yearOfCycle = (dayOfCycle - dayOfCycle / 1460 + dayOfCycle / 36524 - dayOfCycle / 146_096) / 365
        let dayOfYear = dayOfCycle - (yearOfCycle * 365 + yearOfCycle / 4 - yearOfCycle / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153                   // inverse of the 153/5 rule
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = cycle * 400 + yearOfCycle + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Integer division rounding toward negative infinity (Swift's `/` truncates toward zero).
    @inline(__always)
    static func floorDivide(_ value: Int, _ divisor: Int) -> Int {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
