/// How one member is synthesised from the members before it (synthpop's per-variable `method`).
enum CARTMethod: String, Codable, Sendable, CaseIterable {
    /// A classification or regression tree; draws a real value from the leaf a row reaches.
    case cart
    /// Linear regression with normal residual noise (numbers only).
    case norm
    /// Logistic regression (columns with two classes).
    case logreg
    /// Multinomial logistic regression (categories).
    case polyreg
    /// The column's own strategy, ignoring the other members.
    case sample

    /// Why this method cannot synthesise the member, or nil when it can.
    func unsuitability(for coding: CARTValueCoding) -> String? {
        switch self {
        case .cart, .sample:
            return nil
        case .norm:
            return coding.isCategorical ? "method 'norm' needs numbers (integer, decimal or datetime), but the column is categorical; use cart or polyreg" : nil
        case .logreg:
            if !coding.isCategorical { return "method 'logreg' needs a column with two classes, but the column holds numbers; use cart or norm" }
            return coding.classCount == 2 ? nil : "method 'logreg' needs a column with two classes, but the column has \(coding.classCount); use polyreg"
        case .polyreg:
            return coding.isCategorical ? nil : "method 'polyreg' needs a categorical column, but the column holds numbers; use cart or norm"
        }
    }
}
