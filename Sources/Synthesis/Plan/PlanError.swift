/// A plan that cannot be carried out; names the column (or plan key) at fault.
public struct PlanError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    /// The column at fault, when there is one (for a session to point at its line).
    public var column: String?
    /// The conditions key at fault (`where`, `rebalance`, `rebalance.proportions`), so that a
    /// session names `plan.conditions.…` and a command line names `--where` or `--rebalance`.
    public var conditionKey: String?

    public init(_ message: String, column: String? = nil, conditionKey: String? = nil) {
        self.message = message
        self.column = column
        self.conditionKey = conditionKey
    }

    /// The message with the option that set the condition in front, for the command line.
    public var asOption: String {
        guard let key = conditionKey else { return message }
        return "--\(key.split(separator: ".").first ?? "where"): \(message)"
    }

    public static func at(column: String, _ message: String) -> PlanError {
        PlanError("column '\(column)': \(message)", column: column)
    }

    public var description: String { message }
}
