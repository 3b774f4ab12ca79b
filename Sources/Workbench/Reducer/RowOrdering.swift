import Synthesis
import Tabular

/// The rows a side shows for a `RowQuery`: filtered, then sorted. Pure; a query on a million
/// rows costs one pass and one sort, done when the query or the preview changes, never per frame.
enum RowOrdering {
    /// The values of a column on one side: the real table's, or the preview's.
    static func column(_ name: String, synthetic: Bool, in state: WorkbenchState) -> FormulaColumn? {
        if synthetic { return state.preview.generated[name].map { FormulaColumn($0.values) } }
        return state.document?.table.column(named: name).map { FormulaColumn($0) }
    }

    static func rowCount(synthetic: Bool, in state: WorkbenchState) -> Int {
        synthetic ? state.preview.rowCount : state.document?.table.rowCount ?? 0
    }

    /// Recomputes both sides' orders from `state.grid.query`. A formula that does not compile on
    /// the real rows throws (its whole message is for the user); on the synthetic rows it keeps
    /// none (a column may not be generated yet).
    static func refresh(_ state: inout WorkbenchState) throws(FormulaError) {
        let query = state.grid.query
        guard !query.isEmpty else {
            state.grid.order = RowOrder()
            return
        }
        let real = try rows(query, synthetic: false, state)
        let synthetic = (try? rows(query, synthetic: true, state)) ?? []
        state.grid.order = RowOrder(real: real, synthetic: synthetic)
    }

    /// The synthetic side again, after the preview changed.
    static func refreshSynthetic(_ state: inout WorkbenchState) {
        guard !state.grid.query.isEmpty else { return }
        state.grid.order.synthetic = (try? rows(state.grid.query, synthetic: true, state)) ?? []
    }

    static func rows(_ query: RowQuery, synthetic: Bool, _ state: WorkbenchState) throws(FormulaError) -> [Int] {
        var rows = Array(0..<rowCount(synthetic: synthetic, in: state))
        for filter in query.filters {
            switch filter {
            case .formula(let text):
                let formula = try Formula(text)
                var columns: [String: FormulaColumn] = [:]
                for name in formula.references {
                    if let column = column(name, synthetic: synthetic, in: state) { columns[name] = column }
                }
                let compiled = try formula.compile(columns: columns)
                if compiled.type != .boolean && compiled.type != .unknown && compiled.type != .null {
                    throw FormulaError(formula: text, message: "a filter is true or false, this gives a \(compiled.type.rawValue)",
                                       position: 1)
                }
                // Evaluated over the whole side at once (typed, no per-row boxing); only true
                // passes, as in a SQL WHERE clause.
                guard case .booleans(let passes, let validity) = compiled.evaluate(rows: 0..<rowCount(synthetic: synthetic, in: state)) else {
                    return []
                }
                rows = rows.filter { passes[$0] && validity.isValid($0) }
            case .level(let name, let text):
                guard let column = column(name, synthetic: synthetic, in: state) else { return [] }
                rows = rows.filter { CellText.text(column.values, validity: column.validity, row: $0) == text }
            }
        }
        if let sort = query.sort, let column = column(sort.column, synthetic: synthetic, in: state) {
            rows = sorted(rows, by: column, descending: sort.descending)
        }
        return rows
    }

    /// A stable sort by value (numbers and dates by number, text by Unicode order), nulls last.
    static func sorted(_ rows: [Int], by column: FormulaColumn, descending: Bool) -> [Int] {
        let keys: [Double?]
        switch column.values {
        case .strings(let codes, let levels):
            // Rank the levels once; rows then sort by an integer.
            let order = levels.indices.sorted { levels[$0] < levels[$1] }
            var rank = [Double](repeating: 0, count: levels.count)
            for (position, level) in order.enumerated() { rank[level] = Double(position) }
            keys = codes.indices.map { column.validity.isValid($0) && Int(codes[$0]) < rank.count ? rank[Int(codes[$0])] : nil }
        default:
            keys = (0..<column.values.count).map { column.validity.isValid($0) ? column.values.numericValue(at: $0) : nil }
        }
        // Nulls last either way; the rest by key, ties in row order (a stable sort).
        let valued = rows.filter { $0 < keys.count && keys[$0] != nil }
        let nulls = rows.filter { !($0 < keys.count && keys[$0] != nil) }
        let values = keys.map { $0 ?? 0 }
        let ordered = descending
            ? valued.sorted { values[$0] > values[$1] || (values[$0] == values[$1] && $0 < $1) }
            : valued.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
        return ordered + nulls
    }
}
