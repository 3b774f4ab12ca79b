import Tabular

/// What the `fake` strategy makes up, by the name a plan gives it.
public enum FakeProvider: String, Codable, Sendable, CaseIterable {
    case firstName = "first_name"
    case lastName = "last_name"
    case name
    case email
    case phone
    case streetAddress = "street_address"
    case city
    case country
    case company
    case url
    case ipv4
    case ipv6
    case ip
    case uuid
    case creditCard = "credit_card"
    case iban
    case date
    case text
}

extension RandomStream {
    /// One element of a non-empty array, uniformly.
    @inline(__always)
    mutating func pick<Element>(_ items: [Element]) -> Element {
        items[nextIndex(items.count)]
    }

    /// True with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool {
        nextUnit() < p
    }

    /// A decimal digit as a character.
    @inline(__always)
    mutating func digit(from low: Int = 0) -> Character {
        Character(Unicode.Scalar(UInt8(48 + low + nextIndex(10 - low))))
    }

    /// `count` random decimal digits.
    mutating func digits(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        for _ in 0..<count { text.append(digit()) }
        return text
    }
}

/// Shares of each kind of something, drawn by weight; learned from a real column or fixed.
struct Shares: Codable, Hashable, Sendable {
    /// Normalised weights, one per option, in the options' fixed order.
    var weights: [Double]

    init(_ weights: [Double]) {
        let total = weights.reduce(0, +)
        self.weights = total > 0 ? weights.map { $0 / total } : weights
    }

    /// The index of an option, drawn by weight (one uniform draw).
    func draw(_ random: inout RandomStream) -> Int {
        var u = random.nextUnit()
        for (index, weight) in weights.enumerated() {
            if u < weight { return index }
            u -= weight
        }
        return weights.lastIndex { $0 > 0 } ?? 0
    }
}
