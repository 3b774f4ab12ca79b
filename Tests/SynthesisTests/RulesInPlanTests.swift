import Session
import TestSupport
@testable import Synthesis
import Tabular
import Testing

/// Rules found in the data are kept in the output, under every joint model: each is violated in
/// the synthetic rows at most 0.1 percentage point more often than in the real rows.
@Suite struct RulesInPlanTests {
    /// Flights in miniature: a UTC datetime whose New York parts are columns, a schedule that is
    /// hour * 100 + minute, a departure that is the schedule plus the delay on the clock, a
    /// distance that is a function of the route, tail numbers that each belong to one carrier,
    /// an order (scheduled <= actual arrival day), and cancelled rows missing their times.
    static func fixture(rows: Int = 3_000) throws -> Table {
        var random = SeededGenerator(seed: 7)
        func int(_ range: ClosedRange<Int>) -> Int { random.int(range) }
        let zone = try TimeZoneRules.named("America/New_York")
        let origins = ["EWR", "JFK", "LGA"], destinations = ["ATL", "BOS", "ORD", "MIA", "SFO"]
        let carriers = ["UA", "AA", "DL", "B6"]
        var text = "time_hour,month,day,hour,minute,sched,delay,dep,origin,dest,distance,tailnum,carrier,first,last\n"
        for _ in 0..<rows {
            let seconds = 1_357_016_400.0 + Double(int(0...8_000)) * 3_600
            let parts = [DataRule.DatetimePart.month, .day, .hour].map { Int(DatetimeParts.value($0, of: seconds, in: zone)!) }
            let minute = int(0...59)
            let sched = parts[2] * 100 + minute
            let cancelled = int(0...49) == 0
            let delay = int(-15...240)
            let minutes = ((sched / 100) * 60 + sched % 100 + delay) % 1440
            let dep = minutes == 0 ? 2400 : (minutes / 60) * 100 + minutes % 60
            let o = int(0...2), d = int(0...4)
            let plane = int(0...39)
            let first = int(1...200)
            let iso = RulesInPlanTests.iso(seconds)
            text += "\(iso),\(parts[0]),\(parts[1]),\(parts[2]),\(minute),\(sched),\(cancelled ? "" : String(delay)),\(cancelled ? "" : String(dep)),"
            text += "\(origins[o]),\(destinations[d]),\(500 + o * 97 + d * 331),N\(100 + plane)XY,\(carriers[plane % 4]),\(first),\(first + int(0...50))\n"
        }
        return try CSVReader.read(.bytes(Array(text.utf8), name: "flights-mini.csv")).table
    }

    static func iso(_ seconds: Double) -> String {
        let day = Int((seconds / 86_400).rounded(.down))
        let (y, m, d) = CivilCalendar.civilFromDays(day)
        let second = Int(seconds) - day * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(second / 3600)):\(two(second / 60 % 60)):00Z"
    }

    static func kinds(_ table: Table) -> [ColumnKind] {
        TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
    }

    @Test func theFixtureHasEveryKindOfRule() throws {
        let table = try Self.fixture()
        let kinds = Set(RuleDiscovery.discover(table, kinds: Self.kinds(table)).map(\.kindName))
        #expect(kinds == ["datetime part", "arithmetic", "clock arithmetic", "functional dependency", "order", "null implication"])
    }

    @Test(arguments: [nil, "cart", "gaussian_copula", "bayesian_network"] as [String?])
    func everyRuleHoldsInTheOutput(model: String?) throws {
        let table = try Self.fixture()
        let kinds = Self.kinds(table)
        let rules = RuleDiscovery.discover(table, kinds: kinds)
        var plan = RulePlanner.apply(rules, to: DefaultPlanner.plan(for: table, kinds: kinds, seed: 5), table: table)
        if let model {
            plan.joint = [JointPlan(model: model, columns: JointModelChoice.jointColumns(of: plan))]
            #expect(plan.joint[0].columns.count >= 2)
        }
        // Derived columns are computed, never modelled.
        for column in plan.columns where column.discovered == true {
            #expect(!(plan.joint.first?.columns.contains(column.name) ?? false), "\(column.name) is derived yet modelled")
        }
        let output = try FittedPlan.fit(plan, on: table).sample(rows: 4_000)
        let synthetic = RuleColumns(output)
        for rule in rules {
            let tally = RuleCheck.tally(rule.form, on: synthetic)
            let realRate = Double(rule.violations) / Double(max(1, rule.applicableRows))
            #expect(tally.applicableRows > 0, "\(rule.text) applies to no synthetic row")
            #expect(tally.violationRate <= realRate + 0.001, "\(model ?? "marginals"): \(rule.text) broken in \(tally.violations) of \(tally.applicableRows) rows")
        }
    }

    @Test func theRulesAreWrittenAsDiscoveredPlanEntries() throws {
        let table = try Self.fixture()
        let kinds = Self.kinds(table)
        let plan = RulePlanner.apply(RuleDiscovery.discover(table, kinds: kinds), to: DefaultPlanner.plan(for: table, kinds: kinds, seed: 5), table: table)
        func expression(_ name: String) -> String? { plan.column(named: name)?.parameters["expression"]?.text }
        #expect(expression("hour") == "hour(time_hour, \"America/New_York\")")
        #expect(expression("sched") == "100 * `hour` + `minute`")
        #expect(expression("dep") == "clock_add(sched, delay, 2400)")
        #expect(plan.column(named: "distance")?.strategy == "lookup")
        // 40 tail numbers determine 4 carriers: the carrier stays modelled, the tail number is
        // drawn among its carrier's.
        #expect(plan.column(named: "tailnum")?.strategy == "categorical_given")
        #expect(plan.column(named: "carrier")?.strategy == "categorical")
        #expect(plan.constraints.contains { $0.type == .lessEqual && $0.columns == ["first", "last"] && $0.enforce == .swap && $0.discovered == true })
        #expect(plan.constraints.contains { $0.type == .nullImplies && $0.discovered == true })
        #expect(plan.constraints.contains { $0.type == .fixedCombinations && $0.columns == ["origin", "dest"] })
        #expect(plan.columns.filter { $0.discovered == true }.allSatisfy { ($0.support ?? 0) >= 0.999 })
    }

    @Test func formulaDatetimePartsFollowTheZone() throws {
        // 2013-07-01T03:30:00Z is 23:30 on June 30th in New York (EDT, UTC-4).
        let seconds = 1_372_649_400.0
        let column = Column(name: "t", values: .datetimes([seconds], .isoDateTimeUTC))
        func evaluate(_ text: String) throws -> Double? {
            let compiled = try Formula(text).compile(columns: ["t": FormulaColumn(column)])
            guard case .numbers(let values, let validity) = compiled.evaluate(rows: 0..<1), validity.isValid(0) else { return nil }
            return values[0]
        }
        #expect(try evaluate("hour(t)") == 3)
        #expect(try evaluate("hour(t, \"America/New_York\")") == 23)
        #expect(try evaluate("day(t, \"America/New_York\")") == 30)
        #expect(try evaluate("month(t, \"-04:00\")") == 6)
        #expect(try evaluate("dayofyear(t)") == 182)
        #expect(try evaluate("clock_add(2350, 20)") == 10)
        #expect(try evaluate("clock_add(2340, 20, 2400)") == 2400)
        #expect(throws: FormulaError.self) { _ = try Formula("hour(t, \"Mars/Base\")").check(columns: ["t": .number]) }
    }

    @Test func anOrderWithACategoricalColumnStaysOutOfThePlan() throws {
        // decade <= age holds on every row, but decade (20, 30, …) is planned as categories:
        // an order constraint on it could not be fitted.
        var text = "decade,age\n"
        for row in 0..<400 { let age = 20 + row % 50; text += "\(age / 10 * 10),\(age)\n" }
        let table = try CSVReader.read(.bytes(Array(text.utf8), name: "decades.csv")).table
        let kinds: [ColumnKind] = [.categorical, .integer]
        let rules = RuleDiscovery.discover(table, kinds: kinds)
        let plan = RulePlanner.apply(rules, to: DefaultPlanner.plan(for: table, kinds: kinds, seed: 2), table: table)
        #expect(!plan.constraints.contains { $0.columns?.contains("decade") == true })
        #expect(try FittedPlan.fit(plan, on: table).sample(rows: 100).rowCount == 100)
    }
}
