import Testing
@testable import Tabular

@Suite("Dates written as digits")
struct EncodedDatesTests {
    /// 40 days of 2013 as yyyyMMdd, and their months as yyyyMM.
    private static let days = (0..<40).map { index -> (day: String, month: String) in
        let month = index % 12 + 1
        let day = index % 28 + 1
        return (String(format: "2013%02d%02d", month, day), String(format: "2013%02d", month))
    }

    @Test("integer yyyyMMdd and yyyyMM columns are dates, written back byte for byte")
    func integerDates() throws {
        let text = "day,month,n\n" + Self.days.enumerated().map { "\($1.day),\($1.month),\($0)" }.joined(separator: "\n") + "\n"
        let table = try Fixtures.read(text).table
        guard case .datetimes(let seconds, let format) = table[0].values else {
            Issue.record("day is \(table[0].values)")
            return
        }
        #expect(format.description == "yyyyMMdd")
        #expect(format.compact == DateTimeFormat.Compact(hasDay: true, isNumber: true))
        #expect(format.string(from: seconds[0]) == "20130101")
        #expect(DateTimeFormat.isoDate.string(from: seconds[1]) == "2013-02-02")
        guard case .datetimes(_, let monthFormat) = table[1].values else {
            Issue.record("month is \(table[1].values)")
            return
        }
        #expect(monthFormat.description == "yyyyMM")
        #expect(String(decoding: CSVWriter().bytes(table), as: UTF8.self) == text)
        // Numbers in, numbers out: JSON keeps them unquoted.
        var json: [UInt8] = []
        JSONLinesWriter().appendRows(table, rows: 0..<1, to: &json)
        #expect(String(decoding: json, as: UTF8.self) == #"{"day":20130101,"month":201301,"n":0}"# + "\n")
        let proposal = TypeInference.propose(table[0], profile: Profiler.profile(table[0]))
        #expect(proposal.kind == .datetime)
    }

    @Test("text yyyyMMdd is a date written back as text")
    func textDates() throws {
        let strings = Column(name: "day", values: .strings(codes: Array(0..<UInt32(Self.days.count)), levels: Self.days.map(\.day)))
        let recognised = try #require(EncodedDates.recognise(strings))
        guard case .datetimes(_, let format) = recognised.values else { return }
        #expect(format.compact == DateTimeFormat.Compact(hasDay: true, isNumber: false))
        var json: [UInt8] = []
        JSONLinesWriter().appendRows(Table(columns: [recognised]), rows: 0..<1, to: &json)
        #expect(String(decoding: json, as: UTF8.self) == #"{"day":"20130101"}"# + "\n")
        let suffixed = Column(name: "day", values: .strings(codes: Array(0..<UInt32(Self.days.count)), levels: Self.days.map { $0.day + "x" }))
        #expect(EncodedDates.recognise(suffixed) == nil)
    }

    @Test("ordinary integers are not dates")
    func notDates() throws {
        func recognised(_ values: [String]) throws -> Bool {
            let table = try Fixtures.read("v\n" + values.joined(separator: "\n") + "\n").table
            if case .datetimes = table[0].values { return true }
            return false
        }
        // Random 8-digit numbers.
        #expect(try !recognised((0..<40).map { "\(10_000_000 + $0 * 2_345_677)" }))
        // One impossible day (month 13) keeps the column numbers.
        #expect(try !recognised(Self.days.map(\.day) + ["20131301"]))
        // February 30th.
        #expect(try !recognised(Self.days.map(\.day) + ["20130230"]))
        // Too few values to tell.
        #expect(try !recognised(Array(Self.days.map(\.day).prefix(10))))
        // Years out of range, mixed widths, one value repeated.
        #expect(try !recognised(Self.days.map { "3" + $0.day.dropFirst() }))
        #expect(try !recognised(Self.days.map(\.day) + ["201301"]))
        #expect(try !recognised((0..<40).map { _ in "20130101" }))
        // 20130101.0 keeps its spelling as a number.
        #expect(try !recognised(Self.days.map { $0.day + ".0" }))
    }
}
