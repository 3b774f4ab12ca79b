import Tabular

/// One member of an `mst` model: what its states stand for. Every member has, after its value
/// states, an `other` state (text and few-valued members: the levels that did not pass the
/// threshold; binned members: none) and a missing state, last; which of them carry mass is up
/// to the noisy counts, so the structure itself says nothing about the data.
///
/// Nothing here is read from the data without a mechanism: levels passed a noisy threshold,
/// bin ranges are declared (`bounds`) or found from a noisy histogram, and the within-bin
/// weights are noisy counts.
struct MSTColumn: Hashable, Sendable, Codable {
    enum Domain: Hashable, Sendable {
        /// Text levels that passed the threshold, then one `Other` state for the rest.
        case levels([String])
        /// The distinct numbers of a categorical or boolean column stored as numbers, as above.
        case numbers([Double])
        /// A numeric range cut into fine cells, grouped into the bins the model works on.
        case bins(MSTBins)
    }

    var name: String
    var domain: Domain
    /// The source column's storage (a schema fact, public): what the values are written as.
    var shape: ValueShape

    /// States that stand for values: levels and `Other`, or bins.
    var valueStateCount: Int {
        switch domain {
        case .levels(let levels): levels.count + 1
        case .numbers(let numbers): numbers.count + 1
        case .bins(let bins): bins.binCount
        }
    }

    /// Value states, then the missing state.
    var stateCount: Int { valueStateCount + 1 }
    var missingState: Int { valueStateCount }

    var description: String {
        switch domain {
        case .levels(let levels): "\(levels.count) levels + Other"
        case .numbers(let numbers): "\(numbers.count) values + other"
        case .bins(let bins): "\(bins.binCount) bins over [\(bins.lower), \(bins.upper)]"
        }
    }

    private enum CodingKeys: String, CodingKey { case name, levels, numbers, bins, shape }

    init(name: String, domain: Domain, shape: ValueShape) {
        self.name = name
        self.domain = domain
        self.shape = shape
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        shape = try container.decode(ValueShape.self, forKey: .shape)
        if let levels = try container.decodeIfPresent([String].self, forKey: .levels) {
            domain = .levels(levels)
        } else if let numbers = try container.decodeIfPresent([Double].self, forKey: .numbers) {
            domain = .numbers(numbers)
        } else if let bins = try container.decodeIfPresent(MSTBins.self, forKey: .bins) {
            domain = .bins(bins)
        } else {
            throw DecodingError.dataCorruptedError(forKey: .levels, in: container, debugDescription: "member '\(name)' has no levels, numbers or bins")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(shape, forKey: .shape)
        switch domain {
        case .levels(let levels): try container.encode(levels, forKey: .levels)
        case .numbers(let numbers): try container.encode(numbers, forKey: .numbers)
        case .bins(let bins): try container.encode(bins, forKey: .bins)
        }
    }

    func validate() throws {
        // Levels are written as text, numbers and bins as numbers: the shape must agree.
        if case .levels = domain, shape.isNumeric { throw Check.fail(["shape"], "text levels need a text shape") }
        if case .levels = domain {} else if !shape.isNumeric { throw Check.fail(["shape"], "numbers need a numeric shape") }
        switch domain {
        case .levels(let levels): try Check.sameCount(Set(levels).count, "levels", as: levels.count, "levels are distinct")
        case .numbers(let numbers): try Check.finite(numbers, "numbers")
        case .bins(let bins): try Check.within("bins") { try bins.validate() }
        }
    }
}

/// A numeric member's range: `cells` fine cells of one `width` from `lower`, grouped into bins
/// (`bounds`, fine-cell indices from 0 to `totalCells`). Values are drawn inside a bin by the
/// noisy fine counts (`weights`), then uniformly inside the cell. When the range holds 0, exact
/// zeros have a cell and a bin of their own, the last (amounts and counts are often mostly 0).
struct MSTBins: Hashable, Sendable, Codable {
    var lower: Double
    var width: Double
    /// The widest cell of whole numbers: an exact integer as a Double and as an Int (a noisy
    /// range can be far wider than the data's; past this the cells hold reals, rounded).
    static let widestWholeCell = 4_503_599_627_370_496.0 // 2^52
    var cells: Int
    /// Exact zeros are cell `cells`, alone in the last bin.
    var zero: Bool
    /// Bin b is the cells `bounds[b] ..< bounds[b + 1]`.
    var bounds: [Int]
    /// Per fine cell (the zero cell included), its non-negative noisy weight.
    var weights: [Double]
    /// Whole numbers: cells hold the integers `lower + c·width ..< lower + (c+1)·width`.
    var whole: Bool
    /// Datetimes are floored to this many seconds.
    var resolution: Double?

    var binCount: Int { bounds.count - 1 }
    var upper: Double { lower + Double(cells) * width }
    var totalCells: Int { cells + (zero ? 1 : 0) }

    /// The fine cell of a value, values outside the range clamped to the first or last cell.
    func cell(of value: Double) -> Int {
        if zero && value == 0 { return cells }
        let position = ((value - lower) / width).rounded(.down)
        guard position.isFinite else { return value < lower ? 0 : cells - 1 }
        return Int(max(0, min(Double(cells - 1), position)))
    }

    /// Bin of each fine cell.
    func binOfCell() -> [Int] {
        var result = [Int](repeating: 0, count: totalCells)
        for bin in 0..<binCount { for cell in bounds[bin]..<bounds[bin + 1] { result[cell] = bin } }
        return result
    }

    /// A value inside a bin: a cell by its weight, then a point inside the cell.
    func value(inBin bin: Int, random: inout RandomStream) -> Double {
        let first = bounds[bin]
        let last = bounds[bin + 1]
        var total = 0.0
        for cell in first..<last { total += weights[cell] }
        var cell = first + random.nextIndex(last - first)
        if total > 0 {
            var u = random.nextUnit() * total
            cell = last - 1
            for candidate in first..<last {
                u -= weights[candidate]
                if u < 0 { cell = candidate; break }
            }
        }
        if cell == cells { return 0 }
        let start = lower + Double(cell) * width
        if whole { return start + Double(random.nextIndex(max(1, Int(width)))) }
        var x = start + random.nextUnit() * width
        if let resolution { x = (x / resolution).rounded(.down) * resolution }
        return x
    }

    func validate() throws {
        try Check.finite(lower, "lower")
        try Check.positive(width, "width")
        guard cells >= 1, cells <= 100_000 else { throw Check.fail(["cells"], "\(cells) cells; expected 1 to 100000") }
        try Check.finite(upper, "width", "the range's upper end")
        try Check.sameCount(weights.count, "weights", as: totalCells, "one per cell")
        for (index, weight) in weights.enumerated() { try Check.nonNegative(weight, "weights", "weight \(index)") }
        guard bounds.count >= 2, bounds.first == 0, bounds.last == totalCells, zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw Check.fail(["bounds"], "bin bounds must rise strictly from 0 to the cell count \(totalCells)")
        }
        if whole {
            guard width == width.rounded(), width <= Self.widestWholeCell else {
                throw Check.fail(["width"], "a whole-numbered range needs a whole width of at most \(Int(Self.widestWholeCell))")
            }
        }
        if let resolution { try Check.positive(resolution, "resolution") }
    }
}
