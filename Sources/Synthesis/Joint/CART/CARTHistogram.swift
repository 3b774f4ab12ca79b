/// Per bin of every predictor (predictor after predictor): a node's rows, and the sum of their
/// targets (regression) or their count per class (classification, `classCount` cells a bin).
///
/// A child's histogram is its parent's minus its sibling's, so only the smaller child of each
/// split is counted row by row.
struct CARTHistogram {
    var rows: [Int32]
    var sums: [Double]
    var classes: [Int32]

    /// Takes `other` away, cell by cell.
    mutating func subtract(_ other: CARTHistogram) {
        Self.subtract(&rows, other.rows)
        Self.subtract(&classes, other.classes)
        sums.withUnsafeMutableBufferPointer { mine in
            other.sums.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] -= theirs[index] }
            }
        }
    }

    private static func subtract(_ mine: inout [Int32], _ theirs: [Int32]) {
        mine.withUnsafeMutableBufferPointer { mine in
            theirs.withUnsafeBufferPointer { theirs in
                for index in mine.indices { mine[index] &-= theirs[index] }
            }
        }
    }
}
