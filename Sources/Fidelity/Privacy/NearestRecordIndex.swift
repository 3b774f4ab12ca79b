import Tabular

/// The distances from one query record to its nearest and second-nearest reference records,
/// on the `RecordDistance` scale (a mean over columns, in [0, 1]).
struct NeighbourDistances: Sendable, Equatable {
    var nearest: Double
    /// `.infinity` when only the nearest was asked for, or the reference has a single record.
    var second: Double
}

/// Exact nearest reference records under `RecordDistance`, without an n×m distance matrix.
///
/// Layout: a trie over the exact-match part of a record — each categorical column's code and
/// each numeric column's null flag — whose leaves are the partitions of records that agree on
/// all of them. Every leaf holds a k-d tree over the normalised numbers valid in that partition,
/// with identical points merged and counted.
///
/// Search, depth first per query: in the trie the child matching the query comes first; any
/// other child costs exactly one whole cell, so the others are skipped once the mismatches so
/// far plus one exceed the k-th best distance. In a k-d tree a node's lower bound is the
/// mismatches plus the truncated gaps between the query and the node's bounding box; the nearer
/// child is searched first, a child whose bound exceeds the k-th best is skipped (a whole
/// partition, when its root's box is far), and a bucket stops summing a record once it exceeds
/// the bound. Pruning only skips records whose lower bound exceeds the k-th best found, so the
/// answer is exact.
///
/// Cost: building takes O(n log² n) time and O(n · columns) memory. A query visits O(log n)
/// nodes when its nearest record is close compared with the spread of the data (synthetic data
/// near its source) and tends to O(n · columns) for far-away queries in many unstructured
/// dimensions, as any exact nearest-neighbour search does; the work it did is counted so that
/// callers can bound it. Queries run in blocks on all cores, each block with its own
/// O(columns) scratch; no n × m matrix is ever held.
struct NearestRecordIndex: Sendable {
    let metric: RecordDistance
    let referenceCount: Int

    private let levelCount: Int
    // Trie nodes: children are `childStart..<childEnd` of `childValue`/`childNode`, sorted by
    // value; a leaf has `childEnd == -1` and its leaf number in `childStart`.
    private let childStart: [Int32]
    private let childEnd: [Int32]
    private let childValue: [UInt32]
    private let childNode: [Int32]
    // Leaves: the root of their k-d tree, and which numeric columns are valid in them.
    private let leafRoot: [Int32]
    private let leafValid: [Bool]
    // k-d nodes: whether a bucket, children or bucket range, and the bounding box of the
    // node's points (`numericCount` lows and highs per node; 0…0 in columns null in the leaf).
    private let kdIsBucket: [Bool]
    private let kdLow: [Int32]
    private let kdHigh: [Int32]
    private let kdBoxLow: [Double]
    private let kdBoxHigh: [Double]
    // Points, `numericCount` normalised values each, and how many records each one stands for.
    private let coordinates: [Double]
    private let multiplicity: [Int32]

    /// Most distinct points per k-d bucket.
    static let bucketSize = 16
    /// Queries per parallel task.
    static let blockSize = 128
    /// Rounding allowance of the lower bounds: a subtree is skipped only when its bound exceeds
    /// the k-th best by more than this (sums of at most a few hundred terms in [0, 1]).
    static let slack = 1e-9

    init(reference: PrivacyRows) {
        metric = RecordDistance(reference: reference)
        referenceCount = reference.count
        var builder = Builder(reference: reference, metric: metric)
        builder.build()
        levelCount = builder.levelCount
        childStart = builder.childStart
        childEnd = builder.childEnd
        childValue = builder.childValue
        childNode = builder.childNode
        leafRoot = builder.leafRoot
        leafValid = builder.leafValid
        kdIsBucket = builder.kdIsBucket
        kdLow = builder.kdLow
        kdHigh = builder.kdHigh
        kdBoxLow = builder.kdBoxLow
        kdBoxHigh = builder.kdBoxHigh
        coordinates = builder.coordinates
        multiplicity = builder.multiplicity
    }

    /// The nearest (and with `neighbours == 2`, the second-nearest) reference distance of every
    /// query row, in query order.
    func nearest(_ queries: PrivacyRows, neighbours: Int) -> [NeighbourDistances] {
        nearest(queries, rows: 0..<queries.count, neighbours: neighbours).distances
    }

    /// The same for some query rows, with the work the search did: one unit per cell compared
    /// (a record's or a bounding box's) and per trie node visited. The work depends only on the
    /// data, never on timing or threads, so a budget on it keeps reports reproducible.
    func nearest(_ queries: PrivacyRows, rows: Range<Int>, neighbours: Int) -> (distances: [NeighbourDistances], work: Int) {
        precondition(neighbours == 1 || neighbours == 2, "one or two neighbours")
        precondition(queries.categories.count == metric.categoricalCount && queries.numbers.count == metric.numericCount)
        guard !rows.isEmpty else { return ([], 0) }
        // Similar queries one after another walk the same nodes, which then stay in cache.
        let order = localityOrder(queries, rows: rows)
        let blocks = (order.count + Self.blockSize - 1) / Self.blockSize
        let results = Parallel.map(blocks) { block in
            var search = Search(index: self, neighbours: neighbours)
            let start = block * Self.blockSize
            let distances = order[start..<min(order.count, start + Self.blockSize)].map { search.run(queries, row: $0) }
            return (distances, search.work)
        }
        var distances = [NeighbourDistances](repeating: NeighbourDistances(nearest: 0, second: 0), count: rows.count)
        for (position, distance) in results.lazy.flatMap(\.0).enumerated() {
            distances[order[position] - rows.lowerBound] = distance
        }
        return (distances, results.reduce(0) { $0 + $1.1 })
    }

    /// The rows sorted by their categories, then by their first numeric value (nulls last).
    private func localityOrder(_ queries: PrivacyRows, rows: Range<Int>) -> [Int] {
        let first = queries.numbers.first.map { values in rows.map { values[$0].isNaN ? .infinity : values[$0] } }
        return Array(rows).sorted { a, b in
            for codes in queries.categories where codes[a] != codes[b] { return codes[a] < codes[b] }
            if let first, first[a - rows.lowerBound] != first[b - rows.lowerBound] {
                return first[a - rows.lowerBound] < first[b - rows.lowerBound]
            }
            return a < b
        }
    }

    /// One query at a time, with scratch reused across a block's queries.
    private struct Search {
        let index: NearestRecordIndex
        let neighbours: Int
        let dimensions: Int
        var key: [UInt32]
        var point: [Double]
        var valid: [Bool]
        /// 1 for the columns valid in both the query and the current leaf, else 0.
        var weight: [Double]
        var best = Double.infinity
        var secondBest = Double.infinity
        var work = 0

        init(index: NearestRecordIndex, neighbours: Int) {
            self.index = index
            self.neighbours = neighbours
            dimensions = index.metric.numericCount
            key = Array(repeating: 0, count: index.levelCount)
            point = Array(repeating: 0, count: dimensions)
            valid = Array(repeating: false, count: dimensions)
            weight = Array(repeating: 0, count: dimensions)
        }

        /// The k-th best distance sum so far, plus the rounding allowance.
        @inline(__always) var limit: Double { (neighbours == 1 ? best : secondBest) + NearestRecordIndex.slack }

        mutating func run(_ queries: PrivacyRows, row: Int) -> NeighbourDistances {
            let categorical = index.metric.categoricalCount
            for column in 0..<categorical { key[column] = queries.categories[column][row] }
            for column in 0..<dimensions {
                let value = queries.numbers[column][row]
                valid[column] = !value.isNaN
                key[categorical + column] = value.isNaN ? 1 : 0
                point[column] = index.metric.normalised(value, column: column)
            }
            best = .infinity
            secondBest = .infinity
            if index.referenceCount > 0 { visit(node: 0, level: 0, mismatches: 0) }
            let columns = Double(index.metric.columnCount)
            return NeighbourDistances(nearest: best / columns, second: neighbours == 2 ? secondBest / columns : .infinity)
        }

        mutating func visit(node: Int, level: Int, mismatches: Int) {
            work += 1
            let end = Int(index.childEnd[node])
            if end < 0 {
                searchLeaf(Int(index.childStart[node]), base: Double(mismatches))
                return
            }
            let start = Int(index.childStart[node])
            let wanted = key[level]
            // Binary search for the child holding the query's own value.
            var low = start
            var high = end
            while low < high {
                let middle = (low + high) / 2
                if index.childValue[middle] < wanted { low = middle + 1 } else { high = middle }
            }
            let match = low < end && index.childValue[low] == wanted ? low : -1
            if match >= 0 { visit(node: Int(index.childNode[match]), level: level + 1, mismatches: mismatches) }
            for child in start..<end where child != match {
                if Double(mismatches + 1) > limit { break }
                visit(node: Int(index.childNode[child]), level: level + 1, mismatches: mismatches + 1)
            }
        }

        mutating func searchLeaf(_ leaf: Int, base: Double) {
            let validRow = leaf * dimensions
            for column in 0..<dimensions {
                weight[column] = valid[column] && index.leafValid[validRow + column] ? 1 : 0
            }
            let root = Int(index.leafRoot[leaf])
            work += dimensions
            if base + gap(to: root) <= limit { searchTree(root, base: base) }
        }

        /// The sum of truncated gaps between the query and a node's bounding box. Branch-free:
        /// in many dimensions most boxes are visited anyway, and mispredicted branches cost more
        /// than the arithmetic.
        @inline(__always)
        func gap(to node: Int) -> Double {
            var sum = 0.0
            let offset = node * dimensions
            for column in 0..<dimensions {
                let value = point[column]
                let outside = max(index.kdBoxLow[offset + column] - value, value - index.kdBoxHigh[offset + column], 0)
                sum += min(outside, 1) * weight[column]
            }
            return sum
        }

        mutating func searchTree(_ node: Int, base: Double) {
            let low = Int(index.kdLow[node])
            let high = Int(index.kdHigh[node])
            if index.kdIsBucket[node] {
                scanBucket(low..<high, base: base)
                return
            }
            let lowBound = base + gap(to: low)
            let highBound = base + gap(to: high)
            work += 2 * dimensions
            let (near, nearBound, far, farBound) = lowBound <= highBound ? (low, lowBound, high, highBound) : (high, highBound, low, lowBound)
            if nearBound <= limit { searchTree(near, base: base) }
            if farBound <= limit { searchTree(far, base: base) }
        }

        /// Sums each record's cells in four interleaved sums (independent additions pipeline),
        /// leaving the record once its sum passes the bound, checked every eight cells.
        mutating func scanBucket(_ points: Range<Int>, base: Double) {
            work += points.count * max(1, dimensions)
            for candidate in points {
                let cutoff = limit
                let offset = candidate * dimensions
                var sums: (Double, Double, Double, Double) = (base, 0, 0, 0)
                @inline(__always) func cell(_ column: Int) -> Double {
                    min(abs(point[column] - index.coordinates[offset + column]), 1) * weight[column]
                }
                var column = 0
                while column + 4 <= dimensions {
                    sums.0 += cell(column)
                    sums.1 += cell(column + 1)
                    sums.2 += cell(column + 2)
                    sums.3 += cell(column + 3)
                    column += 4
                    if column & 7 == 0, (sums.0 + sums.1) + (sums.2 + sums.3) > cutoff { break }
                }
                while column < dimensions {
                    sums.0 += cell(column)
                    column += 1
                }
                offer((sums.0 + sums.1) + (sums.2 + sums.3), count: Int(index.multiplicity[candidate]))
            }
        }

        @inline(__always)
        mutating func offer(_ distance: Double, count: Int) {
            if distance < best {
                secondBest = count >= 2 ? distance : best
                best = distance
            } else if distance < secondBest {
                secondBest = distance
            }
        }
    }

    /// Builds the trie and the k-d trees into flat arrays.
    private struct Builder {
        let reference: PrivacyRows
        let metric: RecordDistance
        let levelCount: Int
        let dimensions: Int
        var order: [Int]
        var childStart: [Int32] = []
        var childEnd: [Int32] = []
        var childValue: [UInt32] = []
        var childNode: [Int32] = []
        var leafRoot: [Int32] = []
        var leafValid: [Bool] = []
        var kdIsBucket: [Bool] = []
        var kdLow: [Int32] = []
        var kdHigh: [Int32] = []
        var kdBoxLow: [Double] = []
        var kdBoxHigh: [Double] = []
        var coordinates: [Double] = []
        var multiplicity: [Int32] = []

        init(reference: PrivacyRows, metric: RecordDistance) {
            self.reference = reference
            self.metric = metric
            dimensions = metric.numericCount
            levelCount = metric.categoricalCount + metric.numericCount
            order = Array(0..<reference.count)
        }

        /// The exact-match key of a reference row at one trie level.
        func key(_ row: Int, level: Int) -> UInt32 {
            let categorical = metric.categoricalCount
            if level < categorical { return reference.categories[level][row] }
            return reference.numbers[level - categorical][row].isNaN ? 1 : 0
        }

        mutating func build() {
            guard reference.count > 0 else { return }
            let levels = levelCount
            var keys = [UInt32](repeating: 0, count: reference.count * levels)
            for row in 0..<reference.count {
                for level in 0..<levels { keys[row * levels + level] = key(row, level: level) }
            }
            var sorted = order
            sorted.sort { a, b in
                for level in 0..<levels where keys[a * levels + level] != keys[b * levels + level] {
                    return keys[a * levels + level] < keys[b * levels + level]
                }
                return a < b
            }
            order = sorted
            _ = buildNode(level: 0, rows: 0..<order.count)
        }

        mutating func buildNode(level: Int, rows: Range<Int>) -> Int32 {
            let node = childStart.count
            childStart.append(0)
            childEnd.append(0)
            if level == levelCount {
                childStart[node] = Int32(leafRoot.count)
                childEnd[node] = -1
                buildLeaf(Array(order[rows]))
                return Int32(node)
            }
            var groups: [(value: UInt32, rows: Range<Int>)] = []
            var groupStart = rows.lowerBound
            for position in rows.dropFirst() where key(order[position], level: level) != key(order[groupStart], level: level) {
                groups.append((key(order[groupStart], level: level), groupStart..<position))
                groupStart = position
            }
            groups.append((key(order[groupStart], level: level), groupStart..<rows.upperBound))
            let first = childValue.count
            childValue.append(contentsOf: groups.map(\.value))
            childNode.append(contentsOf: repeatElement(0, count: groups.count))
            childStart[node] = Int32(first)
            childEnd[node] = Int32(first + groups.count)
            for (position, group) in groups.enumerated() {
                childNode[first + position] = buildNode(level: level + 1, rows: group.rows)
            }
            return Int32(node)
        }

        /// One partition: normalised points, duplicates merged, then a k-d tree over them.
        mutating func buildLeaf(_ rows: [Int]) {
            let validColumns = (0..<dimensions).filter { !reference.numbers[$0][rows[0]].isNaN }
            leafValid.append(contentsOf: (0..<dimensions).map { validColumns.contains($0) })
            var raw = [Double](repeating: 0, count: rows.count * dimensions)
            for (position, row) in rows.enumerated() {
                for column in validColumns {
                    raw[position * dimensions + column] = metric.normalised(reference.numbers[column][row], column: column)
                }
            }
            let dims = dimensions
            func less(_ a: Int, _ b: Int) -> Bool {
                for column in validColumns where raw[a * dims + column] != raw[b * dims + column] {
                    return raw[a * dims + column] < raw[b * dims + column]
                }
                return false
            }
            let sorted = (0..<rows.count).sorted(by: less)
            var points: [Double] = []
            var counts: [Int32] = []
            var previous = -1
            for position in sorted {
                if previous >= 0, !less(previous, position), !less(position, previous) {
                    counts[counts.count - 1] += 1
                    continue
                }
                points.append(contentsOf: raw[(position * dims)..<((position + 1) * dims)])
                counts.append(1)
                previous = position
            }
            var tree = LeafTree(points: points, counts: counts, dimensions: dims, validColumns: validColumns,
                                base: Int32(multiplicity.count), firstNode: Int32(kdIsBucket.count))
            let root = tree.build()
            leafRoot.append(root)
            kdIsBucket += tree.isBucket
            kdLow += tree.low
            kdHigh += tree.high
            kdBoxLow += tree.boxLow
            kdBoxHigh += tree.boxHigh
            for position in tree.order {
                coordinates.append(contentsOf: points[(position * dims)..<((position + 1) * dims)])
                multiplicity.append(counts[position])
            }
        }
    }

    /// The k-d tree of one partition, numbered from `firstNode`, its buckets from `base`.
    private struct LeafTree {
        let points: [Double]
        let counts: [Int32]
        let dimensions: Int
        let validColumns: [Int]
        let base: Int32
        let firstNode: Int32
        var order: [Int]
        var isBucket: [Bool] = []
        var low: [Int32] = []
        var high: [Int32] = []
        var boxLow: [Double] = []
        var boxHigh: [Double] = []

        init(points: [Double], counts: [Int32], dimensions: Int, validColumns: [Int], base: Int32, firstNode: Int32) {
            self.points = points
            self.counts = counts
            self.dimensions = dimensions
            self.validColumns = validColumns
            self.base = base
            self.firstNode = firstNode
            order = Array(0..<counts.count)
        }

        mutating func build() -> Int32 { node(0..<order.count) }

        /// A node over `order[range]`: a bucket when small, else the widest column split at its median.
        mutating func node(_ range: Range<Int>) -> Int32 {
            let local = isBucket.count
            isBucket.append(true)
            low.append(base + Int32(range.lowerBound))
            high.append(base + Int32(range.upperBound))
            let boxStart = boxLow.count
            boxLow.append(contentsOf: repeatElement(0, count: dimensions))
            boxHigh.append(contentsOf: repeatElement(0, count: dimensions))
            var widest = -1
            var widestSpread = 0.0
            for column in validColumns {
                var smallest = Double.infinity
                var largest = -Double.infinity
                for position in range {
                    let value = points[order[position] * dimensions + column]
                    smallest = min(smallest, value)
                    largest = max(largest, value)
                }
                boxLow[boxStart + column] = smallest
                boxHigh[boxStart + column] = largest
                if largest - smallest > widestSpread {
                    widestSpread = largest - smallest
                    widest = column
                }
            }
            guard range.count > NearestRecordIndex.bucketSize, widest >= 0 else { return firstNode + Int32(local) }
            let dims = dimensions
            let values = points
            order[range].sort { values[$0 * dims + widest] < values[$1 * dims + widest] }
            let middle = (range.lowerBound + range.upperBound) / 2
            isBucket[local] = false
            let left = node(range.lowerBound..<middle)
            let right = node(middle..<range.upperBound)
            low[local] = left
            high[local] = right
            return firstNode + Int32(local)
        }
    }
}
