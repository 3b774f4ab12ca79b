/// A plan that cannot be carried out; names the column (or plan key) at fault.
public struct PlanError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public static func at(column: String, _ message: String) -> PlanError {
        PlanError("column '\(column)': \(message)")
    }

    public var description: String { message }
}
