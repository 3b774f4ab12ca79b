/// Finds a node's best split from per-bin histograms of each predictor, as CART does: the cut
/// that most reduces the squared error (regression) or the Gini impurity (classification),
/// with at least `minimumBucket` rows on each side.
///
/// - Numeric predictors: every cut between two occupied bins, with the node's nulls sent to
///   whichever side is better, plus "null or not".
/// - Class predictors: classes (null among them) ordered by the target's mean, or by the share
///   of one target class, and cut between neighbours in that order — Breiman's ordering, exact
///   for regression and two-class targets; for more classes, the orders of the node's three
///   most frequent classes are each tried.
final class CARTSplitSearch {
    private let features: [CARTFeatureColumn]
    private let minimumBucket: Int
    private let values: [Double]
    private let classes: [UInt32]
    private let classCount: Int
    private var isRegression: Bool { classCount == 0 }

    /// Where each predictor's bins start in a histogram.
    private let offsets: [Int]
    let cellCount: Int
    // The histogram being scanned, and where the scanned predictor's bins start in it.
    private var histogram = CARTHistogram(rows: [], sums: [], classes: [])
    private var base = 0
    // Per class: the node's counts, and the counts left of the cut being scanned.
    private var nodeClasses: [Int]
    private var leftClasses: [Int]
    private var occupied: [Int] = []
    private var keys: [Double]

    private struct Best {
        var score: Double
        var feature = -1
        var leftCount = 0
        /// Numeric: the last bin on the left (-1: none), the next occupied bin, where nulls go.
        var lastLeftBin = -1
        var nextBin = -1
        var nullsLeft = false
        var nodeHadNulls = false
        /// Categorical: bins in scan order, the first `prefix` of them going left.
        var order: [Int] = []
        var prefix = 0
    }

    private var best = Best(score: 0)
    private var nodeCount = 0

    init(features: [CARTFeatureColumn], target: CARTTarget, minimumBucket: Int) {
        self.features = features
        self.minimumBucket = max(1, minimumBucket)
        let maximumBins = features.map(\.binCount).max() ?? 1
        switch target {
        case .regression(let values):
            self.values = values
            classes = []
            classCount = 0
        case .classification(let classes, let count):
            values = []
            self.classes = classes
            classCount = count
        }
        var offsets: [Int] = []
        var total = 0
        for feature in features {
            offsets.append(total)
            total += feature.binCount
        }
        self.offsets = offsets
        cellCount = total
        nodeClasses = [Int](repeating: 0, count: classCount)
        leftClasses = [Int](repeating: 0, count: classCount)
        keys = [Double](repeating: 0, count: maximumBins)
    }

    /// The node's impurity: squared error around its mean, or Gini impurity times rows.
    func impurity(_ rows: UnsafeBufferPointer<Int32>) -> Double {
        let n = Double(rows.count)
        guard n > 0 else { return 0 }
        if isRegression {
            var sum = 0.0
            var squares = 0.0
            for row in rows {
                let value = values[Int(row)]
                sum += value
                squares += value * value
            }
            return max(0, squares - sum * sum / n)
        }
        var counts = [Int](repeating: 0, count: classCount)
        for row in rows { counts[Int(classes[Int(row)])] += 1 }
        return n - counts.reduce(0.0) { $0 + Double($1 * $1) } / n
    }

    /// The best split of the node holding `rows` (whose histogram is `histogram`) whose gain
    /// exceeds `minimumGain`, if any.
    func best(_ rows: UnsafeBufferPointer<Int32>, histogram: CARTHistogram, minimumGain: Double) -> CARTSplit? {
        let n = rows.count
        guard n >= 2 * minimumBucket else { return nil }
        nodeCount = n
        let parentScore: Double
        if isRegression {
            var sum = 0.0
            var low = Double.infinity
            var high = -Double.infinity
            for row in rows {
                let value = values[Int(row)]
                sum += value
                low = min(low, value)
                high = max(high, value)
            }
            if low == high { return nil }
            parentScore = sum * sum / Double(n)
        } else {
            for k in 0..<classCount { nodeClasses[k] = 0 }
            for row in rows { nodeClasses[Int(classes[Int(row)])] += 1 }
            if nodeClasses.count(where: { $0 > 0 }) < 2 { return nil }
            parentScore = nodeClasses.reduce(0.0) { $0 + Double($1 * $1) } / Double(n)
        }
        best = Best(score: parentScore + minimumGain)
        self.histogram = histogram
        defer { self.histogram = CARTHistogram(rows: [], sums: [], classes: []) }
        for feature in features.indices {
            base = offsets[feature]
            if features[feature].isCategorical {
                if isRegression { scanClassesRegression(feature) } else { scanClassesClassification(feature) }
            } else {
                if isRegression { scanNumberRegression(feature) } else { scanNumberClassification(feature) }
            }
        }
        guard best.feature >= 0 else { return nil }
        return materialise(gain: best.score - parentScore)
    }

    // MARK: Histograms

    /// Per predictor and bin, the rows of the node and their targets' sum or class counts.
    func histogram(_ rows: UnsafeBufferPointer<Int32>) -> CARTHistogram {
        var histogram = CARTHistogram(rows: [Int32](repeating: 0, count: cellCount),
                                      sums: [Double](repeating: 0, count: isRegression ? cellCount : 0),
                                      classes: [Int32](repeating: 0, count: cellCount * classCount))
        let width = classCount
        for (feature, column) in features.enumerated() {
            let offset = offsets[feature]
            column.bins.withUnsafeBufferPointer { bins in
                histogram.rows.withUnsafeMutableBufferPointer { counts in
                    if isRegression {
                        values.withUnsafeBufferPointer { values in
                            histogram.sums.withUnsafeMutableBufferPointer { sums in
                                for row in rows {
                                    let bin = offset + Int(bins[Int(row)])
                                    counts[bin] += 1
                                    sums[bin] += values[Int(row)]
                                }
                            }
                        }
                    } else {
                        classes.withUnsafeBufferPointer { classes in
                            histogram.classes.withUnsafeMutableBufferPointer { cells in
                                for row in rows {
                                    let bin = offset + Int(bins[Int(row)])
                                    counts[bin] += 1
                                    cells[bin * width + Int(classes[Int(row)])] += 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return histogram
    }

    @inline(__always) private func rowsIn(_ bin: Int) -> Int { Int(histogram.rows[base + bin]) }
    @inline(__always) private func sumIn(_ bin: Int) -> Double { histogram.sums[base + bin] }
    @inline(__always) private func classIn(_ bin: Int, _ k: Int) -> Int { Int(histogram.classes[(base + bin) * classCount + k]) }

    // MARK: Scans

    @inline(__always)
    private func regressionScore(leftCount: Int, leftSum: Double, total: Double) -> Double? {
        let rightCount = nodeCount - leftCount
        guard leftCount >= minimumBucket, rightCount >= minimumBucket else { return nil }
        let rightSum = total - leftSum
        return leftSum * leftSum / Double(leftCount) + rightSum * rightSum / Double(rightCount)
    }

    @inline(__always)
    private func classificationScore(leftCount: Int, leftSquares: Double, rightSquares: Double) -> Double? {
        let rightCount = nodeCount - leftCount
        guard leftCount >= minimumBucket, rightCount >= minimumBucket else { return nil }
        return leftSquares / Double(leftCount) + rightSquares / Double(rightCount)
    }

    private func collectOccupied(upTo end: Int) {
        occupied.removeAll(keepingCapacity: true)
        for bin in 0..<end where rowsIn(bin) > 0 { occupied.append(bin) }
    }

    private func recordNumber(_ score: Double, feature: Int, leftCount: Int, position: Int, nullsLeft: Bool) {
        best.score = score
        best.feature = feature
        best.leftCount = leftCount
        best.lastLeftBin = occupied[position]
        best.nextBin = position + 1 < occupied.count ? occupied[position + 1] : -1
        best.nullsLeft = nullsLeft
        best.nodeHadNulls = rowsIn(features[feature].nullBin) > 0
        best.order = []
    }

    private func recordClasses(_ score: Double, feature: Int, leftCount: Int, prefix: Int) {
        best.score = score
        best.feature = feature
        best.leftCount = leftCount
        best.order = occupied
        best.prefix = prefix
    }

    private func scanNumberRegression(_ feature: Int) {
        let nullBin = features[feature].nullBin
        collectOccupied(upTo: nullBin)
        guard !occupied.isEmpty else { return }
        let nullCount = rowsIn(nullBin)
        let nullSum = sumIn(nullBin)
        var total = nullSum
        for bin in occupied { total += sumIn(bin) }
        var leftCount = 0
        var leftSum = 0.0
        for position in occupied.indices {
            let bin = occupied[position]
            leftCount += rowsIn(bin)
            leftSum += sumIn(bin)
            if position < occupied.count - 1 {
                if let score = regressionScore(leftCount: leftCount, leftSum: leftSum, total: total), score > best.score {
                    recordNumber(score, feature: feature, leftCount: leftCount, position: position, nullsLeft: false)
                }
                if nullCount > 0, let score = regressionScore(leftCount: leftCount + nullCount, leftSum: leftSum + nullSum, total: total),
                   score > best.score {
                    recordNumber(score, feature: feature, leftCount: leftCount + nullCount, position: position, nullsLeft: true)
                }
            } else if nullCount > 0, let score = regressionScore(leftCount: leftCount, leftSum: leftSum, total: total), score > best.score {
                recordNumber(score, feature: feature, leftCount: leftCount, position: position, nullsLeft: false)
            }
        }
    }

    private func scanNumberClassification(_ feature: Int) {
        let nullBin = features[feature].nullBin
        collectOccupied(upTo: nullBin)
        guard !occupied.isEmpty else { return }
        let width = classCount
        let nullCount = rowsIn(nullBin)
        let nullClasses = (0..<width).filter { classIn(nullBin, $0) > 0 }
        var leftSquares = 0.0
        var rightSquares = 0.0
        for k in 0..<width {
            leftClasses[k] = 0
            rightSquares += Double(nodeClasses[k] * nodeClasses[k])
        }
        var leftCount = 0
        for position in occupied.indices {
            let bin = occupied[position]
            addToLeft(bin, leftSquares: &leftSquares, rightSquares: &rightSquares)
            leftCount += rowsIn(bin)
            if position < occupied.count - 1 {
                if let score = classificationScore(leftCount: leftCount, leftSquares: leftSquares, rightSquares: rightSquares), score > best.score {
                    recordNumber(score, feature: feature, leftCount: leftCount, position: position, nullsLeft: false)
                }
                if nullCount > 0 {
                    var withNullsLeft = leftSquares
                    var withoutNullsRight = rightSquares
                    for k in nullClasses {
                        let moved = Double(classIn(nullBin, k))
                        let left = Double(leftClasses[k])
                        let right = Double(nodeClasses[k] - leftClasses[k])
                        withNullsLeft += (2 * left + moved) * moved
                        withoutNullsRight += (moved - 2 * right) * moved
                    }
                    if let score = classificationScore(leftCount: leftCount + nullCount, leftSquares: withNullsLeft, rightSquares: withoutNullsRight),
                       score > best.score {
                        recordNumber(score, feature: feature, leftCount: leftCount + nullCount, position: position, nullsLeft: true)
                    }
                }
            } else if nullCount > 0, let score = classificationScore(leftCount: leftCount, leftSquares: leftSquares, rightSquares: rightSquares),
                      score > best.score {
                recordNumber(score, feature: feature, leftCount: leftCount, position: position, nullsLeft: false)
            }
        }
    }

    /// Moves one bin's rows to the left side, updating both sides' sums of squared class counts.
    @inline(__always)
    private func addToLeft(_ bin: Int, leftSquares: inout Double, rightSquares: inout Double) {
        for k in 0..<classCount {
            let count = classIn(bin, k)
            guard count != 0 else { continue }
            let left = leftClasses[k]
            let right = nodeClasses[k] - left
            leftSquares += Double((2 * left + count) * count)
            rightSquares += Double((count - 2 * right) * count)
            leftClasses[k] = left + count
        }
    }

    private func scanClassesRegression(_ feature: Int) {
        collectOccupied(upTo: features[feature].binCount)
        guard occupied.count >= 2 else { return }
        for bin in occupied { keys[bin] = sumIn(bin) / Double(rowsIn(bin)) }
        occupied.sort { keys[$0] < keys[$1] }
        var total = 0.0
        for bin in occupied { total += sumIn(bin) }
        var leftCount = 0
        var leftSum = 0.0
        for position in 0..<(occupied.count - 1) {
            let bin = occupied[position]
            leftCount += rowsIn(bin)
            leftSum += sumIn(bin)
            if let score = regressionScore(leftCount: leftCount, leftSum: leftSum, total: total), score > best.score {
                recordClasses(score, feature: feature, leftCount: leftCount, prefix: position + 1)
            }
        }
    }

    private func scanClassesClassification(_ feature: Int) {
        collectOccupied(upTo: features[feature].binCount)
        guard occupied.count >= 2 else { return }
        let orderings: [Int]
        if classCount == 2 {
            orderings = [1]
        } else {
            orderings = Array((0..<classCount).filter { nodeClasses[$0] > 0 }.sorted { nodeClasses[$0] > nodeClasses[$1] }.prefix(3))
        }
        for target in orderings {
            for bin in occupied { keys[bin] = Double(classIn(bin, target)) / Double(rowsIn(bin)) }
            occupied.sort { keys[$0] < keys[$1] }
            var leftSquares = 0.0
            var rightSquares = 0.0
            for k in 0..<classCount {
                leftClasses[k] = 0
                rightSquares += Double(nodeClasses[k] * nodeClasses[k])
            }
            var leftCount = 0
            for position in 0..<(occupied.count - 1) {
                let bin = occupied[position]
                addToLeft(bin, leftSquares: &leftSquares, rightSquares: &rightSquares)
                leftCount += rowsIn(bin)
                if let score = classificationScore(leftCount: leftCount, leftSquares: leftSquares, rightSquares: rightSquares), score > best.score {
                    recordClasses(score, feature: feature, leftCount: leftCount, prefix: position + 1)
                }
            }
        }
    }

    // MARK: Result

    /// Bins the node never saw (and null, when it had none) go with the larger side, the best
    /// guess for synthetic rows that reach this node with them.
    private func materialise(gain: Double) -> CARTSplit {
        let column = features[best.feature]
        let leftCount = best.leftCount
        let rightCount = nodeCount - leftCount
        let largerIsLeft = leftCount >= rightCount
        var goesLeft = [Bool](repeating: largerIsLeft, count: column.binCount)
        var cut = 0.0
        if column.isCategorical {
            for bin in best.order { goesLeft[bin] = false }
            for bin in best.order.prefix(best.prefix) { goesLeft[bin] = true }
        } else {
            for bin in 0..<column.nullBin { goesLeft[bin] = bin <= best.lastLeftBin }
            if best.nextBin >= 0 {
                cut = (column.upper[best.lastLeftBin] + column.lower[best.nextBin]) / 2
                if best.nodeHadNulls { goesLeft[column.nullBin] = best.nullsLeft }
            } else {
                // Every number left, nulls right.
                cut = Double.greatestFiniteMagnitude
                goesLeft[column.nullBin] = false
            }
        }
        return CARTSplit(feature: best.feature, goesLeft: goesLeft, cut: cut, isCategorical: column.isCategorical,
                         gain: gain, leftCount: leftCount, rightCount: rightCount)
    }
}
