/// Primary and foreign keys of a set of tables that declare none (a folder of CSV files): from
/// the columns' names and from value containment.
///
/// - A primary key is a unique, non-null column named `id`, `<table>_id`, `<singular>_id`,
///   `code` or `key` (in that order of preference), else the table's first column when it is
///   unique, non-null text or integers (`carrier` in airlines, `tailnum` in planes).
/// - A foreign key is a child column whose non-null values are mostly contained in a parent's
///   primary key: at least half of its rows when the names match (`carrier` → airlines.carrier,
///   `customer_id` → customers.id), at least 90% for text keys whatever the names
///   (`dest` → airports.faa). Integer keys need matching names: small integers are contained
///   in any id column.
public enum KeyInference {
    /// Shares of non-null child rows that must find their parent.
    public static let namedContainment = 0.5
    public static let unnamedContainment = 0.9

    public static func primaryKey(of table: Table, named name: String) -> String? {
        let singular = singularOf(name)
        let preferred = ["id", "\(name)_id", "\(singular)_id", "code", "key"]
        for wanted in preferred {
            if let column = table.columns.first(where: { $0.name.lowercased() == wanted.lowercased() }), KeyValues.isUnique(column) {
                return column.name
            }
        }
        if let first = table.columns.first, table.rowCount >= 2, KeyValues.isUnique(first) {
            switch first.values {
            case .strings, .integers: return first.name
            default: return nil
            }
        }
        return nil
    }

    /// How well a child column fits a parent key.
    public struct Containment: Sendable {
        /// Non-null child rows whose value is a parent key, over non-null child rows.
        public var rows: Double
        public var distinctChildValues: Int
        public var distinctParentsReferenced: Int
    }

    public static func containment(child: Column, parentKeys: Set<String>) -> Containment {
        var counts: [String: Int] = [:]
        if case .strings(let codes, let levels) = child.values {
            // Count by level code, then by text: no string per row (flights' keys: 337k rows, a
            // few thousand levels, inferred and checked against every parent).
            var perCode = [Int](repeating: 0, count: levels.count)
            for row in codes.indices where !child.isNull(row) { perCode[Int(codes[row])] += 1 }
            for (code, count) in perCode.enumerated() where count > 0 { counts[levels[code], default: 0] += count }
        } else {
            for key in KeyValues.texts(child) { if let key { counts[key, default: 0] += 1 } }
        }
        let total = counts.values.reduce(0, +)
        var contained = 0
        var referenced = 0
        for (key, count) in counts where parentKeys.contains(key) {
            contained += count
            referenced += 1
        }
        return Containment(rows: total == 0 ? 0 : Double(contained) / Double(total), distinctChildValues: counts.count,
                           distinctParentsReferenced: referenced)
    }

    /// True when `column` (in `child`) is named after `parent`'s key `key`.
    public static func namesMatch(column: String, parent: String, key: String) -> Bool {
        let column = column.lowercased(), parent = parent.lowercased(), key = key.lowercased()
        let singular = singularOf(parent)
        var names: Set<String> = ["\(parent)_\(key)", "\(singular)_\(key)"]
        if key != "id" { names.insert(key) }
        if key == "id" { names.formUnion(["\(parent)_id", "\(singular)_id", "\(singular)id"]) }
        return names.contains(column)
    }

    /// Foreign keys among `tables` (name, table), given their primary keys: for each child
    /// column, the best-fitting parent (named first, then by containment).
    public static func foreignKeys(tables: [(name: String, table: Table)], primaryKeys: [String: String]) -> [ForeignKey] {
        var parentKeys: [String: (column: Column, keys: Set<String>)] = [:]
        for (name, table) in tables {
            guard let key = primaryKeys[name], let column = table.column(named: key) else { continue }
            parentKeys[name] = (column, Set(KeyValues.texts(column).compactMap { $0 }))
        }
        var found: [ForeignKey] = []
        for (childName, childTable) in tables {
            for column in childTable.columns where column.name != primaryKeys[childName] && column.nullCount < column.count {
                var best: (key: ForeignKey, named: Bool, rows: Double)?
                for (parentName, _) in tables where parentName != childName {
                    guard let parent = parentKeys[parentName] else { continue }
                    let named = namesMatch(column: column.name, parent: parentName, key: parent.column.name)
                    let textKeys: Bool = {
                        if case .strings = column.values, case .strings = parent.column.values { return true }
                        return false
                    }()
                    guard named || textKeys else { continue }
                    let fit = containment(child: column, parentKeys: parent.keys)
                    let accepted = named ? fit.rows >= namedContainment
                        : fit.rows >= unnamedContainment && fit.distinctChildValues >= 2 && parent.keys.count >= 2
                    guard accepted else { continue }
                    if best == nil || (named && !best!.named) || (named == best!.named && fit.rows > best!.rows) {
                        best = (ForeignKey(child: childName, childColumn: column.name, parent: parentName, parentColumn: parent.column.name),
                                named, fit.rows)
                    }
                }
                if let best { found.append(best.key) }
            }
        }
        return found
    }

    static func singularOf(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix("ies") { return String(lower.dropLast(3)) + "y" }
        if lower.hasSuffix("ses") || lower.hasSuffix("xes") { return String(lower.dropLast(2)) }
        if lower.hasSuffix("s") && !lower.hasSuffix("ss") { return String(lower.dropLast()) }
        return lower
    }
}
