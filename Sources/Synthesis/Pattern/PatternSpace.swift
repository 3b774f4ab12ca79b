import Tabular
import RealModule

/// The distinct values a template can make, numbered 0 ..< count: what `unique: true` draws
/// from, one number per output row.
///
/// The template becomes a deterministic automaton (Thompson's construction, then the subset
/// construction). A deterministic automaton has exactly one path per value, so counting paths
/// counts distinct values even when the template is ambiguous (`a?a?` makes 3 values, not 4),
/// and the rank of a path names its value. Every repeat is bounded, so there are no cycles.
struct PatternSpace: Sendable {
    /// A template whose automaton would be too large to build.
    struct TooLarge: Error, CustomStringConvertible {
        var description: String
    }

    static let maximumStates = 200_000
    /// The most automaton states the subset construction may visit, summed over the ε-closures
    /// it takes. The state counts alone do not bound the work: `(a|b|){1000}` has a thousand
    /// states, each a subset of thousands (found by PatternFuzz: seconds to minutes).
    static let maximumSubsetWork = 100_000

    /// Rows a unique column can have at most when the template has more values than that: the
    /// keyed permutation works on Int.
    static let spreadBits = 62

    /// A number of values: exact below 2^128, else only its (base-2) logarithm, which is all the
    /// walk through such large spaces needs (`.{300}` makes 94^300 values; no fixed-width
    /// integer holds that, and exact arithmetic on it would cost far more than it gives).
    struct Count: Sendable {
        /// The count, when below 2^128.
        var exact: UInt128?
        var log2: Double

        init(exactly value: UInt128) {
            exact = value
            log2 = value == 0 ? -.infinity : Double.log2(Double(value))
        }

        init(log2: Double) {
            exact = nil
            self.log2 = log2
        }

        func adding(_ other: Count) -> Count {
            if let a = exact, let b = other.exact {
                let (sum, overflow) = a.addingReportingOverflow(b)
                if !overflow { return Count(exactly: sum) }
            }
            let high = max(log2, other.log2)
            return Count(log2: high + Double.log2(Double.exp2(log2 - high) + Double.exp2(other.log2 - high)))
        }

        func multiplied(by factor: Int) -> Count {
            if let value = exact {
                let (product, overflow) = value.multipliedReportingOverflow(by: UInt128(factor))
                if !overflow { return Count(exactly: product) }
            }
            return Count(log2: log2 + Double.log2(Double(factor)))
        }

        /// True when the count is at least 2^bits.
        func reaches(bits: Int) -> Bool { exact.map { $0 >> UInt128(bits) > 0 } ?? true }
    }

    private struct Transition: Sendable {
        var members: ScalarSet
        var target: Int
        /// Values through this transition: members.count × count(target).
        var block: Count
        var targetCount: Count
    }

    private struct State: Sendable {
        var accepting: Bool
        var transitions: [Transition]
        var count: Count
        /// For states of 2^128 values or more: the transitions the keyed walk may take (those
        /// leading to 2^62 values or more), weighted by their values.
        var walk: (transitions: [Int], weights: WeightedIndex)?
    }

    private let states: [State]

    /// How many distinct values the template makes; nil for 2^128 or more.
    var count: UInt128? { states[0].count.exact }

    /// How many unique rows the template can fill.
    var uniqueRows: UInt128 {
        min(count ?? .max, 1 << UInt128(Self.spreadBits))
    }

    init(_ root: PatternNode) throws(TooLarge) {
        var nfa = NFA()
        let start = try nfa.newState()
        let accept = try nfa.build(root, from: start)
        let (accepting, transitions) = try Self.determinize(nfa, start: start, accept: accept)
        states = Self.counted(accepting: accepting, transitions: transitions)
    }

    /// True when some value longer than one character starts with `scalar`.
    func hasLongerValue(startingWith scalar: Unicode.Scalar) -> Bool {
        guard let transition = states[0].transitions.first(where: { $0.members.contains(scalar.value) }) else { return false }
        // Every state leads to a value, so a state with a way out leads to a longer one.
        return !states[transition.target].transitions.isEmpty
    }

    // MARK: Ranking

    /// The value of rank `rank` (below `count`, which must be exact).
    func value(rank: UInt128) -> String {
        precondition(count.map { rank < $0 } ?? false, "rank beyond the template's values")
        var scalars = String.UnicodeScalarView()
        append(from: 0, rank: rank, to: &scalars)
        return String(scalars)
    }

    /// Walks from `start` along the path of rank `rank` among the state's values.
    private func append(from start: Int, rank: UInt128, to scalars: inout String.UnicodeScalarView) {
        var state = start
        var rank = rank
        walk: while true {
            let node = states[state]
            if node.accepting {
                if rank == 0 { return }
                rank -= 1
            }
            for transition in node.transitions {
                // Below an exact count, every block is exact too.
                let block = transition.block.exact!
                if rank < block {
                    let targetCount = transition.targetCount.exact!
                    scalars.append(transition.members.scalar(at: Int(rank / targetCount)))
                    rank %= targetCount
                    state = transition.target
                    continue walk
                }
                rank -= block
            }
            preconditionFailure("rank beyond the state's values")
        }
    }

    /// The value for one output row, computed from the row alone (so any chunk or shard
    /// agrees), distinct for distinct rows below `uniqueRows`.
    ///
    /// Up to 2^62 values: a keyed permutation of the row into the ranks. Beyond: the row is
    /// permuted into an index below 2^62 that stays injective all the way —
    /// 1. while the state's count is 2^128 or more, a transition and member are drawn at random
    ///    (keyed by the index), weighted by their values, among those leading to at least 2^62
    ///    values. Different draws are different paths, and in a deterministic automaton
    ///    different paths are different values;
    /// 2. then the index picks one of 2^62 equal buckets of the state's ranks, and a keyed
    ///    hash a rank inside it, so that the last characters vary as much as the first.
    func value(row: Int, key: UInt64) -> String {
        let spread = UInt128(1) << UInt128(Self.spreadBits)
        var scalars = String.UnicodeScalarView()
        if let total = count, total <= spread {
            append(from: 0, rank: UInt128(KeyedPermutation(count: Int(total), key: key).apply(row)), to: &scalars)
            return String(scalars)
        }
        let index = UInt64(KeyedPermutation(count: 1 << Self.spreadBits, key: key).apply(row))
        var random = RandomStream(seed: SplitMix64.mix(key ^ 0x5DEE_CE66_D1CE_4E5B) ^ index)
        var state = 0
        while let walk = states[state].walk {
            let transition = states[state].transitions[walk.transitions[walk.weights.draw(&random)]]
            scalars.append(transition.members.scalar(at: random.nextIndex(transition.members.count)))
            state = transition.target
        }
        let bucket = states[state].count.exact! >> UInt128(Self.spreadBits)
        // Rejection: the bucket's top bit is set, so each draw succeeds at least half the time.
        let mask = (UInt128(1) << UInt128(UInt128.bitWidth - bucket.leadingZeroBitCount)) &- 1
        var offset: UInt128
        repeat {
            offset = (UInt128(random.next()) << 64 | UInt128(random.next())) & mask
        } while offset >= bucket
        append(from: state, rank: bucket * UInt128(index) + offset, to: &scalars)
        return String(scalars)
    }

    // MARK: Construction

    /// A nondeterministic automaton with ε-moves; edges are labelled with scalar sets.
    private struct NFA {
        var epsilons: [[Int]] = []
        var edges: [[(set: Int, target: Int)]] = []
        var sets: [ScalarSet] = []
        var setIndex: [ScalarSet: Int] = [:]

        mutating func newState() throws(TooLarge) -> Int {
            guard epsilons.count < PatternSpace.maximumStates else {
                throw TooLarge(description: "the template is too large to count its distinct values (over \(PatternSpace.maximumStates) automaton states)")
            }
            epsilons.append([])
            edges.append([])
            return epsilons.count - 1
        }

        mutating func edge(from state: Int, on set: ScalarSet) throws(TooLarge) -> Int {
            let target = try newState()
            let index = setIndex[set] ?? {
                sets.append(set)
                setIndex[set] = sets.count - 1
                return sets.count - 1
            }()
            edges[state].append((index, target))
            return target
        }

        /// Adds `node`'s fragment starting at `start`; returns its end state. Fragments never
        /// lead back into their start, so branches may share it.
        mutating func build(_ node: PatternNode, from start: Int) throws(TooLarge) -> Int {
            switch node {
            case .literal(let scalar):
                return try edge(from: start, on: ScalarSet(scalar))
            case .oneOf(let set):
                return try edge(from: start, on: set)
            case .sequence(let parts):
                var current = start
                for part in parts { current = try build(part, from: current) }
                return current
            case .alternation(let branches):
                let end = try newState()
                for branch in branches { epsilons[try build(branch, from: start)].append(end) }
                return end
            case .repetition(let inner, let minimum, let maximum):
                var current = start
                for _ in 0..<minimum { current = try build(inner, from: current) }
                guard maximum > minimum else { return current }
                let end = try newState()
                epsilons[current].append(end)
                for _ in minimum..<maximum {
                    current = try build(inner, from: current)
                    epsilons[current].append(end)
                }
                return end
            }
        }

        func closure(_ states: [Int]) -> [Int] {
            var seen = Set(states)
            var stack = states
            while let state = stack.popLast() {
                for next in epsilons[state] where seen.insert(next).inserted { stack.append(next) }
            }
            return seen.sorted()
        }
    }

    /// The subset construction over an alphabet of disjoint scalar intervals (every set on an
    /// edge is a union of them). State 0 is the start.
    private static func determinize(_ nfa: NFA, start: Int, accept: Int) throws(TooLarge) -> ([Bool], [[(ScalarSet, Int)]]) {
        var cuts = Set<UInt32>()
        for set in nfa.sets {
            for range in set.ranges {
                cuts.insert(range.lowerBound)
                cuts.insert(range.upperBound + 1)
            }
        }
        let sortedCuts = cuts.sorted()
        var symbols: [ClosedRange<UInt32>] = []
        for index in 0..<max(0, sortedCuts.count - 1) where nfa.sets.contains(where: { $0.contains(sortedCuts[index]) }) {
            symbols.append(sortedCuts[index]...(sortedCuts[index + 1] - 1))
        }
        let symbolsOfSet = nfa.sets.map { set in symbols.indices.filter { set.contains(symbols[$0].lowerBound) } }

        var subsets: [[Int]] = []
        var subsetIndex: [[Int]: Int] = [:]
        var work = 0
        /// The ε-closure of `states`, counted against the budget.
        func closure(_ states: [Int]) throws(TooLarge) -> [Int] {
            let closed = nfa.closure(states)
            work += closed.count
            guard work <= maximumSubsetWork else {
                throw TooLarge(description: "the template is too ambiguous to count its distinct values (its automaton's states overlap too much; write a{0,9} rather than (a|){9})")
            }
            return closed
        }
        func intern(_ subset: [Int]) throws(TooLarge) -> Int {
            if let known = subsetIndex[subset] { return known }
            guard subsets.count < maximumStates else {
                throw TooLarge(description: "the template is too complex to count its distinct values (over \(maximumStates) automaton states)")
            }
            subsets.append(subset)
            subsetIndex[subset] = subsets.count - 1
            return subsets.count - 1
        }
        _ = try intern(try closure([start]))

        var accepting: [Bool] = []
        var transitions: [[(ScalarSet, Int)]] = []
        var next = 0
        while next < subsets.count {
            let subset = subsets[next]
            var targets = [[Int]](repeating: [], count: symbols.count)
            for state in subset {
                for (set, target) in nfa.edges[state] {
                    for symbol in symbolsOfSet[set] { targets[symbol].append(target) }
                }
            }
            // Symbols with the same successor share one transition, in scalar order.
            var groups: [(target: Int, ranges: [ClosedRange<UInt32>])] = []
            var groupOfTarget: [Int: Int] = [:]
            var successorOf: [[Int]: Int] = [:]
            for symbol in symbols.indices where !targets[symbol].isEmpty {
                let successor: Int
                if let known = successorOf[targets[symbol]] {
                    successor = known
                } else {
                    successor = try intern(try closure(targets[symbol]))
                    successorOf[targets[symbol]] = successor
                }
                if let group = groupOfTarget[successor] {
                    groups[group].ranges.append(symbols[symbol])
                } else {
                    groupOfTarget[successor] = groups.count
                    groups.append((successor, [symbols[symbol]]))
                }
            }
            accepting.append(subset.contains(accept))
            transitions.append(groups.map { (ScalarSet(ranges: $0.ranges), $0.target) })
            next += 1
        }
        return (accepting, transitions)
    }

    /// Counts values from every state, successors first (depth-first, without recursion:
    /// templates can nest deeply enough to exhaust the stack).
    private static func counted(accepting: [Bool], transitions: [[(ScalarSet, Int)]]) -> [State] {
        var counts = [Count?](repeating: nil, count: accepting.count)
        var stack: [(state: Int, next: Int)] = [(0, 0)]
        while let (state, next) = stack.last {
            if next < transitions[state].count {
                stack[stack.count - 1].next += 1
                let target = transitions[state][next].1
                if counts[target] == nil { stack.append((target, 0)) }
                continue
            }
            var total = Count(exactly: accepting[state] ? 1 : 0)
            for (members, target) in transitions[state] { total = total.adding(counts[target]!.multiplied(by: members.count)) }
            counts[state] = total
            stack.removeLast()
        }
        return accepting.indices.map { state in
            let outgoing = transitions[state].map { members, target in
                Transition(members: members, target: target, block: counts[target]!.multiplied(by: members.count),
                           targetCount: counts[target]!)
            }
            var walk: ([Int], WeightedIndex)?
            if counts[state]!.exact == nil {
                // Some transition qualifies: 2^128 values spread over fewer than 2^42 (transition,
                // member) pairs leave one with more than 2^86 behind it.
                let choices = outgoing.indices.filter { outgoing[$0].targetCount.reaches(bits: spreadBits) }
                let largest = choices.map { outgoing[$0].block.log2 }.max()!
                walk = (choices, WeightedIndex(weights: choices.map { Double.exp2(outgoing[$0].block.log2 - largest) }))
            }
            return State(accepting: accepting[state], transitions: outgoing, count: counts[state]!, walk: walk)
        }
    }
}
