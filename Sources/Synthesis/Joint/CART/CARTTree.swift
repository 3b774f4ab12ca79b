/// A fitted tree: its splits on the member's predictors, and per leaf the real target values
/// that fell in it (the leaf's pool, which sampling draws from).
///
/// Nodes are parallel arrays and pools are indices into one array of values, so that a tree of
/// thousands of leaves stays small in a session file.
struct CARTTree: Codable, Sendable, Equatable {
    /// Per node: the predictor slot it splits on, or -1 for a leaf.
    var feature: [Int32]
    /// Per node: a numeric split's cut (values at or below go left), or a class split's offset
    /// into `classSets`.
    var cut: [Double]
    /// Per node: the left child (the right child follows it), or for a leaf its leaf number.
    var child: [Int32]
    /// Per node: `nullsLeft` and `classSplit` bits.
    var flags: [UInt8]
    /// Sets of class splits, 32 classes a word: bit c set means class c goes left. The bit just
    /// past the predictor's classes is for classes the tree never saw.
    var classSets: [UInt32]
    /// Leaf l draws from `pool[leafStart[l] ..< leafStart[l + 1]]`.
    var leafStart: [Int32]
    /// Per real row of each leaf: a class code (classification), or an index into `values`.
    var pool: [UInt32]
    /// Regression trees: the distinct real values, ascending. Empty for classification.
    var values: [Double]
    /// Per leaf, the Gaussian kernel's bandwidth when draws are smoothed (0: the leaf's values).
    var bandwidths: [Double]?

    static let nullsLeft: UInt8 = 1
    static let classSplit: UInt8 = 2

    var leafCount: Int { leafStart.count - 1 }
    var nodeCount: Int { feature.count }

    /// The leaf a row reaches. `data` holds every member's encoded values, member after member,
    /// `rowsPerMember` apart; `slots` gives each predictor slot's offset into it.
    @inline(__always)
    func leaf(row: Int, data: UnsafeBufferPointer<Double>, slots: UnsafeBufferPointer<Int>) -> Int {
        var node = 0
        while true {
            let slot = Int(feature[node])
            if slot < 0 { return Int(child[node]) }
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
    }

    /// The pool entry of one random draw from a leaf.
    @inline(__always)
    func draw(leaf: Int, random: inout RandomStream) -> UInt32 {
        let start = Int(leafStart[leaf])
        let count = Int(leafStart[leaf + 1]) - start
        return pool[start + random.nextIndex(count)]
    }

    /// Rows of the real data in each leaf.
    var leafSizes: [Int] { (0..<leafCount).map { Int(leafStart[$0 + 1] - leafStart[$0]) } }
}
