/// Draws one column's states given its parents' states: a conditional table turned into
/// cumulative distributions, one per configuration of the parents.
struct ConditionalSampler: Sendable {
    let column: Int
    let parents: [Int]
    /// The weight of each parent's state in the configuration number.
    let multipliers: [Int]
    let states: Int
    /// `configurations × states`, each configuration's run rising to 1.
    let cumulative: [Double]

    /// A configuration the table has no weight for (never seen in the data, or all its noisy
    /// counts clamped to 0) draws from the column's distribution over the whole table, which is
    /// what the model knows of the column without its parents; uniform if that is empty too.
    init(_ table: ConditionalTable, stateCounts: [Int]) {
        column = table.column
        parents = table.parents
        states = stateCounts[table.column]
        var multipliers = [Int](repeating: 0, count: table.parents.count)
        var multiplier = 1
        for position in table.parents.indices.reversed() {
            multipliers[position] = multiplier
            multiplier *= stateCounts[table.parents[position]]
        }
        self.multipliers = multipliers
        let configurations = multiplier
        let states = self.states

        var overall = [Double](repeating: 0, count: states)
        for configuration in 0..<configurations {
            for state in 0..<states { overall[state] += table.weights[configuration * states + state] }
        }
        if overall.reduce(0, +) <= 0 { overall = [Double](repeating: 1, count: states) }

        var cumulative = [Double](repeating: 0, count: configurations * states)
        for configuration in 0..<configurations {
            let base = configuration * states
            var total = 0.0
            for state in 0..<states { total += table.weights[base + state] }
            let weights = total > 0 ? Array(table.weights[base..<base + states]) : overall
            let sum = total > 0 ? total : overall.reduce(0, +)
            var running = 0.0
            for state in 0..<states {
                running += weights[state]
                cumulative[base + state] = running / sum
            }
            // From the last state with weight on, the run is exactly 1, so rounding can never
            // hand a draw to a trailing state of weight 0.
            let last = weights.lastIndex { $0 > 0 } ?? states - 1
            for state in last..<states { cumulative[base + state] = 1 }
        }
        self.cumulative = cumulative
    }

    /// Fills `output` with a state per row, drawn given the parents' states already drawn.
    func draw(into output: UnsafeMutableBufferPointer<Int32>, parentStates: [UnsafeBufferPointer<Int32>], random: inout RandomStream) {
        let states = self.states
        cumulative.withUnsafeBufferPointer { cumulative in
            for row in 0..<output.count {
                var configuration = 0
                for (position, parent) in parentStates.enumerated() { configuration += Int(parent[row]) * multipliers[position] }
                let base = configuration * states
                let u = random.nextUnit()
                // The first state whose cumulative weight exceeds u (binary search over the run).
                var low = 0
                var high = states - 1
                while low < high {
                    let middle = (low + high) >> 1
                    if cumulative[base + middle] > u { high = middle } else { low = middle + 1 }
                }
                output[row] = Int32(low)
            }
        }
    }
}
