import Tabular

/// Parent rows in a few groups by their own columns: the conditioning of children on their
/// parent. Each of at most two parent columns is cut into quartiles (numbers, dates) or its most
/// frequent levels (text); the columns kept are those whose groups explain the most of the
/// variance of the number of children per parent (η²).
public struct ParentGroups: Sendable {
    struct Feature: Sendable {
        var name: String
        /// Cut points for a numeric column (a value's bin is the number of cut points at or below it).
        var edges: [Double]?
        /// Levels of a text column kept as groups of their own; the rest are `other`.
        var levels: Set<String>?
    }

    var features: [Feature]

    public static let maximumFeatures = 2
    /// Text levels kept as groups of their own. The child's model is fitted with the group as a
    /// column (`@parent`) and each child goes to a parent of its group, so a level folded into
    /// `other` loses its children's association with it: with 6 levels, 64% of nycflights13's
    /// flights went to any `other` plane whatever their carrier (intertable trends 0.886; 0.910
    /// with 64, BENCHMARKS.md).
    static let maximumLevels = 64

    /// The column names grouped on, for messages.
    public var columnNames: [String] { features.map(\.name) }

    /// Each row's group label, e.g. `seats q3 · manufacturer BOEING`; `all` with no features.
    public func labels(_ table: Table) -> [String] {
        guard !features.isEmpty else { return Array(repeating: "all", count: table.rowCount) }
        let parts: [[String]] = features.map { feature in
            guard let column = table.column(named: feature.name) else { return Array(repeating: "\(feature.name) ?", count: table.rowCount) }
            return Self.bins(column, feature: feature).map { "\(feature.name) \($0)" }
        }
        return (0..<table.rowCount).map { row in parts.map { $0[row] }.joined(separator: " · ") }
    }

    static func bins(_ column: Column, feature: Feature) -> [String] {
        if let edges = feature.edges {
            return (0..<column.count).map { row in
                guard !column.isNull(row), let value = column.values.numericValue(at: row) else { return "∅" }
                return "q\(edges.filter { $0 <= value }.count + 1)"
            }
        }
        let levels = feature.levels ?? []
        return KeyValues.texts(column).map { text in
            guard let text else { return "∅" }
            return levels.contains(text) ? text : "other"
        }
    }

    /// Groups for `parent` (its key column left out) given each parent row's number of children.
    public static func fit(parent: Table, key: String, counts: [Int]) -> ParentGroups {
        var candidates: [(feature: Feature, eta: Double)] = []
        for column in parent.columns where column.name != key && column.nullCount < column.count {
            let feature: Feature
            switch column.values {
            case .strings:
                var frequency: [String: Int] = [:]
                for text in KeyValues.texts(column) { if let text { frequency[text, default: 0] += 1 } }
                // Near-unique text (names) says nothing a group can carry.
                guard frequency.count >= 2, frequency.count <= max(2, parent.rowCount / 2) else { continue }
                let top = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(maximumLevels)
                feature = Feature(name: column.name, edges: nil, levels: Set(top.map(\.key)))
            default:
                let values = (0..<column.count).compactMap { column.isNull($0) ? nil : column.values.numericValue(at: $0) }.sorted()
                guard values.count >= 4 else { continue }
                let edges = Array(Set([1, 2, 3].map { values[$0 * values.count / 4] })).sorted()
                guard !edges.isEmpty else { continue }
                feature = Feature(name: column.name, edges: edges, levels: nil)
            }
            let labels = bins(column, feature: feature)
            candidates.append((feature, eta(labels: labels, counts: counts)))
        }
        let chosen = candidates.filter { $0.eta > 0.01 }.sorted { $0.eta != $1.eta ? $0.eta > $1.eta : $0.feature.name < $1.feature.name }
        return ParentGroups(features: chosen.prefix(maximumFeatures).map(\.feature))
    }

    /// η²: the share of the variance of `counts` between the groups of `labels`.
    static func eta(labels: [String], counts: [Int]) -> Double {
        guard counts.count >= 2 else { return 0 }
        let mean = Double(counts.reduce(0, +)) / Double(counts.count)
        var total = 0.0
        var groups: [String: (sum: Double, n: Int)] = [:]
        for (label, count) in zip(labels, counts) {
            total += (Double(count) - mean) * (Double(count) - mean)
            groups[label, default: (0, 0)].sum += Double(count)
            groups[label, default: (0, 0)].n += 1
        }
        guard total > 0 else { return 0 }
        let between = groups.values.reduce(0.0) { $0 + Double($1.n) * ($1.sum / Double($1.n) - mean) * ($1.sum / Double($1.n) - mean) }
        // A group per row explains everything and means nothing: penalise by the groups used.
        let penalty = Double(groups.count - 1) / Double(counts.count)
        return between / total - penalty
    }
}
