import Tabular

extension FittedPlan {
    /// Most candidates one chunk may draw per row it keeps, to meet its constraints and
    /// conditions: a condition met by at least 1 row in ~200 is satisfied; a rarer one fails
    /// with its rate. Candidates come in batches of a whole chunk.
    public static let maximumAttempts = 256

    /// The rows of one chunk, as a table in output order.
    ///
    /// A row depends only on the seed and its index, never on `totalRows`: a chunk is always
    /// drawn whole (`chunkSize` rows, from the chunk's own streams) and then cut to the rows the
    /// output has. Models draw a chunk's rows in blocks (CART's null tree before its values, a
    /// network node for every row before the next), so a shorter draw would shift every later
    /// draw; drawn whole, the first rows of a run of any length, the preview and every shard
    /// agree. (`totalRows` still reaches the models, for the checks of strategies with a
    /// bounded number of distinct values.)
    public func sampleChunk(_ chunk: Int, totalRows: Int) throws -> Table {
        let start = chunk * Self.chunkSize
        let kept = max(0, min(totalRows, start + Self.chunkSize) - start)
        let rows = start..<(start + (kept == 0 ? 0 : Self.chunkSize))
        var request = GenerationRequest(rows: rows, totalRows: totalRows, generated: [:], seed: seed)
        request.steering = steering
        if schedule.constrainedUnits.isEmpty {
            try generate(schedule.units, into: &request, seed: seed, chunk: chunk)
        } else {
            try generateConstrained(into: &request, keeping: kept, seed: seed, chunk: chunk)
            try generate(schedule.freeUnits, into: &request, seed: seed, chunk: chunk)
        }
        let table = Table(columns: outputOrder.map { name in
            let synthetic = request.generated[name]!
            return Column(name: name, values: synthetic.values, validity: synthetic.validity)
        })
        return kept == rows.count ? table : table.slice(0..<kept)
    }

    /// Generates `units` for the request's rows, adding their columns to `request.generated`.
    func generate(_ units: [GenerationSchedule.Unit], into request: inout GenerationRequest, seed: UInt64, chunk: Int) throws {
        // Columns by name once per call, not a search per column: a wide plan has thousands.
        let positions = Dictionary(columns.indices.map { (columns[$0].name, $0) }, uniquingKeysWith: { first, _ in first })
        func column(named name: String) throws -> FittedColumn {
            guard let position = positions[name] else { throw PlanError.at(column: name, "has no fitted model") }
            return columns[position]
        }
        for unit in units {
            switch unit {
            case .column(let name):
                request.generated[name] = try column(named: name).generate(request, seed: seed, chunk: chunk)
            case .joint(let index):
                let joint = joints[index]
                var random = RandomStream(seed: seed, column: joint.streamKey, chunk: chunk, purpose: .values)
                let outputs = try joint.model.generate(request, random: &random)
                for (name, output) in zip(joint.model.columnNames, outputs) {
                    request.generated[name] = try column(named: name).finish(output, request: request, seed: seed, chunk: chunk)
                }
            }
        }
    }

    /// Draws the constrained units in candidate batches until the first `kept` rows of the
    /// chunk are filled by candidates that meet the constraints and conditions (rejection
    /// sampling inside the chunk, so chunks and shards stay independent). Rebalanced rows are
    /// filled per level. Rows take accepted candidates in order (row r of a level gets that
    /// level's r-th accepted candidate), so filling fewer rows fills them the same: the rows
    /// past `kept`, which the output cuts, are left to any accepted candidate.
    private func generateConstrained(into request: inout GenerationRequest, keeping kept: Int, seed: UInt64, chunk: Int) throws {
        let count = request.count
        guard count > 0 else {
            try generate(schedule.constrainedUnits, into: &request, seed: seed, chunk: chunk)
            return
        }
        // Which output rows want which level (one queue without rebalancing).
        let rebalance = conditions?.rebalance
        var queues = [[Int]](repeating: [], count: rebalance?.levels.count ?? 1)
        for row in 0..<count {
            queues[rebalance?.level(forRow: request.rows.lowerBound + row) ?? 0].append(row)
        }
        var next = [Int](repeating: 0, count: queues.count)
        // Per level, the queued rows the output keeps (a prefix of each queue: rows in order).
        let needed = queues.map { queue in queue.prefix { $0 < kept }.count }
        let neededTotal = needed.reduce(0, +)
        var filledNeeded = 0
        // At most `maximumAttempts` candidates per kept row, in whole batches.
        let attemptLimit = max(1, min(Self.maximumAttempts, (Self.maximumAttempts * neededTotal + count - 1) / count))
        var filled = 0
        var parts: [(columns: [String: SyntheticColumn], rows: [Int])] = []
        var destinations: [Int] = []
        var rejections: [String: Int] = [:]
        var attempts = 0
        while filledNeeded < neededTotal && attempts < attemptLimit {
            let attemptSeed = attempts == 0 ? seed : seed &+ UInt64(attempts) &* 0x9E37_79B9_7F4A_7C15
            attempts += 1
            var candidate = GenerationRequest(rows: request.rows, totalRows: request.totalRows, generated: [:], seed: request.seed)
            candidate.steering = request.steering
            try generate(schedule.constrainedUnits, into: &candidate, seed: attemptSeed, chunk: chunk)
            var columns = candidate.generated
            for constraint in constraints { constraint.transform(&columns) }
            var accepted = [Bool](repeating: true, count: count)
            for constraint in constraints {
                let verdict = try constraint.accepts(columns, count: count)
                var failed = 0
                for row in 0..<count where !verdict[row] { accepted[row] = false; failed += 1 }
                rejections[constraint.plan.label, default: 0] += failed
            }
            if let conditions {
                let matches = conditions.matches(columns, count: count)
                var failed = 0
                for row in 0..<count where !matches[row] { accepted[row] = false; failed += 1 }
                let label = conditions.equals.map(\.label).joined(separator: " and ")
                if !label.isEmpty { rejections["where " + label, default: 0] += failed }
            }
            let levels = rebalance == nil ? [Int?](repeating: 0, count: count) : conditions!.rebalanceLevels(columns, count: count)
            var taken: [Int] = []
            for row in 0..<count where accepted[row] {
                guard let level = levels[row] else { rejections["rebalance: other levels", default: 0] += 1; continue }
                guard next[level] < queues[level].count else { continue }
                destinations.append(queues[level][next[level]])
                if next[level] < needed[level] { filledNeeded += 1 }
                next[level] += 1
                taken.append(row)
                filled += 1
                if filled == count { break }
            }
            if !taken.isEmpty { parts.append((columns, taken)) }
        }
        guard filledNeeded == neededTotal else {
            let drawn = attempts * count
            let worst = rejections.sorted { $0.value > $1.value }.prefix(3).map { label, failed in
                "\(label) rejected \(Self.percent(Double(failed) / Double(drawn)))"
            }
            var missing: [String] = []
            if let rebalance {
                for level in queues.indices where next[level] < needed[level] {
                    missing.append("\(rebalance.column) = \(rebalance.levels[level]): \(needed[level] - next[level]) rows short")
                }
            }
            throw PlanError("constraints and conditions could not be met: rows \(request.rows.lowerBound)..<\(request.rows.lowerBound + kept) got \(filledNeeded) of \(neededTotal) rows from \(drawn) candidates; "
                            + (worst + missing).joined(separator: "; ")
                            + ". Loosen the rule, or model the columns jointly so the wanted rows occur more often")
        }
        // Gather accepted rows, then put each in its destination row (a row past `kept` left
        // unfilled takes the first accepted candidate: it is cut from the output).
        var inverse = [Int](repeating: 0, count: count)
        for (position, destination) in destinations.enumerated() { inverse[destination] = position }
        for name in parts[0].columns.keys {
            let pieces = parts.map { part in
                let synthetic = part.columns[name]!
                return Column(name: name, values: synthetic.values, validity: synthetic.validity).taking(part.rows)
            }
            let stacked = Column.concatenating(pieces).taking(inverse)
            request.generated[name] = SyntheticColumn(values: stacked.values, validity: stacked.validity)
        }
    }

    static func percent(_ share: Double) -> String {
        let value = share * 100
        return (value >= 10 ? String(Int(value.rounded())) : String(Double(Int(value * 10)) / 10)) + "% of draws"
    }
}
