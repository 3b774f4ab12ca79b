import Tabular

/// SDMetrics' ReferentialIntegrity: the share of a child's foreign key values that point to an
/// existing parent row. Null keys refer to nothing and are not counted (SDMetrics drops them too).
public enum ReferentialIntegrity {
    public struct Tally: Sendable, Codable, Equatable {
        /// Non-null child keys.
        public var keys: Int
        /// Of which match no parent row.
        public var orphans: Int

        public init(keys: Int, orphans: Int) {
            self.keys = keys
            self.orphans = orphans
        }

        public var score: Double? { keys == 0 ? nil : 1 - Double(orphans) / Double(keys) }
    }

    public static func tally(parent: Table, parentKey: String, child: Table, childKey: String) -> Tally {
        guard let keys = parent.column(named: parentKey), let references = child.column(named: childKey) else { return Tally(keys: 0, orphans: 0) }
        let valid = Set(KeyValues.texts(keys).compactMap { $0 })
        var tally = Tally(keys: 0, orphans: 0)
        for key in KeyValues.texts(references) {
            guard let key else { continue }
            tally.keys += 1
            if !valid.contains(key) { tally.orphans += 1 }
        }
        return tally
    }
}
