import Fidelity

extension CorrelationGrid {
    /// The real and synthetic matrices of Fidelity's correlations (Pearson's ρ for numeric
    /// pairs, Cramér's V for the others).
    public init(_ matrices: CorrelationMatrices) {
        self.init(names: matrices.columns, real: matrices.real, synthetic: matrices.synthetic)
    }
}

extension CorrelationHeatmapWidget {
    /// The heatmaps of Fidelity's correlations; the legend notes Cramér's V when some pairs
    /// are not both numeric.
    public init(_ matrices: CorrelationMatrices, title: String = "correlations") {
        self.init(CorrelationGrid(matrices), title: title)
        if matrices.isContinuous.contains(false) {
            note = matrices.isContinuous.contains(true)
                ? "numeric pairs: Pearson's r; other pairs: Cramer's V (0..1)"
                : "Cramer's V (0..1)"
        }
    }
}
