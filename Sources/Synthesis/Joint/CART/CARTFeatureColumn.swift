/// One predictor, prepared once for growing trees: every row's bin.
///
/// Numbers go into at most `maximumNumericBins` bins of about equal row counts (one bin per
/// distinct value when there are few), so that a node's split search reads a histogram instead
/// of sorting; classes are their own bins. Null is always the last bin.
struct CARTFeatureColumn: Sendable {
    static let maximumNumericBins = 128

    let bins: [UInt16]
    /// Bins including the null bin.
    let binCount: Int
    let isCategorical: Bool
    /// Numeric bins: the smallest and largest real value in each, for thresholds between them.
    let lower: [Double]
    let upper: [Double]

    var nullBin: Int { binCount - 1 }

    init(encoded: [Double], coding: CARTValueCoding, maximumBins: Int = maximumNumericBins) {
        switch coding.scale {
        case .categorical:
            let nullBin = coding.classCount
            bins = encoded.map { $0.isNaN ? UInt16(nullBin) : UInt16(min(Int($0), nullBin)) }
            binCount = nullBin + 1
            isCategorical = true
            lower = []
            upper = []
        case .numeric:
            var order = encoded.indices.filter { !encoded[$0].isNaN }
            order.sort { encoded[$0] < encoded[$1] }
            let valid = order.count
            var distinct = 0
            for (rank, row) in order.enumerated() where rank == 0 || encoded[row] != encoded[order[rank - 1]] { distinct += 1 }
            let exact = distinct <= maximumBins
            var lower: [Double] = []
            var upper: [Double] = []
            var bins = [UInt16](repeating: 0, count: encoded.count)
            var bin = -1
            for (rank, row) in order.enumerated() {
                let value = encoded[row]
                // A new bin starts at a new value once the current one holds its share of rows.
                if bin < 0 || (value != upper[bin] && (exact || rank * maximumBins >= (bin + 1) * valid)) {
                    bin += 1
                    lower.append(value)
                    upper.append(value)
                }
                upper[bin] = value
                bins[row] = UInt16(bin)
            }
            let nullBin = bin + 1
            for row in encoded.indices where encoded[row].isNaN { bins[row] = UInt16(nullBin) }
            self.bins = bins
            binCount = nullBin + 1
            isCategorical = false
            self.lower = lower
            self.upper = upper
        }
    }
}
