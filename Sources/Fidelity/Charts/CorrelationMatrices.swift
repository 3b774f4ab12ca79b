import Tabular

/// The data of three heatmaps: how strongly each pair of evaluated columns is related in the
/// real data, in the synthetic data, and the difference.
///
/// Two continuous columns: Pearson's ρ in [−1, 1] over rows where both are present.
/// Any other pair: Cramér's V in [0, 1] of the contingency table, continuous columns cut into
/// the same 10 equal-width bins as Column Pair Trends (each table on its own edges) and null kept
/// as a cell. `isContinuous` tells which measure a cell holds: Pearson exactly when both of its
/// columns are continuous.
public struct CorrelationMatrices: Sendable, Codable, Equatable {
    public let columns: [String]
    public let isContinuous: [Bool]
    /// `real[i][j]`, symmetric, 1 on the diagonal; nil where the measure is undefined (a constant
    /// column, fewer than two complete rows).
    public let real: [[Double?]]
    public let synthetic: [[Double?]]
    /// `synthetic − real`, nil where either is nil.
    public let difference: [[Double?]]

    public init(columns: [String], isContinuous: [Bool], real: [[Double?]], synthetic: [[Double?]],
                difference: [[Double?]]) {
        self.columns = columns
        self.isContinuous = isContinuous
        self.real = real
        self.synthetic = synthetic
        self.difference = difference
    }

    /// True when cell (i, j) holds Pearson's ρ, false when it holds Cramér's V.
    public func isPearson(_ i: Int, _ j: Int) -> Bool { isContinuous[i] && isContinuous[j] }

    public static func compute(_ data: FidelityData, binCount: Int = QualitySettings.sdmetrics.binCount) -> CorrelationMatrices {
        compute(prepared: PreparedColumn.all(data, binCount: binCount))
    }

    static func compute(prepared: [PreparedColumn]) -> CorrelationMatrices {
        let count = prepared.count
        let pairs = (0..<count).flatMap { i in (i + 1..<count).map { (i, $0) } }
        let measured = Parallel.map(pairs.count) { index -> (Double?, Double?) in
            let first = prepared[pairs[index].0], second = prepared[pairs[index].1]
            if first.isContinuous && second.isContinuous {
                return (PearsonCorrelation.coefficient(first.realValues, second.realValues),
                        PearsonCorrelation.coefficient(first.syntheticValues, second.syntheticValues))
            }
            return (Contingency(first.realCodes, widthA: first.codeWidth, second.realCodes, widthB: second.codeWidth).cramersV,
                    Contingency(first.syntheticCodes, widthA: first.codeWidth, second.syntheticCodes,
                                widthB: second.codeWidth).cramersV)
        }
        var real = [[Double?]](repeating: [Double?](repeating: nil, count: count), count: count)
        var synthetic = real
        for i in 0..<count {
            real[i][i] = 1
            synthetic[i][i] = 1
        }
        for (index, (i, j)) in pairs.enumerated() {
            (real[i][j], synthetic[i][j]) = measured[index]
            (real[j][i], synthetic[j][i]) = measured[index]
        }
        let difference = (0..<count).map { i in
            (0..<count).map { j in real[i][j].flatMap { r in synthetic[i][j].map { $0 - r } } }
        }
        return CorrelationMatrices(columns: prepared.map(\.name), isContinuous: prepared.map(\.isContinuous),
                                   real: real, synthetic: synthetic, difference: difference)
    }
}
