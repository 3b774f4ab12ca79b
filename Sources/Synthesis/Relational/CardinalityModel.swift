import Tabular

/// The number of children per parent, conditioned on the parent's columns: the real counts of
/// the parents in each `ParentGroups` group, drawn from at sampling time (groups of fewer than
/// `minimumGroup` parents draw from all parents' counts). Child rows whose key is null or
/// matches no parent are "unparented": their number follows the parented rows' in proportion.
public struct CardinalityModel: Sendable {
    public var groups: ParentGroups
    var pools: [String: [Int]]
    var all: [Int]
    /// Children of each real parent row, in the parent's order.
    public var realCounts: [Int] { all }
    public var realParented: Int
    public var realUnparented: Int

    static let minimumGroup = 5

    /// The model, and for each real child row the row of its parent (nil when unparented).
    public static func fit(parent: Table, parentKey: String, childKeys: [String?]) throws -> (model: CardinalityModel, parentRows: [Int?]) {
        guard let keyColumn = parent.column(named: parentKey) else {
            throw RelationalError("the parent key column '\(parentKey)' is not in the parent table")
        }
        let index = KeyValues.index(keyColumn)
        var counts = Array(repeating: 0, count: parent.rowCount)
        let parentRows: [Int?] = childKeys.map { key in
            guard let key, let row = index[key] else { return nil }
            counts[row] += 1
            return row
        }
        let parented = counts.reduce(0, +)
        let groups = ParentGroups.fit(parent: parent, key: parentKey, counts: counts)
        var pools: [String: [Int]] = [:]
        for (label, count) in zip(groups.labels(parent), counts) { pools[label, default: []].append(count) }
        pools = pools.filter { $0.value.count >= minimumGroup }
        return (CardinalityModel(groups: groups, pools: pools, all: counts, realParented: parented,
                                 realUnparented: childKeys.count - parented), parentRows)
    }

    /// Children per parent row of `parents` (labels from `groups.labels`), each real count times
    /// `scale`, rounded at random so that the expected total scales exactly.
    public func draw(labels: [String], scale: Double, stream: inout RandomStream) -> [Int] {
        labels.map { label in
            let pool = pools[label] ?? all
            guard !pool.isEmpty else { return 0 }
            return Self.scaled(pool[stream.nextIndex(pool.count)], by: scale, stream: &stream)
        }
    }

    /// Children per parent when the parent table is kept as it is: each real parent row's own
    /// count (times `scale`, rounded at random). The rows are the real ones, so nothing is
    /// gained by drawing their counts from similar parents, and much is lost on skewed
    /// counts (3 of 1,458 airports hold all of weather's rows).
    public func keptCounts(scale: Double, stream: inout RandomStream) -> [Int] {
        all.map { Self.scaled($0, by: scale, stream: &stream) }
    }

    static func scaled(_ count: Int, by scale: Double, stream: inout RandomStream) -> Int {
        if scale == 1 { return count }
        let scaled = Double(count) * scale
        let whole = scaled.rounded(.down)
        return Int(whole) + (stream.nextUnit() < scaled - whole ? 1 : 0)
    }

    /// Unparented rows to make alongside `parented` synthetic parented rows.
    public func unparented(forParented parented: Int) -> Int {
        guard realParented > 0 else { return realUnparented }
        return Int((Double(realUnparented) * Double(parented) / Double(realParented)).rounded())
    }
}
