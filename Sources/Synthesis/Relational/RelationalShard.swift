/// `--shard I/N` over related tables, by parent key ranges: a table without a primary parent
/// is cut into N contiguous, near-equal slices of rows; a child's rows are those of the parents
/// in its parent's slice (children are written grouped by parent, so they are contiguous too),
/// and its unparented rows (null keys) go to the last shard. Each table's N pieces concatenate
/// to the whole table, and a child's primary key always points into the same shard's parents.
public struct RelationalShard: Sendable, Equatable {
    /// 1-based.
    public var index: Int
    public var count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 1 && index <= count, "shard \(index)/\(count)")
        self.index = index
        self.count = count
    }

    /// The I-th of N contiguous slices of `rows` rows.
    public func rows(of rows: Int) -> Range<Int> {
        rows * (index - 1) / count ..< rows * index / count
    }

    /// The rows whose parent row falls in `parentRange`; `parentRows` is non-decreasing, then nils.
    public func childRows(parentRows: [Int?], parentRange: Range<Int>) -> Range<Int> {
        func first(where predicate: (Int?) -> Bool) -> Int {
            var low = 0, high = parentRows.count
            while low < high {
                let middle = (low + high) / 2
                if predicate(parentRows[middle]) { high = middle } else { low = middle + 1 }
            }
            return low
        }
        let lower = first { $0 == nil || $0! >= parentRange.lowerBound }
        let upper = index == count ? parentRows.count : first { $0 == nil || $0! >= parentRange.upperBound }
        return lower..<max(lower, upper)
    }
}
