import Tabular

/// DCR share, as MOSTLY AI defines it: of equal-size samples of training, holdout and synthetic
/// rows, the share of synthetic rows whose nearest training row is closer than their nearest
/// holdout row, ties counting half. A generator that does not copy its training rows puts
/// synthetic rows no closer to them than to unseen real rows: 0.5 is ideal, 1 is a copy machine.
///
/// - Sampling: n = min(training rows, holdout rows, synthetic rows, `maxRows`) rows of each,
///   without replacement from the report's seed (`sampledRows`).
/// - Encoding (Euclidean): a number or datetime becomes its mid-rank among the non-null values of
///   the pooled real data (training ∪ holdout, full tables) divided by their count — for a value
///   absent from the real data, the number of smaller real values plus ½, divided likewise — and
///   a 0/1 missing indicator (a missing value has coordinate 0 and indicator 1); a category (text,
///   code, boolean) is one-hot with weight 1, missing being a level of its own. Two different
///   categories are therefore √2 apart on that column.
/// - Ties: squared distances within `tieTolerance` (rounding only: distinct exact squared
///   distances of half-integer ranks differ by far more) count half.
public struct DCRShare: Codable, Sendable, Equatable {
    /// The share, ties counting half.
    public var share: Double
    /// √(share · (1 − share) / n).
    public var standardError: Double
    /// Rows in each of the three samples.
    public var rows: Int
    /// Synthetic rows strictly closer to training, and tied.
    public var closerToTraining: Int
    public var ties: Int

    /// Most rows of each sample (MOSTLY AI's 10,000).
    public static let maxRows = 10_000
    /// Above this standard error the figure cannot support a verdict either way.
    public static let verdictStandardError = 0.02
    /// Above this share, synthetic rows sit measurably closer to training than to holdout.
    public static let verdictShare = 0.52
    static let tieTolerance = 1e-12

    public init(share: Double, standardError: Double, rows: Int, closerToTraining: Int, ties: Int) {
        self.share = share
        self.standardError = standardError
        self.rows = rows
        self.closerToTraining = closerToTraining
        self.ties = ties
    }

    /// Whether the sample is large enough for a verdict.
    public var supportsVerdict: Bool { standardError <= Self.verdictStandardError && rows >= 100 }

    /// One plain line for people.
    public var verdict: String {
        guard supportsVerdict else { return "too few holdout rows for a verdict (\(rows) rows per sample)" }
        if share > Self.verdictShare {
            return "synthetic rows sit closer to training rows than unseen real rows do: they may copy them"
        }
        return "synthetic rows are no closer to training rows than unseen real rows are"
    }

    /// The rows each sample takes (indices into the full training, holdout and synthetic tables),
    /// for cross-checks: they depend only on the counts and the seed.
    public static func sampledRows(training: Int, holdout: Int, synthetic: Int, seed: UInt64,
                                   limit: Int = maxRows) -> (training: [Int], holdout: [Int], synthetic: [Int]) {
        let size = min(training, holdout, synthetic, limit)
        func draw(_ total: Int, _ stream: PrivacyStream) -> [Int] {
            var random = PrivacyRandom(seed: seed, purpose: stream.rawValue)
            return random.sampleRows(size, of: total)
        }
        return (draw(training, .dcrShareTraining), draw(holdout, .dcrShareHoldout), draw(synthetic, .dcrShareSynthetic))
    }

    /// The figure for the encoded tables; nil without holdout rows or with an empty table.
    static func compute(_ encoding: PrivacyEncoding, seed: UInt64, limit: Int = maxRows) -> DCRShare? {
        guard let holdout = encoding.holdout, holdout.count > 0, encoding.real.count > 0, encoding.synthetic.count > 0,
              encoding.columnCount > 0 else { return nil }
        let rows = sampledRows(training: encoding.real.count, holdout: holdout.count, synthetic: encoding.synthetic.count, seed: seed, limit: limit)
        let space = EuclideanRankSpace(pooled: [encoding.real, holdout])
        let synthetic = space.encode(encoding.synthetic.selecting(rows.synthetic))
        let toTraining = EuclideanNearest(space.encode(encoding.real.selecting(rows.training))).nearestSquared(synthetic)
        let toHoldout = EuclideanNearest(space.encode(holdout.selecting(rows.holdout))).nearestSquared(synthetic)
        return from(toTraining: toTraining, toHoldout: toHoldout)
    }

    /// The share from each synthetic row's squared distance to training and to holdout.
    static func from(toTraining: [Double], toHoldout: [Double]) -> DCRShare? {
        precondition(toTraining.count == toHoldout.count)
        guard !toTraining.isEmpty else { return nil }
        var closer = 0
        var ties = 0
        for (training, holdout) in zip(toTraining, toHoldout) {
            if abs(training - holdout) <= tieTolerance { ties += 1 } else if training < holdout { closer += 1 }
        }
        let n = Double(toTraining.count)
        let share = (Double(closer) + Double(ties) / 2) / n
        return DCRShare(share: share, standardError: (share * (1 - share) / n).squareRoot(), rows: toTraining.count,
                        closerToTraining: closer, ties: ties)
    }
}

/// Rows as points: per numeric column a rank coordinate and a missing indicator, per categorical
/// column a code (one-hot in effect: two different codes add 2 to the squared distance).
struct EuclideanPoints: Sendable {
    var count: Int
    /// Row-major, `numericCount` rank coordinates per row (0 for missing).
    var coordinates: [Double]
    /// Row-major, one code per categorical column, then one 0/1 missing flag per numeric column.
    var keys: [UInt32]
    var numericCount: Int
    var keyCount: Int
    var categoricalCount: Int

    /// The part of the squared distance the keys decide: 2 per differing category, 1 per
    /// differing missing flag.
    @inline(__always)
    func keyDistance(_ row: Int, _ other: EuclideanPoints, _ otherRow: Int) -> Int {
        var sum = 0
        let a = row * keyCount
        let b = otherRow * other.keyCount
        for column in 0..<keyCount where keys[a + column] != other.keys[b + column] {
            sum += column < categoricalCount ? 2 : 1
        }
        return sum
    }
}

/// The rank encoding of numeric columns, learned from the pooled real rows.
struct EuclideanRankSpace: Sendable {
    /// Sorted non-null pooled real values per numeric column.
    let sorted: [[Double]]

    init(pooled tables: [PrivacyRows]) {
        let columns = tables.first?.numbers.count ?? 0
        sorted = (0..<columns).map { column in
            tables.flatMap { $0.numbers[column].filter { !$0.isNaN } }.sorted()
        }
    }

    /// Mid-rank over count: (#smaller + #smaller-or-equal + 1) / 2 / count; 0 for missing (or a
    /// column with no real values).
    func coordinate(_ value: Double, column: Int) -> Double {
        let values = sorted[column]
        guard !value.isNaN, !values.isEmpty else { return 0 }
        let smaller = Self.partition(values) { $0 < value }
        let notLarger = Self.partition(values) { $0 <= value }
        return Double(smaller + notLarger + 1) / 2 / Double(values.count)
    }

    /// The first index where `belongs` is false, for a predicate true on a prefix.
    private static func partition(_ values: [Double], _ belongs: (Double) -> Bool) -> Int {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if belongs(values[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func encode(_ rows: PrivacyRows) -> EuclideanPoints {
        let numeric = rows.numbers.count
        let categorical = rows.categories.count
        let keyCount = categorical + numeric
        var coordinates = [Double](repeating: 0, count: rows.count * numeric)
        var keys = [UInt32](repeating: 0, count: rows.count * keyCount)
        for column in 0..<categorical {
            let codes = rows.categories[column]
            for row in 0..<rows.count { keys[row * keyCount + column] = codes[row] }
        }
        for column in 0..<numeric {
            let values = rows.numbers[column]
            for row in 0..<rows.count {
                coordinates[row * numeric + column] = coordinate(values[row], column: column)
                keys[row * keyCount + categorical + column] = values[row].isNaN ? 1 : 0
            }
        }
        return EuclideanPoints(count: rows.count, coordinates: coordinates, keys: keys, numericCount: numeric,
                               keyCount: keyCount, categoricalCount: categorical)
    }
}

/// Exact nearest reference point under the Euclidean distance of `EuclideanPoints`.
///
/// Reference rows are grouped by their keys (categories and missing flags); within a group the
/// squared distance to a query is the keys' part, the same for every member, plus the numeric
/// part. Per query, groups are visited in increasing order of their keys' part (a bucket sort:
/// it is a small integer) and skipped once that part alone reaches the best found; inside a
/// group, members are sorted by the first numeric coordinate and scanned outwards from the
/// query's, each side stopping when the gap on that coordinate alone reaches the best. Only
/// points that cannot be nearer are skipped, so the answer is exact; queries run in blocks on all
/// cores.
struct EuclideanNearest: Sendable {
    let reference: EuclideanPoints
    /// Member rows of each group, sorted by the first coordinate.
    let groups: [[Int]]
    /// A representative row per group (for its keys).
    let representative: [Int]
    /// First coordinates of the members, parallel to `groups`.
    let firstCoordinates: [[Double]]

    static let blockSize = 256

    init(_ reference: EuclideanPoints) {
        self.reference = reference
        var index: [[UInt32]: Int] = [:]
        var groups: [[Int]] = []
        let width = reference.keyCount
        for row in 0..<reference.count {
            let key = Array(reference.keys[(row * width)..<((row + 1) * width)])
            if let group = index[key] {
                groups[group].append(row)
            } else {
                index[key] = groups.count
                groups.append([row])
            }
        }
        let numeric = reference.numericCount
        if numeric > 0 {
            groups = groups.map { members in
                members.sorted { reference.coordinates[$0 * numeric] < reference.coordinates[$1 * numeric] }
            }
        }
        self.groups = groups
        representative = groups.map { $0[0] }
        firstCoordinates = groups.map { members in numeric > 0 ? members.map { reference.coordinates[$0 * numeric] } : [] }
    }

    /// Each query's squared distance to its nearest reference point (infinity for an empty reference).
    func nearestSquared(_ queries: EuclideanPoints) -> [Double] {
        let blocks = (queries.count + Self.blockSize - 1) / Self.blockSize
        return Parallel.map(blocks) { block in
            var buckets: [[Int]] = []
            let start = block * Self.blockSize
            return (start..<min(queries.count, start + Self.blockSize)).map { nearestSquared(queries, row: $0, buckets: &buckets) }
        }.flatMap { $0 }
    }

    private func nearestSquared(_ queries: EuclideanPoints, row: Int, buckets: inout [[Int]]) -> Double {
        let maxKey = 2 * reference.categoricalCount + reference.numericCount
        if buckets.count != maxKey + 1 { buckets = Array(repeating: [], count: maxKey + 1) }
        for bucket in buckets.indices { buckets[bucket].removeAll(keepingCapacity: true) }
        for group in groups.indices {
            buckets[queries.keyDistance(row, reference, representative[group])].append(group)
        }
        let numeric = reference.numericCount
        let base = row * numeric
        let first = numeric > 0 ? queries.coordinates[base] : 0
        var best = Double.infinity
        queries.coordinates.withUnsafeBufferPointer { query in
            reference.coordinates.withUnsafeBufferPointer { points in
                for (keyPart, members) in buckets.enumerated() {
                    let floor = Double(keyPart)
                    if floor > best { break }
                    for group in members {
                        guard numeric > 0 else { best = Swift.min(best, floor); continue }
                        let order = groups[group]
                        let firsts = firstCoordinates[group]
                        // Scan outwards from the query's place in the first coordinate.
                        var low = 0
                        var high = firsts.count
                        while low < high {
                            let middle = (low + high) / 2
                            if firsts[middle] < first { low = middle + 1 } else { high = middle }
                        }
                        func distance(_ position: Int) -> Double {
                            let start = order[position] * numeric
                            var sum = floor
                            for column in 0..<numeric {
                                let difference = query[base + column] - points[start + column]
                                sum += difference * difference
                                if sum > best { return sum }
                            }
                            return sum
                        }
                        var up = low
                        var down = low - 1
                        while up < firsts.count || down >= 0 {
                            if up < firsts.count {
                                let gap = firsts[up] - first
                                if floor + gap * gap > best { up = firsts.count } else {
                                    best = Swift.min(best, distance(up))
                                    up += 1
                                }
                            }
                            if down >= 0 {
                                let gap = first - firsts[down]
                                if floor + gap * gap > best { down = -1 } else {
                                    best = Swift.min(best, distance(down))
                                    down -= 1
                                }
                            }
                        }
                    }
                }
            }
        }
        return best
    }
}
