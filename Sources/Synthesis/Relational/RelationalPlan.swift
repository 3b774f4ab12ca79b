import Tabular

/// One table of a relational run: its real rows, its key, and how it is made.
public struct RelationalTablePlan: Sendable {
    public var name: String
    public var source: Table
    public var primaryKey: String?
    /// False: the table is written as it is (small reference tables: airlines, airports).
    public var synthesize: Bool
    /// The plan of the table's modelled columns (without its primary key and its primary
    /// parent's key, which the relational model makes); nil for a table kept as it is.
    public var plan: Plan?
    /// Event tables: each parent's children are written in this column's order.
    public var orderBy: String?

    public init(name: String, source: Table, primaryKey: String?, synthesize: Bool, plan: Plan?, orderBy: String? = nil) {
        self.orderBy = orderBy
        self.name = name
        self.source = source
        self.primaryKey = primaryKey
        self.synthesize = synthesize
        self.plan = plan
    }
}

/// A foreign key and how the relational model treats it.
public struct RelationalLink: Sendable, Hashable {
    public var key: ForeignKey
    /// The primary parent drives the number of children; a child has at most one.
    public var primary: Bool
    /// Keep child values that match no parent (they are written as nulls otherwise).
    public var keepOrphans: Bool

    public init(key: ForeignKey, primary: Bool, keepOrphans: Bool = false) {
        self.key = key
        self.primary = primary
        self.keepOrphans = keepOrphans
    }
}

/// A relational run that cannot go ahead, in the user's terms (table, column, key).
public struct RelationalError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
