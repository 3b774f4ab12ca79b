import Synthesis
import Tabular

/// `I`: one row per plan column with its kind and figures, real and synthetic, over the rows
/// the grid shows.
public struct DescribeSheet: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var column: String
        public var kind: String
        /// nil when the side has no such column (not in the source, or not generated yet).
        public var real: ColumnSummary?
        public var synthetic: ColumnSummary?
    }

    public var rows: [Row]
    public var filter: String?
    /// The highlighted plan column.
    public var selected = 0
    public var top = 0

    init(state: WorkbenchState) {
        filter = state.grid.query.filterDescription
        selected = state.grid.cursorColumn
        var sideRows: [Bool: [Int]] = [:]
        for synthetic in [false, true] {
            sideRows[synthetic] = state.grid.order.rows(synthetic: synthetic)
                ?? Array(0..<RowOrdering.rowCount(synthetic: synthetic, in: state))
        }
        rows = (state.document?.plan.columns ?? []).map { column in
            func summary(_ synthetic: Bool) -> ColumnSummary? {
                RowOrdering.column(column.name, synthetic: synthetic, in: state).map { ColumnSummary($0, rows: sideRows[synthetic]!) }
            }
            return Row(column: column.name, kind: ColumnBadge.kind(column.kind), real: summary(false), synthetic: summary(true))
        }
    }
}
