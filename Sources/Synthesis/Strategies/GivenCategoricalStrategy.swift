import Tabular

/// Levels drawn in their real proportions among the rows that share the `given` columns' values:
/// a tail number given its carrier. `doppel plan` writes it for a functional dependency whose
/// determinant has too many levels to model (4,044 tail numbers determine 16 carriers): the
/// carrier stays in the joint model, and each tail number is drawn among that carrier's own, so
/// the dependency holds. Missing is a level of its own, so nulls follow the given columns too.
public enum GivenCategoricalStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "categorical_given", family: .derived,
        help: "Real levels in their proportions among rows with the same values of other columns",
        supportedKinds: [.categorical, .code, .text, .integer, .boolean],
        parameters: [
            ParameterSpec("given", .list, default: .list([]), help: "The columns whose values the levels are drawn for, e.g. [carrier]"),
            ParameterSpec("rare_threshold", .integer(minimum: 0, maximum: nil), default: 0,
                          help: "Levels seen fewer than this many times in all are never drawn (0: every level)"),
        ],
        exposure: .levels, carriesOwnNulls: true)

    public struct Model: ColumnModel {
        public var given: [String]
        public var levels: [String]
        /// Each key: the given columns' texts joined by U+001F (missing is U+0000).
        public var keys: [String]
        /// Per key, the level indices drawn (`levels.count` stands for missing) and their
        /// cumulative weights.
        public var choices: [[UInt32]]
        public var cumulative: [[Double]]
        /// For a key never seen: every level in its overall proportion.
        public var overall: [Double]
        public var exposure: RealValueExposure { .levels }
        public var dependencies: [String] { given }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            var inputs: [SyntheticColumn] = []
            for name in given {
                guard let column = request.generated[name] else {
                    throw PlanError("strategy 'categorical_given' reads column '\(name)', which was not generated before it")
                }
                inputs.append(column)
            }
            let index = Dictionary(zip(keys, keys.indices), uniquingKeysWith: { first, _ in first })
            var codes = [UInt32](repeating: 0, count: request.count)
            var validity = NullBitmap(count: request.count, allValid: true)
            let missing = UInt32(levels.count)
            for row in 0..<request.count {
                let key = LookupStrategy.key(inputs.map { $0.text(at: row) })
                let u = random.nextUnit()
                let code: UInt32
                if let group = index[key] {
                    code = choices[group][WeightedIndex.index(in: cumulative[group], for: u)]
                } else {
                    code = UInt32(WeightedIndex.index(in: overall, for: u))
                }
                if code == missing { validity.set(row, valid: false) } else { codes[row] = code }
            }
            return ModelOutput(.codes(codes, levels: levels), validity: validity)
        }

        public func validate() throws {
            try Check.nonEmpty(given.count, "given", "given columns")
            try Check.sameCount(choices.count, "choices", as: keys.count, "one per key")
            try Check.sameCount(cumulative.count, "cumulative", as: keys.count, "one per key")
            try Check.sameCount(overall.count, "overall", as: levels.count + 1, "one per level, then missing")
            try Self.checkCumulative(overall, ["overall"])
            for (group, codes) in choices.enumerated() {
                try Check.sameCount(cumulative[group].count, "cumulative.\(group)", as: codes.count, "one per choice")
                try Check.nonEmpty(codes.count, "choices.\(group)", "choices")
                if let bad = codes.firstIndex(where: { Int($0) > levels.count }) {
                    throw Check.fail(["choices", String(group), String(bad)], "level \(codes[bad]) is beyond the \(levels.count) levels")
                }
                try Self.checkCumulative(cumulative[group], ["cumulative", String(group)])
            }
        }

        static func checkCumulative(_ values: [Double], _ path: [String]) throws {
            guard let last = values.last, abs(last - 1) < 1e-9,
                  values.allSatisfy({ $0.isFinite && $0 >= 0 }), zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw Check.fail(path, "cumulative weights must rise from 0 to 1")
            }
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let given = (input.parameters["given"].list ?? []).map(\.displayText)
        guard !given.isEmpty else {
            throw PlanError.at(column: input.columnName, "strategy 'categorical_given' needs given, the columns to draw levels for, e.g. given: [carrier]")
        }
        if given.contains(input.columnName) { throw PlanError.at(column: input.columnName, "strategy 'categorical_given' cannot be given the column itself") }
        let column = try input.requireColumn(strategy: descriptor.id)
        let sources = try given.map { name -> Column in
            guard let source = input.table.column(named: name) else {
                throw PlanError.at(column: input.columnName, "strategy 'categorical_given': given column '\(name)' is not in the source")
            }
            return source
        }
        let threshold = input.parameters.integer("rare_threshold") ?? 0
        let counts = LevelCounts(column)
        var code: [String: UInt32] = [:]
        var levels: [String] = []
        for (level, count) in zip(counts.levels, counts.counts) where count >= max(threshold, 1) {
            code[level] = UInt32(levels.count)
            levels.append(level)
        }
        let missing = UInt32(levels.count)
        var keyIndex: [String: Int] = [:]
        var keys: [String] = []
        var tallies: [[UInt32: Int]] = []
        var overall = [Double](repeating: 0, count: levels.count + 1)
        for row in 0..<column.count {
            let value: UInt32
            if let text = column.text(at: row) {
                guard let known = code[text] else { continue } // a rare level: never drawn
                value = known
            } else {
                value = missing
            }
            let key = LookupStrategy.key(sources.map { $0.text(at: row) })
            let group: Int
            if let known = keyIndex[key] { group = known } else {
                group = keys.count
                keyIndex[key] = group
                keys.append(key)
                tallies.append([:])
            }
            tallies[group][value, default: 0] += 1
            overall[Int(value)] += 1
        }
        guard overall.reduce(0, +) > 0 else {
            throw PlanError.at(column: input.columnName, "strategy 'categorical_given' has nothing to draw: every level is rarer than rare_threshold = \(threshold)")
        }
        var choices: [[UInt32]] = [], cumulative: [[Double]] = []
        for tally in tallies {
            let sorted = tally.sorted { $0.key < $1.key }
            choices.append(sorted.map(\.key))
            cumulative.append(WeightedIndex(weights: sorted.map { Double($0.value) }).cumulative)
        }
        return Model(given: given, levels: levels, keys: keys, choices: choices, cumulative: cumulative,
                     overall: WeightedIndex(weights: overall).cumulative)
    }
}
