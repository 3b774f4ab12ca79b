/// How numeric columns are cut into the states the network works on.
public enum BinningMethod: String, Hashable, Sendable, Codable {
    /// Bins holding about the same number of rows. Skewed columns (prices, incomes) keep detail
    /// where the rows are, and every bin has enough rows for its conditional counts; the edges
    /// are quantiles of the data.
    case quantile
    /// Bins of one width between the column's minimum and maximum, as PrivBayes and
    /// DataSynthesizer cut them: the edges tell nothing beyond the range, which matters when
    /// the counts are made differentially private.
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
    /// 0 when differential privacy is off.
    var epsilon: Double
    var bins: Int
    var binning: BinningMethod
    var withinBin: WithinBinMethod
    var maxLevels: Int
    /// Levels with fewer real rows are merged into `Other`.
    var rareK: Int
    var maxCells: Int
    /// PrivBayes' θ: with privacy, tables are kept small enough that counts outweigh noise θ
    /// times over; 0 turns the limit off.
    var usefulness: Double
    /// The index of the member the network starts from; nil to draw one from the seed.
    var root: Int?

    var isPrivate: Bool { epsilon > 0 }

    /// The largest table a parent set may make. With privacy and θ > 0, also PrivBayes'
    /// θ-usefulness bound: a table of c cells over n rows has n/c rows per cell on average and
    /// noise of scale 2m/ε₂ per cell (m ≈ d − k tables), so c ≤ n·ε₂ / (2θ·m).
    func cellLimit(rows: Int, columns: Int, conditionalsEpsilon: Double?) -> (cells: Int, fromUsefulness: Bool) {
        guard let conditionalsEpsilon, usefulness > 0 else { return (maxCells, false) }
        let tables = Double(max(1, columns - degree))
        let useful = Double(rows) * conditionalsEpsilon / (2 * usefulness * tables)
        return useful < Double(maxCells) ? (max(1, Int(useful)), true) : (maxCells, false)
    }

    init(_ parameters: ResolvedParameters, memberNames: [String], groupName: String) throws {
        degree = parameters.integer("degree") ?? 2
        epsilon = parameters.number("epsilon") ?? 0
        bins = parameters.integer("bins") ?? 20
        maxLevels = parameters.integer("max_levels") ?? 50
        rareK = parameters.integer("rare_k") ?? 5
        maxCells = parameters.integer("max_cells") ?? 100_000
        usefulness = parameters.number("usefulness") ?? 4
        let isPrivate = epsilon > 0
        // Below this the noise outgrows any count a double can hold next to it.
        if isPrivate && epsilon < 1e-6 {
            throw ParameterError(column: groupName, parameter: "epsilon", value: String(epsilon), allowed: "0 (no privacy) or at least 0.000001")
        }
        // `auto` keeps the fit private when ε > 0 (edges from the range only, nothing read
        // inside a bin) and otherwise follows the data as closely as it can.
        switch parameters.text("binning") ?? "auto" {
        case "quantile": binning = .quantile
        case "equal_width": binning = .equalWidth
        default: binning = isPrivate ? .equalWidth : .quantile
        }
        switch parameters.text("within_bin") ?? "auto" {
        case "marginal": withinBin = .marginal
        case "uniform": withinBin = .uniform
        default: withinBin = isPrivate ? .uniform : .marginal
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
