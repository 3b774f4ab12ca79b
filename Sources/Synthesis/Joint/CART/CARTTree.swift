/// A fitted tree: its splits on the member's predictors, and per leaf the real target values
/// that fell in it (the leaf's pool, which sampling draws from).
///
/// Nodes are parallel arrays and pools are indices into one array of values, so that a tree of
/// thousands of leaves stays small in a session file.
struct CARTTree: Codable, Sendable, Equatable {
    /// Per node: the predictor slot it splits on, or -1 for a leaf.
    @Packed var feature: [Int32]
    /// Per node: a numeric split's cut (values at or below go left), or a class split's offset
    /// into `classSets`.
    @Packed var cut: [Double]
    /// Per node: the left child (the right child follows it), or for a leaf its leaf number.
    @Packed var child: [Int32]
    /// Per node: `nullsLeft` and `classSplit` bits.
    @Packed var flags: [UInt8]
    /// Sets of class splits, 32 classes a word: bit c set means class c goes left. The bit just
    /// past the predictor's classes is for classes the tree never saw.
    @Packed var classSets: [UInt32]
    /// Leaf l draws from `pool[leafStart[l] ..< leafStart[l + 1]]`.
    @Packed var leafStart: [Int32]
    /// Per real row of each leaf: a class code (classification), or an index into `values`.
    @Packed var pool: [UInt32]
    /// Regression trees: the distinct real values, ascending. Empty for classification.
    @Packed var values: [Double]
    /// Per leaf, the Gaussian kernel's bandwidth when draws are smoothed (0: the leaf's values).
    var bandwidths: [Double]?
    /// Jittered draws (`CARTSmoothing.jitter`): per leaf, its smallest and largest real value,
    /// the range a jittered value stays in (nil otherwise).
    var leafBounds: [Double]?

    /// Below this many distinct values a numeric column is discrete: jitter would make values
    /// the column never takes (3 doors), so it keeps its levels.
    static let jitterMinimumDistinct = 30
    /// A column whose 10 most common values hold this share of its rows or more is discrete
    /// too, however many rare values it has: diamonds' `table` is 95% whole numbers among 120
    /// distinct values, and jittering it into tenths costs 0.15 of its shape score.
    static let jitterMaximumTopShare = 0.5

    /// Whether a numeric column is continuous enough to jitter (see the two limits above).
    static func isContinuous(_ values: [Double]) -> Bool {
        var counts: [Double: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        guard counts.count >= jitterMinimumDistinct, !values.isEmpty else { return false }
        let top = counts.values.sorted(by: >).prefix(10).reduce(0, +)
        return Double(top) / Double(values.count) < jitterMaximumTopShare
    }

    static let nullsLeft: UInt8 = 1
    static let classSplit: UInt8 = 2

    var leafCount: Int { leafStart.count - 1 }
    var nodeCount: Int { feature.count }

    /// The leaf each of `count` rows reaches. `data` holds every member's encoded values, member
    /// after member; `slots` gives each predictor slot's offset into it.
    func leaves(count: Int, data: UnsafeBufferPointer<Double>, slots: UnsafeBufferPointer<Int>) -> [Int32] {
        var leaves = [Int32](repeating: 0, count: count)
        feature.withUnsafeBufferPointer { feature in
            cut.withUnsafeBufferPointer { cut in
                child.withUnsafeBufferPointer { child in
                    flags.withUnsafeBufferPointer { flags in
                        classSets.withUnsafeBufferPointer { classSets in
                            for row in 0..<count {
                                var node = 0
                                while true {
                                    let slot = Int(feature[node])
                                    if slot < 0 { break }
                                    let value = data[slots[slot] + row]
                                    let nodeFlags = flags[node]
                                    let left: Bool
                                    if value.isNaN {
                                        left = nodeFlags & Self.nullsLeft != 0
                                    } else if nodeFlags & Self.classSplit != 0 {
                                        let code = Int(value)
                                        let word = classSets[Int(cut[node]) + code >> 5]
                                        left = (word >> UInt32(code & 31)) & 1 != 0
                                    } else {
                                        left = value <= cut[node]
                                    }
                                    node = Int(child[node]) + (left ? 0 : 1)
                                }
                                leaves[row] = child[node]
                            }
                        }
                    }
                }
            }
        }
        return leaves
    }

    /// One random pool entry of each row's leaf.
    func draws(_ leaves: [Int32], random: inout RandomStream) -> [UInt32] {
        var draws = [UInt32](repeating: 0, count: leaves.count)
        leafStart.withUnsafeBufferPointer { leafStart in
            pool.withUnsafeBufferPointer { pool in
                for (row, leaf) in leaves.enumerated() {
                    let start = Int(leafStart[Int(leaf)])
                    let size = Int(leafStart[Int(leaf) + 1]) - start
                    draws[row] = pool[start + random.nextIndex(size)]
                }
            }
        }
        return draws
    }

    /// One random pool entry of each row's leaf among those that meet `allows`; a leaf with
    /// none draws from every entry that does (the values the condition allows, in their real
    /// frequencies). Nil when no entry of the tree does.
    func draws(_ leaves: [Int32], meeting allows: (UInt32) -> Bool, random: inout RandomStream) -> [UInt32]? {
        let everywhere = pool.filter(allows)
        guard !everywhere.isEmpty else { return nil }
        var byLeaf: [Int32: [UInt32]] = [:]
        var draws = [UInt32](repeating: 0, count: leaves.count)
        for (row, leaf) in leaves.enumerated() {
            let entries: [UInt32]
            if let known = byLeaf[leaf] {
                entries = known
            } else {
                let inLeaf = pool[Int(leafStart[Int(leaf)])..<Int(leafStart[Int(leaf) + 1])].filter(allows)
                entries = inLeaf.isEmpty ? everywhere : inLeaf
                byLeaf[leaf] = entries
            }
            draws[row] = entries[random.nextIndex(entries.count)]
        }
        return draws
    }

    /// Per leaf, the smallest and largest of its real values (regression trees).
    func leafRanges() -> [Double] {
        var bounds: [Double] = []
        bounds.reserveCapacity(2 * leafCount)
        for leaf in 0..<leafCount {
            let members = pool[Int(leafStart[leaf])..<Int(leafStart[leaf + 1])]
            // Pool entries index the ascending distinct values, so the extreme indices are the extremes.
            guard let low = members.min(), let high = members.max() else { bounds += [0, 0]; continue }
            bounds += [values[Int(low)], values[Int(high)]]
        }
        return bounds
    }

    /// Rows of the real data in each leaf.
    var leafSizes: [Int] { (0..<leafCount).map { Int(leafStart[$0 + 1] - leafStart[$0]) } }
}

extension CARTTree {
    /// Rare-category protection: classes seen fewer than `k` times in the real rows leave every
    /// leaf's pool (a leaf left empty draws the most common class that is not rare). `keep`
    /// (the null class) is never rare.
    mutating func dropRareClasses(k: Int, counts: [Int], keep: UInt32) {
        let rare = counts.indices.filter { counts[$0] < k && UInt32($0) != keep }
        guard !rare.isEmpty else { return }
        let isRare = Set(rare.map(UInt32.init))
        let fallback = counts.indices.filter { !isRare.contains(UInt32($0)) }.max { counts[$0] < counts[$1] }.map(UInt32.init) ?? keep
        var newPool: [UInt32] = []
        var newStart: [Int32] = [0]
        newPool.reserveCapacity(pool.count)
        for leaf in 0..<(leafStart.count - 1) {
            let before = newPool.count
            for index in Int(leafStart[leaf])..<Int(leafStart[leaf + 1]) where !isRare.contains(pool[index]) {
                newPool.append(pool[index])
            }
            if newPool.count == before { newPool.append(fallback) }
            newStart.append(Int32(newPool.count))
        }
        pool = newPool
        leafStart = newStart
    }
}
