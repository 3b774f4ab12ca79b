import Tabular

/// `doppel report REAL SYNTHETIC` on related tables (two folders, or two SQLite databases):
/// per-table quality (the single-table QualityReport), and per foreign key the cardinality shape
/// similarity, referential integrity on both sides, and the children-per-parent histograms.
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
    }

    public var tables: [TableScore]
    public var links: [LinkScore]

    /// Scores `synthetic` against `real` (both by table name) over `keys`.
    public static func compute(real: [String: Table], synthetic: [String: Table], keys: [ForeignKey], tableOrder: [String],
                               progress: (String) -> Void = { _ in }) -> RelationalReport {
        var tables: [TableScore] = []
        for name in tableOrder {
            guard let realTable = real[name] else { continue }
            let syntheticTable = synthetic[name]
            var quality: QualityReport?
            if let syntheticTable {
                progress("scoring table \(name)")
                let shared = realTable.columnNames.filter { syntheticTable.column(named: $0) != nil }
                let pick = { (table: Table) in Table(columns: shared.map { table.column(named: $0)! }) }
                quality = QualityReport.compute(FidelityData(real: pick(realTable), synthetic: pick(syntheticTable)))
            }
            tables.append(TableScore(name: name, realRows: realTable.rowCount, syntheticRows: syntheticTable?.rowCount ?? 0, quality: quality))
        }
        let links: [LinkScore] = keys.compactMap { key in
            guard let realParent = real[key.parent], let realChild = real[key.child],
                  let syntheticParent = synthetic[key.parent], let syntheticChild = synthetic[key.child] else { return nil }
            let realCounts = CardinalityShape.counts(parent: realParent, parentKey: key.parentColumn, child: realChild, childKey: key.childColumn)
            let syntheticCounts = CardinalityShape.counts(parent: syntheticParent, parentKey: key.parentColumn, child: syntheticChild, childKey: key.childColumn)
            return LinkScore(key: key, cardinalityShapeSimilarity: CardinalityShape.similarity(real: realCounts, synthetic: syntheticCounts),
                             realIntegrity: ReferentialIntegrity.tally(parent: realParent, parentKey: key.parentColumn, child: realChild, childKey: key.childColumn),
                             syntheticIntegrity: ReferentialIntegrity.tally(parent: syntheticParent, parentKey: key.parentColumn, child: syntheticChild, childKey: key.childColumn),
                             realCounts: realCounts, syntheticCounts: syntheticCounts)
        }
        return RelationalReport(tables: tables, links: links)
    }

    /// The mean of the synthetic referential integrity over the keys (nil without keys).
    public var referentialIntegrity: Double? { mean(links.compactMap(\.syntheticIntegrity.score)) }
    public var cardinalityShapeSimilarity: Double? { mean(links.compactMap(\.cardinalityShapeSimilarity)) }

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
            "{\"child\": \(text(link.key.child)), \"child_key\": \(text(link.key.childColumn)), \"parent\": \(text(link.key.parent)), \"parent_key\": \(text(link.key.parentColumn)), \"cardinality_shape_similarity\": \(number(link.cardinalityShapeSimilarity)), \"referential_integrity\": \(number(link.syntheticIntegrity.score)), \"real_referential_integrity\": \(number(link.realIntegrity.score))}"
        }
        return "{\"referential_integrity\": \(number(referentialIntegrity)), \"cardinality_shape_similarity\": \(number(cardinalityShapeSimilarity)), \"tables\": [\(tableLines.joined(separator: ", "))], \"relationships\": [\(linkLines.joined(separator: ", "))]}\n"
    }
}
