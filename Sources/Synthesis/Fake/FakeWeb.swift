import Tabular

/// Email addresses, web addresses and IP addresses.
enum FakeWeb {
    // MARK: Email

    /// An address on a domain reserved for examples, with a local part made from the name
    /// (`ada.lovelace42`, `alovelace`); random list names stand in when `first` and `last` are
    /// both missing or have no Latin letters.
    static func email(first: String?, last: String?, _ random: inout RandomStream) -> String {
        var given = first.map(localPart) ?? ""
        var family = last.map(localPart) ?? ""
        if given.isEmpty && family.isEmpty {
            given = localPart(FakePeople.firstName(&random))
            family = localPart(FakePeople.lastName(&random))
        }
        return emailLocal(given: given, family: family, &random) + "@" + random.pick(Words.emailDomains)
    }

    /// Every layout keeps the family name when there is one, so an address can be traced back
    /// to its row's name (as real ones mostly can).
    private static func emailLocal(given: String, family: String, _ random: inout RandomStream) -> String {
        let number = String(1 + random.nextIndex(99))
        guard !family.isEmpty else { return given + (random.chance(0.5) ? number : "") }
        guard !given.isEmpty else { return family + number }
        let initial = String(given.first!)
        switch random.nextIndex(20) {
        case 0..<6: return given + "." + family
        case 6..<8: return given + family
        case 8..<10: return initial + "." + family
        case 10..<12: return initial + family
        case 12..<14: return given + "_" + family
        case 14..<18: return given + "." + family + number
        case 18: return family + "." + given
        default: return given + family + number
        }
    }

    /// Lower-case ASCII letters and digits of a name (`O'Brien` → `obrien`, `José` → `jose`).
    static func localPart(_ name: String) -> String {
        String(Words.foldedToASCII(name).lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) })
    }

    /// The given and family name in a full name (`Ada M. Lovelace`, `Lovelace, Ada`).
    static func split(fullName: String) -> (first: String?, last: String?) {
        if let comma = fullName.firstIndex(of: ",") {
            let family = fullName[..<comma]
            let given = fullName[fullName.index(after: comma)...].split(separator: " ").first
            return (given.map(String.init), String(family))
        }
        let words = fullName.split(separator: " ")
        guard let first = words.first else { return (nil, nil) }
        return (String(first), words.count > 1 ? String(words[words.count - 1]) : nil)
    }

    // MARK: URL

    /// `https://` + a made-up domain + an optional path (`https://www.summitlogistics.com/blog/river-lamp`).
    static func url(_ random: inout RandomStream) -> String {
        var url = "https://"
        if random.chance(0.5) { url += "www." }
        url += localPart(random.pick(Words.companyWords))
        if random.chance(0.5) { url += localPart(random.pick(Words.companyNouns)) }
        url += "." + (random.chance(0.4) ? "com" : random.pick(Words.topLevelDomains))
        switch random.nextIndex(10) {
        case 0..<3:
            break
        case 3..<6:
            url += "/" + random.pick(Words.webPathWords)
        case 6..<8:
            url += "/" + random.pick(Words.webPathWords) + "/" + random.pick(Words.textNouns) + "-" + random.pick(Words.textNouns)
        default:
            url += "/" + random.pick(Words.webPathWords) + "/" + String(1 + random.nextIndex(99_999))
        }
        return url
    }

    // MARK: IP

    /// A unicast IPv4 address outside 0/8, 10/8 and 127/8; every octet varies.
    static func ipv4(_ random: inout RandomStream) -> String {
        var first: Int
        repeat { first = 1 + random.nextIndex(223) } while first == 10 || first == 127
        return "\(first).\(random.nextIndex(256)).\(random.nextIndex(256)).\(1 + random.nextIndex(254))"
    }

    /// A global unicast IPv6 address (2000::/3), written the canonical way (RFC 5952: lower
    /// case, no leading zeros, the longest run of two or more zero groups as `::`).
    static func ipv6(_ random: inout RandomStream) -> String {
        var groups = [0x2000 + random.nextIndex(0x2000)]
        for _ in 1..<8 {
            // A zero group now and then, so that `::` shows up as in real addresses.
            groups.append(random.chance(0.1) ? 0 : random.nextIndex(0x10000))
        }
        return canonicalIPv6(groups)
    }

    static func canonicalIPv6(_ groups: [Int]) -> String {
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else { index += 1; continue }
            var end = index
            while end < groups.count && groups[end] == 0 { end += 1 }
            if end - index > bestLength { bestStart = index; bestLength = end - index }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }

    /// Share of IPv6 among real IP addresses; nil when the column has none.
    static func ipv6Share(levels: [String], counts: [Int]) -> Double? {
        var v4 = 0
        var v6 = 0
        for (level, count) in zip(levels, counts) where PersonalDataPattern.ip.matches(level) {
            if level.contains(":") { v6 += count } else { v4 += count }
        }
        return v4 + v6 > 0 ? Double(v6) / Double(v4 + v6) : nil
    }
}
