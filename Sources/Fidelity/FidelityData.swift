import Tabular

/// What every fidelity, privacy and utility metric reads: the real table, the synthetic one,
/// an optional holdout of real rows never used for fitting, and the kind of each real column.
///
/// Columns are matched by name. Only columns present in both tables, of a kind that carries a
/// distribution (numbers, datetimes, categories, booleans), are evaluated by privacy and
/// utility: identifiers, text and personal data are left out. The quality report scores text
/// and code columns too, as categories (`QualityColumns`), as SDMetrics does with SDV's metadata.
public struct FidelityData: Sendable {
    public let real: Table
    public let synthetic: Table
    public let holdout: Table?
    /// Kinds by real column name (inference's proposal, or a session's choice).
    public let kinds: [String: ColumnKind]
    /// The evaluated columns, in the real table's order.
    public let columns: [String]
    /// Real columns missing from the synthetic table, and synthetic columns the real one lacks.
    public let missingFromSynthetic: [String]
    public let extraInSynthetic: [String]

    public init(real: Table, synthetic: Table, holdout: Table? = nil, kinds: [String: ColumnKind]) {
        self.real = real
        self.synthetic = synthetic
        self.holdout = holdout
        self.kinds = kinds
        let syntheticNames = Set(synthetic.columnNames)
        let realNames = Set(real.columnNames)
        missingFromSynthetic = real.columnNames.filter { !syntheticNames.contains($0) }
        extraInSynthetic = synthetic.columnNames.filter { !realNames.contains($0) }
        columns = real.columnNames.filter { name in
            guard syntheticNames.contains(name), let kind = kinds[name] else { return false }
            return Self.isEvaluated(kind)
        }
    }

    /// Kinds inferred from the real table.
    public init(real: Table, synthetic: Table, holdout: Table? = nil) {
        let proposals = TypeInference.propose(real, profiles: Profiler.profile(real))
        self.init(real: real, synthetic: synthetic, holdout: holdout,
                  kinds: Dictionary(uniqueKeysWithValues: zip(real.columnNames, proposals.map(\.kind))))
    }

    /// Kinds whose distributions the metrics compare.
    public static func isEvaluated(_ kind: ColumnKind) -> Bool {
        switch kind {
        case .integer, .decimal, .datetime, .categorical, .boolean: true
        default: false
        }
    }

    /// True for kinds compared on a number line (KS, correlation); false for categories (TVD).
    public static func isContinuous(_ kind: ColumnKind) -> Bool {
        kind == .integer || kind == .decimal || kind == .datetime
    }
}
