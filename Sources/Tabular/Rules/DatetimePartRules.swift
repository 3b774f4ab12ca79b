/// Columns that are a part of a datetime column (year, month, day, hour, minute, weekday, day of
/// year, fraction of year), in UTC, at a fixed offset or on an IANA zone's wall clock. Flights'
/// `time_hour` is UTC while its `hour` is New York's, four or five hours apart with daylight
/// saving: the zone is found from the hours, then used for every part of that column.
extension RuleSearch {
    func findDatetimeParts() {
        let datetimes = profiles.filter(\.view.isDatetime)
        let numbers = arithmeticProfiles
        for source in datetimes {
            let s = source.view
            // Parts whose range fits the target's, each tried in UTC and then in the zone found.
            var zones = ["UTC"]
            let candidates = numbers.compactMap { target -> (NumericProfile, [DataRule.DatetimePart])? in
                let parts = DataRule.DatetimePart.allCases.filter { fits($0, target: target, source: source) }
                return parts.isEmpty ? nil : (target, parts)
            }
            // The zone, when hours do not match in UTC.
            for (target, parts) in candidates where parts.contains(.hour) && target.distinctInSample >= 6
                && !holds(.hour, target: target, source: s, zone: .utc) {
                if let zone = findZone(hours: target.view, source: s) {
                    zones.append(zone.identifier)
                    break
                }
            }
            for (target, parts) in candidates where !isDerived(target.name) {
                search: for part in parts {
                    for name in zones {
                        guard let zone = try? TimeZoneRules.named(name), holds(part, target: target, source: s, zone: zone) else { continue }
                        if accept(.datetimePart(target: target.name, source: source.name, part: part, zone: name)) { break search }
                    }
                }
            }
        }
    }

    private func holds(_ part: DataRule.DatetimePart, target: NumericProfile, source: RuleColumns.NumericView, zone: TimeZoneRules) -> Bool {
        let t = target.view
        return holdsOnSample { row, targetRow in
            guard t.present[targetRow], source.present[row] else { return nil }
            guard let value = DatetimeParts.value(part, of: source.values[row], in: zone) else { return false }
            return RuleCheck.near(t.values[targetRow], value, tolerance: t.tolerance)
        }
    }

    /// Whether the target's sample range allows the part at all (a cheap filter).
    private func fits(_ part: DataRule.DatetimePart, target: NumericProfile, source: NumericProfile) -> Bool {
        let (low, high) = (target.minimum, target.maximum)
        func within(_ range: ClosedRange<Double>) -> Bool { target.whole && low >= range.lowerBound && high <= range.upperBound }
        let firstYear = DatetimeParts.value(.year, of: source.minimum, in: .utc) ?? 0
        let lastYear = DatetimeParts.value(.year, of: source.maximum, in: .utc) ?? 0
        switch part {
        case .year: return within((firstYear - 1)...(lastYear + 1))
        case .month: return within(1...12)
        case .day: return within(1...31)
        case .hour: return within(0...23)
        case .minute: return within(0...59)
        case .weekday: return within(1...7)
        case .weekdayFromZero: return within(0...6)
        case .dayOfYear: return within(1...366)
        case .fractionalYear: return !target.whole && low >= firstYear - 1 && high <= lastYear + 2
        case .yearFraction: return !target.whole && low >= 0 && high <= 1
        }
    }

    /// The zone whose wall-clock hours match: a fixed offset when one offset explains the
    /// sample, else the first IANA zone (common ones first) whose hours match.
    private func findZone(hours: RuleColumns.NumericView, source: RuleColumns.NumericView) -> TimeZoneRules? {
        var counts: [Int: Int] = [:], applicable = 0
        for row in sample where hours.present[row] && source.present[row] {
            guard let utcHour = DatetimeParts.value(.hour, of: source.values[row], in: .utc) else { continue }
            let offset = ((Int(hours.values[row]) - Int(utcHour)) % 24 + 24) % 24
            counts[offset, default: 0] += 1
            applicable += 1
        }
        guard applicable > 0 else { return nil }
        let ranked = counts.sorted { $0.value > $1.value }
        func signed(_ hours: Int) -> Int { hours > 12 ? hours - 24 : hours }
        if Double(ranked[0].value) >= 0.99 * Double(applicable) {
            return .fixed(seconds: signed(ranked[0].key) * 3600)
        }
        // Daylight saving: two offsets an hour apart. Try zones whose offsets include both.
        guard ranked.count >= 2, Double(ranked[0].value + ranked[1].value) >= 0.99 * Double(applicable) else { return nil }
        let observed = Set([signed(ranked[0].key), signed(ranked[1].key)].map { $0 * 3600 })
        let preferred = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Anchorage",
                         "Pacific/Honolulu", "America/Toronto", "America/Vancouver", "America/Mexico_City", "America/Sao_Paulo",
                         "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Madrid",
                         "Europe/Rome", "Europe/Amsterdam", "Europe/Athens", "Europe/Helsinki", "Europe/Moscow",
                         "Australia/Sydney", "Australia/Melbourne", "Australia/Adelaide", "Pacific/Auckland", "America/Santiago"]
        let names = preferred + TimeZoneRules.systemZoneNames().filter { !preferred.contains($0) }
        let probes = sample.filter { source.present[$0] }
        let probeTimes = stride(from: 0, to: probes.count, by: max(1, probes.count / 64)).map { source.values[probes[$0]] }
        for name in names {
            guard let zone = try? TimeZoneRules.named(name) else { continue }
            let offsets = Set(probeTimes.map { Int(zone.offset(at: $0)) })
            guard offsets.isSubset(of: observed) else { continue }
            let matches = sample.lazy.filter { row in
                hours.present[row] && source.present[row] && DatetimeParts.value(.hour, of: source.values[row], in: zone) == hours.values[row]
            }.count
            if Double(matches) >= 0.99 * Double(applicable) { return zone }
        }
        return nil
    }
}

/// HHMM clock columns that are another clock plus a number of minutes, modulo a day:
/// `dep_time = sched_dep_time + dep_delay`, which as plain subtraction fails on every flight
/// that leaves after midnight.
extension RuleSearch {
    func findClockSums() {
        let clocks = profiles.filter(\.isClock)
        guard clocks.count >= 2 else { return }
        let minutesColumns = arithmeticProfiles.filter(\.whole)
        for target in clocks where !isDerived(target.name) {
            let t = target.view
            search: for clock in clocks where clock.name != target.name {
                for minutes in minutesColumns where minutes.name != target.name && minutes.name != clock.name {
                    let (c, m) = (clock.view, minutes.view)
                    let found = holdsOnSample { row, targetRow in
                        guard t.present[targetRow], c.present[row], m.present[row] else { return nil }
                        return RuleCheck.clockSumHolds(target: t.values[targetRow], clock: c.values[row], minutes: m.values[row])
                    }
                    guard found else { continue }
                    // Midnight as the target writes it: 2400 when it never writes 0.
                    var writesZero = false, writes2400 = false
                    for row in 0..<columns.rowCount where t.present[row] {
                        if t.values[row] == 0 { writesZero = true } else if t.values[row] == 2400 { writes2400 = true }
                    }
                    let midnight = writes2400 && !writesZero ? 2400 : 0
                    if accept(.clockSum(target: target.name, clock: clock.name, minutes: minutes.name, midnight: midnight)) { break search }
                }
            }
        }
    }
}
