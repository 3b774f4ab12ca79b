import Foundation
@testable import Synthesis
import Tabular
import Testing

/// Datetimes in joint models are modelled as day and time of day, so that the clock keeps its
/// real levels and its relations (flights: a departure hour decides when short flights arrive).
@Suite("clock split: datetimes in joint models")
struct ClockSplitTests {
    static let zone = try! TimeZoneRules.named("America/New_York")
    static let hours: [Int] = [6, 7, 8, 9, 15, 16, 17, 18, 19, 20]

    /// 3,000 departures on the hour over 120 days across the March DST change (one of them alone
    /// at 03:00), with a shift
    /// column that the local hour decides, and the hour itself derived by a formula.
    static func fixture(model: String) -> (Plan, Table) {
        var state: UInt64 = 42
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let start = 1_356_998_400.0 // 2013-01-01T00:00:00Z
        var instants: [Double] = [], shifts: [UInt32] = []
        for index in 0..<3000 {
            // One lone departure at 03:00: the clock's protections must not give it back.
            let day = Double(next() % 120), hour = index == 0 ? 3 : hours[Int(next() % UInt64(hours.count))]
            let local = (start / 86_400 + day) * 86_400 + Double(hour) * 3600
            instants.append(local - zone.offset(at: local - zone.offset(at: local)))
            shifts.append(hour < 12 ? 0 : 1)
        }
        let table = Table(columns: [
            Column(name: "ts", values: .datetimes(instants, .isoDateTimeUTC)),
            Column(name: "shift", values: .strings(codes: shifts, levels: ["morning", "evening"])),
            Column(name: "hr", values: .integers(instants.map { Int64(localHour($0)) }, IntegerStyle())),
        ])
        var plan = Plan(seed: 5, columns: [
            ColumnPlan(name: "ts", kind: .datetime, strategy: "empirical"),
            ColumnPlan(name: "shift", kind: .categorical, strategy: "categorical"),
            ColumnPlan(name: "hr", kind: .integer, strategy: "formula",
                       parameters: Parameters(["expression": .text("hour(ts, \"America/New_York\")")])),
        ])
        plan.joint = [JointPlan(model: model, columns: ["ts", "shift"])]
        return (plan, table)
    }

    static func localHour(_ instant: Double) -> Int {
        Int((zone.local(instant) / 3600).rounded(.down)) % 24
    }

    @Test("day and clock come apart and back together in the zone, across a DST change")
    func roundTrip() {
        let instants: [Double] = [1_356_998_400 + 6 * 3600, 1_363_000_000, 1_365_000_000 + 17]  // January, the March change, April
        let (days, clocks) = ClockSplit.parts(of: instants, validity: NullBitmap(count: 3, allValid: true), zone: Self.zone)
        for index in instants.indices {
            #expect(days[index].truncatingRemainder(dividingBy: 86_400) == 0)
            #expect(ClockSplit.instant(day: days[index] + 40_000, clock: clocks[index], zone: Self.zone) == instants[index])
        }
        #expect(clocks[0] == 3600)  // 06:00 UTC is 01:00 in New York in January
    }

    @Test("the zone comes from a datetime-part formula on the column, else UTC")
    func zoneFromPlan() {
        let (plan, _) = Self.fixture(model: "cart")
        #expect(ClockSplit.timeZone(of: "ts", in: plan) == "America/New_York")
        #expect(ClockSplit.timeZone(of: "shift", in: plan) == "UTC")
    }

    @Test("every joint model keeps the real hours, on the hour, and the hour's relation to another column",
          arguments: ["bayesian_network", "cart", "gaussian_copula"])
    func keepsTheClock(model: String) throws {
        let (plan, table) = Self.fixture(model: model)
        let fitted = try FittedPlan.fit(plan, on: table)
        let split = try #require(fitted.joints.first?.model as? ClockSplitModel)
        var expected = ClockSplit(column: "ts", timeZone: "America/New_York", step: 3600)
        expected.clockRange = [6, 20]  // in hours: the lone 03:00 is outside the protected range
        #expect(split.splits == [expected])
        let sample = try fitted.sample(rows: 2000)
        guard case .datetimes(let instants, _) = sample.column(named: "ts")!.values else { Issue.record("ts is not datetimes"); return }
        let shift = sample.column(named: "shift")!
        var agree = 0
        for (row, instant) in instants.enumerated() {
            #expect(instant.truncatingRemainder(dividingBy: 3600) == 0, "row \(row) is off the hour")
            let hour = Self.localHour(instant)
            // Network and tree draw real clocks; the copula maps through quantiles and may land
            // between real hours, but never outside the protected range.
            if model == "gaussian_copula" {
                #expect((6...20).contains(hour), "row \(row) has hour \(hour), outside the clock's protected range")
            } else {
                #expect(Self.hours.contains(hour), "row \(row) has hour \(hour), which no real row has (or one lone row)")
            }
            if (hour < 12) == (shift.text(at: row) == "morning") { agree += 1 }
        }
        // Independent draws would agree about half the time; the real data always does.
        // The copula ties a category to a number more loosely than the others do.
        let floor = model == "gaussian_copula" ? 0.65 : 0.9
        #expect(Double(agree) / Double(instants.count) >= floor, "\(model): shift agrees with the hour in \(agree) of \(instants.count) rows")
    }

    @Test("a split model encodes and decodes to the same rows; a bad zone or a missing clock is refused")
    func coding() throws {
        let (plan, table) = Self.fixture(model: "bayesian_network")
        let fitted = try FittedPlan.fit(plan, on: table)
        let model = try #require(fitted.joints.first?.model as? ClockSplitModel)
        let data = try ModelCoding.encode(model)
        let decoded = try ModelCoding.decodeJoint(strategy: "bayesian_network", from: data)
        try decoded.validate()
        #expect(decoded.columnNames == ["ts", "shift"])
        let request = GenerationRequest(rows: 0..<50, totalRows: 50, generated: [:], seed: 5)
        var first = RandomStream(seed: 9), second = RandomStream(seed: 9)
        let a = try model.generate(request, random: &first), b = try decoded.generate(request, random: &second)
        guard case .numbers(let x) = a[0].values, case .numbers(let y) = b[0].values else { Issue.record("not numbers"); return }
        #expect(x == y)

        var badZone = model
        badZone.splits[0].timeZone = "Mars/Olympus_Mons"
        #expect(throws: ModelValidationError.self) { try badZone.validate() }
        var noClock = model
        noClock.splits[0].clockColumn = "elsewhere"
        #expect(throws: ModelValidationError.self) { try noClock.validate() }
        var badStep = model
        badStep.splits[0].step = 7
        #expect(throws: ModelValidationError.self) { try badStep.validate() }
    }
}
