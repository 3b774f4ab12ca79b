import Tabular

/// Validity and structure checks of a synthetic table, after SDMetrics' DiagnosticReport:
/// values inside the real ranges, categories the real data has, and the same columns.
public struct DataDiagnostics: Sendable, Codable, Equatable {
    /// Mean BoundaryAdherence over continuous columns (nil when there is none).
    public let boundaryAdherence: Double?
    /// Mean CategoryAdherence over categorical and boolean columns (nil when there is none).
    public let categoryAdherence: Double?
    /// Per evaluated column, in the real table's order.
    public let columns: [AdherenceScore]
    public let structure: TableStructure

    public init(boundaryAdherence: Double?, categoryAdherence: Double?, columns: [AdherenceScore],
                structure: TableStructure) {
        self.boundaryAdherence = boundaryAdherence
        self.categoryAdherence = categoryAdherence
        self.columns = columns
        self.structure = structure
    }

    public static func compute(_ data: FidelityData) -> DataDiagnostics {
        let settings = QualitySettings.sdmetrics
        return compute(data, prepared: PreparedColumn.all(data, columns: QualityColumns(data, settings: settings).scored,
                                                          binCount: settings.binCount))
    }

    static func compute(_ data: FidelityData, prepared: [PreparedColumn]) -> DataDiagnostics {
        let columns = Parallel.map(prepared.count) { Adherence.score(prepared[$0]) }
        func mean(_ metric: AdherenceMetric) -> Double? {
            ScoreAverage.mean(columns.filter { $0.metric == metric }.compactMap(\.score))
        }
        return DataDiagnostics(boundaryAdherence: mean(.boundaryAdherence), categoryAdherence: mean(.categoryAdherence),
                               columns: columns, structure: TableStructure.compute(data))
    }
}
