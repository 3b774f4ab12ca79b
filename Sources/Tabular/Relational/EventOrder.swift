/// Event tables: a child table whose rows, for each parent, follow a time or a sequence column
/// (a plane's flights by `time_hour`, a customer's orders by date). Found in the source, kept in
/// the output (each parent's children are written in that order), and scored by their gaps.
public enum EventOrder {
    /// The column each parent's children are ordered by in the source: in at least 97% of
    /// consecutive pairs of one parent's rows the value does not go down (flights are filed by
    /// actual departure, so 1.7% of a plane's scheduled hours step back), and in at least half
    /// it goes up (so a column constant within parents, such as a year, is no order). Datetime
    /// columns are preferred, then numbers in column order; HHMM clock times are no order (they
    /// wrap each day). Nil when none qualifies.
    public static func detect(_ table: Table, parentKey: String, excluding: Set<String> = []) -> String? {
        guard let key = table.column(named: parentKey) else { return nil }
        let parents = parentIndex(key)
        let candidates = table.columns.filter { column in
            guard column.name != parentKey, !excluding.contains(column.name) else { return false }
            switch column.values {
            case .integers: return !ClockTime.isClockColumn(column)
            case .decimals, .datetimes: return true
            default: return false
            }
        }
        let ordered = candidates.filter { column in
            if case .datetimes = column.values { return true } else { return false }
        } + candidates.filter { column in
            if case .datetimes = column.values { return false } else { return true }
        }
        for column in ordered {
            let (pairs, down, up) = steps(column, parents: parents)
            if pairs >= 20, Double(down) <= 0.03 * Double(pairs), Double(up) >= 0.5 * Double(pairs) { return column.name }
        }
        return nil
    }

    /// Gaps between consecutive children of each parent along `orderBy`, in table order.
    public static func gaps(_ table: Table, parentKey: String, orderBy: String) -> [Double] {
        guard let key = table.column(named: parentKey), let column = table.column(named: orderBy) else { return [] }
        let parents = parentIndex(key)
        var last = [Double?](repeating: nil, count: parents.count)
        var result: [Double] = []
        for row in 0..<table.rowCount {
            guard let parent = parents.rows[row], column.validity.isValid(row), let value = column.values.numericValue(at: row) else { continue }
            if let previous = last[parent] { result.append(value - previous) }
            last[parent] = value
        }
        return result
    }

    /// Row order that sorts each block of rows with the same parent by `column` (stable; nulls
    /// last within the block). Rows are in blocks already (the relational model writes a parent's
    /// children together); rows with no parent keep their places.
    public static func orderWithinBlocks(_ column: Column, parents: [Int?]) -> [Int] {
        var order = Array(0..<parents.count)
        var start = 0
        while start < parents.count {
            var end = start + 1
            while end < parents.count && parents[end] == parents[start] { end += 1 }
            if parents[start] != nil, end - start > 1 {
                let block = order[start..<end].sorted { a, b in
                    let x = column.validity.isValid(a) ? column.values.numericValue(at: a) : nil
                    let y = column.validity.isValid(b) ? column.values.numericValue(at: b) : nil
                    switch (x, y) {
                    case let (x?, y?): return x != y ? x < y : a < b
                    case (_?, nil): return true
                    case (nil, _?): return false
                    case (nil, nil): return a < b
                    }
                }
                order.replaceSubrange(start..<end, with: block)
            }
            start = end
        }
        return order
    }

    /// Each row's parent as a small number (nil for a null key).
    private static func parentIndex(_ key: Column) -> (rows: [Int?], count: Int) {
        var index: [String: Int] = [:]
        let rows = KeyValues.texts(key).map { text -> Int? in
            guard let text else { return nil }
            if let known = index[text] { return known }
            index[text] = index.count
            return index.count - 1
        }
        return (rows, index.count)
    }

    /// Consecutive pairs of one parent's rows, and how many of them go down and up.
    private static func steps(_ column: Column, parents: (rows: [Int?], count: Int)) -> (pairs: Int, down: Int, up: Int) {
        var last = [Double?](repeating: nil, count: parents.count)
        var pairs = 0, down = 0, up = 0
        for row in 0..<column.count {
            guard let parent = parents.rows[row], column.validity.isValid(row), let value = column.values.numericValue(at: row) else { continue }
            if let previous = last[parent] {
                pairs += 1
                if value < previous { down += 1 } else if value > previous { up += 1 }
            }
            last[parent] = value
        }
        return (pairs, down, up)
    }
}
