/// The network's conditional tables, counted on the real rows and, with a privacy budget,
/// made differentially private as in PrivBayes' Algorithm 1.
///
/// A family is a column with its parents. Only maximal families (contained in no other) are
/// counted and noised; a smaller family (the root's, or one of the first columns, whose parents
/// are all earlier columns) is read off a table that contains it, so the budget is shared by
/// fewer tables and the conditionals stay consistent with each other. With ε₂ for the conditionals and m maximal
/// tables, each table gets ε₂/m; changing one row moves two counts of a table by 1 (L1
/// sensitivity 2), so each count gets Laplace noise of scale 2m/ε₂. Noisy counts are clamped at
/// 0. (PrivBayes adds Lap(4(d − k)/(nε)) to probabilities with ε₂ = ε/2, which is the same.)
enum NoisyConditionals {
    struct Result {
        var tables: [ConditionalTable]
        /// Maximal families, counted (and noised) directly.
        var countedTables: Int
        /// Laplace scale on each count; nil without privacy.
        var noiseScale: Double?
    }

    static func build(_ structure: NetworkStructure, columns: [EncodedColumn], conditionalsEpsilon: Double?,
                      random: inout RandomStream) -> Result {
        let families = structure.order.map { structure.parents[$0] + [$0] }
        let memberSets = families.map(Set.init)
        let maximal = families.indices.filter { index in
            !memberSets.indices.contains { other in other != index && memberSets[index].isStrictSubset(of: memberSets[other]) }
        }
        let noiseScale = conditionalsEpsilon.map { 2 * Double(maximal.count) / $0 }

        var counted: [Int: [Double]] = [:]
        for family in maximal {
            var table = counts(families[family], columns: columns)
            if let noiseScale {
                for cell in table.indices {
                    let sign: Double = random.next() & 1 == 0 ? 1 : -1
                    let noisy = table[cell] + sign * noiseScale * random.nextExponential()
                    // Two decimals are far below the noise and keep the stored model short.
                    table[cell] = max(0, (noisy * 100).rounded() / 100)
                }
            }
            counted[family] = table
        }

        let tables = structure.order.enumerated().map { position, column -> ConditionalTable in
            let family = families[position]
            let source = counted[position] != nil ? position : maximal.first { memberSets[position].isSubset(of: memberSets[$0]) }!
            let weights = source == position
                ? counted[position]!
                : marginalize(counted[source]!, from: families[source], onto: family, columns: columns)
            return ConditionalTable(column: column, parents: structure.parents[column], weights: weights)
        }
        return Result(tables: tables, countedTables: maximal.count, noiseScale: noiseScale)
    }

    /// Counts of every combination of the members' states, the first member most significant.
    static func counts(_ members: [Int], columns: [EncodedColumn]) -> [Double] {
        let cells = members.reduce(1) { $0 * columns[$1].stateCount }
        let rows = columns[members[0]].codes.count
        var index = [Int](repeating: 0, count: rows)
        for member in members {
            let radix = columns[member].stateCount
            columns[member].codes.withUnsafeBufferPointer { codes in
                for row in 0..<rows { index[row] = index[row] * radix + Int(codes[row]) }
            }
        }
        var counts = [Double](repeating: 0, count: cells)
        for cell in index { counts[cell] += 1 }
        return counts
    }

    /// Sums a table over the members of `from` that are not in `onto`, laid out in `onto`'s order.
    static func marginalize(_ table: [Double], from: [Int], onto: [Int], columns: [EncodedColumn]) -> [Double] {
        let radices = from.map { columns[$0].stateCount }
        // The stride of each of `from`'s members in the smaller table (0 for those summed out).
        var strides = [Int](repeating: 0, count: from.count)
        var stride = 1
        for member in onto.reversed() {
            strides[from.firstIndex(of: member)!] = stride
            stride *= columns[member].stateCount
        }
        var result = [Double](repeating: 0, count: stride)
        var digits = [Int](repeating: 0, count: from.count)
        var target = 0
        for weight in table {
            result[target] += weight
            // Odometer step over `from`'s states, the last member fastest.
            var position = from.count - 1
            while position >= 0 {
                digits[position] += 1
                target += strides[position]
                if digits[position] < radices[position] { break }
                target -= strides[position] * digits[position]
                digits[position] = 0
                position -= 1
            }
        }
        return result
    }
}
