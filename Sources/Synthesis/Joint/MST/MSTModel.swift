import Tabular

/// A fitted `mst` model: members' domains, a tree over them (visit order, each member's parent),
/// the root's marginal and each other member's table given its parent, the privacy budget and
/// the noisy row count. Everything in it passed through a mechanism or is post-processing of
/// what did (see `MSTStrategy`), so a session may embed it as it is.
public struct MSTModel: JointModel {
    public let columnNames: [String]
    let columns: [MSTColumn]
    /// Members in visit order (the root first); each one's parent comes before it.
    let order: [Int]
    /// Parent of each member (by member index), −1 for the root.
    let parents: [Int]
    /// The root's state probabilities.
    let root: [Double]
    /// For each member, P(state | parent state), parent-major (`p * states + s`); empty for the root.
    let conditionals: [[Double]]
    let budget: ZCDPBudget
    /// The row count, noised (the weighted mean of the noisy marginals' totals).
    let noisyRows: Int

    init(columns: [MSTColumn], order: [Int], parents: [Int], root: [Double], conditionals: [[Double]], budget: ZCDPBudget, noisyRows: Int) {
        columnNames = columns.map(\.name)
        self.columns = columns
        self.order = order
        self.parents = parents
        self.root = root
        self.conditionals = conditionals
        self.budget = budget
        self.noisyRows = noisyRows
    }

    /// Text levels (passed through a noisy threshold) are real values; otherwise noisy statistics.
    public var exposure: RealValueExposure {
        columns.contains { if case .levels(let levels) = $0.domain { !levels.isEmpty } else if case .numbers(let numbers) = $0.domain { !numbers.isEmpty } else { false } }
            ? .levels : .statistics
    }

    public var privacy: DifferentialPrivacy? {
        DifferentialPrivacy(budget: budget, noisyRows: noisyRows,
                            memberShapes: Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.shape) }))
    }

    public var summary: [String] {
        var lines = ["MST over \(columns.count) columns: a tree of measured pairs, sampled from the root down"]
        for member in order {
            let parent = parents[member] < 0 ? "(root)" : "← " + columns[parents[member]].name
            lines.append("\(columns[member].name) [\(columns[member].description)] \(parent)")
        }
        lines.append("noisy row count \(noisyRows)")
        return lines + budget.description
    }

    public func validate() throws {
        try budget.validate()
        guard noisyRows >= 0 else { throw Check.fail(["rows"], "the row count is negative") }
        try Check.nonEmpty(columns.count, "columns", "columns")
        try Check.sameCount(Set(columnNames).count, "columns", as: columns.count, "member names are distinct")
        for (index, column) in columns.enumerated() {
            try Check.within("columns", String(index)) { try column.validate() }
        }
        try Check.sameCount(parents.count, "parents", as: columns.count, "one per member")
        try Check.sameCount(conditionals.count, "conditionals", as: columns.count, "one per member")
        guard order.sorted() == Array(columns.indices) else { throw Check.fail(["order"], "the visit order must name every member once") }
        var visited = Set<Int>()
        for (position, member) in order.enumerated() {
            let parent = parents[member]
            if position == 0 {
                guard parent == -1 else { throw Check.fail(["parents", String(member)], "the first member visited is the root and has no parent") }
                try probabilities(root, count: columns[member].stateCount, path: ["root"])
            } else {
                guard visited.contains(parent) else { throw Check.fail(["parents", String(member)], "the parent must be visited before its child") }
                try probabilities(conditionals[member], count: columns[parent].stateCount * columns[member].stateCount,
                                  path: ["conditionals", String(member)])
            }
            visited.insert(member)
        }
    }

    private func probabilities(_ values: [Double], count: Int, path: [String]) throws {
        guard values.count == count else { throw Check.fail(path, "has \(values.count) entries but the states make \(count)") }
        if let index = values.firstIndex(where: { !($0.isFinite && $0 >= 0 && $0 <= 1) }) {
            throw Check.fail(path + [String(index)], "\(values[index]) is not a probability")
        }
    }

    public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> [ModelOutput] {
        let rows = request.count
        var states = [[Int32]](repeating: [], count: columns.count)
        let rootCumulative = cumulative(root)
        for member in order {
            let parent = parents[member]
            var drawn = [Int32](repeating: 0, count: rows)
            if parent < 0 {
                for row in 0..<rows { drawn[row] = Int32(pick(rootCumulative, random: &random)) }
            } else {
                let statesHere = columns[member].stateCount
                let table = conditionals[member]
                let byParent = (0..<columns[parent].stateCount).map { cumulative(Array(table[$0 * statesHere..<($0 + 1) * statesHere])) }
                let parentStates = states[parent]
                for row in 0..<rows { drawn[row] = Int32(pick(byParent[Int(parentStates[row])], random: &random)) }
            }
            states[member] = drawn
        }
        return columns.indices.map { values(of: columns[$0], states: states[$0], random: &random) }
    }

    private func values(of column: MSTColumn, states: [Int32], random: inout RandomStream) -> ModelOutput {
        let missing = Int32(column.missingState)
        var validity: NullBitmap?
        if states.contains(missing) {
            var bitmap = NullBitmap(count: states.count, allValid: true)
            for (row, state) in states.enumerated() where state == missing { bitmap.set(row, valid: false) }
            validity = bitmap
        }
        switch column.domain {
        case .levels(let levels):
            return ModelOutput(.codes(states.map { $0 == missing ? 0 : UInt32($0) }, levels: levels + [StateEncoder.otherLevel]), validity: validity)
        case .numbers(let numbers):
            // The `other` state has no value of its own: it takes one of the kept values.
            return ModelOutput(.numbers(states.map { state in
                if state == missing || numbers.isEmpty { return 0 }
                return Int(state) < numbers.count ? numbers[Int(state)] : numbers[random.nextIndex(numbers.count)]
            }), validity: validity)
        case .bins(let bins):
            return ModelOutput(.numbers(states.map { $0 == missing ? 0 : bins.value(inBin: Int($0), random: &random) }), validity: validity)
        }
    }

    public func unsteerable(_ steering: [String: SteeringTarget]) -> [String: String] {
        var reasons: [String: String] = [:]
        for name in columnNames where steering[name] != nil { reasons[name] = "the mst model does not steer; rejection meets the condition" }
        return reasons
    }

    private func cumulative(_ weights: [Double]) -> [Double] {
        var running = 0.0
        var result = weights.map { running += $0; return running }
        if running <= 0 { result = weights.indices.map { Double($0 + 1) } }
        return result
    }

    private func pick(_ cumulative: [Double], random: inout RandomStream) -> Int {
        WeightedIndex.index(in: cumulative, for: random.nextUnit() * cumulative[cumulative.count - 1])
    }
}

extension MSTModel: Codable {
    private enum CodingKeys: String, CodingKey {
        case columns, order, parents, root, conditionals, budget
        case noisyRows = "noisy_rows"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(columns: try container.decode([MSTColumn].self, forKey: .columns),
                  order: try container.decode([Int].self, forKey: .order),
                  parents: try container.decode([Int].self, forKey: .parents),
                  root: try container.decode([Double].self, forKey: .root),
                  conditionals: try container.decode([[Double]].self, forKey: .conditionals),
                  budget: try container.decode(ZCDPBudget.self, forKey: .budget),
                  noisyRows: try container.decode(Int.self, forKey: .noisyRows))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(columns, forKey: .columns)
        try container.encode(order, forKey: .order)
        try container.encode(parents, forKey: .parents)
        try container.encode(root, forKey: .root)
        try container.encode(conditionals, forKey: .conditionals)
        try container.encode(budget, forKey: .budget)
        try container.encode(noisyRows, forKey: .noisyRows)
    }
}
