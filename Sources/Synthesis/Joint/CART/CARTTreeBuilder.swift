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
        var tree = CARTTree(feature: [-1], cut: [0], child: [0], flags: [0], classSets: [], leafStart: [0], pool: [], values: [], bandwidths: nil)
        var leafRanges: [Range<Int>] = []

        let rootImpurity = rows.withUnsafeBufferPointer { search.impurity($0) }
        // Gains below a tiny share of the root's impurity are rounding noise, not structure.
        let minimumGain = max(settings.complexity, 1e-12) * rootImpurity

        var pending: [(node: Int, range: Range<Int>, depth: Int)] = [(0, 0..<rows.count, 0)]
        while let (node, range, depth) = pending.popLast() {
            var split: CARTSplit?
            if depth < settings.maximumDepth, range.count >= settings.minimumSplit, rootImpurity > 0 {
                split = rows.withUnsafeBufferPointer { all in
                    search.best(UnsafeBufferPointer(rebasing: all[range]), minimumGain: minimumGain)
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
            pending.append((left + 1, middle..<range.upperBound, depth + 1))
            pending.append((left, range.lowerBound..<middle, depth + 1))
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
