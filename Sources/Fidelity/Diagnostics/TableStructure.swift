import Tabular

/// Whether the synthetic table has the real table's columns, stored the way the real ones are.
///
/// Columns are matched by name over all columns (ids and text included). A column's kind is
/// kept when the synthetic column's storage can hold that kind: the same storage as the real
/// column, or whole numbers for a decimal column (a sample can happen to have no fraction).
/// The score is the share of matching columns among all column names of either table, the
/// analogue of SDMetrics' TableStructure (which compares pandas dtypes).
public struct TableStructure: Sendable, Codable, Equatable {
    /// A column present on both sides whose synthetic storage does not fit its real kind.
    public struct Mismatch: Sendable, Codable, Equatable {
        public let column: String
        /// The real column's kind (nil when no kind was given for it).
        public let kind: ColumnKind?
        /// Storage names as `doppel inspect` shows them ("int64", "double", "string", ...).
        public let realStorage: String
        public let syntheticStorage: String

        public init(column: String, kind: ColumnKind?, realStorage: String, syntheticStorage: String) {
            self.column = column
            self.kind = kind
            self.realStorage = realStorage
            self.syntheticStorage = syntheticStorage
        }
    }

    public let score: Double
    public let missingColumns: [String]
    public let extraColumns: [String]
    public let mismatches: [Mismatch]

    public static func compute(_ data: FidelityData) -> TableStructure {
        var mismatches: [Mismatch] = []
        var matching = 0
        for realColumn in data.real.columns {
            guard let syntheticColumn = data.synthetic.column(named: realColumn.name) else { continue }
            if fits(real: realColumn.values, synthetic: syntheticColumn.values) {
                matching += 1
            } else {
                mismatches.append(Mismatch(column: realColumn.name, kind: data.kinds[realColumn.name],
                                           realStorage: realColumn.values.physicalTypeName,
                                           syntheticStorage: syntheticColumn.values.physicalTypeName))
            }
        }
        let names = data.real.columnCount + data.extraInSynthetic.count
        return TableStructure(score: names == 0 ? 1 : Double(matching) / Double(names),
                              missingColumns: data.missingFromSynthetic, extraColumns: data.extraInSynthetic,
                              mismatches: mismatches)
    }

    static func fits(real: ColumnValues, synthetic: ColumnValues) -> Bool {
        switch (real, synthetic) {
        case (.integers, .integers), (.decimals, .decimals), (.decimals, .integers),
             (.booleans, .booleans), (.datetimes, .datetimes), (.strings, .strings): true
        default: false
        }
    }
}
