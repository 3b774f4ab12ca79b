/// Grows one CART tree on the real rows: nodes split while they hold enough rows and a split
/// reduces the impurity by more than `complexity` times the root's (rpart's `cp`); there is no
/// pruning, as in synthpop, whose leaves are meant to be small.
struct CARTTreeBuilder {
    struct Settings: Codable, Sendable, Hashable {
        /// Fewest real rows in a leaf (rpart's `minbucket`).
        var minimumBucket: Int
        var maximumDepth: Int
        var complexity: Double

        /// rpart's default when only `minbucket` is given: a node needs three buckets' rows.
        var minimumSplit: Int { 3 * minimumBucket }
    }

    let features: [CARTFeatureColumn]
    let settings: Settings

    /// A tree over `rows` (indices of real rows). Leaves pool their rows' targets: class codes,
    /// or indices into the tree's ascending distinct values.
    func grow(_ target: CARTTarget, rows: [Int32]) -> CARTTree {
        var rows = rows
        let search = CARTSplitSearch(features: features, target: target, minimumBucket: settings.minimumBucket)
        var tree = CARTTree(feature: [-1], cut: [0], child: [0], flags: [0], classSets: [], leafStart: [0], pool: [], values: [], bandwidths: nil, leafBounds: nil)
        var leafRanges: [Range<Int>] = []

        let rootImpurity = rows.withUnsafeBufferPointer { search.impurity($0) }
        // Gains below a tiny share of the root's impurity are rounding noise, not structure.
        let minimumGain = max(settings.complexity, 1e-12) * rootImpurity

        func splittable(_ count: Int, depth: Int) -> Bool {
            depth < settings.maximumDepth && count >= settings.minimumSplit && rootImpurity > 0 && !features.isEmpty
        }
        func histogram(_ range: Range<Int>) -> CARTHistogram {
            rows.withUnsafeBufferPointer { search.histogram(UnsafeBufferPointer(rebasing: $0[range])) }
        }
        var pending: [(node: Int, range: Range<Int>, depth: Int, histogram: CARTHistogram?)] = [
            (0, 0..<rows.count, 0, splittable(rows.count, depth: 0) ? histogram(0..<rows.count) : nil),
        ]
        while let (node, range, depth, nodeHistogram) = pending.popLast() {
            var split: CARTSplit?
            if let nodeHistogram {
                split = rows.withUnsafeBufferPointer { all in
                    search.best(UnsafeBufferPointer(rebasing: all[range]), histogram: nodeHistogram, minimumGain: minimumGain)
                }
            }
            guard let split else {
                tree.child[node] = Int32(leafRanges.count)
                leafRanges.append(range)
                continue
            }
            let middle = partition(&rows, range, by: split)
            let left = tree.feature.count
            tree.feature += [-1, -1]
            tree.cut += [0, 0]
            tree.child += [0, 0]
            tree.flags += [0, 0]
            tree.feature[node] = Int32(split.feature)
            tree.child[node] = Int32(left)
            var flags: UInt8 = 0
            let column = features[split.feature]
            if split.goesLeft[column.nullBin] { flags |= CARTTree.nullsLeft }
            if split.isCategorical {
                flags |= CARTTree.classSplit
                tree.cut[node] = Double(tree.classSets.count)
                tree.classSets += classSet(split, column: column)
            } else {
                tree.cut[node] = split.cut
            }
            tree.flags[node] = flags
            // Count the smaller child; the larger is the parent minus it, unless counting it
            // row by row is cheaper than going through every cell.
            let leftRange = range.lowerBound..<middle
            let rightRange = middle..<range.upperBound
            let leftSplits = splittable(leftRange.count, depth: depth + 1)
            let rightSplits = splittable(rightRange.count, depth: depth + 1)
            var leftHistogram: CARTHistogram?
            var rightHistogram: CARTHistogram?
            if leftSplits || rightSplits, var parent = nodeHistogram {
                let (smaller, larger) = leftRange.count <= rightRange.count ? (leftRange, rightRange) : (rightRange, leftRange)
                let smallerHistogram = histogram(smaller)
                let largerHistogram: CARTHistogram
                if larger.count * features.count < search.cellCount {
                    largerHistogram = histogram(larger)
                } else {
                    parent.subtract(smallerHistogram)
                    largerHistogram = parent
                }
                (leftHistogram, rightHistogram) = smaller == leftRange ? (smallerHistogram, largerHistogram) : (largerHistogram, smallerHistogram)
            }
            pending.append((left + 1, rightRange, depth + 1, rightSplits ? rightHistogram : nil))
            pending.append((left, leftRange, depth + 1, leftSplits ? leftHistogram : nil))
        }

        switch target {
        case .classification(let classes, _):
            for range in leafRanges {
                for position in range { tree.pool.append(classes[Int(rows[position])]) }
                tree.leafStart.append(Int32(tree.pool.count))
            }
        case .regression(let values):
            tree.values = Array(Set(rows.map { values[Int($0)] })).sorted()
            let index = Dictionary(uniqueKeysWithValues: tree.values.enumerated().map { ($1, UInt32($0)) })
            for range in leafRanges {
                for position in range { tree.pool.append(index[values[Int(rows[position])]]!) }
                tree.leafStart.append(Int32(tree.pool.count))
            }
        }
        return tree
    }

    /// Rows going left first; returns where the right side starts.
    private func partition(_ rows: inout [Int32], _ range: Range<Int>, by split: CARTSplit) -> Int {
        let bins = features[split.feature].bins
        var low = range.lowerBound
        var high = range.upperBound - 1
        while low <= high {
            if split.goesLeft[Int(bins[Int(rows[low])])] {
                low += 1
            } else {
                rows.swapAt(low, high)
                high -= 1
            }
        }
        return low
    }

    /// The split's left classes as bits, with the bit past the last class for unseen classes,
    /// which go to the larger side.
    private func classSet(_ split: CARTSplit, column: CARTFeatureColumn) -> [UInt32] {
        let classCount = column.nullBin
        var words = [UInt32](repeating: 0, count: (classCount + 1 + 31) / 32)
        for code in 0...classCount {
            let left = code < classCount ? split.goesLeft[code] : split.leftCount >= split.rightCount
            if left { words[code >> 5] |= 1 << UInt32(code & 31) }
        }
        return words
    }
}
