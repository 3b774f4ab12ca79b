import Tabular

/// A fitted Bayesian network: each member's states, and a conditional table per member in
/// ancestral order. Sampling draws states row by row down the network, then turns states into
/// values: levels, exact numbers, or a number inside the drawn bin.
public struct BayesianNetworkModel: JointModel {
    /// Members in the plan's order; `generate` returns their outputs in this order.
    public let columnNames: [String]
    /// Each member's states, in the plan's order.
    let columns: [ColumnStates]
    /// One table per member, parents before children: the order of sampling.
    let tables: [ConditionalTable]
    let degree: Int
    let bins: Int
    let binning: BinningMethod
    let withinBin: WithinBinMethod
    /// Built from the tables; not stored.
    let samplers: [ConditionalSampler]

    init(columns: [ColumnStates], tables: [ConditionalTable], degree: Int, bins: Int, binning: BinningMethod,
         withinBin: WithinBinMethod) {
        columnNames = columns.map(\.name)
        self.columns = columns
        self.tables = tables
        self.degree = degree
        self.bins = bins
        self.binning = binning
        self.withinBin = withinBin
        let stateCounts = columns.map(\.stateCount)
        samplers = tables.map { ConditionalSampler($0, stateCounts: stateCounts) }
    }

    /// Level texts and the values of few-valued columns are real data; bins are
    /// statistics of it.
    public var exposure: RealValueExposure {
        columns.contains(where: \.keepsLevels) ? .levels : .statistics
    }

    public var summary: [String] {
        let binningWords = binning == .quantile ? "quantile" : "equal-width"
        let within = withinBin == .marginal ? "values inside a bin follow the column's marginal" : "values uniform inside a bin"
        var lines = ["Bayesian network over \(columns.count) columns, degree k = \(degree) (at most \(degree) parents each); "
            + "numbers in up to \(bins) \(binningWords) bins, \(within)"]
        for (position, table) in tables.enumerated() {
            let column = columns[table.column]
            let parents = position == 0 ? "(root)"
                : table.parents.isEmpty ? "(no parents)" : "← " + table.parents.map { columns[$0].name }.joined(separator: ", ")
            lines.append("\(column.name) [\(column.description)] \(parents)")
        }
        return lines
    }

    public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> [ModelOutput] {
        let rows = request.count
        let evidence = NetworkEvidence(columns: columns, samplers: samplers, steering: request.steering)
        let states = evidence.map { sampleStates(rows: rows, evidence: $0, random: &random) } ?? sampleStates(rows: rows, random: &random)
        return columns.indices.map { member in
            let column = columns[member]
            let drawn = states[member * rows..<(member + 1) * rows]
            let missing = Int32(column.valueStateCount)
            var validity: NullBitmap?
            if column.hasMissing {
                var bitmap = NullBitmap(count: rows, allValid: true)
                for (row, state) in drawn.enumerated() where state == missing { bitmap.set(row, valid: false) }
                validity = bitmap
            }
            switch column.values {
            case .levels(let levels):
                let codes = drawn.map { $0 == missing ? 0 : UInt32($0) }
                return ModelOutput(.codes(codes, levels: levels.isEmpty ? [""] : levels), validity: validity)
            case .numbers(let numbers):
                return ModelOutput(.numbers(drawn.map { $0 == missing ? 0 : numbers[Int($0)] }), validity: validity)
            case .bins(let bins):
                var values = [Double](repeating: 0, count: rows)
                let target = evidence?.likelihood[member] != nil ? request.steering[column.name] : nil
                for (row, state) in drawn.enumerated() where state != missing {
                    values[row] = bins.value(inBin: Int(state), random: &random)
                    guard let target, !target.contains(values[row]) else { continue }
                    // A clamped bin the condition covers in part: its value is drawn inside the part.
                    if target.isEquality, let value = target.lower { values[row] = value; continue }
                    for _ in 0..<32 where !target.contains(values[row]) { values[row] = bins.value(inBin: Int(state), random: &random) }
                }
                return ModelOutput(.numbers(values), validity: validity)
            }
        }
    }

    /// As below, with the clamped members and their ancestors drawn from their posterior
    /// (row by row) and the others down the network given them.
    func sampleStates(rows: Int, evidence: NetworkEvidence, random: inout RandomStream) -> [Int32] {
        var states = [Int32](repeating: 0, count: columns.count * rows)
        var row = [Int32](repeating: 0, count: columns.count)
        let posterior = evidence.posteriorSamplers.map { samplers[$0].column }
        for index in 0..<rows {
            evidence.draw(into: &row, samplers: samplers, random: &random)
            for member in posterior { states[member * rows + index] = row[member] }
        }
        let drawn = Set(evidence.posteriorSamplers)
        states.withUnsafeMutableBufferPointer { all in
            for (position, sampler) in samplers.enumerated() where !drawn.contains(position) {
                let parents = sampler.parents.map { UnsafeBufferPointer(rebasing: all[$0 * rows..<($0 + 1) * rows]) }
                let output = UnsafeMutableBufferPointer(rebasing: all[sampler.column * rows..<(sampler.column + 1) * rows])
                sampler.draw(into: output, parentStates: parents, random: &random)
            }
        }
        return states
    }

    public func unsteerable(_ steering: [String: SteeringTarget]) -> [String: String] {
        var reasons: [String: String] = [:]
        for column in columns {
            guard let target = steering[column.name], NetworkEvidence.likelihood(of: target, in: column) == nil else { continue }
            reasons[column.name] = "has no state of \(column.name) that meets it (\(column.description); levels past max_levels are merged into \(StateEncoder.otherLevel))"
        }
        return reasons
    }

    /// Every member's states for `rows` rows, member after member (`member * rows + row`).
    func sampleStates(rows: Int, random: inout RandomStream) -> [Int32] {
        var states = [Int32](repeating: 0, count: columns.count * rows)
        states.withUnsafeMutableBufferPointer { all in
            for sampler in samplers {
                let parents = sampler.parents.map { UnsafeBufferPointer(rebasing: all[$0 * rows..<($0 + 1) * rows]) }
                let output = UnsafeMutableBufferPointer(rebasing: all[sampler.column * rows..<(sampler.column + 1) * rows])
                sampler.draw(into: output, parentStates: parents, random: &random)
            }
        }
        return states
    }
}

extension BayesianNetworkModel: Codable {
    private enum CodingKeys: String, CodingKey {
        case columns, network, degree, bins, binning
        case withinBin = "within_bin"
        /// Written by older versions (PrivBayes' budget): read only to refuse a private one.
        case privacy
    }

    /// The budget an older version wrote; only its ε is read.
    private struct RetiredBudget: Decodable { var epsilon: Double }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let budget = try container.decodeIfPresent(RetiredBudget.self, forKey: .privacy), budget.epsilon != 0 {
            throw DecodingError.dataCorruptedError(
                forKey: .privacy, in: container,
                debugDescription: "a bayesian_network fitted with epsilon \(ParameterValue.number(budget.epsilon).displayText) by an older Doppel, "
                    + "which was not differentially private (its levels and bin edges were never noised): refit the group as model: mst "
                    + "with parameters: {epsilon: \(ParameterValue.number(budget.epsilon).displayText)} (docs/PRIVACY.md)")
        }
        let columns = try container.decode([ColumnStates].self, forKey: .columns)
        let tables = try container.decode([ConditionalTable].self, forKey: .network)
        // A table must come after its parents, cover every member once and have one weight per cell.
        var seen = Set<Int>()
        for table in tables {
            // Counted without overflow: a hostile file can make the product exceed Int.
            let cells = Check.product(([table.column] + table.parents).map { columns.indices.contains($0) ? columns[$0].stateCount : 0 }) ?? -1
            guard columns.indices.contains(table.column), table.parents.allSatisfy(seen.contains), seen.insert(table.column).inserted,
                  cells == table.weights.count, cells > 0, table.weights.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
                throw DecodingError.dataCorruptedError(forKey: .network, in: container,
                                                       debugDescription: "the table of column \(table.column) does not fit the network's columns")
            }
        }
        guard seen.count == columns.count else {
            throw DecodingError.dataCorruptedError(forKey: .network, in: container, debugDescription: "the network has no table for some columns")
        }
        self.init(columns: columns, tables: tables,
                  degree: try container.decode(Int.self, forKey: .degree),
                  bins: try container.decode(Int.self, forKey: .bins),
                  binning: try container.decode(BinningMethod.self, forKey: .binning),
                  withinBin: try container.decode(WithinBinMethod.self, forKey: .withinBin))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(columns, forKey: .columns)
        try container.encode(tables, forKey: .network)
        try container.encode(degree, forKey: .degree)
        try container.encode(bins, forKey: .bins)
        try container.encode(binning, forKey: .binning)
        try container.encode(withinBin, forKey: .withinBin)
    }
}
