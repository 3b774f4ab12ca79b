/// Orders columns so that each comes after the columns it reads; a cycle is an error naming it.
enum DependencyOrder {
    /// - Parameter dependencies: for each column name, the names it reads.
    /// - Returns: the names in an order where dependencies come first; ties keep plan order.
    static func sort(_ names: [String], dependencies: [String: [String]]) throws -> [String] {
        var state: [String: Int] = [:] // 1 = visiting, 2 = done
        var order: [String] = []
        var path: [String] = []

        func visit(_ name: String) throws {
            if state[name] == 2 { return }
            if state[name] == 1 {
                let cycle = path.drop { $0 != name } + [name]
                throw PlanError("columns depend on each other in a cycle: " + cycle.joined(separator: " → "))
            }
            state[name] = 1
            path.append(name)
            for dependency in dependencies[name] ?? [] {
                guard names.contains(dependency) else {
                    throw PlanError.at(column: name, "reads column '\(dependency)', which the plan does not have")
                }
                try visit(dependency)
            }
            path.removeLast()
            state[name] = 2
            order.append(name)
        }

        for name in names { try visit(name) }
        return order
    }
}
