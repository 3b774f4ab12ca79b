import Foundation
import Testing
@testable import Tabular

// MARK: - Helpers

/// Deterministic generator so random round trips are reproducible.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

private func detect(_ text: String) -> DateTimeFormat? { DateTimeFormat.detect(text) }

/// The detected layout of `text`, failing the test when there is none.
private func layout(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> DateTimeFormat {
    try #require(DateTimeFormat.detect(text), "not detected: \(text)", sourceLocation: sourceLocation)
}

/// 1000-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
private let earliest = -30_610_224_000.0
private let latest = 253_402_300_799.0

// MARK: - Civil calendar

@Suite("CivilCalendar")
struct CivilCalendarTests {
    @Test func leapYears() {
        #expect(CivilCalendar.isLeapYear(2024))
        #expect(CivilCalendar.isLeapYear(2000))
        #expect(CivilCalendar.isLeapYear(1600))
        #expect(!CivilCalendar.isLeapYear(1900))
        #expect(!CivilCalendar.isLeapYear(2100))
        #expect(!CivilCalendar.isLeapYear(2023))
    }

    @Test func monthLengthsAndValidation() {
        #expect(CivilCalendar.daysInMonth(2, year: 2024) == 29)
        #expect(CivilCalendar.daysInMonth(2, year: 2023) == 28)
        #expect(CivilCalendar.daysInMonth(2, year: 1900) == 28)
        #expect(CivilCalendar.daysInMonth(4, year: 2023) == 30)
        #expect(CivilCalendar.daysInMonth(12, year: 2023) == 31)
        #expect(CivilCalendar.daysInMonth(13, year: 2023) == 0)
        #expect(CivilCalendar.daysInMonth(0, year: 2023) == 0)
        #expect(CivilCalendar.isValidDate(year: 2024, month: 2, day: 29))
        #expect(!CivilCalendar.isValidDate(year: 2023, month: 2, day: 29))
        #expect(!CivilCalendar.isValidDate(year: 2024, month: 4, day: 31))
        #expect(!CivilCalendar.isValidDate(year: 2024, month: 1, day: 0))
        #expect(!CivilCalendar.isValidDate(year: 2024, month: 13, day: 1))
    }

    @Test func knownDayNumbers() {
        #expect(CivilCalendar.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilCalendar.daysFromCivil(year: 1969, month: 12, day: 31) == -1)
        #expect(CivilCalendar.daysFromCivil(year: 2000, month: 2, day: 29) == 11_016)
        #expect(CivilCalendar.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(CivilCalendar.daysFromCivil(year: 1900, month: 3, day: 1) == -25_508)
        #expect(CivilCalendar.daysFromCivil(year: 9999, month: 12, day: 31) == 2_932_896)
        #expect(CivilCalendar.daysFromCivil(year: 1, month: 1, day: 1) == -719_162)
        #expect(CivilCalendar.civilFromDays(-1) == (1969, 12, 31))
        #expect(CivilCalendar.civilFromDays(11_016) == (2000, 2, 29))
        #expect(CivilCalendar.civilFromDays(-25_508) == (1900, 3, 1))
        #expect(CivilCalendar.civilFromDays(-25_509) == (1900, 2, 28))
        #expect(CivilCalendar.civilFromDays(2_932_896) == (9999, 12, 31))
        #expect(CivilCalendar.civilFromDays(-719_162) == (1, 1, 1))
    }

    /// Walks every day from 0001-01-01 to 9999-12-31 with a naive calendar and checks both
    /// conversions against the running day count.
    @Test func everyDayMatchesNaiveCounting() {
        var day = CivilCalendar.daysFromCivil(year: 1, month: 1, day: 1)
        var mismatches = 0
        for year in 1...9999 {
            for month in 1...12 {
                let length = CivilCalendar.daysInMonth(month, year: year)
                for dayOfMonth in 1...length {
                    if CivilCalendar.daysFromCivil(year: year, month: month, day: dayOfMonth) != day {
                        mismatches += 1
                    }
                    let civil = CivilCalendar.civilFromDays(day)
                    if civil.year != year || civil.month != month || civil.day != dayOfMonth {
                        mismatches += 1
                    }
                    day += 1
                }
            }
        }
        #expect(mismatches == 0)
        #expect(day == CivilCalendar.daysFromCivil(year: 10000, month: 1, day: 1))
    }

    @Test func negativeYearsStayConsistent() {
        for days in stride(from: -1_000_000, through: -700_000, by: 997) {
            let civil = CivilCalendar.civilFromDays(days)
            #expect(CivilCalendar.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) == days)
        }
    }
}

// MARK: - Detection and description

@Suite("DateTimeFormat")
struct DateTimeFormatTests {
    /// Every supported layout: a sample, its description, and whether it has a time.
    static let layouts: [(String, String, Bool)] = [
        ("2024-01-31", "yyyy-MM-dd", false),
        ("2024/01/31", "yyyy/MM/dd", false),
        ("2024.01.31", "yyyy.MM.dd", false),
        ("2024-1-5", "yyyy-M-d", false),
        ("2013-01-01T10:00:00Z", "yyyy-MM-dd'T'HH:mm:ss'Z'", true),
        ("2013-01-01T10:00:00", "yyyy-MM-dd'T'HH:mm:ss", true),
        ("2013-01-01T10:00:00+02:00", "yyyy-MM-dd'T'HH:mm:ssXXX", true),
        ("2013-01-01T10:00:00-0530", "yyyy-MM-dd'T'HH:mm:ssXX", true),
        ("2013-01-01 10:00:00+05", "yyyy-MM-dd HH:mm:ssX", true),
        ("2013-01-01T10:00:00.123Z", "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", true),
        ("2013-01-01T10:00:00.5Z", "yyyy-MM-dd'T'HH:mm:ss.S'Z'", true),
        ("2013-01-01T10:00:00.123456Z", "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", true),
        ("2013-01-01T10:00:00.000001+01:00", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX", true),
        ("2013-01-01T10:00Z", "yyyy-MM-dd'T'HH:mm'Z'", true),
        ("2013-01-01 10:00:00Z", "yyyy-MM-dd HH:mm:ss'Z'", true),
        ("2013-01-01 10:00:00", "yyyy-MM-dd HH:mm:ss", true),
        ("2013-01-01 10:00:00.250", "yyyy-MM-dd HH:mm:ss.SSS", true),
        ("2024-01-31 10:00", "yyyy-MM-dd HH:mm", true),
        ("01/31/2024", "MM/dd/yyyy", false),
        ("31/01/2024", "dd/MM/yyyy", false),
        ("31.01.2024", "dd.MM.yyyy", false),
        ("31-01-2024", "dd-MM-yyyy", false),
        ("01/31/2024 14:30", "MM/dd/yyyy HH:mm", true),
        ("31/01/2024 14:30:59", "dd/MM/yyyy HH:mm:ss", true),
        ("31.01.2024 08:05", "dd.MM.yyyy HH:mm", true),
        ("1/5/2024", "M/d/yyyy", false),
        ("1/5/2024 9:05", "M/d/yyyy H:mm", true),
        ("1/25/2024 9:05:07", "M/d/yyyy H:mm:ss", true),
        ("5.1.2024", "d.M.yyyy", false),
        ("2024-02-29", "yyyy-MM-dd", false),
        ("1969-12-31", "yyyy-MM-dd", false),
        ("1900-03-01", "yyyy-MM-dd", false),
        ("9999-12-31", "yyyy-MM-dd", false),
        ("1000-01-01T00:00:00Z", "yyyy-MM-dd'T'HH:mm:ss'Z'", true),
        ("9999-12-31T23:59:59.999Z", "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", true),
        ("1969-12-31T23:59:59.999999999Z", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", true),
        ("1900-03-01T00:00:00-01:30", "yyyy-MM-dd'T'HH:mm:ssXXX", true),
    ]

    @Test(arguments: layouts)
    func detectsAndDescribes(sample: String, pattern: String, hasTime: Bool) throws {
        let format = try layout(sample)
        #expect(format.description == pattern)
        #expect(format.hasTime == hasTime)
    }

    /// Text round trip: the layout writes back exactly what the source wrote; value round trip:
    /// parse(format(x)) == x.
    @Test(arguments: layouts.map(\.0))
    func roundTripsExactly(sample: String) throws {
        let format = try layout(sample)
        let value = try #require(format.parse(sample))
        #expect(format.string(from: value) == sample)
        var bytes: [UInt8] = Array("prefix,".utf8)
        format.format(value, into: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "prefix," + sample)
        #expect(format.parse(format.string(from: value)) == value)
    }

    @Test func exactEpochValues() {
        let cases: [(String, Double)] = [
            ("1970-01-01", 0),
            ("1970-01-01T00:00:00Z", 0),
            ("2013-01-01T10:00:00Z", 1_357_034_400),
            ("2013-01-01T10:00:00", 1_357_034_400),
            ("2013-01-01 10:00:00", 1_357_034_400),
            ("2013-01-01T10:00Z", 1_357_034_400),
            ("2013-01-01T12:00:00+02:00", 1_357_034_400),
            ("2013-01-01T12:00:00+0200", 1_357_034_400),
            ("2013-01-01T12:00:00+02", 1_357_034_400),
            ("2013-01-01T04:30:00-05:30", 1_357_034_400),
            ("2013-01-01T00:30:00+14:30", 1_357_034_400 - 86_400),
            ("2000-02-29", 951_782_400),
            ("2024-01-31", 1_706_659_200),
            ("01/31/2024", 1_706_659_200),
            ("31/01/2024", 1_706_659_200),
            ("31.01.2024", 1_706_659_200),
            ("31-01-2024", 1_706_659_200),
            ("2024/01/31", 1_706_659_200),
            ("1/5/2024", 1_704_412_800),            // January 5th (M/d)
            ("1/5/2024 9:05", 1_704_412_800 + 9 * 3600 + 300),
            ("1969-12-31", -86_400),
            ("1969-12-31T23:59:59Z", -1),
            ("1900-03-01", -2_203_891_200),
            ("9999-12-31", 253_402_214_400),
            ("1000-01-01", -30_610_224_000),
        ]
        for (text, expected) in cases {
            #expect(detect(text)?.parse(text) == expected, "\(text)")
        }
    }

    @Test func fractionsAreExact() throws {
        let millis = try layout("2013-01-01T10:00:00.123Z")
        #expect(millis.parse("2013-01-01T10:00:00.123Z") == 1_357_034_400 + 0.123)
        let tenth = try layout("1970-01-01T00:00:00.5Z")
        #expect(tenth.parse("1970-01-01T00:00:00.5Z") == 0.5)
        let nanos = try layout("1969-12-31T23:59:59.999999999Z")
        let value = try #require(nanos.parse("1969-12-31T23:59:59.999999999Z"))
        #expect(value < 0 && value > -2e-9)
        // A layout with 3 digits reads fewer digits (and none) but not more.
        #expect(millis.parse("2013-01-01T10:00:00.1Z") == 1_357_034_400.1)
        #expect(millis.parse("2013-01-01T10:00:00Z") == 1_357_034_400)
        #expect(millis.parse("2013-01-01T10:00:00.1234Z") == nil)
        #expect(millis.string(from: 1_357_034_400.1) == "2013-01-01T10:00:00.100Z")
        // Rounding to the last digit carries into the seconds.
        #expect(millis.string(from: 1_357_034_400.9996) == "2013-01-01T10:00:01.000Z")
    }

    @Test func offsetsConvertToUTCAndWriteBackInTheFirstOffset() throws {
        let format = try layout("2013-01-01T10:00:00+02:00")
        #expect(format.time?.zone == .offset(minutes: 120, style: .colon))
        #expect(format.parse("2013-01-01T10:00:00+02:00") == 1_357_027_200)
        // Another offset (or Z) is read and converted, then written in +02:00.
        let other = try #require(format.parse("2013-01-01T03:00:00-05:00"))
        #expect(other == 1_357_027_200)
        #expect(format.string(from: other) == "2013-01-01T10:00:00+02:00")
        #expect(format.parse("2013-01-01T08:00:00Z") == 1_357_027_200)
        // Offsets that move across midnight change the written date.
        #expect(format.string(from: 1_357_077_600) == "2013-01-02T00:00:00+02:00")
        let compact = try layout("2013-01-01T10:00:00-0330")
        #expect(compact.string(from: 0) == "1969-12-31T20:30:00-0330")
        // Naive layouts accept no designator, Z layouts only Z.
        let naive = try layout("2013-01-01T10:00:00")
        #expect(naive.parse("2013-01-01T10:00:00Z") == nil)
        #expect(naive.parse("2013-01-01T10:00:00+02:00") == nil)
        let zulu = try layout("2013-01-01T10:00:00Z")
        #expect(zulu.parse("2013-01-01T10:00:00") == nil)
        #expect(zulu.parse("2013-01-01T10:00:00+00:00") == nil)
    }

    @Test func rejectsInvalidValues() {
        let invalid = [
            "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "2024-04-31", "2024-01-00",
            "2024-01-31 25:00", "2024-01-31 24:00", "2024-01-31 10:60", "2024-01-31 10:00:60",
            "2024-01-31T10:00:00+24:00", "2024-01-31T10:00:00+02:60",
            "2024-01-31x", "2024-01-31 ", " 2024-01-31", "2024-01-31T", "2024-01-31T10", "2024-01-31T10:0",
            "2024-01-31T10:00:0", "2024-01-31T10:00:00.", "2024-01-31T10:00:00.1234567890Z",
            "2024-01-31T10:00:00ZZ", "2024-01-31T10:00:00+2", "2024-01-31T10:00:00+02:0",
            "2024-01-31T10:00:00+020", "2024-01-31t10:00:00", "2024-01-31T10:00:00z", "2024-01-31 10:00 PM",
            "12345", "2024", "20240131", "2024-01", "10:00", "10:00:00", "", "abc",
            "2024-01/31", "01/31-2024", "0999-01-01", "999-01-01", "12024-01-01", "2024-001-01", "2024-01-001",
            "13/13/2024", "02/30/2024", "30/02/2024", "31/04/2024", "01/31/24", "1/1/20245", "01/31/2024T",
            "1.5", "1.2.3", "2024-01-31 10:00:00 +02:00", "2024-01-31  10:00", "+2024-01-31", "-2024-01-31",
        ]
        for text in invalid {
            #expect(detect(text) == nil, "detected: \(text)")
        }
        // A layout's parse rejects them too.
        let iso = DateTimeFormat.isoDate
        for text in ["2023-02-29", "2024-13-01", "2024-01-32", "2024-01-31x", "12345", "2024"] {
            #expect(iso.parse(text) == nil, "parsed: \(text)")
        }
        let isoTime = DateTimeFormat(time: .init(separator: .space, hasSeconds: false))
        #expect(isoTime.parse("2024-01-31 10:00") != nil)
        #expect(isoTime.parse("2024-01-31 25:00") == nil)
        #expect(isoTime.parse("2024-01-31 23:60") == nil)
    }

    @Test func parseIsStrictAboutTheLayout() throws {
        let iso = try layout("2024-01-31")
        #expect(iso.parse("2024/01/31") == nil)
        #expect(iso.parse("2024-1-31") == nil)            // padded layout wants two digits
        #expect(iso.parse("2024-01-31 10:00") == nil)     // date-only layout
        #expect(iso.parse("01/31/2024") == nil)

        let us = try layout("01/31/2024")
        #expect(us.parse("1/31/2024") == nil)
        #expect(us.parse("01/31/2024 10:00") == nil)
        #expect(us.parse("31/01/2024") == nil)            // month 31 in MM/dd
        #expect(us.parse("01.31.2024") == nil)

        let unpadded = try layout("1/5/2024 9:05")
        #expect(unpadded.parse("01/05/2024 09:05") == unpadded.parse("1/5/2024 9:05"))
        #expect(unpadded.parse("12/25/2024 19:05") != nil)
        #expect(unpadded.parse("1/5/2024 9:5") == nil)      // minutes are always two digits
        #expect(unpadded.parse("1/5/2024") == nil)

        let dateTime = try layout("2024-01-31T10:00:00")
        #expect(dateTime.parse("2024-01-31 10:00:00") == nil)
        #expect(dateTime.parse("2024-01-31") == nil)
        #expect(dateTime.parse("2024-01-31T10:00") == 1_706_695_200)  // coarser precision is fine
        #expect(dateTime.parse("2024-01-31T10:00:00.5") == nil)       // finer is not
        #expect(dateTime.parse("2024-01-31T9:00:00") == nil)          // padded hour
    }

    @Test func ambiguousDayMonthOrder() throws {
        let slash = try layout("01/02/2024")
        #expect(slash.order == .monthDayYear)
        #expect(slash.dayMonthAmbiguous)
        #expect(slash.parse("01/02/2024") == 1_704_153_600)  // January 2nd

        let european = try layout("31/01/2024")
        #expect(european.order == .dayMonthYear)
        #expect(!european.dayMonthAmbiguous)

        let merged = try #require(slash.unified(with: european))
        #expect(merged.description == "dd/MM/yyyy")
        #expect(!merged.dayMonthAmbiguous)
        #expect(merged.parse("01/02/2024") == 1_706_745_600)  // now February 1st
        #expect(merged.parse("31/01/2024") == 1_706_659_200)
        // Either order of the call gives the same result.
        #expect(european.unified(with: slash) == merged)

        // Once the order is proven, the other order is incompatible.
        let american = try layout("01/31/2024")
        #expect(american.order == .monthDayYear && !american.dayMonthAmbiguous)
        #expect(american.unified(with: european) == nil)
        let proven = try #require(slash.unified(with: american))
        #expect(!proven.dayMonthAmbiguous)
        #expect(proven.unified(with: european) == nil)

        // Two ambiguous values stay ambiguous.
        let stillAmbiguous = try #require(slash.unified(with: try layout("03/04/2024")))
        #expect(stillAmbiguous.dayMonthAmbiguous)
        #expect(stillAmbiguous.unified(with: european)?.order == .dayMonthYear)

        // Dots prefer day first and switch when the second number is > 12.
        let dot = try layout("05.06.2024")
        #expect(dot.description == "dd.MM.yyyy")
        #expect(dot.dayMonthAmbiguous)
        let dotMonthFirst = try layout("06.13.2024")
        #expect(dotMonthFirst.description == "MM.dd.yyyy")
        #expect(dot.unified(with: dotMonthFirst)?.description == "MM.dd.yyyy")

        let dash = try layout("05-06-2024")
        #expect(dash.description == "dd-MM-yyyy")
        #expect(dash.dayMonthAmbiguous)

        // Year-first dates are never ambiguous.
        #expect(try layout("2024-01-02").dayMonthAmbiguous == false)
    }

    @Test func unifyingOtherProperties() throws {
        // Padding: unpadded reads both, so it wins.
        let padded = try layout("12/25/2024 10:30")
        let unpadded = try layout("1/5/2024 9:05")
        let loose = try #require(padded.unified(with: unpadded))
        #expect(loose.description == "M/d/yyyy H:mm")
        #expect(loose.parse("12/25/2024 10:30") != nil && loose.parse("1/5/2024 9:05") != nil)

        // Precision: the finer wins.
        let minutes = try layout("2024-01-31T10:00Z")
        let millis = try layout("2024-01-31T10:00:00.123Z")
        let micros = try layout("2024-01-31T10:00:00.123456Z")
        #expect(minutes.unified(with: millis)?.description == "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
        #expect(micros.unified(with: millis)?.description == "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")

        // Zones: Z and offsets merge to an offset layout keeping the first offset.
        let zulu = try layout("2024-01-31T10:00:00Z")
        let plusTwo = try layout("2024-01-31T10:00:00+02:00")
        let minusFive = try layout("2024-01-31T10:00:00-0500")
        #expect(zulu.unified(with: plusTwo)?.time?.zone == .offset(minutes: 120, style: .colon))
        #expect(plusTwo.unified(with: zulu) == plusTwo)
        #expect(plusTwo.unified(with: minusFive) == plusTwo)
        let naive = try layout("2024-01-31T10:00:00")
        #expect(naive.unified(with: zulu) == nil)
        #expect(plusTwo.unified(with: naive) == nil)

        // Incompatible shapes.
        #expect(try layout("2024-01-31").unified(with: try layout("2024/01/31")) == nil)
        #expect(try layout("2024-01-31").unified(with: try layout("2024-01-31 10:00")) == nil)
        #expect(try layout("2024-01-31T10:00").unified(with: try layout("2024-01-31 10:00")) == nil)
        #expect(try layout("2024-01-02").unified(with: try layout("01-02-2024")) == nil)
        #expect(try layout("31/01/2024").unified(with: try layout("31.01.2024")) == nil)

        // Same layout: identity.
        #expect(zulu.unified(with: zulu) == zulu)
    }

    /// Random instants through every layout: formatting then parsing is stable, and for layouts
    /// at full precision the value survives within the layout's resolution.
    @Test(arguments: layouts.map(\.0))
    func randomValuesRoundTrip(sample: String) throws {
        let format = try layout(sample)
        var generator = SplitMix64(state: sample.utf8.reduce(42) { $0 &* 31 &+ UInt64($1) })
        var failures: [String] = []
        for _ in 0..<2_000 {
            let x = Double.random(in: earliest + 86_400 ... latest - 86_400, using: &generator)
            let text = format.string(from: x)
            guard let y = format.parse(text) else {
                failures.append("unparsable \(text)")
                continue
            }
            let resolution = format.time.map { $0.hasSeconds ? 1.0 : 60.0 } ?? 86_400
            if !(abs(y - x) <= resolution) {
                failures.append("drift \(x) -> \(text) -> \(y)")
            }
            // parse(format(y)) == y for any y produced by parse.
            if format.parse(format.string(from: y)) != y { failures.append("unstable \(y) \(text)") }
            if (format.time?.fractionDigits ?? 0) <= 3, format.string(from: y) != text { failures.append("text \(text) vs \(format.string(from: y))") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(5))")
    }

    /// Generated texts in the layout parse to values that format back to the same text.
    @Test func generatedFractionTextsRoundTrip() throws {
        var generator = SplitMix64(state: 7)
        for digits in 1...9 {
            let format = DateTimeFormat(time: .init(fractionDigits: digits, zone: .utc))
            var failures: [String] = []
            for _ in 0..<2_000 {
                let year = Int.random(in: 1000...9999, using: &generator)
                let month = Int.random(in: 1...12, using: &generator)
                let day = Int.random(in: 1...CivilCalendar.daysInMonth(month, year: year), using: &generator)
                let second = Int.random(in: 0..<86_400, using: &generator)
                var fraction = Int.random(in: 0..<Int(DateTimeFormat.powerOfTen(digits)), using: &generator)
                if Bool.random(using: &generator) { fraction = Int(DateTimeFormat.powerOfTen(digits)) - 1 }
                var fractionText = String(fraction)
                fractionText = String(repeating: "0", count: digits - fractionText.count) + fractionText
                func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
                let text = "\(year)-\(two(month))-\(two(day))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60)).\(fractionText)Z"
                guard let value = format.parse(text) else {
                    failures.append("unparsable \(text)")
                    continue
                }
                let written = format.string(from: value)
                if format.parse(written) != value { failures.append("value \(text) -> \(written)") }
                // Where a Double can hold every digit, the text itself survives.
                if value.ulp < 1 / DateTimeFormat.powerOfTen(digits), written != text { failures.append("text \(text) -> \(written)") }
                // The whole second never changes, even where the digits cannot all be kept.
                if written.prefix(19) != text.prefix(19) { failures.append("second \(text) -> \(written)") }
            }
            #expect(failures.isEmpty, "\(digits) digits: \(failures.prefix(5))")
        }
    }

    /// A Double holds about 16 significant digits: nanoseconds in 2013 (19 digits) keep their
    /// digit count and their value's round trip, but only ~7 fraction digits of the text.
    @Test func nanosecondsBeyondDoublePrecision() throws {
        let text = "2013-01-01T10:00:00.123456789Z"
        let format = try layout(text)
        #expect(format.description == "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'")
        let value = try #require(format.parse(text))
        let written = format.string(from: value)
        #expect(written.count == text.count)
        #expect(written.hasPrefix("2013-01-01T10:00:00.123456"))
        #expect(format.parse(written) == value)
        #expect(format.string(from: format.parse(written)!) == written)
    }

    @Test func farFutureNanosecondsStayInTheirSecond() throws {
        let text = "9999-12-31T23:59:59.999999999Z"
        let format = try layout(text)
        let value = try #require(format.parse(text))
        #expect(value < latest + 1)
        let written = format.string(from: value)
        #expect(written.hasPrefix("9999-12-31T23:59:59.9999"))
        #expect(format.parse(written) == value)
    }

    @Test func formatsArbitraryValues() {
        let iso = DateTimeFormat.isoDate
        #expect(iso.string(from: 1_706_659_200 + 86_399.9) == "2024-01-31")   // the day containing it
        #expect(iso.string(from: -0.5) == "1969-12-31")
        let seconds = DateTimeFormat(time: .init(zone: .utc))
        #expect(seconds.string(from: 1_357_034_400.999) == "2013-01-01T10:00:00Z")  // truncates
        #expect(seconds.string(from: -0.25) == "1969-12-31T23:59:59Z")
        #expect(DateTimeFormat.isoDateTimeUTC.string(from: 1_357_034_400) == "2013-01-01T10:00:00Z")
        var output: [UInt8] = []
        iso.format(.nan, into: &output)
        iso.format(.infinity, into: &output)
        #expect(output.isEmpty)
        // Years beyond 9999 are written in full rather than wrapped.
        #expect(iso.string(from: 253_402_300_800) == "10000-01-01")
    }

    @Test func unpaddedWritesShortFields() throws {
        let format = try layout("1/5/2024 9:05")
        #expect(format.string(from: 1_704_412_800) == "1/5/2024 0:00")
        #expect(format.string(from: 1_735_084_800 + 13 * 3600 + 7 * 60) == "12/25/2024 13:07")
        let european = try layout("25.1.2024")
        #expect(european.description == "d.M.yyyy")
        #expect(european.string(from: 1_704_412_800) == "5.1.2024")
    }

    @Test func bufferEntryPoints() throws {
        let bytes = Array("2013-01-01T10:00:00Z".utf8)
        let format = try #require(bytes.withUnsafeBufferPointer { DateTimeFormat.detect($0) })
        #expect(bytes.withUnsafeBufferPointer { format.parse($0) } == 1_357_034_400)
        // A slice of a larger buffer (no terminator, no copy).
        let line = Array("x,2013-01-01T10:00:00Z,y".utf8)
        let parsed = line.withUnsafeBufferPointer { buffer in
            format.parse(UnsafeBufferPointer(rebasing: buffer[2..<22]))
        }
        #expect(parsed == 1_357_034_400)
        #expect(DateTimeFormat.detect(UnsafeBufferPointer<UInt8>(start: nil, count: 0)) == nil)
        #expect(format.parse(UnsafeBufferPointer<UInt8>(start: nil, count: 0)) == nil)
    }

    @Test func codableRoundTrip() throws {
        let formats = try Self.layouts.map { try layout($0.0) } + [try layout("01/02/2024")]
        let data = try JSONEncoder().encode(formats)
        let decoded = try JSONDecoder().decode([DateTimeFormat].self, from: data)
        #expect(decoded == formats)
        #expect(Set(formats).count > 20)
    }
}
