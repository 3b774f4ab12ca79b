import Tabular

/// People's names from the shipped lists.
enum FakePeople {
    static func firstName(_ random: inout RandomStream) -> String { random.pick(Words.firstNames) }
    static func lastName(_ random: inout RandomStream) -> String { random.pick(Words.lastNames) }

    /// A name laid out as `layout` says (`Ada Lovelace` when nothing was learned).
    static func name(_ layout: NameLayout?, _ random: inout RandomStream) -> String {
        guard let layout else { return firstName(&random) + " " + lastName(&random) }
        switch PersonNameShape.allCases[layout.shapes.draw(&random)] {
        case .first:
            return firstName(&random)
        case .last:
            return lastName(&random)
        case .firstLast:
            let first = firstName(&random)
            if random.chance(layout.middleInitialShare) {
                let initial = firstName(&random).first.map { String($0) } ?? "A"
                return first + " " + initial + ". " + lastName(&random)
            }
            return first + " " + lastName(&random)
        case .lastCommaFirst:
            let last = lastName(&random)
            return last + ", " + firstName(&random)
        }
    }
}

/// How a real column writes names: given names alone, family names alone, `First Last` or
/// `Last, First`, and how often a middle initial appears. Proportions only, never a name.
struct NameLayout: Codable, Hashable, Sendable {
    /// Weights in `PersonNameShape.allCases` order.
    var shapes: Shares
    var middleInitialShare: Double

    /// The layout of the names among `levels` (weighted by `counts`), or nil when too few read
    /// as names to tell. At most `limit` distinct values are looked at.
    init?(levels: [String], counts: [Int], limit: Int = 5000) {
        var weights = [Double](repeating: 0, count: PersonNameShape.allCases.count)
        var withInitial = 0.0
        var full = 0.0
        for (level, count) in zip(levels.prefix(limit), counts) {
            guard let shape = PersonName.shape(of: level) else { continue }
            let weight = Double(count)
            weights[PersonNameShape.allCases.firstIndex(of: shape)!] += weight
            if shape == .firstLast {
                full += weight
                let words = level.split(separator: " ")
                if words.count == 3, words[1].count <= 2 { withInitial += weight }
            }
        }
        guard weights.reduce(0, +) > 0 else { return nil }
        shapes = Shares(weights)
        middleInitialShare = full > 0 ? withInitial / full : 0
    }
}
