import Synthesis

/// Checks across a form's fields, run as they are typed, so that values the strategy would
/// refuse at fit time are caught in the form, on the field to fix, and not in the preview.
/// Only what can be told from the typed values is checked here (no fitting on the data).
enum FormChecks {
    /// Field name → error, for the strategy `strategy` on a column whose values take `shape`.
    static func errors(strategy: String, shape: ValueShape, values parameters: (String) -> ParameterValue?) -> [String: String] {
        guard strategy == ChoiceStrategy.descriptor.id else { return [:] }
        var errors: [String: String] = [:]
        let values = parameters("values")?.list?.map(\.displayText) ?? []
        if values.isEmpty { errors["values"] = "choice needs at least one value (comma-separated)" }
        if shape.isNumeric, let bad = values.first(where: { Double($0) == nil }) {
            errors["values"] = "'\(bad)' is not a number, as the column's values are"
        }
        let weights = parameters("weights")?.list ?? []
        if !weights.isEmpty {
            let numbers = weights.compactMap(\.number)
            if numbers.count != weights.count || numbers.contains(where: { $0 < 0 || !$0.isFinite }) {
                errors["weights"] = "weights are non-negative numbers"
            } else if numbers.count != values.count {
                errors["weights"] = "\(numbers.count) weights for \(values.count) values: one per value, or none"
            } else if numbers.reduce(0, +) <= 0 {
                errors["weights"] = "weights cannot all be zero"
            }
        }
        return errors
    }
}
