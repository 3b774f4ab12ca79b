/// How a differential-privacy budget ε is spent, as DataSynthesizer splits it: half on choosing
/// the network (each of the d − 1 choices of a column and its parents gets an equal share of
/// that half, through the exponential mechanism), half on the conditional tables' counts
/// (Laplace noise; see `NoisyConditionals`). ε = 0 means no differential privacy.
struct PrivacyBudget: Hashable, Sendable, Codable {
    var epsilon: Double
    /// Laplace scale added to each count; nil without privacy.
    var noiseScale: Double?
    /// Tables that were counted (and noised) directly.
    var countedTables: Int
    /// The θ-usefulness bound on table cells, when it was tighter than `max_cells`.
    var usefulCells: Int?

    private enum CodingKeys: String, CodingKey {
        case epsilon
        case noiseScale = "noise_scale"
        case countedTables = "counted_tables"
        case usefulCells = "useful_cells"
    }

    var isPrivate: Bool { epsilon > 0 }
    var structure: Double { epsilon / 2 }
    var conditionals: Double { epsilon / 2 }

    static func split(_ epsilon: Double) -> (structure: Double?, conditionals: Double?) {
        epsilon > 0 ? (epsilon / 2, epsilon / 2) : (nil, nil)
    }

    /// "ε = 1 (structure 0.5, conditionals 0.5) ..." or "no differential privacy (ε = 0)".
    var description: String {
        guard isPrivate else { return "no differential privacy (ε = 0)" }
        let scale = noiseScale.map { " Laplace noise of scale \(Self.format($0)) on the counts of \(countedTables) tables" } ?? ""
        let cells = usefulCells.map { "; tables of at most \($0) \($0 == 1 ? "cell" : "cells") (θ-usefulness)" } ?? ""
        return "ε = \(Self.format(epsilon)) (structure \(Self.format(structure)), conditionals \(Self.format(conditionals)));" + scale + cells
    }

    static func format(_ value: Double) -> String {
        if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
        let rounded = (value * 1e4).rounded() / 1e4
        return String(rounded)
    }
}
