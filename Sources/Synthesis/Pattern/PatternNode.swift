/// A parsed `pattern` template: the tree the generator walks and the automaton is built from.
indirect enum PatternNode: Hashable, Sendable {
    /// One scalar, as written.
    case literal(Unicode.Scalar)
    /// One scalar out of a set: a class `[A-Z_]`, an escape `\d`, or `.`.
    case oneOf(ScalarSet)
    /// Parts one after another.
    case sequence([PatternNode])
    /// One of several branches, `a|b|c`.
    case alternation([PatternNode])
    /// The node `minimum` to `maximum` times, each repeat drawn on its own.
    case repetition(PatternNode, minimum: Int, maximum: Int)

    /// The length (in scalars) of the shortest and the longest value the node can make. Exact:
    /// every path through the tree makes a value of its own length.
    var lengths: ClosedRange<Int> {
        switch self {
        case .literal, .oneOf:
            return 1...1
        case .sequence(let parts):
            return parts.reduce(0...0) { total, part in
                let lengths = part.lengths
                return (total.lowerBound + lengths.lowerBound)...(total.upperBound + lengths.upperBound)
            }
        case .alternation(let branches):
            let all = branches.map(\.lengths)
            return all.map(\.lowerBound).min()!...all.map(\.upperBound).max()!
        case .repetition(let node, let minimum, let maximum):
            let lengths = node.lengths
            return (lengths.lowerBound * minimum)...(lengths.upperBound * maximum)
        }
    }

    /// True when every scalar the node can make is in `set` (an integer column needs digits).
    func onlyMakes(_ set: ScalarSet) -> Bool {
        switch self {
        case .literal(let scalar): return set.contains(scalar.value)
        case .oneOf(let members): return members.isSubset(of: set)
        case .sequence(let parts), .alternation(let parts): return parts.allSatisfy { $0.onlyMakes(set) }
        case .repetition(let node, _, let maximum): return maximum == 0 || node.onlyMakes(set)
        }
    }
}
