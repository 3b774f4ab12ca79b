import Tabular

/// Some rows of a table, the unit the encoder learns from and encodes.
struct TableRows: Sendable {
    let table: Table
    let rows: [Int]

    init(_ table: Table, rows: [Int]? = nil) {
        self.table = table
        self.rows = rows ?? Array(0..<table.rowCount)
    }

    /// At most `limit` of these rows, a seeded choice (these rows when there are no more).
    func limited(to limit: Int, seed: UInt64, purpose: UInt64) -> TableRows {
        rows.count <= limit ? self : TableRows(table, rows: RowSample.choose(limit, of: rows, seed: seed, purpose: purpose &+ 0x100))
    }
}

/// Turns table columns into model features, the same way for every utility model:
///
/// - numbers and datetimes (as epoch seconds) are standardised with the mean and the standard
///   deviation (population, as scikit-learn's `StandardScaler`) of the side the model learns from;
/// - categories and booleans become one indicator column per level. Levels come from the real
///   data, the most frequent `maxLevels` of them, with one "other" column for the rarer real
///   levels; a level the real data never had (a synthetic invention) is all zeros;
/// - a null becomes a 1 in an extra "(null)" indicator column (present when the learning side
///   has nulls in that column), with the number imputed by the mean (0 once standardised) and
///   every level column 0.
///
/// Linear models ask for `dropReferenceLevel`: the most frequent level's column is left out,
/// because beside an intercept the full set of level columns is collinear (and the count of
/// parameters of the propensity model's null distribution counts estimable ones only).
public struct FeatureEncoder: Sendable {
    public struct Options: Sendable, Equatable {
        public var maxLevels: Int
        public var dropReferenceLevel: Bool

        public init(maxLevels: Int = 30, dropReferenceLevel: Bool = false) {
            precondition(maxLevels >= 1, "keep at least one level")
            self.maxLevels = maxLevels
            self.dropReferenceLevel = dropReferenceLevel
        }
    }

    enum Encoding: Sendable {
        case numeric(mean: Double, scale: Double, nullIndicator: Bool)
        /// `slots[label]`: the level column of a kept level, or `kept.count` for "other".
        case categorical(kept: [String], slots: [String: Int], other: Bool, dropFirst: Bool, nullIndicator: Bool)
    }

    /// The encoded columns, in order.
    public let columns: [String]
    /// One name per feature: `carat`, `carat (null)`, `cut=Ideal`, `cut (other)`, `cut (null)`.
    public let featureNames: [String]
    /// The index in `columns` each feature comes from.
    public let featureSources: [Int]
    let encodings: [Encoding]

    /// Learns the encoding of `columns` from `sides` (means, deviations, where nulls occur; the
    /// propensity model learns from real and synthetic rows together) and the levels from
    /// `levelsFrom` (real rows). Numbers are numeric kinds stored as numbers; every other kind
    /// is read as categories.
    init(columns: [String], kinds: [String: ColumnKind], fittedOn sides: [TableRows], levelsFrom levelSide: TableRows, options: Options = Options()) {
        self.columns = columns
        var names: [String] = []
        var sources: [Int] = []
        var encodings: [Encoding] = []
        for (source, name) in columns.enumerated() {
            let realColumn = levelSide.table.column(named: name)
            var storedAsText = false
            if case .strings = realColumn?.values { storedAsText = true }
            let (encoding, featureNames) = FidelityData.isContinuous(kinds[name] ?? .categorical) && !storedAsText
                ? Self.numeric(name, sides)
                : Self.categorical(name, sides, levelsFrom: realColumn.map { CategoryLabels($0, rows: levelSide.rows) }, options)
            encodings.append(encoding)
            names += featureNames
            sources += [Int](repeating: source, count: featureNames.count)
        }
        self.encodings = encodings
        featureNames = names
        featureSources = sources
    }

    /// Mean and population deviation of the non-null values of every side, and whether a null occurs.
    private static func numeric(_ name: String, _ sides: [TableRows]) -> (Encoding, [String]) {
        var count = 0.0, total = 0.0
        var hasNull = false
        for side in sides {
            guard let column = side.table.column(named: name) else {
                hasNull = hasNull || !side.rows.isEmpty
                continue
            }
            for row in side.rows {
                if let value = number(column, row) {
                    count += 1
                    total += value
                } else {
                    hasNull = true
                }
            }
        }
        let mean = count > 0 ? total / count : 0
        var squares = 0.0
        for side in sides {
            guard let column = side.table.column(named: name) else { continue }
            for row in side.rows {
                if let value = number(column, row) { squares += (value - mean) * (value - mean) }
            }
        }
        let deviation = count > 0 ? (squares / count).squareRoot() : 0
        return (.numeric(mean: mean, scale: deviation > 0 ? deviation : 1, nullIndicator: hasNull),
                hasNull ? [name, "\(name) (null)"] : [name])
    }

    /// The real levels by frequency, the kept ones, and whether a null occurs on any side.
    private static func categorical(_ name: String, _ sides: [TableRows], levelsFrom labels: CategoryLabels?, _ options: Options) -> (Encoding, [String]) {
        var frequency: [String: Int] = [:]
        if let labels {
            var counts = [Int](repeating: 0, count: labels.labels.count)
            for code in labels.codes where code >= 0 { counts[Int(code)] += 1 }
            for (index, label) in labels.labels.enumerated() where counts[index] > 0 {
                frequency[label, default: 0] += counts[index]
            }
        }
        // Most frequent first; equal counts by label, so the order never depends on storage.
        let ranked = frequency.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
        let kept = Array(ranked.prefix(options.maxLevels))
        let other = ranked.count > kept.count
        var slots: [String: Int] = [:]
        for (index, label) in kept.enumerated() { slots[label] = index }
        for label in ranked.dropFirst(kept.count) { slots[label] = kept.count }
        let hasNull = sides.contains { side in
            guard let column = side.table.column(named: name) else { return !side.rows.isEmpty }
            return column.nullCount > 0 && side.rows.contains { column.isNull($0) }
        }
        let dropFirst = options.dropReferenceLevel && !kept.isEmpty
        var names = kept.dropFirst(dropFirst ? 1 : 0).map { "\(name)=\($0)" }
        if other { names.append("\(name) (other)") }
        if hasNull { names.append("\(name) (null)") }
        return (.categorical(kept: kept, slots: slots, other: other, dropFirst: dropFirst, nullIndicator: hasNull), names)
    }

    /// Encodes some rows of a table that has the encoded columns (a missing column reads as null).
    func encode(_ side: TableRows) -> FeatureMatrix {
        let count = side.rows.count
        var features: [[Double]] = []
        features.reserveCapacity(featureNames.count)
        for (name, encoding) in zip(columns, encodings) {
            let column = side.table.column(named: name)
            switch encoding {
            case .numeric(let mean, let scale, let nullIndicator):
                var values = [Double](repeating: 0, count: count)
                var nulls = [Double](repeating: 0, count: nullIndicator ? count : 0)
                for (index, row) in side.rows.enumerated() {
                    if let column, let value = Self.number(column, row) {
                        values[index] = (value - mean) / scale
                    } else if nullIndicator {
                        nulls[index] = 1
                    }
                }
                features.append(values)
                if nullIndicator { features.append(nulls) }
            case .categorical(let kept, let slots, let other, let dropFirst, let nullIndicator):
                let slotCount = kept.count + (other ? 1 : 0)
                var levelColumns = [[Double]](repeating: [Double](repeating: 0, count: count), count: slotCount)
                var nulls = [Double](repeating: 0, count: nullIndicator ? count : 0)
                if let column {
                    let labels = CategoryLabels(column, rows: side.rows)
                    // One dictionary look-up per distinct label, then an array index per row.
                    let slotOfCode = labels.labels.map { slots[$0] ?? -1 }
                    for (index, code) in labels.codes.enumerated() {
                        if code < 0 {
                            if nullIndicator { nulls[index] = 1 }
                        } else if case let slot = slotOfCode[Int(code)], slot >= 0 {
                            levelColumns[slot][index] = 1
                        }
                    }
                } else if nullIndicator {
                    nulls = [Double](repeating: 1, count: count)
                }
                features.append(contentsOf: levelColumns.dropFirst(dropFirst ? 1 : 0))
                if nullIndicator { features.append(nulls) }
            }
        }
        return FeatureMatrix(rows: count, columns: features, names: featureNames)
    }

    /// A finite number, or nil for null (and for infinities and NaN, which no model can use).
    @inline(__always)
    static func number(_ column: Column, _ row: Int) -> Double? {
        guard column.validity.isValid(row), let value = column.values.numericValue(at: row), value.isFinite else { return nil }
        return value
    }
}
