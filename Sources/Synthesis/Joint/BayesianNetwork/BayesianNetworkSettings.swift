/// How numeric columns are cut into the states the network works on.
public enum BinningMethod: String, Hashable, Sendable, Codable {
    /// Bins holding about the same number of rows. Skewed columns (prices, incomes) keep detail
    /// where the rows are, and every bin has enough rows for its conditional counts; the edges
    /// are quantiles of the data.
    case quantile
    /// Bins of one width between the column's minimum and maximum, as PrivBayes and
    /// DataSynthesizer cut them.
    case equalWidth = "equal_width"
}

/// Where a value lands inside its bin.
public enum WithinBinMethod: String, Hashable, Sendable, Codable {
    /// Follows the member's own fitted marginal between the bin's edges, so values keep the
    /// column's shape inside each bin.
    case marginal
    /// Uniform between the bin's edges (DataSynthesizer's way).
    case uniform
}

/// The parameters of a Bayesian network fit, resolved: `auto` choices made, the root found.
struct BayesianNetworkSettings: Sendable {
    var degree: Int
    var bins: Int
    var binning: BinningMethod
    var withinBin: WithinBinMethod
    var maxLevels: Int
    /// Levels with fewer real rows are merged into `Other`.
    var rareK: Int
    var maxCells: Int
    /// The index of the member the network starts from; nil to draw one from the seed.
    var root: Int?

    init(_ parameters: ResolvedParameters, memberNames: [String], groupName: String) throws {
        degree = parameters.integer("degree") ?? 2
        bins = parameters.integer("bins") ?? 20
        maxLevels = parameters.integer("max_levels") ?? 50
        rareK = parameters.integer("rare_k") ?? 5
        maxCells = parameters.integer("max_cells") ?? 100_000
        switch parameters.text("binning") ?? "auto" {
        case "equal_width": binning = .equalWidth
        default: binning = .quantile
        }
        switch parameters.text("within_bin") ?? "auto" {
        case "uniform": withinBin = .uniform
        default: withinBin = .marginal
        }
        let rootName = parameters.text("root") ?? ""
        if rootName.isEmpty {
            root = nil
        } else if let index = memberNames.firstIndex(of: rootName) {
            root = index
        } else {
            throw ParameterError(column: groupName, parameter: "root", value: rootName,
                                 allowed: "one of the group's columns: " + memberNames.joined(separator: ", ") + " (or empty for a random root)")
        }
    }
}
