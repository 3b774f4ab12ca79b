/// One column's distribution over a whole file, gathered block by block in one streaming pass:
/// exact counts of each value while there are at most `exactLimit` distinct ones, then a
/// `QuantileSketch` for numbers (text past the limit keeps its counts only up to the limit and
/// says so: `textOverflowed`).
///
/// Values arrive as the block reader typed them: numbers (integers, decimals, datetimes in
/// seconds, booleans as 0/1) and text are counted apart, because a block's storage can differ from
/// another's (a column of numbers with one word in a late block).
public struct ColumnMarginal: Sendable {
    public let name: String
    /// Rows seen, nulls included.
    public private(set) var count = 0
    public private(set) var nulls = 0
    /// Exact counts of each number, until there are more than `exactLimit` distinct ones.
    private var numberCounts: NumberCounts? = NumberCounts()
    /// Every number, once the exact counts overflowed (they are poured in first).
    public private(set) var sketch: QuantileSketch?
    public private(set) var numbers = 0
    /// Sum and sum of squares around the first number (shifted, so that large values keep
    /// their digits), for the mean and standard deviation.
    private var shift: Double?
    private var shiftedSum = 0.0
    private var shiftedSquares = 0.0
    public private(set) var minimum = Double.infinity
    public private(set) var maximum = -Double.infinity
    /// Exact counts of each text value (a level), until there are more than `exactLimit`.
    public private(set) var textCounts: [String: Int] = [:]
    public private(set) var texts = 0
    /// True when text had more distinct values than `exactLimit`: `textCounts` then holds the
    /// first ones only, and the column's marginal is not known exactly.
    public private(set) var textOverflowed = false
    /// Characters of text values, for the mean length.
    public private(set) var textCharacters = 0

    public let exactLimit: Int
    private let sketchK: Int
    private let seed: UInt64

    /// 65,536 distinct values: categories are always counted exactly, and a numeric column of
    /// that few values (prices, ages, sizes) too.
    public static let defaultExactLimit = 1 << 16

    public init(name: String, exactLimit: Int = ColumnMarginal.defaultExactLimit, sketchK: Int = QuantileSketch.defaultK, seed: UInt64) {
        self.name = name
        self.exactLimit = exactLimit
        self.sketchK = sketchK
        self.seed = seed
    }

    /// True when the numbers are known exactly (no sketch).
    public var numbersExact: Bool { numberCounts != nil }

    /// Adds one block's column.
    public mutating func add(_ column: Column) {
        count += column.count
        nulls += column.nullCount
        switch column.values {
        case .strings(let codes, let levels):
            var perLevel = [Int](repeating: 0, count: levels.count)
            for (row, code) in codes.enumerated() where column.validity.isValid(row) { perLevel[Int(code)] += 1 }
            for (level, times) in zip(levels, perLevel) where times > 0 {
                texts += times
                textCharacters += level.count * times
                if let existing = textCounts[level] {
                    textCounts[level] = existing + times
                } else if textCounts.count < exactLimit {
                    textCounts[level] = times
                } else {
                    textOverflowed = true
                }
            }
        default:
            for row in 0..<column.count where column.validity.isValid(row) {
                addNumber(column.values.numericValue(at: row)!)
            }
        }
    }

    @inline(__always)
    private mutating func addNumber(_ value: Double) {
        numbers += 1
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
        let base = shift ?? value
        shift = base
        let shifted = value - base
        shiftedSum += shifted
        shiftedSquares += shifted * shifted
        if numberCounts != nil {
            numberCounts!.add(value)
            if numberCounts!.distinct > exactLimit { overflowNumbers() }
        } else {
            sketch!.insert(value)
        }
    }

    /// Past the limit: every number counted so far goes into a sketch, in ascending order of
    /// value (so that the sketch does not depend on the dictionary's order).
    private mutating func overflowNumbers() {
        var sketch = QuantileSketch(k: sketchK, seed: seed ^ StableHash.fnv1a(name))
        for (value, times) in numberCounts!.sortedRuns() { sketch.insert(value, times: times) }
        self.sketch = sketch
        numberCounts = nil
    }

    public var mean: Double? {
        guard numbers > 0, let shift else { return nil }
        return shift + shiftedSum / Double(numbers)
    }

    /// Sample standard deviation (n − 1), as the in-memory profile reports it.
    public var standardDeviation: Double? {
        guard numbers > 1 else { return nil }
        let n = Double(numbers)
        let variance = (shiftedSquares - shiftedSum * shiftedSum / n) / (n - 1)
        return max(0, variance).squareRoot()
    }

    /// The numbers' values with their counts, ascending: exact, or the sketch's weighted items.
    public func numberRuns() -> [(value: Double, count: Int)] {
        if let numberCounts { return numberCounts.sortedRuns() }
        return sketch?.weightedItems().map { ($0.value, $0.weight) } ?? []
    }
}
