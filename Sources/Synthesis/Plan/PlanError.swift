/// A plan that cannot be carried out; names the column (or plan key) at fault.
public struct PlanError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// The column at fault, when there is one (for a session to point at its line).
    public var column: String?

    public init(_ message: String, column: String? = nil) {
        self.message = message
        self.column = column
    }

    public static func at(column: String, _ message: String) -> PlanError {
        PlanError("column '\(column)': \(message)", column: column)
    }

    public var description: String { message }
}
