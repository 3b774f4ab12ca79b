import Tabular

/// Why the utility metrics could not be computed as asked.
public enum UtilityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The target is not a column of the real data.
    case unknownTarget(String)
    /// The target exists in the real data but not in the synthetic data (or the holdout).
    case targetMissing(String, table: String)
    /// The target's kind is not one a model can predict (identifier, text, personal data).
    case unsupportedTarget(String, ColumnKind)
    /// Too few rows with a target value to train or to test.
    case tooFewRows(String, rows: Int, needed: Int)
    /// A categorical target with more classes than the classifiers are meant for.
    case tooManyClasses(String, classes: Int, limit: Int)
    /// Holdout columns the models need are missing.
    case holdoutMissingColumns([String])
    /// The propensity model with interactions would estimate too many parameters.
    case tooManyParameters(Int, limit: Int)
    /// No column is evaluated on both sides: nothing to tell real rows from synthetic ones by.
    case noSharedColumns

    public var description: String {
        switch self {
        case .unknownTarget(let name):
            "target column '\(name)' is not a column of the real data"
        case .targetMissing(let name, let table):
            "target column '\(name)' is missing from the \(table) data"
        case .unsupportedTarget(let name, let kind):
            "target column '\(name)' is of kind \(kind.rawValue); train-on-synthetic needs a categorical, boolean or numeric target"
        case .tooFewRows(let what, let rows, let needed):
            "\(what) has \(rows) rows with a target value; at least \(needed) are needed"
        case .tooManyClasses(let name, let classes, let limit):
            "target column '\(name)' has \(classes) classes; train-on-synthetic supports at most \(limit)"
        case .holdoutMissingColumns(let names):
            "the holdout lacks column\(names.count == 1 ? "" : "s") \(names.map { "'\($0)'" }.joined(separator: ", "))"
        case .tooManyParameters(let count, let limit):
            "the propensity model with interactions would have \(count) parameters (limit \(limit)); use the main-effects logistic model or the tree"
        case .noSharedColumns:
            "no column is evaluated in both the real and the synthetic data, so pMSE has nothing to compare"
        }
    }
}
