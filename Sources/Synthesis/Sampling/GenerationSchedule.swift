/// The order in which a chunk is generated: units (a column alone, or a joint group's members
/// together), dependencies first; and which units are drawn with rejection because constraints
/// or conditions read them (or they feed such a column).
struct GenerationSchedule: Sendable {
    enum Unit: Sendable, Hashable {
        case column(String)
        case joint(Int)
    }

    var units: [Unit]
    /// Units drawn with rejection, in generation order.
    var constrainedUnits: [Unit]
    /// The other units, generated once for the final rows, after the constrained ones.
    var freeUnits: [Unit]
    /// Every generated column, in generation order.
    var columnOrder: [String]

    init(columns: [String: FittedColumn], joints: [FittedJoint], outputOrder: [String], constrained: [String], unique: [String]) throws {
        var groupOf: [String: Int] = [:]
        for (index, joint) in joints.enumerated() {
            for name in joint.model.columnNames { groupOf[name] = index }
        }
        func node(_ column: String) -> String { groupOf[column].map { "\u{1}joint:\($0)" } ?? column }
        func unit(_ node: String) -> Unit {
            node.hasPrefix("\u{1}joint:") ? .joint(Int(node.dropFirst(7))!) : .column(node)
        }

        var nodes: [String] = []
        var dependencies: [String: [String]] = [:]
        for name in outputOrder {
            guard let column = columns[name] else { throw PlanError.at(column: name, "has no fitted model") }
            let key = node(name)
            if dependencies[key] == nil { nodes.append(key) }
            if groupOf[name] != nil && !column.model.dependencies.isEmpty {
                throw PlanError.at(column: name, "is in a joint group but its strategy '\(column.strategy)' reads other columns; derived columns stay outside joint groups")
            }
            dependencies[key, default: []] += column.model.dependencies.map(node)
        }
        for joint in joints {
            for name in joint.model.columnNames where !outputOrder.contains(name) {
                throw PlanError("joint group '\(joint.name)': column '\(name)' is not in the output")
            }
        }
        let order = try DependencyOrder.sort(nodes, dependencies: dependencies)
        units = order.map(unit)

        // Constrained: the nodes constraints read, and everything they depend on.
        var marked = Set<String>()
        func mark(_ key: String) {
            guard marked.insert(key).inserted else { return }
            for dependency in dependencies[key] ?? [] { mark(dependency) }
        }
        for name in constrained where columns[name] != nil { mark(node(name)) }
        for name in unique where marked.contains(node(name)) {
            throw PlanError.at(column: name, "a unique column cannot also be read by a constraint or condition, or be in a joint group with one (its values come from the final row index)")
        }
        constrainedUnits = order.filter { marked.contains($0) }.map(unit)
        freeUnits = order.filter { !marked.contains($0) }.map(unit)
        columnOrder = units.flatMap { unit -> [String] in
            switch unit {
            case .column(let name): return [name]
            case .joint(let index): return joints[index].model.columnNames
            }
        }
    }
}
