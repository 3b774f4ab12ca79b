/// Tables in generation order: every parent before its children (Kahn's algorithm, ties in the
/// given order). A cycle of keys is an error naming the tables on it.
public enum TableOrder {
    public static func parentsFirst(_ tables: [String], links: [RelationalLink]) throws -> [String] {
        let known = Set(tables)
        for link in links {
            for name in [link.key.parent, link.key.child] where !known.contains(name) {
                throw RelationalError("relationship \(link.key): there is no table named '\(name)'")
            }
        }
        var parents: [String: Set<String>] = [:]
        for link in links where link.key.parent != link.key.child { parents[link.key.child, default: []].insert(link.key.parent) }
        var done: Set<String> = []
        var order: [String] = []
        while order.count < tables.count {
            guard let next = tables.first(where: { !done.contains($0) && (parents[$0] ?? []).isSubset(of: done) }) else {
                let left = tables.filter { !done.contains($0) }
                throw RelationalError("the relationships form a cycle among tables \(left.joined(separator: ", ")); remove one relationship (a nullable key) from the session's relationships:")
            }
            done.insert(next)
            order.append(next)
        }
        return order
    }
}
