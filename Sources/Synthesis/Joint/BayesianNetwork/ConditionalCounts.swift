/// The network's conditional tables, counted on the real rows.
///
/// A family is a column with its parents. Only maximal families (contained in no other) are
/// counted; a smaller family (the root's, or one of the first columns, whose parents are all
/// earlier columns) is read off a table that contains it, so the conditionals stay consistent
/// with each other.
enum ConditionalCounts {
    static func build(_ structure: NetworkStructure, columns: [EncodedColumn]) -> [ConditionalTable] {
        let families = structure.order.map { structure.parents[$0] + [$0] }
        let memberSets = families.map(Set.init)
        let maximal = families.indices.filter { index in
            !memberSets.indices.contains { other in other != index && memberSets[index].isStrictSubset(of: memberSets[other]) }
        }
        var counted: [Int: [Double]] = [:]
        for family in maximal { counted[family] = counts(families[family], columns: columns) }

        return structure.order.enumerated().map { position, column -> ConditionalTable in
            let family = families[position]
            let source = counted[position] != nil ? position : maximal.first { memberSets[position].isSubset(of: memberSets[$0]) }!
            let weights = source == position
                ? counted[position]!
                : marginalize(counted[source]!, from: families[source], onto: family, columns: columns)
            return ConditionalTable(column: column, parents: structure.parents[column], weights: weights)
        }
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
