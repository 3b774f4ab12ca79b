import Tabular

/// `doppel report REAL SYNTHETIC` on related tables (two folders, or two SQLite databases):
/// per-table quality (the single-table QualityReport), and per foreign key the cardinality shape
/// similarity, referential integrity on both sides, SDMetrics' Intertable Trends (parent–child
/// column pairs) and the children-per-parent histograms.
public struct RelationalReport: Sendable {
    public struct TableScore: Sendable {
        public var name: String
        public var realRows: Int
        public var syntheticRows: Int
        /// Nil when the synthetic side lacks the table or no column could be scored.
        public var quality: QualityReport?
    }

    public struct LinkScore: Sendable {
        public var key: ForeignKey
        public var cardinalityShapeSimilarity: Double?
        public var realIntegrity: ReferentialIntegrity.Tally
        public var syntheticIntegrity: ReferentialIntegrity.Tally
        public var realCounts: [Int]
        public var syntheticCounts: [Int]
        /// Parent–child column pairs over the joined tables (nil when a side lacks a table's
        /// quality report).
        public var intertableTrends: IntertableTrends.Relationship?
        /// For an event table (its children follow a time within each parent): order and gaps.
        public var events: EventGaps?
    }

    public var tables: [TableScore]
    public var links: [LinkScore]

    /// Scores `synthetic` against `real` (both by table name) over `keys`. Without `quality`
    /// only the keys are scored (cardinality and integrity: the workbench's table list).
    public static func compute(real: [String: Table], synthetic: [String: Table], keys: [ForeignKey], tableOrder: [String],
                               quality scoresTables: Bool = true, progress: (String) -> Void = { _ in }) -> RelationalReport {
        // Keys are ids in SDV's metadata: they are scored by referential integrity and
        // cardinality, not in a table's quality (SDMetrics scores no id column either), and no
        // column on either end of any foreign key is paired.
        var keyColumns: [String: Set<String>] = [:]
        for key in keys {
            keyColumns[key.child, default: []].insert(key.childColumn)
            keyColumns[key.parent, default: []].insert(key.parentColumn)
        }
        var tables: [TableScore] = []
        var kinds: [String: [String: ColumnKind]] = [:]
        for name in tableOrder {
            guard let realTable = real[name] else { continue }
            let syntheticTable = synthetic[name]
            var quality: QualityReport?
            if let syntheticTable, scoresTables {
                progress("scoring table \(name)")
                let keys = keyColumns[name] ?? []
                let shared = realTable.columnNames.filter { syntheticTable.column(named: $0) != nil && !keys.contains($0) }
                let pick = { (table: Table) in Table(columns: shared.map { table.column(named: $0)! }) }
                let data = FidelityData(real: pick(realTable), synthetic: pick(syntheticTable))
                kinds[name] = data.kinds
                quality = QualityReport.compute(data)
            }
            tables.append(TableScore(name: name, realRows: realTable.rowCount, syntheticRows: syntheticTable?.rowCount ?? 0, quality: quality))
        }
        let scored = Dictionary(uniqueKeysWithValues: tables.compactMap { table in table.quality.map { (table.name, $0.columns.map(\.column)) } })
        let links: [LinkScore] = keys.compactMap { key in
            guard let realParent = real[key.parent], let realChild = real[key.child],
                  let syntheticParent = synthetic[key.parent], let syntheticChild = synthetic[key.child] else { return nil }
            let realCounts = CardinalityShape.counts(parent: realParent, parentKey: key.parentColumn, child: realChild, childKey: key.childColumn)
            let syntheticCounts = CardinalityShape.counts(parent: syntheticParent, parentKey: key.parentColumn, child: syntheticChild, childKey: key.childColumn)
            var trends: IntertableTrends.Relationship?
            if let parentColumns = scored[key.parent], let childColumns = scored[key.child],
               let parentKinds = kinds[key.parent], let childKinds = kinds[key.child] {
                progress("pairing \(key.parent) with \(key.child)")
                trends = IntertableTrends.compute(
                    key: key, realParent: realParent, realChild: realChild, syntheticParent: syntheticParent, syntheticChild: syntheticChild,
                    parentColumns: parentColumns.filter { !keyColumns[key.parent, default: []].contains($0) },
                    childColumns: childColumns.filter { !keyColumns[key.child, default: []].contains($0) },
                    kinds: (parentKinds, childKinds))
            }
            return LinkScore(key: key, cardinalityShapeSimilarity: CardinalityShape.similarity(real: realCounts, synthetic: syntheticCounts),
                             realIntegrity: ReferentialIntegrity.tally(parent: realParent, parentKey: key.parentColumn, child: realChild, childKey: key.childColumn),
                             syntheticIntegrity: ReferentialIntegrity.tally(parent: syntheticParent, parentKey: key.parentColumn, child: syntheticChild, childKey: key.childColumn),
                             realCounts: realCounts, syntheticCounts: syntheticCounts, intertableTrends: trends,
                             events: EventGaps.compute(realChild: realChild, syntheticChild: syntheticChild, key: key,
                                                       keyColumns: keyColumns[key.child, default: []]))
        }
        return RelationalReport(tables: tables, links: links)
    }

    /// The mean of the synthetic referential integrity over the keys (nil without keys).
    public var referentialIntegrity: Double? { mean(links.compactMap(\.syntheticIntegrity.score)) }
    public var cardinalityShapeSimilarity: Double? { mean(links.compactMap(\.cardinalityShapeSimilarity)) }
    /// SDMetrics' Intertable Trends over every relationship's pairs that meet their threshold.
    public var intertableTrends: Double? { IntertableTrends.overall(links.compactMap(\.intertableTrends)) }

    private func mean(_ values: [Double]) -> Double? { values.isEmpty ? nil : values.reduce(0, +) / Double(values.count) }

    /// One flat JSON object for scripts.
    public func json() -> String {
        func number(_ value: Double?) -> String { value.map { String(format: "%.6f", $0) } ?? "null" }
        func text(_ value: String) -> String {
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let tableLines = tables.map { table in
            "{\"table\": \(text(table.name)), \"real_rows\": \(table.realRows), \"synthetic_rows\": \(table.syntheticRows), \"quality\": \(number(table.quality?.score))}"
        }
        let linkLines = links.map { link in
            "{\"child\": \(text(link.key.child)), \"child_key\": \(text(link.key.childColumn)), \"parent\": \(text(link.key.parent)), \"parent_key\": \(text(link.key.parentColumn)), \"cardinality_shape_similarity\": \(number(link.cardinalityShapeSimilarity)), \"referential_integrity\": \(number(link.syntheticIntegrity.score)), \"real_referential_integrity\": \(number(link.realIntegrity.score)), \"intertable_trends\": \(number(link.intertableTrends?.score)), \"intertable_pairs\": \(link.intertableTrends?.pairs.count ?? 0), \"intertable_pairs_meeting_threshold\": \(link.intertableTrends?.pairs.filter(\.meetsThreshold).count ?? 0), \"event_order\": \(link.events.map { text($0.column) } ?? "null"), \"event_ordered_share\": \(number(link.events?.syntheticOrderedShare)), \"event_gap_similarity\": \(number(link.events?.gapSimilarity))}"
        }
        return "{\"referential_integrity\": \(number(referentialIntegrity)), \"cardinality_shape_similarity\": \(number(cardinalityShapeSimilarity)), \"intertable_trends\": \(number(intertableTrends)), \"tables\": [\(tableLines.joined(separator: ", "))], \"relationships\": [\(linkLines.joined(separator: ", "))]}\n"
    }
}
