/// What the states of one member column stand for. Missing is a state of its own (the last),
/// present when the real column has nulls, so that nulls occur together as they do in the data.
struct ColumnStates: Hashable, Sendable, Codable {
    enum Values: Hashable, Sendable {
        /// Text levels, as they occur in the data (rare ones merged into one `Other` level).
        case levels([String])
        /// The distinct values of a numeric column with few of them (a year, a flag, a rating).
        case numbers([Double])
        /// Bins over a numeric column's number line.
        case bins(NumericBins)
    }

    var name: String
    var values: Values
    var hasMissing: Bool

    /// States that stand for values (the missing state comes after them).
    var valueStateCount: Int {
        switch values {
        case .levels(let levels): levels.count
        case .numbers(let numbers): numbers.count
        case .bins(let bins): bins.count
        }
    }

    var stateCount: Int { valueStateCount + (hasMissing ? 1 : 0) }

    /// True when the states carry real values or levels rather than statistics: text levels,
    /// the distinct values of a few-valued column (booleans excepted: 0 and 1 are no data), or
    /// a value that fills a bin of its own.
    var keepsLevels: Bool {
        switch values {
        case .levels(let levels): !levels.isEmpty
        case .numbers(let numbers): !numbers.allSatisfy { $0 == 0 || $0 == 1 }
        case .bins(let bins): bins.points.contains { $0 != nil }
        }
    }

    /// How the states read in a summary: "3 levels", "20 bins".
    var description: String {
        let missing = hasMissing ? " + missing" : ""
        switch values {
        case .levels(let levels): return "\(levels.count) levels\(missing)"
        case .numbers(let numbers): return "\(numbers.count) values\(missing)"
        case .bins(let bins): return "\(bins.count) bins\(missing)"
        }
    }

    private enum CodingKeys: String, CodingKey {
        case name, levels, numbers, bins, missing
    }

    init(name: String, values: Values, hasMissing: Bool) {
        self.name = name
        self.values = values
        self.hasMissing = hasMissing
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        hasMissing = try container.decodeIfPresent(Bool.self, forKey: .missing) ?? false
        if let levels = try container.decodeIfPresent([String].self, forKey: .levels) {
            values = .levels(levels)
        } else if let numbers = try container.decodeIfPresent([Double].self, forKey: .numbers) {
            values = .numbers(numbers)
        } else if let bins = try container.decodeIfPresent(NumericBins.self, forKey: .bins) {
            values = .bins(bins)
        } else {
            throw DecodingError.dataCorruptedError(forKey: .levels, in: container,
                                                   debugDescription: "column '\(name)' has no levels, numbers or bins")
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        if hasMissing { try container.encode(true, forKey: .missing) }
        switch values {
        case .levels(let levels): try container.encode(levels, forKey: .levels)
        case .numbers(let numbers): try container.encode(numbers, forKey: .numbers)
        case .bins(let bins): try container.encode(bins, forKey: .bins)
        }
    }
}
