import Declaration
import Synthesis
import Tabular

extension Session {
    /// One table of a relational session.
    public struct TableEntry: Hashable, Sendable {
        public var name: String
        public var source: Source
        public var primaryKey: String?
        /// False: written as it is (small reference tables, by default).
        public var synthesize: Bool
        /// The plan of the table's modelled columns; nil for a table kept as it is.
        public var plan: Plan?
        /// Event tables: the column each parent's children follow (a time or a sequence).
        public var orderBy: String?

        public init(name: String, source: Source, primaryKey: String? = nil, synthesize: Bool = true, plan: Plan? = nil, orderBy: String? = nil) {
            self.orderBy = orderBy
            self.name = name
            self.source = source
            self.primaryKey = primaryKey
            self.synthesize = synthesize
            self.plan = plan
        }
    }

    /// A foreign key of a relational session: `child.child_key` refers to `parent.parent_key`.
    public struct Relationship: Hashable, Sendable {
        public var parent: String
        public var parentKey: String
        public var child: String
        public var childKey: String
        /// The relationship that drives the number of children (one per child table).
        public var primary: Bool?
        /// What becomes of child keys that match no parent: null (the default) or kept.
        public var orphans: OrphanPolicy?

        public init(parent: String, parentKey: String, child: String, childKey: String, primary: Bool? = nil, orphans: OrphanPolicy? = nil) {
            self.parent = parent
            self.parentKey = parentKey
            self.child = child
            self.childKey = childKey
            self.primary = primary
            self.orphans = orphans
        }

        public var foreignKey: ForeignKey { ForeignKey(child: child, childColumn: childKey, parent: parent, parentColumn: parentKey) }
    }

    public enum OrphanPolicy: String, Hashable, Sendable, CaseIterable, DeclaredChoice {
        case nullify, keep
    }
}
