import Synthesis
import Tabular

/// `F`: how often each value of one column occurs, real and synthetic side by side, over the
/// rows the grid shows. Levels are the values as the grid writes them, most frequent first.
public struct FrequencySheet: Sendable, Equatable {
    public struct Level: Sendable, Equatable {
        /// The value as the grid writes it; nil for null.
        public var text: String?
        public var real: Int
        public var synthetic: Int
    }

    public var column: String
    public var levels: [Level]
    public var realRows: Int
    public var syntheticRows: Int
    /// The filter the counts were taken under (nil: every row).
    public var filter: String?
    public var selected = 0
    public var top = 0

    /// Counts the column on both sides, through the grid's filter.
    init(column: String, state: WorkbenchState) {
        self.column = column
        filter = state.grid.query.filterDescription
        var counts: [String?: (real: Int, synthetic: Int, first: Int)] = [:]
        var seen = 0
        var totals = (real: 0, synthetic: 0)
        for synthetic in [false, true] {
            guard let values = RowOrdering.column(column, synthetic: synthetic, in: state) else { continue }
            let rows = state.grid.order.rows(synthetic: synthetic) ?? Array(0..<RowOrdering.rowCount(synthetic: synthetic, in: state))
            for row in rows {
                let text = CellText.text(values.values, validity: values.validity, row: row)
                var entry = counts[text] ?? (0, 0, seen)
                if counts[text] == nil { seen += 1 }
                if synthetic { entry.synthetic += 1 } else { entry.real += 1 }
                counts[text] = entry
            }
            if synthetic { totals.synthetic = rows.count } else { totals.real = rows.count }
        }
        realRows = totals.real
        syntheticRows = totals.synthetic
        levels = counts.sorted { a, b in
            (a.value.real, a.value.synthetic, -a.value.first) > (b.value.real, b.value.synthetic, -b.value.first)
        }.map { Level(text: $0.key, real: $0.value.real, synthetic: $0.value.synthetic) }
    }
}
