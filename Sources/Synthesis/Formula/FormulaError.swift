/// A formula that does not parse or does not type-check; names the formula and the 1-based
/// character position of the fault, e.g. `formula 'price * (qty': expected ')' at 13`.
public struct FormulaError: Error, Hashable, Sendable, CustomStringConvertible {
    public var formula: String
    public var message: String
    /// 1-based character offset into the formula; one past the end for "ran out of input".
    public var position: Int

    public init(formula: String, message: String, position: Int) {
        self.formula = formula
        self.message = message
        self.position = position
    }

    /// A long formula is shown by its first characters.
    public var description: String {
        let shown = formula.utf8.count > 100 ? String(formula.prefix(60)) + "…" : formula
        return "formula '\(shown)': \(message) at \(position)"
    }
}
