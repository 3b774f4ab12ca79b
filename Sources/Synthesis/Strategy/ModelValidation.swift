/// Why a fitted model cannot be sampled safely: a stored index out of range, lengths that
/// disagree, a probability that is not one, a tree with a loop. Fitted models travel inside
/// session files, which people mail to each other, so every model is checked before it is used
/// (`ColumnModel.validate`, `JointModel.validate`).
///
/// `path` names the field inside the model's encoding, e.g. `["members", "2", "conditional",
/// "tree", "_0", "child", "17"]`; `message` says what is wrong in the user's terms.
public struct ModelValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: [String]
    public var message: String

    public init(path: [String], message: String) {
        self.path = path
        self.message = message
    }

    /// The path as one key path (`members.2.conditional`), empty for the model itself.
    public var keyPath: String { path.joined(separator: ".") }

    public var description: String { path.isEmpty ? message : "\(keyPath): \(message)" }
}

/// The checks fitted models share. Each throws a `ModelValidationError` whose path is relative
/// to the value being checked; `Check.within` prefixes the path of the field it sits in.
enum Check {
    /// The largest count of anything a model may make a sampler allocate per value (pattern
    /// repetition, padding width, words of a text): far above what any fit produces.
    static let maximumPerValue = 100_000

    static func fail(_ path: [String], _ message: String) -> ModelValidationError {
        ModelValidationError(path: path, message: message)
    }

    /// Runs `body`, prefixing the path of any validation error it throws with `keys`.
    static func within(_ keys: String..., body: () throws -> Void) throws {
        try within(keys, body: body)
    }

    static func within(_ keys: [String], body: () throws -> Void) throws {
        do {
            try body()
        } catch var error as ModelValidationError {
            error.path = keys + error.path
            throw error
        }
    }

    static func finite(_ value: Double, _ key: String, _ what: String = "the value") throws {
        guard value.isFinite else { throw fail([key], "\(what) is \(value); it must be a finite number") }
    }

    static func finite(_ values: [Double], _ key: String, _ what: String = "value") throws {
        if let index = values.firstIndex(where: { !$0.isFinite }) {
            throw fail([key, String(index)], "\(what) \(values[index]) is not a finite number")
        }
    }

    static func nonNegative(_ value: Double, _ key: String, _ what: String = "the value") throws {
        guard value.isFinite, value >= 0 else { throw fail([key], "\(what) is \(value); it must be a finite number of at least 0") }
    }

    static func positive(_ value: Double, _ key: String, _ what: String = "the value") throws {
        guard value.isFinite, value > 0 else { throw fail([key], "\(what) is \(value); it must be a finite number above 0") }
    }

    /// A probability or a share: 0 ... 1.
    static func unit(_ value: Double, _ key: String, _ what: String = "the probability") throws {
        guard value >= 0, value <= 1 else { throw fail([key], "\(what) is \(value); it must be between 0 and 1") }
    }

    static func ordered(_ lower: Double, _ upper: Double, lowerKey: String, upperKey: String) throws {
        try finite(lower, lowerKey, "the lower end")
        try finite(upper, upperKey, "the upper end")
        guard lower <= upper else {
            throw fail([lowerKey], "the lower end (\(lower)) is above the upper end \(upperKey) (\(upper))")
        }
    }

    static func nonEmpty(_ count: Int, _ key: String, _ what: String) throws {
        guard count > 0 else { throw fail([key], "there are no \(what); sampling needs at least one") }
    }

    static func sameCount(_ count: Int, _ key: String, as expected: Int, _ what: String) throws {
        guard count == expected else { throw fail([key], "has \(count) entries but must have \(expected) (\(what))") }
    }

    static func index(_ value: Int, count: Int, _ path: [String], _ what: String) throws {
        guard value >= 0, value < count else {
            throw fail(path, "index \(value) is out of range (\(what) has \(count))")
        }
    }

    static func ascending(_ values: [Double], _ key: String) throws {
        for index in values.indices.dropFirst() where !(values[index - 1] <= values[index]) {
            throw fail([key, String(index)], "values must be in ascending order, but \(values[index]) follows \(values[index - 1])")
        }
    }

    /// Probabilities of a distribution: at least one, each finite and at least 0, summing to 1.
    static func distribution(_ probabilities: [Double], _ key: String) throws {
        try nonEmpty(probabilities.count, key, "probabilities")
        for (index, probability) in probabilities.enumerated() where !(probability >= 0 && probability <= 1) {
            throw fail([key, String(index)], "probability \(probability) is not between 0 and 1")
        }
        let total = probabilities.reduce(0, +)
        guard abs(total - 1) <= 1e-6 else { throw fail([key], "the probabilities sum to \(total), not 1") }
    }

    /// Weights normalised when used: at least one, each finite and at least 0, some above 0.
    static func weights(_ weights: [Double], _ key: String) throws {
        try nonEmpty(weights.count, key, "weights")
        for (index, weight) in weights.enumerated() where !(weight.isFinite && weight >= 0) {
            throw fail([key, String(index)], "weight \(weight) is not a finite number of at least 0")
        }
        let total = weights.reduce(0, +)
        guard total > 0, total.isFinite else { throw fail([key], "the weights sum to \(total); they must sum to a finite number above 0") }
    }

    /// A cumulative distribution: rising from at least 0 to exactly 1 (within 1e-6).
    static func cumulative(_ values: [Double], _ key: String) throws {
        try nonEmpty(values.count, key, "cumulative probabilities")
        var previous = 0.0
        for (index, value) in values.enumerated() {
            guard value >= previous, value <= 1 + 1e-6 else {
                throw fail([key, String(index)], "cumulative probability \(value) does not rise from \(previous) and stay at most 1")
            }
            previous = value
        }
        guard abs(values[values.count - 1] - 1) <= 1e-6 else {
            throw fail([key, String(values.count - 1)], "the last cumulative probability is \(values[values.count - 1]), not 1")
        }
    }

    /// Multiplies counts, nil on overflow.
    static func product(_ counts: [Int]) -> Int? {
        var result = 1
        for count in counts {
            let (product, overflow) = result.multipliedReportingOverflow(by: count)
            if overflow { return nil }
            result = product
        }
        return result
    }
}

extension WeightedIndex {
    func validate(count: Int, what: String) throws {
        try Check.cumulative(cumulative, "cumulative")
        try Check.sameCount(cumulative.count, "cumulative", as: count, "one per \(what)")
    }
}

extension FittedColumn {
    /// Checks the options around the model (null rate, edge cases, clip, round), then the model.
    /// Paths are those of an embedded marginal (`null_rate`, `model`, ...).
    public func validate() throws {
        if let nullRate { try Check.unit(nullRate, "null_rate", "the null rate") }
        try Check.unit(edgeRate, "edge_rate", "the edge-case rate")
        try Check.finite(edgeNumbers, "edge_numbers", "edge case")
        if let clipRange {
            try Check.within("clip_range") {
                try Check.ordered(clipRange.lowerBound, clipRange.upperBound, lowerKey: "0", upperKey: "1")
            }
        }
        if let roundDigits, !(-20...20).contains(roundDigits) {
            throw Check.fail(["round_digits"], "\(roundDigits) decimal digits is out of range (-20 to 20)")
        }
        try Check.within("model") { try model.validate() }
    }
}
