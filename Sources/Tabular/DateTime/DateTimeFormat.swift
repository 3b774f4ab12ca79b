/// The layout of a date or date-time column: enough to recognise a value, turn it into seconds
/// since 1970-01-01T00:00:00Z, and write it back the way the source wrote it.
///
/// Supported layouts (`/`, `-` and `.` separators are interchangeable in each date form):
/// - year first: `2024-01-31`, `2024/01/31`, `2024.01.31`;
/// - month or day first: `01/31/2024` (MM/dd/yyyy), `31/01/2024` (dd/MM/yyyy), `31.01.2024`,
///   `31-01-2024`. When both numbers are ≤ 12 the order is a guess (`MM/dd` for `/`, `dd.MM` for
///   `.` and `dd-MM` for `-`) and the layout records it in `dayMonthAmbiguous` so that
///   `unified(with:)` may still switch;
/// - dates with unpadded month/day (`1/5/2024`): `datePadded` is false;
/// - any of them followed by `T` or a space and `H:mm`, `HH:mm`, `HH:mm:ss` or `HH:mm:ss.S…`
///   (1 to 9 fraction digits), then optionally `Z` or a numeric offset `+02:00`, `+0200`, `+02`.
///
/// Years are four digits (1000–9999). Plain numbers (`2024`, `20240131`) and times alone are not
/// dates to `detect`; a whole column of plausible `yyyyMMdd` or `yyyyMM` digits is (`EncodedDates`,
/// the `compact` layouts). Values without a zone designator are read as UTC.
///
/// What a layout accepts in `parse`: exactly its separators and zone kind; in an unpadded layout,
/// one- or two-digit fields; a time with less precision than the layout (no seconds, or fewer
/// fraction digits); and, in an offset layout, any numeric offset or `Z` (converted to UTC).
/// Everything `format` writes, `parse` reads back to the same Double.
public struct DateTimeFormat: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Order of the three date fields.
    public enum DateOrder: String, Hashable, Codable, Sendable {
        case yearMonthDay = "ymd"
        case monthDayYear = "mdy"
        case dayMonthYear = "dmy"
    }

    /// The character between date fields.
    public enum DateSeparator: String, Hashable, Codable, Sendable {
        case hyphen = "-"
        case slash = "/"
        case dot = "."

        @inline(__always)
        var byte: UInt8 {
            switch self {
            case .hyphen: return UInt8(ascii: "-")
            case .slash: return UInt8(ascii: "/")
            case .dot: return UInt8(ascii: ".")
            }
        }

        @inline(__always)
        init?(byte: UInt8) {
            switch byte {
            case UInt8(ascii: "-"): self = .hyphen
            case UInt8(ascii: "/"): self = .slash
            case UInt8(ascii: "."): self = .dot
            default: return nil
            }
        }
    }

    /// The character between the date and the time.
    public enum TimeSeparator: String, Hashable, Codable, Sendable {
        case letterT = "T"
        case space = " "

        @inline(__always)
        var byte: UInt8 { self == .letterT ? UInt8(ascii: "T") : UInt8(ascii: " ") }
    }

    /// How a numeric UTC offset is written.
    public enum OffsetStyle: String, Hashable, Codable, Sendable {
        /// `+02:00`
        case colon
        /// `+0200`
        case compact
        /// `+02`
        case hours
    }

    /// The time zone designator of a layout.
    public enum Zone: Hashable, Codable, Sendable {
        /// No designator; the wall time is taken as UTC.
        case unspecified
        /// A literal `Z`.
        case utc
        /// A numeric offset. Parsing converts to UTC; formatting writes values at `minutes`
        /// east of UTC (the offset of the value the layout was first detected on).
        case offset(minutes: Int, style: OffsetStyle)
    }

    /// The time-of-day part of a layout.
    public struct Time: Hashable, Codable, Sendable {
        public internal(set) var separator: TimeSeparator
        /// `HH` (true) or `H` (false; parse then accepts one or two digits).
        public internal(set) var hourPadded: Bool
        public internal(set) var hasSeconds: Bool
        /// Digits after the seconds' decimal point, 0...9 (0 when there are no seconds).
        public internal(set) var fractionDigits: Int
        public internal(set) var zone: Zone

        public init(
            separator: TimeSeparator = .letterT, hourPadded: Bool = true, hasSeconds: Bool = true,
            fractionDigits: Int = 0, zone: Zone = .unspecified
        ) {
            self.separator = separator
            self.hourPadded = hourPadded
            let digits = min(max(fractionDigits, 0), 9)
            self.hasSeconds = hasSeconds || digits > 0
            self.fractionDigits = digits
            self.zone = zone
        }
    }

    public internal(set) var order: DateOrder
    public internal(set) var separator: DateSeparator
    /// `MM`/`dd` (true) or `M`/`d` (false; parse then accepts one or two digits).
    public internal(set) var datePadded: Bool
    /// The month/day order was a guess (both numbers were ≤ 12); `unified(with:)` may switch it.
    public internal(set) var dayMonthAmbiguous: Bool
    /// nil for a date-only layout.
    public internal(set) var time: Time?

    /// An all-digits date (`yyyyMMdd` such as `20130815`, or `yyyyMM` such as `201308`), as
    /// integer- or string-encoded dates are written. Such a layout is never detected from one
    /// value (a plain number is not a date): `EncodedDates` recognises a whole column.
    public struct Compact: Hashable, Codable, Sendable {
        /// `yyyyMMdd` (true) or `yyyyMM` (false: the first day of the month).
        public var hasDay: Bool
        /// The source stored the values as integers (true) or text: JSON output writes them back
        /// as numbers or strings accordingly.
        public var isNumber: Bool

        public init(hasDay: Bool, isNumber: Bool) {
            self.hasDay = hasDay
            self.isNumber = isNumber
        }

        /// Digits in a value: 8 or 6.
        public var width: Int { hasDay ? 8 : 6 }
    }

    /// Set for an all-digits layout; the other fields are then not used.
    public internal(set) var compact: Compact?

    /// An all-digits layout: `yyyyMMdd` or `yyyyMM`.
    public static func compact(hasDay: Bool, isNumber: Bool) -> DateTimeFormat {
        var format = DateTimeFormat()
        format.compact = Compact(hasDay: hasDay, isNumber: isNumber)
        return format
    }

    public init(
        order: DateOrder = .yearMonthDay, separator: DateSeparator = .hyphen, datePadded: Bool = true,
        dayMonthAmbiguous: Bool = false, time: Time? = nil
    ) {
        self.order = order
        self.separator = separator
        self.datePadded = datePadded
        self.dayMonthAmbiguous = dayMonthAmbiguous && order != .yearMonthDay
        self.time = time
    }

    /// `yyyy-MM-dd`
    public static let isoDate = DateTimeFormat()
    /// `yyyy-MM-dd'T'HH:mm:ss'Z'`
    public static let isoDateTimeUTC = DateTimeFormat(time: Time(zone: .utc))

    /// True when the layout includes a time of day.
    public var hasTime: Bool { time != nil }

    // MARK: - Detection

    /// Detect the layout of one value. Returns nil if the bytes are not a date/time in a supported
    /// layout (including out-of-range fields such as 2023-02-29 or 25:00).
    public static func detect(_ bytes: UnsafeBufferPointer<UInt8>) -> DateTimeFormat? {
        var fields = Fields()
        guard let base = bytes.baseAddress, fields.scan(base, bytes.count) else { return nil }
        let order: DateOrder
        var ambiguous = false
        if fields.yearFirst {
            order = .yearMonthDay
        } else if fields.first > 12 {
            order = .dayMonthYear
        } else if fields.second > 12 {
            order = .monthDayYear
        } else {
            ambiguous = true
            order = fields.separator == UInt8(ascii: "/") ? .monthDayYear : .dayMonthYear
        }
        guard fields.isValid(order: order), let separator = DateSeparator(byte: fields.separator) else { return nil }

        var time: Time?
        if fields.hasTime {
            let zone: Zone
            switch fields.zoneKind {
            case .none: zone = .unspecified
            case .utc: zone = .utc
            case .offset: zone = .offset(minutes: fields.offsetMinutes, style: fields.offsetStyle)
            }
            time = Time(
                separator: fields.timeSeparator == UInt8(ascii: "T") ? .letterT : .space,
                hourPadded: fields.hourWidth == 2,
                hasSeconds: fields.hasSeconds,
                fractionDigits: fields.fractionDigits,
                zone: zone
            )
        }
        return DateTimeFormat(
            order: order,
            separator: separator,
            datePadded: fields.firstWidth == 2 && fields.secondWidth == 2,
            dayMonthAmbiguous: ambiguous,
            time: time
        )
    }

    /// `detect` on the UTF-8 of a String.
    public static func detect(_ string: String) -> DateTimeFormat? {
        var string = string
        return string.withUTF8 { detect($0) }
    }

    // MARK: - Parsing

    /// Parse a value written in this layout to seconds since 1970-01-01T00:00:00Z (UTC). nil if
    /// it does not match this layout or is an invalid date (2023-02-30, month 13, hour 25, ...).
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if let compact { return Self.parseCompact(bytes, compact) }
        var fields = Fields()
        guard let base = bytes.baseAddress, fields.scan(base, bytes.count) else { return nil }
        guard fields.separator == separator.byte, fields.yearFirst == (order == .yearMonthDay) else { return nil }
        if datePadded && (fields.firstWidth != 2 || fields.secondWidth != 2) { return nil }
        if let time {
            guard fields.hasTime, fields.timeSeparator == time.separator.byte else { return nil }
            if time.hourPadded && fields.hourWidth != 2 { return nil }
            if fields.hasSeconds && (!time.hasSeconds || fields.fractionDigits > time.fractionDigits) { return nil }
            switch time.zone {
            case .unspecified: if fields.zoneKind != .none { return nil }
            case .utc: if fields.zoneKind != .utc { return nil }
            case .offset: if fields.zoneKind == .none { return nil }
            }
        } else if fields.hasTime {
            return nil
        }
        guard fields.isValid(order: order) else { return nil }
        return fields.secondsSinceEpoch(order: order)
    }

    /// `parse` on the UTF-8 of a String.
    public func parse(_ string: String) -> Double? {
        var string = string
        return string.withUTF8 { parse($0) }
    }

    // MARK: - Formatting

    /// Append the value formatted in this layout (UTF-8 bytes) to `output`.
    ///
    /// Precision beyond the layout's is dropped: date-only layouts write the UTC (or offset) day
    /// containing the instant, minute and second layouts truncate, fractional layouts round to
    /// the nearest unit of their last digit. Non-finite values and values beyond ±3 million
    /// years append nothing. Years outside 0...9999 (which `parse` cannot produce) are written
    /// with as many digits as needed.
    public func format(_ secondsSinceEpoch: Double, into output: inout [UInt8]) {
        guard secondsSinceEpoch.isFinite, secondsSinceEpoch.magnitude < 1e14 else { return }
        var whole = secondsSinceEpoch.rounded(.down)
        var fraction = 0
        var fractionDigits = 0
        if let time, time.fractionDigits > 0 {
            fractionDigits = time.fractionDigits
            let scale = Self.powerOfTen(fractionDigits)
            var units = ((secondsSinceEpoch - whole) * scale).rounded()
            if units >= scale {
                units -= scale
                whole += 1
            }
            fraction = Int(units)
        }
        var seconds = Int(whole)
        if let time, case .offset(let minutes, _) = time.zone { seconds += minutes * 60 }
        let days = CivilCalendar.floorDivide(seconds, 86_400)
        let secondOfDay = seconds - days * 86_400
        let date = CivilCalendar.civilFromDays(days)
        if let compact {
            Self.formatCompact(date, compact, into: &output)
            return
        }

        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let out = buffer.baseAddress!
            var n = 0
            let separatorByte = separator.byte
            switch order {
            case .yearMonthDay:
                Self.writeYear(date.year, out, &n)
                out[n] = separatorByte; n += 1
                Self.writeField(date.month, padded: datePadded, out, &n)
                out[n] = separatorByte; n += 1
                Self.writeField(date.day, padded: datePadded, out, &n)
            case .monthDayYear:
                Self.writeField(date.month, padded: datePadded, out, &n)
                out[n] = separatorByte; n += 1
                Self.writeField(date.day, padded: datePadded, out, &n)
                out[n] = separatorByte; n += 1
                Self.writeYear(date.year, out, &n)
            case .dayMonthYear:
                Self.writeField(date.day, padded: datePadded, out, &n)
                out[n] = separatorByte; n += 1
                Self.writeField(date.month, padded: datePadded, out, &n)
                out[n] = separatorByte; n += 1
                Self.writeYear(date.year, out, &n)
            }

            if let time {
                out[n] = time.separator.byte; n += 1
                Self.writeField(secondOfDay / 3600, padded: time.hourPadded, out, &n)
                out[n] = UInt8(ascii: ":"); n += 1
                Self.writeField(secondOfDay / 60 % 60, padded: true, out, &n)
                if time.hasSeconds {
                    out[n] = UInt8(ascii: ":"); n += 1
                    Self.writeField(secondOfDay % 60, padded: true, out, &n)
                    if fractionDigits > 0 {
                        out[n] = UInt8(ascii: "."); n += 1
                        let end = n + fractionDigits
                        var position = end
                        var remaining = fraction
                        while position > n {
                            position -= 1
                            out[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                            remaining /= 10
                        }
                        n = end
                    }
                }
                switch time.zone {
                case .unspecified:
                    break
                case .utc:
                    out[n] = UInt8(ascii: "Z"); n += 1
                case .offset(let minutes, let style):
                    out[n] = minutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"); n += 1
                    let magnitude = Int(minutes.magnitude)
                    Self.writeField(magnitude / 60, padded: true, out, &n)
                    let remainder = magnitude % 60
                    switch style {
                    case .colon:
                        out[n] = UInt8(ascii: ":"); n += 1
                        Self.writeField(remainder, padded: true, out, &n)
                    case .compact:
                        Self.writeField(remainder, padded: true, out, &n)
                    case .hours:
                        // Only reachable for a hand-made layout; keep the minutes so the value survives.
                        if remainder != 0 { Self.writeField(remainder, padded: true, out, &n) }
                    }
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(start: out, count: n))
        }
    }

    /// The value formatted in this layout, as a String. For tests and UI.
    public func string(from secondsSinceEpoch: Double) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(40)
        format(secondsSinceEpoch, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Description

    /// A human-readable pattern such as "yyyy-MM-dd HH:mm:ss", "MM/dd/yyyy",
    /// "yyyy-MM-dd'T'HH:mm:ssXXX" (`XXX` = `+02:00`, `XX` = `+0200`, `X` = `+02`).
    public var description: String {
        if let compact { return compact.hasDay ? "yyyyMMdd" : "yyyyMM" }
        let month = datePadded ? "MM" : "M"
        let day = datePadded ? "dd" : "d"
        let sep = separator.rawValue
        var text: String
        switch order {
        case .yearMonthDay: text = "yyyy" + sep + month + sep + day
        case .monthDayYear: text = month + sep + day + sep + "yyyy"
        case .dayMonthYear: text = day + sep + month + sep + "yyyy"
        }
        guard let time else { return text }
        text += time.separator == .letterT ? "'T'" : " "
        text += time.hourPadded ? "HH:mm" : "H:mm"
        if time.hasSeconds { text += ":ss" }
        if time.fractionDigits > 0 { text += "." + String(repeating: "S", count: time.fractionDigits) }
        switch time.zone {
        case .unspecified: break
        case .utc: text += "'Z'"
        case .offset(_, .colon): text += "XXX"
        case .offset(_, .compact): text += "XX"
        case .offset(_, .hours): text += "X"
        }
        return text
    }

    // MARK: - Unification

    /// Merge two layouts detected on different values of the same column, or nil if
    /// incompatible. The result's `parse` accepts what either layout's did, except that an
    /// ambiguous month/day order gives way to the other layout's order; the caller re-checks
    /// earlier values with `parse` after a switch.
    ///
    /// - Separators, date order (unless one side is ambiguous), date-only vs date-time, the
    ///   date/time separator and naive vs zoned times must agree.
    /// - Padding: unpadded wins (it reads both). Precision: the finer wins.
    /// - Zones: `Z` and numeric offsets merge into an offset layout; the receiver's offset is
    ///   kept (the first value's), or the other's when the receiver is `Z`.
    public func unified(with other: DateTimeFormat) -> DateTimeFormat? {
        if compact != nil || other.compact != nil { return compact == other.compact ? self : nil }
        guard separator == other.separator, hasTime == other.hasTime else { return nil }
        var result = self
        if order != other.order {
            guard order != .yearMonthDay, other.order != .yearMonthDay else { return nil }
            if dayMonthAmbiguous {
                result.order = other.order
                result.dayMonthAmbiguous = other.dayMonthAmbiguous
            } else if !other.dayMonthAmbiguous {
                return nil
            }
        } else {
            result.dayMonthAmbiguous = dayMonthAmbiguous && other.dayMonthAmbiguous
        }
        result.datePadded = datePadded && other.datePadded

        if let mine = time, let theirs = other.time {
            guard mine.separator == theirs.separator else { return nil }
            var merged = mine
            merged.hourPadded = mine.hourPadded && theirs.hourPadded
            merged.hasSeconds = mine.hasSeconds || theirs.hasSeconds
            merged.fractionDigits = max(mine.fractionDigits, theirs.fractionDigits)
            switch (mine.zone, theirs.zone) {
            case (.unspecified, .unspecified), (.utc, .utc), (.offset, .utc), (.offset, .offset):
                break
            case (.utc, .offset):
                merged.zone = theirs.zone
            default:
                return nil
            }
            result.time = merged
        }
        return result
    }

    // MARK: - All-digits layouts

    /// `yyyyMMdd` or `yyyyMM`: exactly that many digits, year 1000...9999, a real calendar day.
    static func parseCompact(_ bytes: UnsafeBufferPointer<UInt8>, _ compact: Compact) -> Double? {
        guard bytes.count == compact.width else { return nil }
        var value = 0
        for byte in bytes {
            guard let digit = Fields.digit(byte) else { return nil }
            value = value * 10 + digit
        }
        return secondsSinceEpoch(compactValue: value, compact)
    }

    /// The seconds of a compact date held as a number (`20130815`), or nil when it is not one.
    public static func secondsSinceEpoch(compactValue value: Int, _ compact: Compact) -> Double? {
        let (year, month, day) = compact.hasDay ? (value / 10_000, value / 100 % 100, value % 100) : (value / 100, value % 100, 1)
        guard year >= 1000, year <= 9999, CivilCalendar.isValidDate(year: year, month: month, day: day) else { return nil }
        return Double(CivilCalendar.daysFromCivil(year: year, month: month, day: day) * 86_400)
    }

    static func formatCompact(_ date: (year: Int, month: Int, day: Int), _ compact: Compact, into output: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { buffer in
            let out = buffer.baseAddress!
            var n = 0
            writeYear(date.year, out, &n)
            writeField(date.month, padded: true, out, &n)
            if compact.hasDay { writeField(date.day, padded: true, out, &n) }
            output.append(contentsOf: UnsafeBufferPointer(start: out, count: n))
        }
    }

    // MARK: - Helpers

    @inline(__always)
    static func powerOfTen(_ exponent: Int) -> Double {
        switch exponent {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        case 8: return 100_000_000
        default: return 1_000_000_000
        }
    }

    /// One- or two-digit field (values 0...99).
    @inline(__always)
    static func writeField(_ value: Int, padded: Bool, _ out: UnsafeMutablePointer<UInt8>, _ n: inout Int) {
        if value >= 10 || padded {
            out[n] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10 % 10)
            n += 1
        }
        out[n] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
        n += 1
    }

    /// Four digits for years 0...9999; otherwise as many as needed, with a sign.
    @inline(__always)
    static func writeYear(_ year: Int, _ out: UnsafeMutablePointer<UInt8>, _ n: inout Int) {
        if year >= 0 && year <= 9999 {
            out[n] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: year / 1000)
            out[n + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: year / 100 % 10)
            out[n + 2] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: year / 10 % 10)
            out[n + 3] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: year % 10)
            n += 4
            return
        }
        if year < 0 {
            out[n] = UInt8(ascii: "-")
            n += 1
        }
        var magnitude = year.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            out[n] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude / divisor)
            n += 1
            magnitude %= divisor
            divisor /= 10
        }
    }
}

// MARK: - Scanner

extension DateTimeFormat {
    /// The raw fields of one value, read in a single pass without knowing the layout.
    /// Only the shape is checked here; ranges are checked by `isValid(order:)`.
    struct Fields {
        enum ZoneKind { case none, utc, offset }

        var yearFirst = false
        var separator: UInt8 = 0
        var year = 0
        /// Month for year-first dates, otherwise the first number.
        var first = 0
        var firstWidth = 0
        /// Day for year-first dates, otherwise the second number.
        var second = 0
        var secondWidth = 0
        var hasTime = false
        var timeSeparator: UInt8 = 0
        var hour = 0
        var hourWidth = 0
        var minute = 0
        var hasSeconds = false
        var seconds = 0
        var fractionDigits = 0
        var fraction = 0
        var zoneKind = ZoneKind.none
        var offsetMinutes = 0
        var offsetStyle = OffsetStyle.colon

        @inline(__always)
        static func digit(_ byte: UInt8) -> Int? {
            let value = byte &- UInt8(ascii: "0")
            return value < 10 ? Int(value) : nil
        }

        /// Reads one or two digits at `index`.
        @inline(__always)
        static func oneOrTwoDigits(_ p: UnsafePointer<UInt8>, _ count: Int, _ index: inout Int) -> (value: Int, width: Int)? {
            guard index < count, let high = digit(p[index]) else { return nil }
            index += 1
            if index < count, let low = digit(p[index]) {
                index += 1
                return (high * 10 + low, 2)
            }
            return (high, 1)
        }

        /// Reads exactly `width` digits at `index`.
        @inline(__always)
        static func digits(_ p: UnsafePointer<UInt8>, _ count: Int, _ index: inout Int, width: Int) -> Int? {
            guard index + width <= count else { return nil }
            var value = 0
            for offset in 0..<width {
                guard let d = digit(p[index + offset]) else { return nil }
                value = value * 10 + d
            }
            index += width
            return value
        }

        /// Fills the fields from one value; false when its shape is not a supported date/time.
        /// (In place rather than returning an Optional: copying the struct costs more than the scan.)
        mutating func scan(_ p: UnsafePointer<UInt8>, _ count: Int) -> Bool {
            // Shortest date: "1/1/2024" or "2024-1-1".
            guard count >= 8 else { return false }
            var index = 0

            // Leading number: a 4-digit year, or a 1-2 digit month/day.
            var leading = 0
            while index < count && index < 5, let d = Self.digit(p[index]) {
                leading = leading * 10 + d
                index += 1
            }
            let leadingWidth = index
            guard index < count else { return false }
            let separator = p[index]
            guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") || separator == UInt8(ascii: ".")
            else { return false }
            self.separator = separator
            index += 1

            switch leadingWidth {
            case 4:
                self.yearFirst = true
                self.year = leading
                guard let month = Self.oneOrTwoDigits(p, count, &index),
                      index < count, p[index] == separator
                else { return false }
                index += 1
                guard let day = Self.oneOrTwoDigits(p, count, &index) else { return false }
                (self.first, self.firstWidth) = month
                (self.second, self.secondWidth) = day
            case 1, 2:
                self.first = leading
                self.firstWidth = leadingWidth
                guard let second = Self.oneOrTwoDigits(p, count, &index),
                      index < count, p[index] == separator
                else { return false }
                index += 1
                guard let year = Self.digits(p, count, &index, width: 4) else { return false }
                (self.second, self.secondWidth) = second
                self.year = year
            default:
                return false
            }
            if index == count { return true }

            // Time of day.
            let timeSeparator = p[index]
            guard timeSeparator == UInt8(ascii: "T") || timeSeparator == UInt8(ascii: " ") else { return false }
            self.hasTime = true
            self.timeSeparator = timeSeparator
            index += 1
            guard let hour = Self.oneOrTwoDigits(p, count, &index),
                  index < count, p[index] == UInt8(ascii: ":")
            else { return false }
            (self.hour, self.hourWidth) = hour
            index += 1
            guard let minute = Self.digits(p, count, &index, width: 2) else { return false }
            self.minute = minute
            if index < count && p[index] == UInt8(ascii: ":") {
                index += 1
                guard let seconds = Self.digits(p, count, &index, width: 2) else { return false }
                self.hasSeconds = true
                self.seconds = seconds
                if index < count && p[index] == UInt8(ascii: ".") {
                    index += 1
                    var fraction = 0
                    var fractionDigits = 0
                    while index < count, let d = Self.digit(p[index]) {
                        guard fractionDigits < 9 else { return false }
                        fraction = fraction * 10 + d
                        fractionDigits += 1
                        index += 1
                    }
                    guard fractionDigits > 0 else { return false }
                    self.fraction = fraction
                    self.fractionDigits = fractionDigits
                }
            }
            if index == count { return true }

            // Zone designator.
            let marker = p[index]
            index += 1
            if marker == UInt8(ascii: "Z") {
                self.zoneKind = .utc
            } else if marker == UInt8(ascii: "+") || marker == UInt8(ascii: "-") {
                guard let hours = Self.digits(p, count, &index, width: 2) else { return false }
                var minutes = 0
                if index == count {
                    self.offsetStyle = .hours
                } else if p[index] == UInt8(ascii: ":") {
                    index += 1
                    guard let m = Self.digits(p, count, &index, width: 2) else { return false }
                    minutes = m
                    self.offsetStyle = .colon
                } else {
                    guard let m = Self.digits(p, count, &index, width: 2) else { return false }
                    minutes = m
                    self.offsetStyle = .compact
                }
                guard hours <= 23 && minutes <= 59 else { return false }
                let total = hours * 60 + minutes
                self.zoneKind = .offset
                self.offsetMinutes = marker == UInt8(ascii: "-") ? -total : total
            } else {
                return false
            }
            return index == count
        }

        @inline(__always)
        func monthAndDay(order: DateOrder) -> (month: Int, day: Int) {
            order == .dayMonthYear ? (second, first) : (first, second)
        }

        /// Range checks for the given field order: year 1000...9999, a real calendar day,
        /// hour ≤ 23, minute and second ≤ 59.
        @inline(__always)
        func isValid(order: DateOrder) -> Bool {
            let (month, day) = monthAndDay(order: order)
            guard year >= 1000, CivilCalendar.isValidDate(year: year, month: month, day: day) else { return false }
            return !hasTime || (hour <= 23 && minute <= 59 && seconds <= 59)
        }

        /// Seconds since the epoch (UTC). A fraction never rounds the value up into the next
        /// whole second: where a Double cannot hold all the digits (far from 1970 with 6–9
        /// fraction digits), the value is the largest Double still inside its second, so that
        /// `format` writes the same date and time back.
        @inline(__always)
        func secondsSinceEpoch(order: DateOrder) -> Double {
            let (month, day) = monthAndDay(order: order)
            var total = CivilCalendar.daysFromCivil(year: year, month: month, day: day) * 86_400
            if hasTime {
                total += hour * 3600 + minute * 60 + seconds
                if zoneKind == .offset { total -= offsetMinutes * 60 }
            }
            let whole = Double(total)
            guard fractionDigits > 0 else { return whole }
            let value = whole + Double(fraction) / DateTimeFormat.powerOfTen(fractionDigits)
            let next = whole + 1
            return value < next ? value : next.nextDown
        }
    }
}
