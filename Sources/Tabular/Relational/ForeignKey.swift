/// A single-column foreign key: `child.childColumn` refers to `parent.parentColumn` (the
/// parent's primary key). Composite keys are not modelled yet.
public struct ForeignKey: Hashable, Sendable, CustomStringConvertible {
    public var child: String
    public var childColumn: String
    public var parent: String
    public var parentColumn: String

    public init(child: String, childColumn: String, parent: String, parentColumn: String) {
        self.child = child
        self.childColumn = childColumn
        self.parent = parent
        self.parentColumn = parentColumn
    }

    public var description: String { "\(child).\(childColumn) → \(parent).\(parentColumn)" }
}
