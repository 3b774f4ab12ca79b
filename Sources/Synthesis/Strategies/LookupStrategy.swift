import Tabular

/// A column that is a function of other columns of the row (`distance` of (`origin`, `dest`)),
/// kept as the lookup table learned from the real rows: each key's most common value.
/// `doppel plan` writes it for a functional dependency it finds, so that the output keeps it.
///
/// A key the table never saw takes the nearest key's value when there is one key column of
/// numbers; otherwise its value is missing. (The plan pairs a lookup on two columns with a
/// fixed_combinations constraint, so that only real keys reach it.)
public enum LookupStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "lookup", family: .derived,
        help: "The value the real data pairs with other columns' values (a functional dependency)",
        supportedKinds: ColumnKind.every,
        parameters: [
            ParameterSpec("keys", .list, default: .list([]), help: "The columns whose values determine this one, e.g. [origin, dest]"),
        ],
        exposure: .values, needsSourceColumn: true, carriesOwnNulls: true)

    public struct Model: ColumnModel {
        public var keys: [String]
        /// Each real key: its columns' texts joined by U+001F (a missing value is U+0000).
        public var entries: [String]
        /// The value for each entry, as text (nil: missing).
        public var values: [String?]
        /// For a numeric column: the value for each entry as a number (0 where missing).
        public var numbers: [Double]?
        /// For one numeric key column: each entry's key as a number, for the nearest key.
        public var keyNumbers: [Double]?
        public var shape: ValueShape
        public var exposure: RealValueExposure { .values }
        public var dependencies: [String] { keys }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            var inputs: [SyntheticColumn] = []
            for name in keys {
                guard let column = request.generated[name] else {
                    throw PlanError("strategy 'lookup' reads column '\(name)', which was not generated before it")
                }
                inputs.append(column)
            }
            let table = Dictionary(zip(entries, values.indices), uniquingKeysWith: { first, _ in first })
            let nearest = keyNumbers.map(NearestNumericKey.init)
            var found = [Int](repeating: -1, count: request.count)
            var validity = NullBitmap(count: request.count, allValid: true)
            for row in 0..<request.count {
                let key = LookupStrategy.key(inputs.map { $0.text(at: row) })
                var index = table[key]
                if index == nil, let nearest, let number = inputs[0].number(at: row) { index = nearest.index(closestTo: number) }
                guard let index, values[index] != nil else {
                    validity.set(row, valid: false)
                    continue
                }
                found[row] = index
            }
            if let numbers {
                return ModelOutput(.numbers(found.map { $0 < 0 ? 0 : numbers[$0] }), validity: validity)
            }
            return ModelOutput(.texts(found.map { $0 < 0 ? "" : values[$0] ?? "" }), validity: validity)
        }

        public func validate() throws {
            try Check.nonEmpty(keys.count, "keys", "key columns")
            try Check.sameCount(values.count, "values", as: entries.count, "one per entry")
            guard Set(entries).count == entries.count else { throw Check.fail(["entries"], "an entry is listed twice") }
            if let numbers {
                try Check.sameCount(numbers.count, "numbers", as: entries.count, "one per entry")
                try Check.finite(numbers, "numbers")
            }
            if let keyNumbers {
                try Check.sameCount(keyNumbers.count, "keyNumbers", as: entries.count, "one per entry")
                try Check.finite(keyNumbers, "keyNumbers")
            }
        }
    }

    static let separator = "\u{1F}"
    static let missing = "\u{0}"

    /// One row's key: the key columns' texts joined by U+001F, a missing value as U+0000 (the
    /// same for real columns at fit time and generated ones at sampling time).
    static func key(_ texts: [String?]) -> String {
        texts.map { $0 ?? missing }.joined(separator: separator)
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let keys = (input.parameters["keys"].list ?? []).map(\.displayText)
        guard !keys.isEmpty else {
            throw PlanError.at(column: input.columnName, "strategy 'lookup' needs keys, the columns that determine this one, e.g. keys: [origin, dest]")
        }
        if keys.contains(input.columnName) { throw PlanError.at(column: input.columnName, "strategy 'lookup' cannot use the column itself as a key") }
        let target = try input.requireColumn(strategy: descriptor.id)
        let sources = try keys.map { name -> Column in
            guard let column = input.table.column(named: name) else {
                throw PlanError.at(column: input.columnName, "strategy 'lookup': key column '\(name)' is not in the source")
            }
            return column
        }
        // Each key's most common value (ties to the smaller text), counted in one pass; a row
        // of each value is remembered to read it as a number.
        var counts: [String: [String: (count: Int, row: Int)]] = [:]
        var firstSeen: [String] = []
        var firstRow: [String: Int] = [:]
        for row in 0..<target.count {
            let key = Self.key(sources.map { $0.text(at: row) })
            let value = target.text(at: row) ?? missing
            if counts[key] == nil { firstSeen.append(key); firstRow[key] = row }
            counts[key, default: [:]][value, default: (0, row)].count += 1
        }
        var values: [String?] = [], numbers: [Double] = []
        for key in firstSeen {
            let best = counts[key]!.max { $0.value.count < $1.value.count || ($0.value.count == $1.value.count && $0.key > $1.key) }!
            values.append(best.key == missing ? nil : best.key)
            numbers.append(best.key == missing ? 0 : target.values.numericValue(at: best.value.row) ?? 0)
        }
        var keyNumbers: [Double]?
        if sources.count == 1, input.table.column(named: keys[0]).map({ ValueShape(of: $0.values).isNumeric }) == true {
            keyNumbers = firstSeen.map { sources[0].values.numericValue(at: firstRow[$0]!) ?? 0 }
        }
        return Model(keys: keys, entries: firstSeen, values: values, numbers: input.shape.isNumeric ? numbers : nil,
                     keyNumbers: keyNumbers, shape: input.shape)
    }
}

/// Keys of one numeric column, sorted, for the nearest real key of a value the table never saw.
struct NearestNumericKey {
    var numbers: [Double] = []
    var indices: [Int] = []

    init(_ keys: [Double]) {
        var pairs = keys.enumerated().map { ($0.element, $0.offset) }
        pairs.sort { $0.0 < $1.0 }
        numbers = pairs.map(\.0)
        indices = pairs.map(\.1)
    }

    func index(closestTo value: Double) -> Int? {
        guard !numbers.isEmpty else { return nil }
        var low = 0, high = numbers.count
        while low < high {
            let middle = (low + high) / 2
            if numbers[middle] < value { low = middle + 1 } else { high = middle }
        }
        if low == numbers.count { return indices[numbers.count - 1] }
        if low > 0, value - numbers[low - 1] <= numbers[low] - value { return indices[low - 1] }
        return indices[low]
    }
}
