import Tabular

/// The columns `doppel report` scores. A synthetic file that lacks columns of the real one, or
/// has others, is refused: dropping a hard column would raise the score, and with no shared
/// column at all every metric would look perfect. `--columns a,b,c` names a subset to score
/// instead, which every file given must have.
enum ScoredColumns {
    typealias Named = (file: String, table: Table)

    static func match(real: Named, synthetic: Named, holdout: Named?, columns: String?, target: String?) throws -> (Table, Table, Table?) {
        guard let columns else {
            let realNames = real.table.columnNames, syntheticNames = synthetic.table.columnNames
            let missing = realNames.filter { !syntheticNames.contains($0) }
            let extra = syntheticNames.filter { !realNames.contains($0) }
            if !missing.isEmpty || !extra.isEmpty {
                var parts: [String] = []
                if !missing.isEmpty { parts.append("lacks \(list(missing)) of \(real.file)") }
                if !extra.isEmpty { parts.append("has \(list(extra)), which \(real.file) does not") }
                let shared = realNames.filter { syntheticNames.contains($0) }
                let hint = shared.isEmpty
                    ? "the files share no column"
                    : "to score the shared columns only, pass --columns \(shared.joined(separator: ","))"
                throw BadInput("\(synthetic.file) \(parts.joined(separator: " and ")); \(hint)")
            }
            if let holdout {
                let absent = realNames.filter { holdout.table.column(named: $0) == nil }
                if !absent.isEmpty { throw BadInput("--holdout \(holdout.file) lacks \(list(absent)) of \(real.file)") }
                return (real.table, synthetic.table, select(realNames, from: holdout.table))
            }
            return (real.table, synthetic.table, nil)
        }
        var names: [String] = []
        for name in columns.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingSpaces }) {
            guard !name.isEmpty else { throw BadInput("--columns \(columns): an empty column name; expected names separated by commas") }
            guard !names.contains(name) else { throw BadInput("--columns \(columns): '\(name)' is named twice") }
            names.append(name)
        }
        for file in [real, synthetic] + (holdout.map { [$0] } ?? []) {
            let absent = names.filter { file.table.column(named: $0) == nil }
            if !absent.isEmpty { throw BadInput("--columns: \(file.file) has no \(list(absent))") }
        }
        if let target, !names.contains(target) {
            throw BadInput("--target \(target) is not one of --columns \(columns)")
        }
        return (select(names, from: real.table), select(names, from: synthetic.table), holdout.map { select(names, from: $0.table) })
    }

    private static func select(_ names: [String], from table: Table) -> Table {
        Table(columns: names.map { table.column(named: $0)! })
    }

    private static func list(_ names: [String]) -> String {
        (names.count == 1 ? "column " : "columns ") + names.map { "'\($0)'" }.joined(separator: ", ")
    }
}

private extension Substring {
    var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
