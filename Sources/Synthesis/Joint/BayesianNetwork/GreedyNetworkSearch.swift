/// The network's shape: the order columns were added in (every column after its parents, so
/// also the order of ancestral sampling) and each column's parents.
struct NetworkStructure: Hashable, Sendable {
    var order: [Int]
    /// Parents by member index, in the order they were added to the network.
    var parents: [[Int]]
}

/// PrivBayes' greedy construction (as DataSynthesizer runs it): start from a root; at each step,
/// every column not yet in the network is paired with every set of at most k columns already in
/// it, and the pair with the highest mutual information joins.
///
/// Two departures from DataSynthesizer: the information is bias-corrected (Miller–Madow), and
/// sets smaller than min(k, added) compete too, so that a column takes a second parent only
/// when it tells more than the noise of a larger table.
enum GreedyNetworkSearch {
    /// - Parameters:
    ///   - maxCells: parent sets whose table (child states × parent configurations) would be
    ///     larger are skipped.
    static func search(_ columns: [EncodedColumn], degree: Int, maxCells: Int, root: Int) -> NetworkStructure {
        let rowCount = columns.first?.codes.count ?? 0
        let mutualInformation = MutualInformation(rowCount: rowCount)
        var scores: [[Int]: Double] = [:] // by [child] + sorted parents: I(X; Π) does not change between steps
        var added = [root]
        var remaining = columns.indices.filter { $0 != root }
        var parents = [[Int]](repeating: [], count: columns.count)

        while !remaining.isEmpty {
            var candidates: [Candidate] = []
            for child in remaining {
                let childStates = columns[child].stateCount
                for size in 0...min(degree, added.count) {
                    for set in combinations(of: added, size: size) {
                        guard let configurations = configurationCount(set, columns: columns, childStates: childStates,
                                                                      maxCells: size == 0 ? .max : maxCells) else { continue }
                        let key = [child] + set.sorted()
                        let information: Double
                        if let known = scores[key] {
                            information = known
                        } else {
                            information = mutualInformation.score(child: columns[child], parents: set.map { columns[$0] })
                            scores[key] = information
                        }
                        // Miller–Madow: the plug-in estimate exceeds the true information by about
                        // (|X| − 1)(|Π| − 1) / 2n, which grows with the table; without the
                        // correction a few hundred rows would pick parents that spread them one
                        // row per cell.
                        let bias = Double((childStates - 1) * (configurations - 1)) / Double(2 * max(1, rowCount))
                        candidates.append(Candidate(child: child, parents: set, information: information - bias))
                    }
                }
            }
            // The first best in a fixed order, so that ties resolve the same way every time.
            let chosen = candidates.dropFirst().reduce(candidates[0]) { $1.information > $0.information ? $1 : $0 }
            parents[chosen.child] = chosen.parents
            added.append(chosen.child)
            remaining.removeAll { $0 == chosen.child }
        }
        return NetworkStructure(order: added, parents: parents)
    }

    private struct Candidate {
        var child: Int
        var parents: [Int]
        var information: Double
    }

    /// Parent configurations of a set, or nil when its table would exceed `maxCells`.
    private static func configurationCount(_ set: [Int], columns: [EncodedColumn], childStates: Int, maxCells: Int) -> Int? {
        var configurations = 1
        for parent in set {
            let (product, overflow) = configurations.multipliedReportingOverflow(by: columns[parent].stateCount)
            guard !overflow else { return nil }
            configurations = product
        }
        let (cells, overflow) = configurations.multipliedReportingOverflow(by: childStates)
        return overflow || cells > maxCells ? nil : configurations
    }

    /// The subsets of `size` items, each in the items' order, in lexicographic order of positions.
    static func combinations(of items: [Int], size: Int) -> [[Int]] {
        guard size > 0 else { return [[]] }
        guard size <= items.count else { return [] }
        var result: [[Int]] = []
        var positions = Array(0..<size)
        while true {
            result.append(positions.map { items[$0] })
            var slot = size - 1
            while slot >= 0 && positions[slot] == items.count - size + slot { slot -= 1 }
            if slot < 0 { return result }
            positions[slot] += 1
            for next in slot + 1..<size { positions[next] = positions[next - 1] + 1 }
        }
    }
}
