/// The states of a binned numeric member: bins over its number line, and how a value is drawn
/// back inside a bin.
struct NumericBins: Hashable, Sendable, Codable {
    /// Bin b holds values in `edges[b] ..< edges[b + 1]` (the last bin includes its top edge).
    /// For whole-numbered columns the top edge is the maximum + 1 and bin b holds the integers
    /// `edges[b] ..< edges[b + 1]`.
    var edges: [Double]
    /// Every real value is a whole number: draws are made whole, inside their bin.
    var whole: Bool
    /// Per bin, the one value all of its rows hold (a spike such as zero), drawn exactly; nil
    /// for ordinary bins.
    var points: [Double?]
    /// Per bin, cumulative weights of `WithinBinShape.slices` equal slices of the bin (the
    /// marginal's mass in each), or empty for a uniform draw across the bin.
    var shapes: [[Double]]
    /// Datetimes are floored to this many seconds (whole days for date-only layouts).
    var resolution: Double?

    var count: Int { edges.count - 1 }

    /// Bins over sorted real values; a bin whose rows all hold one value (a spike) becomes a point bin.
    init(sorted: [Double], edges: [Double], whole: Bool, resolution: Double?) {
        self.edges = edges
        self.whole = whole
        self.resolution = resolution
        let binCount = edges.count - 1
        var points = [Double?](repeating: nil, count: binCount)
        var lowest = [Double](repeating: .infinity, count: binCount)
        var highest = [Double](repeating: -.infinity, count: binCount)
        for value in sorted {
            let bin = Self.bin(of: value, edges: edges)
            lowest[bin] = min(lowest[bin], value)
            highest[bin] = max(highest[bin], value)
        }
        for bin in 0..<binCount where lowest[bin] == highest[bin] { points[bin] = lowest[bin] }
        self.points = points
        shapes = Array(repeating: [], count: binCount)
    }

    private enum CodingKeys: String, CodingKey {
        case edges, whole, points, shapes, resolution
    }

    /// A stored model is checked before it is sampled: edges in order, one point and one shape
    /// per bin, every shape rising to 1.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        edges = try container.decode([Double].self, forKey: .edges)
        whole = try container.decode(Bool.self, forKey: .whole)
        points = try container.decode([Double?].self, forKey: .points)
        shapes = try container.decode([[Double]].self, forKey: .shapes)
        resolution = try container.decodeIfPresent(Double.self, forKey: .resolution)
        let binCount = edges.count - 1
        guard binCount >= 1, zip(edges, edges.dropFirst()).allSatisfy({ $0 <= $1 }), points.count == binCount, shapes.count == binCount,
              shapes.allSatisfy({ $0.isEmpty || ($0.last == 1 && zip($0, $0.dropFirst()).allSatisfy { $0 <= $1 }) }),
              resolution.map({ $0 > 0 }) ?? true else {
            throw DecodingError.dataCorruptedError(forKey: .edges, in: container,
                                                   debugDescription: "bins do not fit together (edges, points and shapes per bin)")
        }
    }

    /// The bin holding a value: how many interior edges lie at or below it.
    func bin(of value: Double) -> Int { Self.bin(of: value, edges: edges) }

    private static func bin(of value: Double, edges: [Double]) -> Int {
        var low = 1
        var high = edges.count - 1 // interior edges are edges[1 ..< count - 1]
        while low < high {
            let middle = (low + high) / 2
            if edges[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low - 1
    }

    /// The stretch of the number line a bin's draws come from. Whole columns are shifted by a
    /// half, so that rounding a draw gives back the bin's integers and no others.
    func interval(_ bin: Int) -> (low: Double, high: Double) {
        whole ? (edges[bin] - 0.5, edges[bin + 1] - 0.5) : (edges[bin], edges[bin + 1])
    }

    /// A value inside a bin, from one uniform draw.
    @inline(__always)
    func value(inBin bin: Int, random: inout RandomStream) -> Double {
        if let point = points[bin] { return point }
        let (low, high) = interval(bin)
        let u = random.nextUnit()
        var x: Double
        let shape = shapes[bin]
        if shape.isEmpty {
            x = low + u * (high - low)
        } else {
            // Invert the piecewise-linear distribution function over the bin's slices.
            var slice = 0
            while slice < shape.count - 1 && shape[slice] <= u { slice += 1 }
            let before = slice == 0 ? 0 : shape[slice - 1]
            let mass = shape[slice] - before
            let within = mass > 0 ? (u - before) / mass : 0.5
            x = low + (Double(slice) + within) * (high - low) / Double(shape.count)
        }
        if whole { return (x + 0.5).rounded(.down) }
        if let resolution { x = (x / resolution).rounded(.down) * resolution }
        return x
    }
}
