import Tabular

/// From noisy marginals to a tree-shaped distribution that agrees with all of them.
///
/// Private-PGM finds the graphical model whose marginals best fit the noisy measurements. On a
/// tree, any set of non-negative two-way tables that agree on their shared members is the set of
/// marginals of exactly one tree distribution, P(x) = Π P(xᵢ, xⱼ) / Π P(xᵢ)^(deg−1); so instead
/// of mirror descent this estimates: (1) each member's one-way marginal as the inverse-variance
/// weighted mean of its own measurement and the sums of the measured tables it belongs to, made
/// non-negative and scaled to the noisy row count; (2) each measured table made non-negative
/// and fitted to those two marginals by iterative proportional fitting (the KL projection onto
/// tables with those margins). The result is consistent by construction, sampled exactly by
/// going down the tree, and is post-processing of the measurements: it spends no budget. It is
/// not the least-squares optimum Private-PGM reaches; it is what a tree allows at no iteration
/// cost, and the benchmark measures its quality.
enum TreeEstimate {
    struct Measured2Way {
        var a: Int
        var b: Int
        /// Noisy counts, a-major (`i * states(b) + j`).
        var counts: [Double]
        var sigma: Double
    }

    /// Estimated one-way marginals (probabilities) for every member.
    static func oneWay(_ members: [MeasuredMember], tables: [Measured2Way]) -> [[Double]] {
        var estimates: [[Double]] = []
        for (index, member) in members.enumerated() {
            let states = member.oneWay.count
            var weighted = (0..<states).map { member.variance[$0] > 0 ? member.oneWay[$0] / member.variance[$0] : 0 }
            var precision = (0..<states).map { member.variance[$0] > 0 ? 1 / member.variance[$0] : 0 }
            for table in tables where table.a == index || table.b == index {
                let other = table.a == index ? members[table.b].oneWay.count : members[table.a].oneWay.count
                let variance = Double(other) * table.sigma * table.sigma
                for state in 0..<states {
                    var sum = 0.0
                    for o in 0..<other { sum += table.a == index ? table.counts[state * other + o] : table.counts[o * states + state] }
                    weighted[state] += sum / variance
                    precision[state] += 1 / variance
                }
            }
            let mean = (0..<states).map { precision[$0] > 0 ? max(0, weighted[$0] / precision[$0]) : 0 }
            estimates.append(normalized(mean))
        }
        return estimates
    }

    /// The joint table of a measured pair, fitted to the two estimated marginals (probabilities).
    static func fitted(_ table: Measured2Way, marginalA: [Double], marginalB: [Double]) -> [Double] {
        let statesA = marginalA.count
        let statesB = marginalB.count
        let total = table.counts.reduce(0) { $0 + max(0, $1) }
        // A floor far below one row keeps every cell reachable, so that each row and column of
        // the table can be scaled to its marginal.
        let floor = max(total, 1) * 1e-6 / Double(table.counts.count)
        var joint = table.counts.map { max(0, $0) + floor }
        let sum = joint.reduce(0, +)
        for index in joint.indices { joint[index] /= sum }
        for _ in 0..<100 {
            var change = 0.0
            for i in 0..<statesA {
                var row = 0.0
                for j in 0..<statesB { row += joint[i * statesB + j] }
                let factor = row > 0 ? marginalA[i] / row : 0
                change = max(change, abs(row - marginalA[i]))
                for j in 0..<statesB { joint[i * statesB + j] *= factor }
            }
            for j in 0..<statesB {
                var column = 0.0
                for i in 0..<statesA { column += joint[i * statesB + j] }
                let factor = column > 0 ? marginalB[j] / column : 0
                change = max(change, abs(column - marginalB[j]))
                for i in 0..<statesA { joint[i * statesB + j] *= factor }
            }
            if change < 1e-10 { break }
        }
        return joint
    }

    static func normalized(_ values: [Double]) -> [Double] {
        let total = values.reduce(0, +)
        return total > 0 ? values.map { $0 / total } : values.map { _ in 1 / Double(values.count) }
    }
}
