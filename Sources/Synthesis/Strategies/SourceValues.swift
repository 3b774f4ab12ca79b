import Tabular

/// A real column's distinct values as text levels with their counts, whatever its storage; the
/// common input of level-based models (categorical, empirical over text, constant).
struct LevelCounts {
    var levels: [String]
    var counts: [Int]

    init(_ column: Column) {
        switch column.values {
        case .strings(let codes, let levels):
            var counts = [Int](repeating: 0, count: levels.count)
            for (row, code) in codes.enumerated() where column.validity.isValid(row) { counts[Int(code)] += 1 }
            let used = levels.indices.filter { counts[$0] > 0 }
            self.levels = used.map { levels[$0] }
            self.counts = used.map { counts[$0] }
        default:
            var index: [String: Int] = [:]
            var levels: [String] = []
            var counts: [Int] = []
            var bytes: [UInt8] = []
            for row in 0..<column.count where column.validity.isValid(row) {
                bytes.removeAll(keepingCapacity: true)
                ValueFormatter.append(column.values, row: row, to: &bytes)
                let text = String(decoding: bytes, as: UTF8.self)
                if let position = index[text] {
                    counts[position] += 1
                } else {
                    index[text] = levels.count
                    levels.append(text)
                    counts.append(1)
                }
            }
            self.levels = levels
            self.counts = counts
        }
    }

    var total: Int { counts.reduce(0, +) }
}

/// Draws indices with given weights in O(log n): a cumulative table and a binary search.
public struct WeightedIndex: Codable, Hashable, Sendable {
    /// Cumulative weights, normalised so that the last is 1.
    @Packed public var cumulative: [Double]

    public init(weights: [Double]) {
        let total = weights.reduce(0, +)
        var running = 0.0
        cumulative = weights.map { weight in
            running += weight
            return total > 0 ? running / total : 0
        }
        if !cumulative.isEmpty { cumulative[cumulative.count - 1] = 1 }
    }

    @inline(__always)
    public func index(for u: Double) -> Int { Self.index(in: cumulative, for: u) }

    /// The first position whose cumulative weight exceeds `u` (the last for u at or past the end).
    @inline(__always)
    public static func index(in cumulative: [Double], for u: Double) -> Int {
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > u { high = middle } else { low = middle + 1 }
        }
        return low
    }

    @inline(__always)
    public func draw(_ random: inout RandomStream) -> Int { index(for: random.nextUnit()) }
}
