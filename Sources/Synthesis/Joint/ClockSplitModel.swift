import Tabular

/// A joint model fitted with some datetime members split into day and clock (`ClockSplit`),
/// which puts them back together: outside, it has the group's members and nothing else.
///
/// Encoded as `{"clock_split": [...], "inner": <the model>}`; a model without splits encodes as
/// itself, so sessions fitted before splits existed read as they did (`JointModelEnvelope`).
public struct ClockSplitModel: JointModel {
    public var splits: [ClockSplit]
    public var inner: any JointModel

    public init(splits: [ClockSplit], inner: any JointModel) {
        self.splits = splits
        self.inner = inner
    }

    private enum CodingKeys: String, CodingKey {
        case splits = "clock_split", inner
    }

    public init(from decoder: any Decoder) throws {
        // The inner model's type is known only from the group's strategy: see `JointModelEnvelope`.
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                debugDescription: "a split model is read through its strategy's envelope"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(splits, forKey: .splits)
        try container.encode(inner, forKey: .inner)
    }

    /// The inner model's members without the clocks (each lives inside its datetime).
    public var columnNames: [String] {
        let clocks = Set(splits.map(\.clockColumn))
        return inner.columnNames.filter { !clocks.contains($0) }
    }

    public var exposure: RealValueExposure { inner.exposure }
    public var privacy: DifferentialPrivacy? { inner.privacy }
    public var summary: [String] {
        inner.summary + splits.map { "\($0.column): modelled as its day and its time of day (\($0.timeZone))" }
    }

    public func validate() throws {
        try Check.within("inner") { try inner.validate() }
        try Check.nonEmpty(splits.count, "clock_split", "split columns")
        let names = inner.columnNames
        var seen = Set<String>()
        for (index, split) in splits.enumerated() {
            let path = ["clock_split", String(index)]
            guard seen.insert(split.column).inserted else { throw Check.fail(path + ["column"], "column '\(split.column)' is split twice") }
            guard split.clockColumn == ClockSplit.clockName(of: split.column) else {
                throw Check.fail(path + ["clockColumn"], "must be '\(ClockSplit.clockName(of: split.column))'")
            }
            guard names.contains(split.column), names.contains(split.clockColumn) else {
                throw Check.fail(path, "the inner model has no members '\(split.column)' and '\(split.clockColumn)'")
            }
            if let range = split.clockRange {
                guard range.count == 2, range.allSatisfy(\.isFinite), range[0] <= range[1] else {
                    throw Check.fail(path + ["clockRange"], "must be [low, high], two finite numbers in order")
                }
            }
            guard split.step >= 1, 86_400 % split.step == 0 else {
                throw Check.fail(path + ["step"], "must be a whole number of seconds that divides a day, not \(split.step)")
            }
            do { _ = try split.rules() } catch {
                throw Check.fail(path + ["timeZone"], "unknown time zone '\(split.timeZone)'")
            }
        }
    }

    public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> [ModelOutput] {
        var innerRequest = request
        // A target on a datetime cannot be put to its day alone; rejection keeps the rows that meet it.
        for split in splits { innerRequest.steering[split.column] = nil }
        let outputs = try inner.generate(innerRequest, random: &random)
        let names = inner.columnNames
        guard outputs.count == names.count else {
            throw PlanError("joint model returned \(outputs.count) columns for \(names.count) members", column: nil)
        }
        var byName = Dictionary(uniqueKeysWithValues: zip(names, outputs))
        for split in splits {
            guard let day = byName[split.column], let clock = byName[split.clockColumn],
                  case .numbers(let days) = day.values, case .numbers(let clocks) = clock.values else {
                throw PlanError("the split of '\(split.column)' did not come back as numbers", column: split.column)
            }
            let zone = try split.rules()
            var validity = NullBitmap(count: days.count, allValid: true)
            var instants = [Double](repeating: 0, count: days.count)
            for row in days.indices {
                let valid = (day.validity?.isValid(row) ?? true) && (clock.validity?.isValid(row) ?? true)
                    && days[row].isFinite && clocks[row].isFinite
                if valid {
                    var units = clocks[row].rounded()
                    if let range = split.clockRange { units = min(max(units, range[0]), range[1]) }
                    let clock = units * Double(split.step)
                    instants[row] = ClockSplit.instant(day: days[row], clock: clock, zone: zone)
                } else {
                    validity.set(row, valid: false)
                }
            }
            byName[split.column] = ModelOutput(.numbers(instants), validity: validity.nullCount == 0 ? nil : validity)
        }
        return columnNames.map { byName[$0]! }
    }

    public func unsteerable(_ steering: [String: SteeringTarget]) -> [String: String] {
        var reasons = inner.unsteerable(steering.filter { name, _ in !splits.contains { $0.column == name } })
        for split in splits where steering[split.column] != nil {
            reasons[split.column] = "modelled as its day and its time of day, which a target on the datetime does not steer"
        }
        return reasons
    }
}

/// Reads a joint model of one strategy, split or not (see `ClockSplitModel`).
struct JointModelEnvelope<Inner: JointModel>: Decodable {
    var model: any JointModel

    private enum CodingKeys: String, CodingKey {
        case splits = "clock_split", inner
    }

    init(from decoder: any Decoder) throws {
        let container = try? decoder.container(keyedBy: CodingKeys.self)
        if let container, container.contains(.splits) {
            model = ClockSplitModel(splits: try container.decode([ClockSplit].self, forKey: .splits),
                                    inner: try container.decode(Inner.self, forKey: .inner))
        } else {
            model = try Inner(from: decoder)
        }
    }
}
