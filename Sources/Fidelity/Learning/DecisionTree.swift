import Tabular

/// A CART decision tree (Breiman et al., 1984): binary splits `x[feature] ≤ threshold`, chosen to
/// reduce Gini impurity (classification) or the sum of squared errors (regression) the most.
///
/// Hand-written like the other learners here. Every feature is sorted once; a node's rows then
/// stay a contiguous run of each sorted order, and a split partitions those runs stably, so a
/// level of the tree costs O(rows × features) and no node sorts again. Ties are broken by
/// feature order and then by position, so the same data always give the same tree.
public struct DecisionTree: Sendable, Codable, Equatable {
    /// When to stop splitting.
    public struct Parameters: Sendable, Codable, Equatable {
        /// The root has depth 0; a tree of depth d has at most 2^d leaves.
        public var maxDepth: Int
        /// Fewest training rows in a leaf (rpart's `minbucket`).
        public var minLeaf: Int
        /// A split must lower the impurity by at least this fraction of the root's impurity,
        /// like rpart's complexity parameter `cp`; 0 takes every split that helps at all.
        public var minImprovement: Double

        public init(maxDepth: Int = 10, minLeaf: Int = 5, minImprovement: Double = 0) {
            precondition(maxDepth >= 0 && minLeaf >= 1 && minImprovement >= 0, "invalid tree parameters")
            self.maxDepth = maxDepth
            self.minLeaf = minLeaf
            self.minImprovement = minImprovement
        }
    }

    /// One node. A leaf has `feature == -1` and its prediction at `leafValues[value...]`.
    public struct Node: Sendable, Codable, Equatable {
        public var feature: Int32
        public var threshold: Double
        public var left: Int32
        public var right: Int32
        public var value: Int32
    }

    /// 0 for a regression tree; the number of classes for a classification tree.
    public var classes: Int
    public var nodes: [Node]
    /// Class probabilities (`classes` per leaf) or one mean per leaf.
    public var leafValues: [Double]

    public var leafCount: Int { nodes.count { $0.feature < 0 } }

    /// The longest path from the root to a leaf, in splits.
    public var depth: Int {
        var deepest = 0
        var stack: [(Int, Int)] = nodes.isEmpty ? [] : [(0, 0)]
        while let (index, level) = stack.popLast() {
            let node = nodes[index]
            if node.feature < 0 {
                deepest = max(deepest, level)
            } else {
                stack.append((Int(node.left), level + 1))
                stack.append((Int(node.right), level + 1))
            }
        }
        return deepest
    }

    /// A classification tree; labels are class indices in 0..<classes.
    public static func classifier(_ x: FeatureMatrix, labels: [Int32], classes: Int, parameters: Parameters = Parameters()) -> DecisionTree {
        classifier(x, labels: labels, classes: classes, parameters: parameters, presorted: PresortedFeatures(x))
    }

    /// A classification tree on features sorted beforehand (shared by trees on the same features).
    static func classifier(_ x: FeatureMatrix, labels: [Int32], classes: Int, parameters: Parameters, presorted: PresortedFeatures) -> DecisionTree {
        precondition(labels.count == x.rows, "\(labels.count) labels for \(x.rows) rows")
        precondition(classes >= 1 && labels.allSatisfy { $0 >= 0 && Int($0) < classes }, "labels must lie in 0..<classes")
        return TreeBuilder(presorted, target: .classes(labels, classes), parameters: parameters).build()
    }

    /// A regression tree predicting the mean of its leaf.
    public static func regressor(_ x: FeatureMatrix, targets: [Double], parameters: Parameters = Parameters()) -> DecisionTree {
        precondition(targets.count == x.rows, "\(targets.count) targets for \(x.rows) rows")
        return TreeBuilder(PresortedFeatures(x), target: .values(targets), parameters: parameters).build()
    }

    /// The leaf each row falls into (its index in `nodes`).
    public func leaves(_ x: FeatureMatrix) -> [Int] {
        let columns = x.columns
        return (0..<x.rows).map { row in
            var index = 0
            while nodes[index].feature >= 0 {
                let node = nodes[index]
                index = Int(columns[Int(node.feature)][row] <= node.threshold ? node.left : node.right)
            }
            return index
        }
    }

    /// Regression: the leaf means.
    public func predict(_ x: FeatureMatrix) -> [Double] {
        precondition(classes == 0, "predict(_:) is for regression trees; use probabilities(_:)")
        return leaves(x).map { leafValues[Int(nodes[$0].value)] }
    }

    /// Classification: class probabilities, row-major (`result[row * classes + class]`).
    public func probabilities(_ x: FeatureMatrix) -> [Double] {
        precondition(classes > 0, "probabilities(_:) is for classification trees")
        var result = [Double]()
        result.reserveCapacity(x.rows * classes)
        for leaf in leaves(x) {
            let start = Int(nodes[leaf].value)
            result.append(contentsOf: leafValues[start..<(start + classes)])
        }
        return result
    }

    /// Classification: the most probable class (the lowest index on ties).
    public func predictClasses(_ x: FeatureMatrix) -> [Int32] {
        ClassProbabilities.argmax(probabilities(x), classes: classes)
    }
}

/// Grows one tree. Holds its own copy of every feature's sorted row order and sorted values, in
/// raw buffers so that the split search and the partitions can run on all cores for large nodes.
private final class TreeBuilder: @unchecked Sendable {
    enum Target {
        case classes([Int32], Int)
        case values([Double])
    }

    private let rows: Int
    private let featureCount: Int
    private let target: Target
    private let parameters: DecisionTree.Parameters
    /// `order[f * rows + i]`: the i-th row of the current node runs in feature f's sorted order.
    private let order: UnsafeMutablePointer<Int32>
    /// `sorted[f * rows + i]`: that row's value of feature f.
    private let sorted: UnsafeMutablePointer<Double>
    /// Scratch: whether a row goes left in the split being applied.
    private let goesLeft: UnsafeMutablePointer<Bool>
    private var nodes: [DecisionTree.Node] = []
    private var leafValues: [Double] = []

    init(_ presorted: PresortedFeatures, target: Target, parameters: DecisionTree.Parameters) {
        rows = presorted.rows
        featureCount = presorted.featureCount
        self.target = target
        self.parameters = parameters
        let cells = rows * featureCount
        order = .allocate(capacity: max(cells, 1))
        sorted = .allocate(capacity: max(cells, 1))
        goesLeft = .allocate(capacity: max(rows, 1))
        if cells > 0 {
            presorted.order.withUnsafeBufferPointer { order.initialize(from: $0.baseAddress!, count: cells) }
            presorted.sorted.withUnsafeBufferPointer { sorted.initialize(from: $0.baseAddress!, count: cells) }
        }
    }

    deinit {
        order.deallocate()
        sorted.deallocate()
        goesLeft.deallocate()
    }

    /// A node's run of rows [start, end) in every feature's order.
    private struct Pending {
        var node: Int
        var start: Int
        var end: Int
        var depth: Int
    }

    private struct Split {
        var feature: Int
        var leftCount: Int
        var threshold: Double
        var score: Double
    }

    func build() -> DecisionTree {
        let classes: Int
        switch target {
        case .classes(_, let count): classes = count
        case .values: classes = 0
        }
        nodes.append(DecisionTree.Node(feature: -1, threshold: 0, left: -1, right: -1, value: -1))
        let rootRows = featureCount > 0 ? nil : Array(0..<rows)
        let rootImpurity = impurity(start: 0, end: rows, allRows: rootRows).impurity
        let required = max(parameters.minImprovement * rootImpurity, 1e-12 * rootImpurity)
        var stack = [Pending(node: 0, start: 0, end: rows, depth: 0)]
        while let pending = stack.popLast() {
            let stats = impurity(start: pending.start, end: pending.end, allRows: pending.node == 0 ? rootRows : nil)
            let count = pending.end - pending.start
            var split: Split?
            if featureCount > 0, pending.depth < parameters.maxDepth, count >= 2 * parameters.minLeaf, stats.impurity > 0 {
                split = bestSplit(pending, parentScore: stats.score)
                if let found = split, !(found.score - stats.score > required && found.score - stats.score > 0) { split = nil }
            }
            guard let split else {
                nodes[pending.node].value = Int32(leafValues.count)
                leafValues.append(contentsOf: stats.prediction)
                continue
            }
            partition(pending, split)
            let left = nodes.count, right = nodes.count + 1
            nodes.append(DecisionTree.Node(feature: -1, threshold: 0, left: -1, right: -1, value: -1))
            nodes.append(DecisionTree.Node(feature: -1, threshold: 0, left: -1, right: -1, value: -1))
            nodes[pending.node] = DecisionTree.Node(feature: Int32(split.feature), threshold: split.threshold, left: Int32(left), right: Int32(right), value: -1)
            let middle = pending.start + split.leftCount
            stack.append(Pending(node: right, start: middle, end: pending.end, depth: pending.depth + 1))
            stack.append(Pending(node: left, start: pending.start, end: middle, depth: pending.depth + 1))
        }
        return DecisionTree(classes: classes, nodes: nodes, leafValues: leafValues)
    }

    /// The node's impurity (n·Gini, or the sum of squared errors), its "score" (the quantity a
    /// split maximises: Σc²/n for classes, (Σy)²/n for values; impurity = constant − score) and
    /// its prediction.
    private func impurity(start: Int, end: Int, allRows: [Int]?) -> (impurity: Double, score: Double, prediction: [Double]) {
        let count = end - start
        let rowAt: (Int) -> Int = { index in allRows.map { $0[index] } ?? Int(self.order[index]) }
        switch target {
        case .classes(let labels, let classes):
            var counts = [Double](repeating: 0, count: classes)
            for index in start..<end { counts[Int(labels[rowAt(index)])] += 1 }
            let n = Double(max(count, 1))
            let squares = counts.reduce(0) { $0 + $1 * $1 }
            return (Double(count) - squares / n, squares / n, counts.map { $0 / n })
        case .values(let values):
            var total = 0.0, squares = 0.0
            for index in start..<end {
                let value = values[rowAt(index)]
                total += value
                squares += value * value
            }
            let n = Double(max(count, 1))
            let mean = total / n
            var sse = 0.0
            for index in start..<end {
                let deviation = values[rowAt(index)] - mean
                sse += deviation * deviation
            }
            return (sse, total * total / n, [mean])
        }
    }

    private func bestSplit(_ pending: Pending, parentScore: Double) -> Split? {
        let count = pending.end - pending.start
        let search: @Sendable (Int) -> Split? = { feature in self.bestSplit(feature: feature, pending) }
        let candidates = count * featureCount >= 100_000 ? Parallel.map(featureCount, search) : (0..<featureCount).map(search)
        var best: Split?
        for candidate in candidates {
            guard let candidate else { continue }
            if best == nil || candidate.score > best!.score { best = candidate }
        }
        return best
    }

    /// The best split of one feature: a scan over its sorted run, moving one row at a time from
    /// the right side to the left and updating the score in O(1).
    private func bestSplit(feature: Int, _ pending: Pending) -> Split? {
        let base = feature * rows
        let start = pending.start, end = pending.end
        let count = end - start
        let minLeaf = parameters.minLeaf
        var best: Split?
        switch target {
        case .classes(let labels, let classes):
            var right = [Int](repeating: 0, count: classes)
            for index in start..<end { right[Int(labels[Int(order[base + index])])] += 1 }
            var left = [Int](repeating: 0, count: classes)
            var leftSquares = 0.0
            var rightSquares = right.reduce(0.0) { $0 + Double($1 * $1) }
            for index in start..<(end - 1) {
                let label = Int(labels[Int(order[base + index])])
                leftSquares += Double(2 * left[label] + 1)
                left[label] += 1
                rightSquares -= Double(2 * right[label] - 1)
                right[label] -= 1
                let leftCount = index - start + 1
                if leftCount < minLeaf { continue }
                if count - leftCount < minLeaf { break }
                let value = sorted[base + index], next = sorted[base + index + 1]
                if value == next { continue }
                let score = leftSquares / Double(leftCount) + rightSquares / Double(count - leftCount)
                if best == nil || score > best!.score {
                    best = Split(feature: feature, leftCount: leftCount, threshold: Self.midpoint(value, next), score: score)
                }
            }
        case .values(let values):
            var total = 0.0
            for index in start..<end { total += values[Int(order[base + index])] }
            var leftSum = 0.0
            for index in start..<(end - 1) {
                leftSum += values[Int(order[base + index])]
                let leftCount = index - start + 1
                if leftCount < minLeaf { continue }
                if count - leftCount < minLeaf { break }
                let value = sorted[base + index], next = sorted[base + index + 1]
                if value == next { continue }
                let rightSum = total - leftSum
                let score = leftSum * leftSum / Double(leftCount) + rightSum * rightSum / Double(count - leftCount)
                if best == nil || score > best!.score {
                    best = Split(feature: feature, leftCount: leftCount, threshold: Self.midpoint(value, next), score: score)
                }
            }
        }
        return best
    }

    /// A threshold strictly between two neighbouring values, so that `≤` sends the lower left.
    private static func midpoint(_ low: Double, _ high: Double) -> Double {
        let middle = low + (high - low) / 2
        return middle < high ? middle : low
    }

    /// Reorders every other feature's run so that the left child's rows come first, keeping
    /// each side sorted (a stable partition).
    private func partition(_ pending: Pending, _ split: Split) {
        let start = pending.start, end = pending.end
        let splitBase = split.feature * rows
        for index in start..<end { goesLeft[Int(order[splitBase + index])] = index < start + split.leftCount }
        let work: @Sendable (Int) -> Int = { feature in
            guard feature != split.feature else { return 0 }
            self.stablePartition(feature: feature, start: start, end: end, leftCount: split.leftCount)
            return 0
        }
        if (end - start) * featureCount >= 100_000 {
            _ = Parallel.map(featureCount, work)
        } else {
            for feature in 0..<featureCount { _ = work(feature) }
        }
    }

    private func stablePartition(feature: Int, start: Int, end: Int, leftCount: Int) {
        let base = feature * rows
        let count = end - start
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { rightOrder in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: count) { rightValues in
                var nextLeft = start, nextRight = 0
                for index in start..<end {
                    let row = order[base + index]
                    let value = sorted[base + index]
                    if goesLeft[Int(row)] {
                        order[base + nextLeft] = row
                        sorted[base + nextLeft] = value
                        nextLeft += 1
                    } else {
                        rightOrder[nextRight] = row
                        rightValues[nextRight] = value
                        nextRight += 1
                    }
                }
                for index in 0..<nextRight {
                    order[base + nextLeft + index] = rightOrder[index]
                    sorted[base + nextLeft + index] = rightValues[index]
                }
            }
        }
    }
}
