import RealModule

/// Mutual information between a column and a set of parent columns, from the counts of their
/// states over the real rows, in nats.
///
/// I(X; Π) = (1/n) [Σ n_xπ ln n_xπ − Σ n_x ln n_x − Σ n_π ln n_π + n ln n], with the k ln k
/// terms read from a table: one pass over the rows and one over the cells per candidate.
struct MutualInformation: Sendable {
    let rowCount: Int
    /// k ln k for every count k from 0 to the row count.
    private let countLogCount: [Double]

    init(rowCount: Int) {
        self.rowCount = rowCount
        countLogCount = (0...rowCount).map { $0 == 0 ? 0 : Double($0) * Double.log(Double($0)) }
    }

    func score(child: EncodedColumn, parents: [EncodedColumn]) -> Double {
        let childStates = child.stateCount
        let configurations = parents.reduce(1) { $0 * $1.stateCount }
        guard configurations > 1, childStates > 1, rowCount > 0 else { return 0 }
        let configuration = Self.configurations(parents, rows: rowCount)
        var cells = [Int32](repeating: 0, count: childStates * configuration.count)
        var childCounts = [Int](repeating: 0, count: childStates)
        var configurationCounts = [Int](repeating: 0, count: configurations)
        child.codes.withUnsafeBufferPointer { childCodes in
            configuration.codes.withUnsafeBufferPointer { parentCodes in
                cells.withUnsafeMutableBufferPointer { cells in
                    for row in 0..<rowCount {
                        cells[Int(parentCodes[row]) * childStates + Int(childCodes[row])] &+= 1
                    }
                }
            }
        }
        var total = 0.0
        countLogCount.withUnsafeBufferPointer { xLogX in
            cells.withUnsafeBufferPointer { cells in
                for parent in 0..<configurations {
                    var row = 0
                    for state in 0..<childStates {
                        let count = Int(cells[parent * childStates + state])
                        total += xLogX[count]
                        row += count
                        childCounts[state] += count
                    }
                    configurationCounts[parent] = row
                }
            }
            for count in childCounts { total -= xLogX[count] }
            for count in configurationCounts { total -= xLogX[count] }
            total += xLogX[rowCount]
        }
        return max(0, total / Double(rowCount))
    }

    /// Each row's configuration of the parents, in mixed radix (the first parent most significant).
    static func configurations(_ parents: [EncodedColumn], rows: Int) -> (codes: [Int32], count: Int) {
        if parents.count == 1 { return (parents[0].codes, parents[0].stateCount) }
        var codes = [Int32](repeating: 0, count: rows)
        var count = 1
        codes.withUnsafeMutableBufferPointer { codes in
            for parent in parents {
                let radix = Int32(parent.stateCount)
                parent.codes.withUnsafeBufferPointer { parentCodes in
                    for row in 0..<rows { codes[row] = codes[row] &* radix &+ parentCodes[row] }
                }
                count *= parent.stateCount
            }
        }
        return (codes, count)
    }
}
