import Tabular

/// How one member of a Gaussian copula turns a uniform draw into a value, and a real value into
/// its place in [0, 1]. Missing is a state: nulls take the bottom `nullRate` of the unit
/// interval, so a null's dependence on the other columns is learned like any value's.
struct CopulaMarginal: Codable, Sendable, Hashable {
    enum Mapping: Codable, Sendable, Hashable {
        /// Quantiles at evenly spaced probabilities, interpolated linearly between.
        case quantiles([Double])
        /// Frequency intervals (as SDV's copula encodes categoricals): levels in order of
        /// decreasing frequency, each owning an interval of [0, 1] as wide as its probability.
        case levels([String], cumulative: [Double])
        /// A flag: false below `1 - probabilityTrue`, true above.
        case flag(probabilityTrue: Double)
    }

    var name: String
    var nullRate: Double
    var mapping: Mapping

    /// Points in a quantile table: fine enough that interpolation moves no value noticeably.
    static let tableSize = 2_049
    /// Draws used to tabulate a marginal that has no cheap quantile function (a KDE).
    static let tabulationDraws = 65_536

    /// The marginal of `member`, from its own fitted strategy.
    init(member: JointMember, nullRate: Double, seed: UInt64) throws {
        name = member.name
        self.nullRate = nullRate
        let model = member.marginal.model
        if let categorical = model as? CategoricalStrategy.Model {
            let order = categorical.probabilities.indices.sorted { categorical.probabilities[$0] > categorical.probabilities[$1] }
            let cumulative = WeightedIndex(weights: order.map { categorical.probabilities[$0] }).cumulative
            mapping = .levels(order.map { categorical.levels[$0] }, cumulative: cumulative)
        } else if let flag = model as? BooleanStrategy.Model {
            mapping = .flag(probabilityTrue: flag.probabilityTrue)
        } else if member.shape.isNumeric, let distribution = model as? MarginalDistribution, !(model is KDEStrategy.Model) {
            let n = Self.tableSize
            mapping = .quantiles((0..<n).map { distribution.quantile(min(max(Double($0) / Double(n - 1), 1e-9), 1 - 1e-9)) })
        } else if member.shape.isNumeric {
            // No cheap quantile function: tabulate the model's own draws.
            var random = RandomStream(seed: seed, column: member.name, chunk: 0, purpose: .values)
            let request = GenerationRequest(rows: 0..<Self.tabulationDraws, totalRows: Self.tabulationDraws, generated: [:])
            guard case .numbers(var draws) = try model.generate(request, random: &random).values else {
                throw PlanError.at(column: member.name, "the gaussian_copula needs a numeric marginal, but strategy '\(member.marginal.strategy)' makes text")
            }
            draws = draws.filter(\.isFinite).sorted()
            guard !draws.isEmpty else { throw PlanError.at(column: member.name, "strategy '\(member.marginal.strategy)' made no finite values to tabulate") }
            let n = Self.tableSize
            mapping = .quantiles((0..<n).map { draws[min(draws.count - 1, Int(Double($0) / Double(n - 1) * Double(draws.count - 1)))] })
        } else {
            throw PlanError.at(column: member.name, "the gaussian_copula maps through a marginal with an inverse CDF; strategy '\(member.marginal.strategy)' has none (use categorical, boolean or a numeric distribution)")
        }
    }

    /// A sortable key per real row (nulls lowest), whose order matches this marginal's order on
    /// [0, 1]: ranking rows by it (ties broken at random) gives their uniform scores.
    func rankKeys(of column: Column) -> [Double] {
        var keys = [Double](repeating: -.infinity, count: column.count)
        switch mapping {
        case .quantiles, .flag:
            for row in 0..<column.count where column.validity.isValid(row) {
                keys[row] = column.values.numericValue(at: row) ?? -.infinity
            }
        case .levels(let levels, _):
            let position = Dictionary(levels.enumerated().map { ($1, Double($0)) }, uniquingKeysWith: { first, _ in first })
            var bytes: [UInt8] = []
            var textCache: [UInt32: Double] = [:]
            for row in 0..<column.count where column.validity.isValid(row) {
                if case .strings(let codes, let columnLevels) = column.values {
                    let code = codes[row]
                    if let known = textCache[code] { keys[row] = known; continue }
                    // A level the marginal merged or dropped (rare) sorts after every kept one.
                    let key = position[columnLevels[Int(code)]] ?? Double(levels.count)
                    textCache[code] = key
                    keys[row] = key
                } else {
                    bytes.removeAll(keepingCapacity: true)
                    ValueFormatter.append(column.values, row: row, to: &bytes)
                    keys[row] = position[String(decoding: bytes, as: UTF8.self)] ?? Double(levels.count)
                }
            }
        }
        return keys
    }

    /// The value for uniform `u`; nil for a null. Numbers, level codes, or 0/1.
    @inline(__always)
    func value(_ u: Double) -> Double? {
        if u < nullRate { return nil }
        let p = nullRate > 0 ? (u - nullRate) / (1 - nullRate) : u
        switch mapping {
        case .quantiles(let table):
            let position = min(max(p, 0), 1) * Double(table.count - 1)
            let index = min(Int(position), table.count - 2)
            let fraction = position - Double(index)
            return table[index] + (table[index + 1] - table[index]) * fraction
        case .levels(_, let cumulative):
            return Double(WeightedIndex.index(in: cumulative, for: p))
        case .flag(let probabilityTrue):
            return p >= 1 - probabilityTrue ? 1 : 0
        }
    }

    /// Wraps a chunk's values as the model output for this member.
    func output(_ values: [Double], validity: NullBitmap) -> ModelOutput {
        if case .levels(let levels, _) = mapping {
            return ModelOutput(.codes(values.map { UInt32($0) }, levels: levels), validity: validity)
        }
        return ModelOutput(.numbers(values), validity: validity)
    }
}
