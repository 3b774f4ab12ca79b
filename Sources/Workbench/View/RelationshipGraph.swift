import Tabular
import TerminalUI

/// The relationship graph of the table list, as text: each root table (a parent that is no
/// table's child) with its children under it, indented, a line per foreign key naming both key
/// columns. A child with several parents shows under each; its rows and its own children under
/// its primary parent only (the relationship that drives its number of rows). Tables with no
/// key at all are listed last.
enum RelationshipGraph {
    static func lines(_ relational: RelationalState, ascii: Bool) -> [String] {
        let branch = ascii ? "|-> " : "├─→ ", last = ascii ? "`-> " : "└─→ "
        let through = ascii ? "|   " : "│   ", blank = "    "
        let links = relational.links
        var drawn: Set<String> = []
        // Where each child is drawn whole: under its primary parent, else its first.
        var home: [String: ForeignKey] = [:]
        for link in links where link.key.parent != link.key.child && link.primary { home[link.key.child] = link.key }
        for link in links where link.key.parent != link.key.child && home[link.key.child] == nil { home[link.key.child] = link.key }
        var lines: [String] = []

        func describe(_ name: String) -> String {
            guard let info = relational.table(named: name) else { return name }
            var parts = ["\(RelationalState.grouped(info.rows)) rows"]
            if let key = info.primaryKey { parts.append("key \(key)") }
            parts.append(info.synthesize ? "synthesised" : "kept")
            return name + "  " + parts.joined(separator: ", ")
        }

        func children(of name: String, prefix: String, path: Set<String>) {
            let edges = links.filter { $0.key.parent == name && $0.key.child != name }
            for (index, link) in edges.enumerated() {
                let isLast = index == edges.count - 1
                var edge = "\(link.key.child).\(link.key.childColumn) → \(link.key.parentColumn)"
                if link.primary { edge += ", primary" }
                if link.integrity.orphans > 0 {
                    edge += ", \(RelationalState.grouped(link.integrity.orphans)) orphans"
                }
                let child = link.key.child
                let again = drawn.contains(child) || path.contains(child) || home[child] != link.key
                let hasChildren = links.contains { $0.key.parent == child && $0.key.child != child }
                let node = again ? child + (hasChildren ? " (its children under \(home[child]?.parent ?? child))" : "") : describe(child)
                lines.append(prefix + (isLast ? last : branch) + node + "   [" + edge + "]")
                if !again {
                    drawn.insert(child)
                    children(of: child, prefix: prefix + (isLast ? blank : through), path: path.union([child]))
                }
            }
        }

        let related = Set(links.flatMap { [$0.key.parent, $0.key.child] })
        let roots = relational.tables.map(\.name).filter { name in
            related.contains(name) && !links.contains { $0.key.child == name && $0.key.parent != name }
        }
        for root in roots {
            drawn.insert(root)
            lines.append(describe(root))
            children(of: root, prefix: "", path: [root])
        }
        // Tables every one of whose parents is its own descendant (a cycle): drawn from the first.
        for name in relational.tables.map(\.name) where related.contains(name) && !drawn.contains(name) {
            drawn.insert(name)
            lines.append(describe(name))
            children(of: name, prefix: "", path: [name])
        }
        let alone = relational.tables.map(\.name).filter { !related.contains($0) }
        if !alone.isEmpty { lines.append("no keys: " + alone.joined(separator: ", ")) }
        return lines
    }
}
