import Tabular

/// A datetime member that a joint model sees as two: its day, and its time of day (the clock,
/// in seconds since local midnight).
///
/// Why: a joint model sees a datetime as one number on a line a year long, so its bins (or
/// splits) are weeks wide and the time of day inside them is lost. On flights, `time_hour`
/// (the scheduled hour) then came out at 02:00 though no flight leaves before 05:00, and a
/// third of short flights arrived before they left, since the arrival time no longer knew the
/// hour of departure. As two members, the clock is a column like any other: its levels are the
/// real ones (on the hour where the data is), and it relates to the other members.
public struct ClockSplit: Codable, Hashable, Sendable {
    /// The datetime column; inside the model it holds the day (local midnight, as naive seconds).
    public var column: String
    /// The member that holds the time of day, named after the column (`time_hour·clock`).
    public var clockColumn: String
    /// The zone whose local day and clock are modelled (a rule's zone, or UTC).
    public var timeZone: String
    /// Seconds per unit of the clock member: the real clocks' common step (3600 for times on the
    /// hour), so that a model that interpolates still lands on the real grid.
    public var step: Int
    /// The clock member's range after its protections (in steps): clocks are kept inside it.
    public var clockRange: [Double]?

    public init(column: String, timeZone: String, step: Int = 1) {
        self.column = column
        self.clockColumn = Self.clockName(of: column)
        self.timeZone = timeZone
        self.step = step
    }

    /// The largest step (a whole number of seconds dividing a day) that every clock is a multiple of.
    static func commonStep(_ clocks: [Double], validity: NullBitmap) -> Int {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        var step = Int(secondsPerDay)
        for row in clocks.indices where validity.isValid(row) {
            guard clocks[row] == clocks[row].rounded() else { return 1 }
            step = gcd(step, Int(clocks[row]))
            if step == 1 { break }
        }
        return max(step, 1)
    }

    public static func clockName(of column: String) -> String { column + "·clock" }

    static let secondsPerDay = 86_400.0

    /// The zone's rules; UTC when it names none.
    func rules() throws -> TimeZoneRules {
        timeZone == "UTC" ? .utc : try TimeZoneRules.named(timeZone)
    }

    /// The day (naive local midnight) and clock (seconds since it) of each value; nulls stay null.
    static func parts(of values: [Double], validity: NullBitmap, zone: TimeZoneRules) -> (days: [Double], clocks: [Double]) {
        var days = [Double](repeating: 0, count: values.count)
        var clocks = [Double](repeating: 0, count: values.count)
        for row in values.indices where validity.isValid(row) && values[row].isFinite {
            let local = zone.local(values[row])
            let day = (local / secondsPerDay).rounded(.down) * secondsPerDay
            days[row] = day
            clocks[row] = local - day
        }
        return (days, clocks)
    }

    /// The instant (UTC seconds) of a modelled day and clock. The day is floored to its midnight
    /// (a model may draw anywhere within a bin of days) and the clock kept within the day.
    static func instant(day: Double, clock: Double, zone: TimeZoneRules) -> Double {
        let midnight = (day / secondsPerDay).rounded(.down) * secondsPerDay
        let local = midnight + min(max(clock, 0), secondsPerDay - 1).rounded()
        // Local → UTC: the offset in force at the instant, found from a first guess (a local
        // time in a spring-forward gap lands an hour on, as clocks do).
        let guess = local - zone.offset(at: local)
        return local - zone.offset(at: guess)
    }

    /// Whether splitting tells a model more: the column varies both in its days and in its clock.
    static func isInformative(_ values: [Double], validity: NullBitmap, zone: TimeZoneRules) -> Bool {
        let (days, clocks) = parts(of: values, validity: validity, zone: zone)
        var firstDay: Double?, firstClock: Double?
        var daysVary = false, clocksVary = false
        for row in values.indices where validity.isValid(row) && values[row].isFinite {
            if let day = firstDay { daysVary = daysVary || days[row] != day } else { firstDay = days[row] }
            if let clock = firstClock { clocksVary = clocksVary || clocks[row] != clock } else { firstClock = clocks[row] }
            if daysVary && clocksVary { return true }
        }
        return false
    }

    /// The zone a plan's datetime-part formulas read `column` in (`hour(time_hour, "America/New_York")`),
    /// so that the clock is the one the parts are taken on; UTC when no formula names one.
    static func timeZone(of column: String, in plan: Plan) -> String {
        for other in plan.columns {
            guard case .text(let expression)? = other.parameters["expression"] else { continue }
            for spelled in ["`\(column)`", column] {
                var rest = Substring(expression)
                while let found = rest.range(of: "(" + spelled + ",") {
                    let after = rest[found.upperBound...].drop { $0 == " " }
                    if after.first == "\"", let close = after.dropFirst().firstIndex(of: "\"") {
                        return String(after[after.index(after: after.startIndex)..<close])
                    }
                    rest = rest[found.upperBound...]
                }
            }
        }
        return "UTC"
    }
}
