import Testing
import TestSupport
@testable import Tabular

/// Each kind of rule is found on a fixture written here, and is not found where it holds on
/// only 99% of the rows (the threshold is 99.9%).
@Suite struct RuleDiscoveryTests {
    /// A table of `rows` rows from a header and a row maker (which gets the row index, a
    /// generator, and whether the row should break the rule under test).
    static func table(_ header: String, rows: Int = 2_000, breakEvery: Int? = nil, _ row: (Int, inout SeededGenerator, Bool) -> String) throws -> Table {
        var generator = SeededGenerator(seed: 42)
        var text = header + "\n"
        for index in 0..<rows {
            let broken = breakEvery.map { index % $0 == $0 - 1 } ?? false
            text += row(index, &generator, broken) + "\n"
        }
        return try CSVReader.read(.bytes(Array(text.utf8), name: "fixture.csv")).table
    }

    static func texts(_ table: Table) -> [String] { RuleDiscovery.discover(table).map(\.text) }

    @Test func orderIsFoundAndNotAtNinetyNinePercent() throws {
        let make = { (breakEvery: Int?) in
            try Self.table("built,remodelled,size", breakEvery: breakEvery) { _, random, broken in
                let built = random.int(1900...2000)
                let remodelled = broken ? built - random.int(1...30) : built + random.int(0...20)
                return "\(built),\(remodelled),\(random.int(50...300))"
            }
        }
        #expect(Self.texts(try make(nil)).contains("built <= remodelled"))
        let almost = Self.texts(try make(100))
        #expect(!almost.contains { $0.contains("built <") })
    }

    @Test func ordersThatFollowFromRangesAreNotListed() throws {
        let table = try Self.table("minute,distance") { _, random, _ in "\(random.int(0...59)),\(random.int(100...5000))" }
        #expect(Self.texts(table).isEmpty)
    }

    @Test func sumsDifferencesAndScaledSumsAreFound() throws {
        let table = try Self.table("hour,minute,sched,first,second,total,gross,tax,net") { _, random, _ in
            let hour = random.int(5...23), minute = random.int(0...59)
            let first = random.int(300...2000), second = random.int(0...1500)
            let net = random.int(100...900), tax = random.int(5...90)
            // net = gross - tax is found as gross = net + tax.
            return "\(hour),\(minute),\(hour * 100 + minute),\(first),\(second),\(first + second),\(net + tax),\(tax),\(net)"
        }
        let texts = Self.texts(table)
        #expect(texts.contains("sched = 100 * hour + minute"))
        #expect(texts.contains("total = first + second"))
        #expect(texts.contains("gross = tax + net"))
    }

    @Test func sumOfThreeAndRatioAreFound() throws {
        let table = try Self.table("floor1,floor2,basement,living,price,carat,per_carat") { _, random, _ in
            let a = random.int(400...2000), b = random.int(0...1200), c = random.int(0...600)
            let price = random.int(300...9000), carat = Double(random.int(20...300)) / 100
            let perCarat = (Double(price) / carat * 100).rounded() / 100
            return "\(a),\(b),\(c),\(a + b + c),\(price),\(carat),\(perCarat)"
        }
        let texts = Self.texts(table)
        #expect(texts.contains("living = floor1 + floor2 + basement"))
        #expect(texts.contains("per_carat = price / carat"))
    }

    @Test func arithmeticAtNinetyNinePercentIsNotFound() throws {
        let table = try Self.table("a,b,c", breakEvery: 100) { _, random, broken in
            let a = random.int(1...1000), b = random.int(1...1000)
            return "\(a),\(b),\(a + b + (broken ? 1 : 0))"
        }
        #expect(!Self.texts(table).contains { $0.hasPrefix("c =") })
    }

    @Test func datetimePartsAreFoundInTheirTimeZone() throws {
        // time_hour is UTC; its parts are New York's wall clock (4 or 5 hours behind).
        let table = try Self.table("time_hour,year,month,day,hour", rows: 3_000) { index, _, _ in
            let seconds = 1_356_998_400.0 + Double(index) * 10_487 // spread over a year from 2013-01-01
            let zone = try! TimeZoneRules.named("America/New_York")
            let utc = Self.iso(seconds)
            let parts = [DataRule.DatetimePart.year, .month, .day, .hour].map { Int(DatetimeParts.value($0, of: seconds, in: zone)!) }
            return "\(utc),\(parts[0]),\(parts[1]),\(parts[2]),\(parts[3])"
        }
        let texts = Self.texts(table)
        #expect(texts.contains("hour = hour of time_hour in America/New_York"))
        #expect(texts.contains("month = month of time_hour in America/New_York"))
        #expect(texts.contains("day = day of time_hour in America/New_York"))
    }

    @Test func clockArithmeticModuloADayIsFound() throws {
        let table = try Self.table("sched,delay,actual") { _, random, _ in
            let sched = random.int(5...23) * 100 + random.int(0...59)
            let delay = random.int(-20...400)
            let minutes = ((sched / 100) * 60 + sched % 100 + delay) % 1440
            let actual = minutes == 0 ? 2400 : (minutes / 60) * 100 + minutes % 60
            return "\(sched),\(delay),\(actual)"
        }
        let rules = RuleDiscovery.discover(table)
        let clock = rules.first { if case .clockSum = $0.form { return true }; return false }
        #expect(clock?.text == "actual = sched + delay minutes (HHMM clock, modulo a day)")
    }

    @Test func functionalDependenciesOnSmallDeterminantsOnly() throws {
        let airports = ["EWR", "JFK", "LGA"], destinations = ["IAH", "MIA", "ORD", "SFO", "HNL", "BOS"]
        let table = try Self.table("id,origin,dest,distance,noise") { index, random, _ in
            let o = random.int(0...2), d = random.int(0...5)
            return "\(index),\(airports[o]),\(destinations[d]),\(1000 + o * 37 + d * 411),\(random.int(0...999))"
        }
        let texts = Self.texts(table)
        #expect(texts.contains("distance is determined by origin, dest"))
        // A near-unique column "determines" everything; it must not qualify.
        #expect(!texts.contains { $0.contains("determined by id") })
    }

    @Test func nullImplicationsAreFound() throws {
        let table = try Self.table("dep,arr,other", rows: 1_000) { _, random, _ in
            let cancelled = random.int(0...19) == 0
            let otherMissing = random.int(0...9) == 0
            return "\(cancelled ? "" : String(random.int(1...2359))),\(cancelled ? "" : String(random.int(1...2359))),\(otherMissing ? "" : "1")"
        }
        let texts = Self.texts(table)
        #expect(texts.contains("arr is missing where dep is missing"))
        #expect(!texts.contains("other is missing where dep is missing"))
    }

    @Test func checksCountViolationsOnAnyTable() throws {
        let table = try Self.table("a,b", rows: 100) { index, _, _ in index == 7 ? "5,4" : "1,2" }
        let tally = RuleCheck.tally(.order(smaller: "a", larger: "b", strict: false), on: RuleColumns(table))
        #expect(tally == RuleTally(applicableRows: 100, violations: 1))
    }

    @Test func timeZonesComeFromTheSystemsTzdata() throws {
        let zone = try TimeZoneRules.named("America/New_York")
        #expect(zone.offset(at: 1_357_000_000) == -5 * 3600) // January: EST
        #expect(zone.offset(at: 1_372_000_000) == -4 * 3600) // June: EDT
        #expect(try TimeZoneRules.named("+05:30").offset(at: 0) == 19_800)
        #expect(throws: TimeZoneRules.LoadError.self) { try TimeZoneRules.named("../etc/passwd") }
        #expect(throws: TimeZoneRules.LoadError.self) { try TimeZoneRules.named("Mars/Olympus") }
    }

    static func iso(_ seconds: Double) -> String {
        let day = Int((seconds / 86_400).rounded(.down))
        let (y, m, d) = CivilCalendar.civilFromDays(day)
        let second = Int(seconds) - day * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(y)-\(two(m))-\(two(d))T\(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))Z"
    }
}


extension RuleDiscoveryTests {
    /// planes' `speed` is present in 23 of 3,322 rows: where present it "determines" seats, but
    /// a lookup would make seats a function of the missing speed in every other row.
    @Test func aDependencyOnAMostlyMissingColumnIsNotFound() throws {
        let table = try Self.table("model,seats,speed") { index, random, _ in
            let model = random.int(0...9)
            return "m\(model),\(random.int(20...300)),\(index % 100 == 0 ? String(100 + model) : "")"
        }
        #expect(!Self.texts(table).contains { $0.contains("determined by speed") })
    }
}

/// The other kinds at 99%: one row in a hundred breaks the rule, so none is listed.
extension RuleDiscoveryTests {
    @Test func datetimePartsAtNinetyNinePercentAreNotFound() throws {
        let table = try Self.table("time_hour,hour", rows: 3_000, breakEvery: 100) { index, _, broken in
            let seconds = 1_356_998_400.0 + Double(index) * 10_487
            let hour = Int(DatetimeParts.value(.hour, of: seconds, in: .utc)!)
            return "\(Self.iso(seconds)),\(broken ? (hour + 1) % 24 : hour)"
        }
        #expect(!Self.texts(table).contains { $0.hasPrefix("hour =") })
    }

    @Test func clockSumsAtNinetyNinePercentAreNotFound() throws {
        let table = try Self.table("sched,delay,actual", breakEvery: 100) { _, random, broken in
            let sched = random.int(5...23) * 100 + random.int(0...59)
            let delay = random.int(-20...400)
            let minutes = ((sched / 100) * 60 + sched % 100 + delay + (broken ? 7 : 0)) % 1440
            let actual = minutes == 0 ? 2400 : (minutes / 60) * 100 + minutes % 60
            return "\(sched),\(delay),\(actual)"
        }
        #expect(!Self.texts(table).contains { $0.hasPrefix("actual =") })
    }

    @Test func dependenciesAtNinetyNinePercentAreNotFound() throws {
        let airports = ["EWR", "JFK", "LGA"]
        let table = try Self.table("origin,distance", breakEvery: 100) { _, random, broken in
            let o = random.int(0...2)
            return "\(airports[o]),\(1000 + o * 37 + (broken ? 1 : 0))"
        }
        // (origin of distance holds exactly here: each distance belongs to one airport.)
        #expect(!Self.texts(table).contains("distance is determined by origin"))
    }

    @Test func nullImplicationsAtNinetyNinePercentAreNotFound() throws {
        // dep is missing in 20% of rows; arr is missing with it except in 1 row of 100 of those.
        let table = try Self.table("dep,arr", rows: 5_000) { index, random, _ in
            let cancelled = index % 5 == 0
            let kept = cancelled && index % 500 == 0
            return "\(cancelled ? "" : String(random.int(1...2359))),\(cancelled && !kept ? "" : String(random.int(1...2359)))"
        }
        #expect(!Self.texts(table).contains("arr is missing where dep is missing"))
    }
}
