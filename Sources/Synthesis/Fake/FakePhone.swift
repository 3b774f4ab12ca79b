import Tabular

/// Phone numbers in the layouts a real column uses (`(415) 555-0123`, `+44 20 7946 0958`), or
/// an E.164-like `+1 415 555 0123`. Digits are always drawn, never copied; where a country keeps
/// numbers for fiction, they come from there (NANP 555-0100…0199, UK 020 7946 0xxx and 07700 900xxx).
enum FakePhone {
    static func phone(_ layouts: PhoneLayouts?, _ random: inout RandomStream) -> String {
        let layout = layouts.map { $0.layouts[$0.shares.draw(&random)] } ?? PhoneLayout.standard
        return layout.fill(&random)
    }
}

/// One way of writing numbers: a template where `#` is a digit to draw and everything else is
/// kept (separators, the `+` and country code, a trunk `0`).
struct PhoneLayout: Codable, Hashable, Sendable {
    var template: String
    /// The country calling code the template starts with (`1`, `44`), if any.
    var countryCode: String?
    /// True when national numbers start with a trunk `0` (`020 7946 0958`).
    var trunk: Bool

    static let standard = PhoneLayout(template: "+1 ### ### ####", countryCode: "1", trunk: false)

    /// The layout of a real number, or nil when the value is not a phone number.
    init?(of value: String) {
        guard PersonalDataPattern.phone.matches(value) else { return nil }
        let characters = Array(value)
        var template = ""
        var index = 0
        var countryCode: String?
        if characters.first == "+" {
            let digits = String(characters.filter(\.isASCIIDigit))
            let code = String(digits.prefix(Self.countryCodeLength(digits)))
            template = "+"
            index = 1
            var kept = 0
            // Keep the code's digits literally, with any separators inside it.
            while index < characters.count && kept < code.count {
                template.append(characters[index])
                if characters[index].isASCIIDigit { kept += 1 }
                index += 1
            }
            countryCode = code
        }
        var trunk = false
        var seenDigit = false
        while index < characters.count {
            let character = characters[index]
            if character.isASCIIDigit {
                if !seenDigit && countryCode == nil && character == "0" {
                    template.append("0")
                    trunk = true
                } else {
                    template.append("#")
                }
                seenDigit = true
            } else {
                template.append(character)
            }
            index += 1
        }
        self.init(template: template, countryCode: countryCode, trunk: trunk)
    }

    init(template: String, countryCode: String?, trunk: Bool) {
        self.template = template
        self.countryCode = countryCode
        self.trunk = trunk
    }

    /// Digits of the national significant number (those drawn).
    var slots: Int { template.count(where: { $0 == "#" }) }

    func fill(_ random: inout RandomStream) -> String {
        var digits = nationalDigits(&random).makeIterator()
        return String(template.map { $0 == "#" ? digits.next()! : $0 })
    }

    /// The drawn digits: a fictional range where the country has one, else digits with a
    /// non-zero lead (national numbers never start with 0 after the code or trunk).
    private func nationalDigits(_ random: inout RandomStream) -> [Character] {
        let count = slots
        var digits: String
        let northAmerican = countryCode == "1" || (countryCode == nil && !trunk && (count == 10 || count == 7))
        let british = (countryCode == "44" || (countryCode == nil && trunk)) && count == 10
        if northAmerican && count == 10 {
            digits = String(random.digit(from: 2)) + random.digits(2) + "55501" + random.digits(2)
        } else if northAmerican && count == 7 {
            digits = "55501" + random.digits(2)
        } else if british {
            // London's 020 7946 0xxx where the layout has a two-digit area code, else the
            // mobile range 07700 900xxx.
            let firstGroup = template.drop { $0 != "#" }.prefix { $0 == "#" }.count
            digits = (firstGroup == 2 ? "2079460" : "7700900") + random.digits(3)
        } else if count > 0 {
            digits = String(random.digit(from: 1)) + random.digits(count - 1)
        } else {
            digits = ""
        }
        return Array(digits)
    }

    /// ITU-T E.164 calling codes: `1` and `7` are one digit, a fixed set is two, the rest three.
    static func countryCodeLength(_ digits: String) -> Int {
        guard let first = digits.first else { return 0 }
        if first == "1" || first == "7" { return 1 }
        let twoDigit: Set<Substring> = ["20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46", "47",
                                        "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63", "64", "65",
                                        "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98"]
        return twoDigit.contains(digits.prefix(2)) ? 2 : min(3, digits.count)
    }
}

/// The layouts a real column uses, with their shares. Templates only: no real digit is kept
/// except country codes and trunk zeros.
struct PhoneLayouts: Codable, Hashable, Sendable {
    var layouts: [PhoneLayout]
    var shares: Shares

    /// The most common layouts among `levels` (weighted by `counts`): those of at least 1% of the
    /// numbers, at most 20. Nil when nothing reads as a phone number.
    init?(levels: [String], counts: [Int], limit: Int = 5000) {
        var weights: [PhoneLayout: Int] = [:]
        var order: [PhoneLayout] = []
        for (level, count) in zip(levels.prefix(limit), counts) {
            guard let layout = PhoneLayout(of: level) else { continue }
            if weights[layout] == nil { order.append(layout) }
            weights[layout, default: 0] += count
        }
        let total = weights.values.reduce(0, +)
        guard total > 0 else { return nil }
        // Most common first; ties in first-seen order, so the result does not depend on hashing.
        let ranked = order.enumerated().sorted { a, b in
            let (wa, wb) = (weights[a.element]!, weights[b.element]!)
            return wa != wb ? wa > wb : a.offset < b.offset
        }.map(\.element)
        let kept = ranked.filter { Double(weights[$0]!) >= 0.01 * Double(total) }.prefix(20)
        layouts = Array(kept.isEmpty ? ranked.prefix(1) : kept)
        shares = Shares(layouts.map { Double(weights[$0]!) })
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
