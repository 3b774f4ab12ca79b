import Fidelity
import Synthesis
import Tabular

/// The rows `doppel plan` fits its candidates on and the rows it holds back to measure their
/// privacy: every fifth row held back (20%, at most 20,000), the rest the candidates' training
/// rows (at most `trainingRows`, evenly spaced). Deterministic, and spread over any ordering.
struct PrivacyTrialSplit {
    var training: Table
    var holdout: Table

    /// Fewer rows than this hold back too few rows for a DCR share worth a choice.
    static let minimumRows = 100
    static let maximumHoldout = 20_000

    init?(_ table: Table, trainingRows: Int) {
        guard table.rowCount >= Self.minimumRows else { return nil }
        let heldCount = min(table.rowCount / 5, Self.maximumHoldout)
        var isHeld = [Bool](repeating: false, count: table.rowCount)
        for index in 0..<heldCount { isHeld[index * table.rowCount / heldCount] = true }
        let held = (0..<table.rowCount).filter { isHeld[$0] }
        var rest = (0..<table.rowCount).filter { !isHeld[$0] }
        if rest.count > trainingRows { rest = (0..<trainingRows).map { rest[$0 * rest.count / trainingRows] } }
        training = Table(columns: table.columns.map { $0.taking(rest) })
        holdout = Table(columns: table.columns.map { $0.taking(held) })
    }
}

/// How many rows a privacy-aware choice fitted on and held back.
public struct PrivacySplitSizes: Sendable, Equatable {
    public var training: Int
    public var holdout: Int
}
