@testable import Synthesis
import Tabular
import Testing

/// HHMM clock columns (flights' `sched_arr_time`) stay valid times whatever model draws them.
@Suite("HHMM clock columns")
struct ClockColumnTests {
    @Test("the nearest valid time: minutes 60–79 go to :59, 80–99 to the next hour, bounds kept")
    func nearestValid() {
        #expect(ClockTime.nearestValid(1275) == 1259)
        #expect(ClockTime.nearestValid(1281) == 1300)
        #expect(ClockTime.nearestValid(1230.4) == 1230)
        #expect(ClockTime.nearestValid(2399) == 2400)
        #expect(ClockTime.nearestValid(-3) == 0)
        #expect(ClockTime.nearestValid(2517) == 2400)
    }

    /// 3,000 rows of departures (05:00–23:59) and arrivals two to five hours later, as HHMM.
    static func fixture(model: String) -> (Plan, Table) {
        var state: UInt64 = 7
        func next() -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int(state >> 33) }
        var departures: [Int64] = [], arrivals: [Int64] = []
        for _ in 0..<3000 {
            let minutes = 300 + next() % (19 * 60), duration = 120 + next() % 180
            departures.append(Int64(ClockTime.hhmm(minutes: Double(minutes), midnight: 2400)!))
            arrivals.append(Int64(ClockTime.hhmm(minutes: Double(minutes + duration), midnight: 2400)!))
        }
        let table = Table(columns: [
            Column(name: "dep", values: .integers(departures, IntegerStyle())),
            Column(name: "arr", values: .integers(arrivals, IntegerStyle())),
        ])
        var plan = Plan(seed: 3, columns: [
            ColumnPlan(name: "dep", kind: .integer, strategy: "empirical"),
            ColumnPlan(name: "arr", kind: .integer, strategy: "empirical"),
        ])
        plan.joint = [JointPlan(model: model, columns: ["dep", "arr"])]
        return (plan, table)
    }

    @Test("joint models that draw between real values still give valid HHMM times",
          arguments: ["bayesian_network", "cart", "gaussian_copula"])
    func validTimes(model: String) throws {
        let (plan, table) = Self.fixture(model: model)
        let fitted = try FittedPlan.fit(plan, on: table)
        #expect(fitted.columns.filter(\.clockHHMM).map(\.name).sorted() == ["arr", "dep"])
        let sample = try fitted.sample(rows: 3000)
        for name in ["dep", "arr"] {
            guard case .integers(let values, _) = sample.column(named: name)!.values else { Issue.record("\(name) is not integers"); continue }
            let invalid = values.filter { ClockTime.minutes(Double($0)) == nil }
            #expect(invalid.isEmpty, "\(model) made \(invalid.count) \(name) values that are no time, e.g. \(invalid.prefix(5))")
        }
    }

    @Test("a column of small counts is not taken for a clock")
    func countsAreNotClocks() {
        let counts = Column(name: "n", values: .integers((0..<500).map { Int64($0 % 59) }, IntegerStyle()))
        #expect(!FittedPlan.isClock(counts))
    }
}
