/// The functions a formula can call, with their arity and types, declared as data so that the
/// type checker, error messages and help all read the same table. Names are case-insensitive.
public enum FormulaFunction: String, CaseIterable, Hashable, Sendable {
    case `if`, coalesce
    case round, floor, ceil, abs, sqrt, log, exp, min, max
    case len, upper, lower, concat, substr, str, num
    case year, month, day, hour, minute, weekday, date
    case dayOfYear = "dayofyear", fractionalYear = "fractional_year", yearFraction = "year_fraction"
    case daysBetween = "days_between", addDays = "add_days"
    case clockAdd = "clock_add"

    public var name: String { rawValue }

    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }

    /// What an argument may be.
    enum Parameter: Hashable, Sendable {
        case number
        case text
        /// Anything; converted as the function needs (`str`, `num`, `concat`).
        case any
    }

    enum Signature: Hashable, Sendable {
        /// Parameters in order (the last one repeats for variadic functions) and the result.
        case fixed([Parameter], result: FormulaType)
        /// `if`, `coalesce`, `min`, `max`: the result has the type the arguments share.
        case unifying
    }

    /// Datetime parts, which take an optional time zone as their second argument.
    var takesTimeZone: Bool {
        switch self {
        case .year, .month, .day, .hour, .minute, .weekday, .dayOfYear, .fractionalYear, .yearFraction: true
        default: false
        }
    }

    /// How many arguments the function takes.
    public var arity: ClosedRange<Int> {
        switch self {
        case .if: 3...3
        case .coalesce, .min, .max, .concat: 1...Int.max
        case .round, .log: 1...2
        case .substr: 2...3
        case .date: 3...3
        case .daysBetween, .addDays: 2...2
        case .year, .month, .day, .hour, .minute, .weekday, .dayOfYear, .fractionalYear, .yearFraction: 1...2
        case .clockAdd: 2...3
        default: 1...1
        }
    }

    var signature: Signature {
        switch self {
        case .if, .coalesce, .min, .max: .unifying
        case .round, .log: .fixed([.number, .number], result: .number)
        case .floor, .ceil, .abs, .sqrt, .exp: .fixed([.number], result: .number)
        case .len: .fixed([.text], result: .number)
        case .upper, .lower: .fixed([.text], result: .text)
        case .concat, .str: .fixed([.any], result: .text)
        case .substr: .fixed([.text, .number, .number], result: .text)
        case .num: .fixed([.any], result: .number)
        case .year, .month, .day, .hour, .minute, .weekday, .dayOfYear, .fractionalYear, .yearFraction: .fixed([.number, .text], result: .number)
        case .clockAdd: .fixed([.number, .number, .number], result: .number)
        case .date: .fixed([.number, .number, .number], result: .number)
        case .daysBetween, .addDays: .fixed([.number, .number], result: .number)
        }
    }

    /// How a call is written, for help and error messages.
    public var usage: String {
        switch self {
        case .if: "if(condition, then, else)"
        case .coalesce: "coalesce(a, b, ...)"
        case .round: "round(x[, digits])"
        case .log: "log(x[, base])"
        case .min: "min(a, b, ...)"
        case .max: "max(a, b, ...)"
        case .concat: "concat(a, b, ...)"
        case .substr: "substr(text, start[, length])"
        case .date: "date(year, month, day)"
        case .daysBetween: "days_between(from, to)"
        case .addDays: "add_days(datetime, days)"
        case .len, .upper, .lower: "\(name)(text)"
        case .year, .month, .day, .hour, .minute, .weekday, .dayOfYear, .fractionalYear, .yearFraction: "\(name)(datetime[, \"time zone\"])"
        case .clockAdd: "clock_add(hhmm, minutes[, midnight])"
        default: "\(name)(x)"
        }
    }

    /// One line of help.
    public var help: String {
        switch self {
        case .if: "then when the condition is true, else otherwise (also when it is null)"
        case .coalesce: "The first argument that is not null"
        case .round: "Rounded half away from zero to digits decimals (default 0; negative rounds to tens, hundreds...)"
        case .floor: "The largest whole number not above x"
        case .ceil: "The smallest whole number not below x"
        case .abs: "The absolute value"
        case .sqrt: "The square root (null for negatives)"
        case .log: "The natural logarithm, or in the given base (null for x ≤ 0)"
        case .exp: "e to the power x"
        case .min: "The smallest argument (numbers or texts; null if any is null)"
        case .max: "The largest argument (numbers or texts; null if any is null)"
        case .len: "The number of characters"
        case .upper: "The text in upper case"
        case .lower: "The text in lower case"
        case .concat: "The arguments as text, joined; nulls are skipped"
        case .substr: "length characters from position start (1-based), or to the end"
        case .str: "x as text (whole numbers without a decimal point, true/false)"
        case .num: "x as a number (null for text that does not read as one; true/false as 1/0)"
        case .year: "The year of a datetime (UTC, or on the wall clock of a zone: \"America/New_York\", \"+05:30\")"
        case .month: "The month, 1-12"
        case .day: "The day of the month, 1-31"
        case .hour: "The hour, 0-23"
        case .minute: "The minute, 0-59"
        case .weekday: "The ISO weekday: Monday = 1 ... Sunday = 7"
        case .dayOfYear: "The day of the year, 1-366"
        case .fractionalYear: "The year plus the elapsed share of it (2013.5 in early July)"
        case .yearFraction: "The elapsed share of the year, from 0 to 1"
        case .clockAdd: "An HHMM clock time (517 is 05:17) plus minutes, modulo a day; midnight is written 0, or 2400 if given"
        case .date: "The datetime at midnight UTC of that day (null for a date that does not exist)"
        case .daysBetween: "Calendar days from the first datetime to the second (negative when earlier)"
        case .addDays: "The datetime moved by that many days (keeps the time of day)"
        }
    }
}
