import Tabular

import Foundation

/// MST's choice of pairs: a spanning tree over the members, grown one edge at a time
/// (Kruskal-style: only pairs joining two components are candidates), each edge drawn by the
/// exponential mechanism. A pair's score is the L1 distance between its real two-way counts and
/// what the noisy one-way marginals predict under independence; one row moves one count by
/// one, so the score's sensitivity is 1. Each of the d − 1 draws is ε²/8-zCDP with
/// ε = √(8ρ/(d − 1)), so the tree costs ρ.
enum TreeSelection {
    static func scores(_ members: [MeasuredMember], oneWay: [[Double]], rows: Double) -> [[Double]] {
        let count = members.count
        var scores = [[Double]](repeating: [Double](repeating: 0, count: count), count: count)
        let shares = oneWay.map { marginal -> [Double] in
            let total = marginal.reduce(0, +)
            return marginal.map { total > 0 ? $0 / total : 1 / Double(marginal.count) }
        }
        for a in 0..<count {
            for b in a + 1..<count {
                let statesB = members[b].column.stateCount
                var table = [Double](repeating: 0, count: members[a].column.stateCount * statesB)
                let codesA = members[a].codes
                let codesB = members[b].codes
                for row in codesA.indices { table[Int(codesA[row]) * statesB + Int(codesB[row])] += 1 }
                var distance = 0.0
                for i in shares[a].indices {
                    for j in 0..<statesB { distance += abs(table[i * statesB + j] - rows * shares[a][i] * shares[b][j]) }
                }
                scores[a][b] = distance
                scores[b][a] = distance
            }
        }
        return scores
    }

    /// The tree's edges, in the order drawn.
    static func select(scores: [[Double]], rho: Double, random: inout RandomStream) -> [(Int, Int)] {
        let count = scores.count
        guard count > 1 else { return [] }
        let epsilon = ZCDPBudget.exponentialEpsilon(rho: rho / Double(count - 1))
        var component = Array(0..<count)
        func find(_ x: Int) -> Int {
            var x = x
            while component[x] != x { component[x] = component[component[x]]; x = component[x] }
            return x
        }
        var edges: [(Int, Int)] = []
        for _ in 0..<count - 1 {
            var best: (Int, Int)?
            var bestKey = -Double.infinity
            for a in 0..<count {
                for b in a + 1..<count where find(a) != find(b) {
                    // Gumbel-max: argmax of εq/(2Δ) + Gumbel noise draws q's pair with
                    // probability ∝ exp(εq/(2Δ)), the exponential mechanism.
                    let key = epsilon * scores[a][b] / 2 - log(-log(random.nextOpenUnit()))
                    if key > bestKey { bestKey = key; best = (a, b) }
                }
            }
            guard let (a, b) = best else { break }
            edges.append((a, b))
            component[find(a)] = find(b)
        }
        return edges
    }
}
