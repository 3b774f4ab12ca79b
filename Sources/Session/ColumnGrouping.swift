import Tabular

/// Groups of related columns for the joint-model search on wide tables: small groups of the
/// most related columns, each column in at most one group, weakly related columns in none.
///
/// Relatedness is Cramér's V of the two columns cut into a few codes on a sample of rows:
/// numbers (and datetimes, booleans) in quantile bins of the sample, so that any monotone
/// relation shows; text levels by frequency, the rarest merged; null a code of its own. Pairs
/// above the quality report's own threshold for a real relationship (V > 0.3) are linked,
/// strongest first, into groups of at most `maxGroupSize` columns.
///
/// The work is bounded: at most `pairBudget` pairs are scored. When the table has more pairs,
/// the pairs of an evenly spread subset of the columns are scored, and every other column is
/// then compared only with the first member of each group that still has room.
struct ColumnGrouping: Sendable {
    struct Settings: Sendable {
        /// Rows the codes are taken from (evenly spread over the table).
        var sampleRows = 1_000
        /// Codes per column, besides null.
        var codes = 8
        /// Pairs with V above this are linked.
        var threshold = 0.3
        var maxGroupSize = 25
        /// The most pairs scored, whatever the width.
        var pairBudget = 300_000
    }

    struct Group: Sendable, Equatable {
        /// Indices into the grouped columns, in their order.
        var members: [Int]
        /// The sum of V over the links that built the group (the strongest groups come first).
        var strength: Double
    }

    /// Groups of at least two columns, strongest first.
    var groups: [Group]
    /// Pairs whose V was computed.
    var pairsScored: Int
    /// Columns compared with others (the rest were left out by the pair budget).
    var columnsCompared: Int

    /// Groups `columns` (the modellable columns of a table).
    init(_ columns: [Column], settings: Settings = Settings()) {
        let rowCount = columns.first?.count ?? 0
        let sampleCount = min(rowCount, settings.sampleRows)
        let rows = (0..<sampleCount).map { $0 * rowCount / max(sampleCount, 1) }
        let coded = Parallel.map(columns.count) { CodedColumn(columns[$0], rows: rows, codes: settings.codes) }
        let p = columns.count

        // Phase 1: every pair of an evenly spread subset of the columns (all of them when the
        // budget allows); three quarters of the budget, the rest for phase 2.
        var subsetSize = p
        if p * (p - 1) / 2 > settings.pairBudget {
            subsetSize = Int((1 + (1 + 8 * Double(settings.pairBudget * 3 / 4)).squareRoot()) / 2)
            while subsetSize * (subsetSize - 1) / 2 > settings.pairBudget * 3 / 4 { subsetSize -= 1 }
        }
        let subset = (0..<subsetSize).map { $0 * p / max(subsetSize, 1) }
        let linkLists = Parallel.map(subset.count) { a -> [Link] in
            var counts = [Int32](repeating: 0, count: CodedColumn.tableSize(settings.codes))
            var links: [Link] = []
            for b in a + 1..<subset.count {
                let v = coded[subset[a]].cramersV(coded[subset[b]], counts: &counts)
                if v > settings.threshold { links.append(Link(first: subset[a], second: subset[b], v: v)) }
            }
            return links
        }
        var pairsScored = subset.count * (subset.count - 1) / 2
        var columnsCompared = subset.count
        let links = linkLists.flatMap { $0 }.sorted { ($0.v, $1.first, $1.second) > ($1.v, $0.first, $0.second) }

        var groupOf = [Int?](repeating: nil, count: p)
        var built: [Group?] = []
        for link in links {
            switch (groupOf[link.first], groupOf[link.second]) {
            case (nil, nil):
                groupOf[link.first] = built.count
                groupOf[link.second] = built.count
                built.append(Group(members: [link.first, link.second], strength: link.v))
            case (let g?, nil), (nil, let g?):
                guard built[g]!.members.count < settings.maxGroupSize else { continue }
                let joining = groupOf[link.first] == nil ? link.first : link.second
                built[g]!.members.append(joining)
                built[g]!.strength += link.v
                groupOf[joining] = g
            case (let g?, let h?):
                guard g != h, built[g]!.members.count + built[h]!.members.count <= settings.maxGroupSize else { continue }
                for member in built[h]!.members { groupOf[member] = g }
                built[g]!.members += built[h]!.members
                built[g]!.strength += built[h]!.strength + link.v
                built[h] = nil
            }
        }

        // Phase 2: columns outside the subset join the group whose first member they are most
        // related to, while the pair budget lasts.
        if subsetSize < p {
            let inSubset = Set(subset)
            var open = built.indices.filter { built[$0] != nil }
            var remainingPairs = settings.pairBudget - pairsScored
            var counts = [Int32](repeating: 0, count: CodedColumn.tableSize(settings.codes))
            for column in 0..<p where !inSubset.contains(column) {
                open.removeAll { built[$0]!.members.count >= settings.maxGroupSize }
                guard !open.isEmpty, remainingPairs >= open.count else { break }
                var best: (group: Int, v: Double)?
                for g in open {
                    let v = coded[column].cramersV(coded[built[g]!.members[0]], counts: &counts)
                    if v > settings.threshold && v > (best?.v ?? 0) { best = (g, v) }
                }
                remainingPairs -= open.count
                pairsScored += open.count
                columnsCompared += 1
                if let best {
                    built[best.group]!.members.append(column)
                    built[best.group]!.strength += best.v
                }
            }
        }

        groups = built.compactMap { group in
            group.map { Group(members: $0.members.sorted(), strength: $0.strength) }
        }.sorted { ($0.strength, $1.members[0]) > ($1.strength, $0.members[0]) }
        self.pairsScored = pairsScored
        self.columnsCompared = columnsCompared
    }

    private struct Link {
        var first: Int
        var second: Int
        var v: Double
    }
}

/// A column cut into a few codes on the sample rows: code 0 is null.
struct CodedColumn: Sendable {
    let codes: [UInt8]
    /// Codes in use, null included (at most `codes + 1`).
    let width: Int

    static func tableSize(_ codes: Int) -> Int { (codes + 1) * (codes + 1) }

    init(_ column: Column, rows: [Int], codes limit: Int) {
        var codes = [UInt8](repeating: 0, count: rows.count)
        if case .strings(let stored, let levels) = column.values {
            // Levels by frequency on the sample; the rarest share the last code.
            var frequency = [Int](repeating: 0, count: levels.count)
            for row in rows where column.validity.isValid(row) { frequency[Int(stored[row])] += 1 }
            let ranked = frequency.indices.filter { frequency[$0] > 0 }.sorted { (frequency[$0], $1) > (frequency[$1], $0) }
            var codeOf = [UInt8](repeating: UInt8(limit), count: levels.count)
            for (rank, level) in ranked.prefix(limit).enumerated() { codeOf[level] = UInt8(rank + 1) }
            for (index, row) in rows.enumerated() where column.validity.isValid(row) { codes[index] = codeOf[Int(stored[row])] }
        } else {
            // Quantile bins of the sample's values; equal values share a bin.
            var values: [Double] = []
            values.reserveCapacity(rows.count)
            for row in rows where column.validity.isValid(row) {
                if let value = column.values.numericValue(at: row), value.isFinite { values.append(value) }
            }
            values.sort()
            var edges: [Double] = []
            if !values.isEmpty {
                for k in 1..<limit {
                    let edge = values[k * (values.count - 1) / limit]
                    if edges.last != edge { edges.append(edge) }
                }
            }
            for (index, row) in rows.enumerated() where column.validity.isValid(row) {
                guard let value = column.values.numericValue(at: row), value.isFinite else { continue }
                // The number of edges below the value: a binary search over at most `limit` edges.
                var low = 0
                var high = edges.count
                while low < high {
                    let middle = (low + high) / 2
                    if edges[middle] < value { low = middle + 1 } else { high = middle }
                }
                codes[index] = UInt8(low + 1)
            }
        }
        self.codes = codes
        width = Int(codes.max() ?? 0) + 1
    }

    /// Cramér's V of the two columns' codes (0 when either is constant on the sample).
    /// `counts` is scratch space of at least `tableSize` cells.
    func cramersV(_ other: CodedColumn, counts: inout [Int32]) -> Double {
        let w = other.width
        let cells = width * w
        for cell in 0..<cells { counts[cell] = 0 }
        let a = codes
        let b = other.codes
        for row in a.indices { counts[Int(a[row]) * w + Int(b[row])] += 1 }
        var rowTotals = [Double](repeating: 0, count: width)
        var columnTotals = [Double](repeating: 0, count: w)
        for i in 0..<width {
            for j in 0..<w {
                let count = Double(counts[i * w + j])
                rowTotals[i] += count
                columnTotals[j] += count
            }
        }
        let n = Double(a.count)
        let r = rowTotals.filter { $0 > 0 }.count
        let c = columnTotals.filter { $0 > 0 }.count
        guard n > 0, r > 1, c > 1 else { return 0 }
        var chiSquare = 0.0
        for i in 0..<width where rowTotals[i] > 0 {
            for j in 0..<w where columnTotals[j] > 0 {
                let expected = rowTotals[i] * columnTotals[j] / n
                let difference = Double(counts[i * w + j]) - expected
                chiSquare += difference * difference / expected
            }
        }
        return min(1, (chiSquare / (n * Double(min(r, c) - 1))).squareRoot())
    }
}
