/// Joint counts of two discrete columns (codes, null being a code of its own), and what SDMetrics'
/// ContingencySimilarity reads from them: the total variation between the real and synthetic
/// joint frequencies, and Cramér's V of the real table.
struct Contingency: Sendable {
    /// Dense cells `a * widthB + b` for tables up to this size; a dictionary of the occupied
    /// cells beyond it (high-cardinality columns a user chose to call categorical).
    static let denseLimit = 1 << 22

    private(set) var dense: [Int]
    private(set) var sparse: [Int: Int]
    let widthA: Int
    let widthB: Int
    let total: Int

    /// Counts the rows `rows` (all rows when nil) of codes `a` (`0..<widthA`) and `b` (`0..<widthB`).
    init(_ a: [Int32], widthA: Int, _ b: [Int32], widthB: Int, rows: [Int]? = nil) {
        precondition(a.count == b.count)
        self.widthA = widthA
        self.widthB = widthB
        total = rows?.count ?? a.count
        dense = []
        sparse = [:]
        if widthA * widthB <= Self.denseLimit {
            var counts = [Int](repeating: 0, count: widthA * widthB)
            counts.withUnsafeMutableBufferPointer { cells in
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        if let rows {
                            for row in rows { cells[Int(a[row]) * widthB + Int(b[row])] += 1 }
                        } else {
                            for row in 0..<a.count { cells[Int(a[row]) * widthB + Int(b[row])] += 1 }
                        }
                    }
                }
            }
            dense = counts
        } else {
            for row in rows ?? Array(0..<a.count) { sparse[Int(a[row]) * widthB + Int(b[row]), default: 0] += 1 }
        }
    }

    private var isDense: Bool { widthA * widthB <= Self.denseLimit }

    /// The occupied cells with their counts.
    func forEachCell(_ body: (_ cell: Int, _ count: Int) -> Void) {
        if isDense {
            for cell in dense.indices where dense[cell] > 0 { body(cell, dense[cell]) }
        } else {
            for (cell, count) in sparse { body(cell, count) }
        }
    }

    func count(_ cell: Int) -> Int { isDense ? dense[cell] : sparse[cell] ?? 0 }

    /// `1 − ½ Σ |real share − synthetic share|` over every cell either table has.
    static func similarity(real: Contingency, synthetic: Contingency) -> Double? {
        precondition(real.widthA == synthetic.widthA && real.widthB == synthetic.widthB)
        guard real.total > 0, synthetic.total > 0 else { return nil }
        let realTotal = Double(real.total), syntheticTotal = Double(synthetic.total)
        var variation = 0.0
        real.forEachCell { cell, count in
            variation += abs(Double(count) / realTotal - Double(synthetic.count(cell)) / syntheticTotal)
        }
        synthetic.forEachCell { cell, count in
            if real.count(cell) == 0 { variation += Double(count) / syntheticTotal }
        }
        return 1 - variation / 2
    }

    /// Cramér's V as scipy's `association(table, method="cramer")` gives it for the table of
    /// observed rows and columns (pandas' `unstack` keeps only values that occur, null included):
    /// `sqrt(χ² / n / (min(rows, columns) − 1))`, χ² without continuity correction.
    /// Nil when the table has fewer than two rows or two columns, where SDMetrics gives no value.
    var cramersV: Double? {
        var rowSums = [Int](repeating: 0, count: widthA), columnSums = [Int](repeating: 0, count: widthB)
        forEachCell { cell, count in
            rowSums[cell / widthB] += count
            columnSums[cell % widthB] += count
        }
        let rows = rowSums.indices.filter { rowSums[$0] > 0 }
        let columns = columnSums.indices.filter { columnSums[$0] > 0 }
        guard total > 0, rows.count >= 2, columns.count >= 2 else { return nil }
        let n = Double(total)
        var chiSquare = 0.0
        if isDense {
            for a in rows {
                for b in columns {
                    let expected = Double(rowSums[a]) * Double(columnSums[b]) / n
                    let difference = Double(dense[a * widthB + b]) - expected
                    chiSquare += difference * difference / expected
                }
            }
        } else {
            // Σ (O − E)² / E = Σ O² / E − n, summed over occupied cells only.
            forEachCell { cell, count in
                let expected = Double(rowSums[cell / widthB]) * Double(columnSums[cell % widthB]) / n
                chiSquare += Double(count) * Double(count) / expected
            }
            chiSquare = max(0, chiSquare - n)
        }
        return (chiSquare / n / Double(min(rows.count, columns.count) - 1)).squareRoot()
    }
}
