import Tabular

/// One evaluated column of both tables, in the forms the quality metrics read. Built once per
/// column (in parallel) and shared by the column, pair, diagnostic and chart computations.
struct PreparedColumn: Sendable {
    let name: String
    let kind: ColumnKind
    let isContinuous: Bool
    /// Continuous columns: values with NaN for null.
    let realValues: [Double]
    let syntheticValues: [Double]
    /// Continuous columns: the bins of each side, each over its own range (SDMetrics' choice).
    let realBins: EqualWidthBins?
    let syntheticBins: EqualWidthBins?
    /// Categorical columns: shared codes with null as a code of its own.
    let categories: SharedCategories?
    /// Discrete codes for contingency tables: bin numbers for continuous columns, shared category
    /// codes otherwise; `codeWidth` bounds both sides' codes.
    let realCodes: [Int32]
    let syntheticCodes: [Int32]
    let codeWidth: Int

    init(name: String, kind: ColumnKind, real: Column, synthetic: Column, binCount: Int) {
        self.name = name
        self.kind = kind
        isContinuous = FidelityData.isContinuous(kind)
        if isContinuous {
            realValues = NumberLine.values(real)
            syntheticValues = NumberLine.values(synthetic)
            let realBins = EqualWidthBins(values: realValues, count: binCount)
            let syntheticBins = EqualWidthBins(values: syntheticValues, count: binCount)
            self.realBins = realBins
            self.syntheticBins = syntheticBins
            categories = nil
            realCodes = realBins.codes(realValues)
            syntheticCodes = syntheticBins.codes(syntheticValues)
            codeWidth = binCount + 2
        } else {
            realValues = []
            syntheticValues = []
            realBins = nil
            syntheticBins = nil
            let categories = SharedCategories(real: real, synthetic: synthetic)
            self.categories = categories
            realCodes = categories.real
            syntheticCodes = categories.synthetic
            codeWidth = categories.codeCount
        }
    }

    /// The named columns of `data` (the evaluated ones by default), prepared on all cores.
    static func all(_ data: FidelityData, columns: [String]? = nil, binCount: Int) -> [PreparedColumn] {
        let names = columns ?? data.columns
        return Parallel.map(names.count) { index in
            let name = names[index]
            return PreparedColumn(name: name, kind: data.kinds[name]!,
                                  real: data.real.column(named: name)!,
                                  synthetic: data.synthetic.column(named: name)!,
                                  binCount: binCount)
        }
    }
}
