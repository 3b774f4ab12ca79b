/// Conditional sampling in a Bayesian network: conditioned members are clamped to the states
/// that meet their condition, and their ancestors are drawn from their posterior given those
/// states; the other members are drawn down the network as usual, so they follow both. Nothing
/// is rejected, so a level in 1 row of 100,000 costs what a common one does.
///
/// The posterior is exact (every configuration of the clamped members and their ancestors
/// enumerated, each weighted by its conditional tables) when there are at most
/// `exactConfigurations`; beyond that each row takes one of `candidates` forward draws of those
/// members, weighted by how likely the clamped states are given them (likelihood weighting).
struct NetworkEvidence {
    static let exactConfigurations = 1 << 18
    static let candidates = 64

    /// Per member: the weight of each state under its condition (nil: not conditioned). A
    /// range gives a bin the share of it the range covers.
    let likelihood: [[Double]?]
    /// Samplers (by position in the network's order) of the clamped members and their
    /// ancestors, parents before children.
    let posteriorSamplers: [Int]
    /// Exact posterior: cumulative weights over the configurations of `posteriorSamplers`'
    /// members, in mixed radix, the last member fastest.
    let cumulative: [Double]?
    let stateCounts: [Int]

    /// `exactLimit`: the most configurations enumerated (tests lower it to reach the fallback).
    init?(columns: [ColumnStates], samplers: [ConditionalSampler], steering: [String: SteeringTarget],
          exactLimit: Int = NetworkEvidence.exactConfigurations) {
        var likelihood = [[Double]?](repeating: nil, count: columns.count)
        for (member, column) in columns.enumerated() {
            guard let target = steering[column.name] else { continue }
            likelihood[member] = Self.likelihood(of: target, in: column)
        }
        guard likelihood.contains(where: { $0 != nil }) else { return nil }
        // The clamped members and every ancestor: the rest only follow them.
        var needed = Set(likelihood.indices.filter { likelihood[$0] != nil })
        for sampler in samplers.reversed() where needed.contains(sampler.column) { needed.formUnion(sampler.parents) }
        let posteriorSamplers = samplers.indices.filter { needed.contains(samplers[$0].column) }
        let stateCounts = columns.map(\.stateCount)
        self.posteriorSamplers = posteriorSamplers
        self.likelihood = likelihood
        self.stateCounts = stateCounts
        let sizes = posteriorSamplers.map { stateCounts[samplers[$0].column] }
        let configurations = sizes.reduce(1) { product, size in product > exactLimit ? product : product * size }
        let exact = configurations <= exactLimit
            ? Self.posterior(samplers: posteriorSamplers.map { samplers[$0] }, sizes: sizes, likelihood: likelihood,
                             stateCounts: stateCounts, configurations: configurations)
            : nil
        // No configuration can meet the conditions (noisy counts of 0): rejection reports it.
        if let exact, (exact.last ?? 0) <= 0 { return nil }
        cumulative = exact
    }

    /// The weight of each of a member's states under `target`; nil when no state meets it (a
    /// level merged into `Other`, a value outside every bin).
    static func likelihood(of target: SteeringTarget, in column: ColumnStates) -> [Double]? {
        var weights = [Double](repeating: 0, count: column.stateCount)
        switch column.values {
        case .levels(let levels):
            for (state, level) in levels.enumerated() where level == target.text { weights[state] = 1 }
        case .numbers(let numbers):
            for (state, number) in numbers.enumerated() where target.contains(number) { weights[state] = 1 }
        case .bins(let bins):
            for state in 0..<bins.count {
                if let point = bins.points[state] {
                    weights[state] = target.contains(point) ? 1 : 0
                } else if target.isEquality, let value = target.lower {
                    weights[state] = bins.bin(of: value) == state ? 1 : 0
                } else {
                    let (low, high) = bins.interval(state)
                    weights[state] = target.overlap(low: low, high: high)
                }
            }
        }
        return weights.contains(where: { $0 > 0 }) ? weights : nil
    }

    /// Every configuration's weight: the product of its members' conditional probabilities and
    /// the clamped members' likelihoods, accumulated.
    private static func posterior(samplers: [ConditionalSampler], sizes: [Int], likelihood: [[Double]?],
                                  stateCounts: [Int], configurations: Int) -> [Double] {
        var cumulative = [Double](repeating: 0, count: configurations)
        var states = [Int32](repeating: 0, count: stateCounts.count)
        var digits = [Int](repeating: 0, count: sizes.count)
        var running = 0.0
        for configuration in 0..<configurations {
            var weight = 1.0
            for (position, sampler) in samplers.enumerated() {
                states[sampler.column] = Int32(digits[position])
                weight *= sampler.probability(of: digits[position], given: states)
                if let weights = likelihood[sampler.column] { weight *= weights[digits[position]] }
                if weight == 0 { break }
            }
            running += weight
            cumulative[configuration] = running
            // Next configuration: the last digit fastest.
            var position = sizes.count - 1
            while position >= 0 {
                digits[position] += 1
                if digits[position] < sizes[position] { break }
                digits[position] = 0
                position -= 1
            }
        }
        return cumulative
    }

    /// Draws the posterior members' states for one row into `states` (indexed by member).
    func draw(into states: inout [Int32], samplers: [ConditionalSampler], random: inout RandomStream) {
        if let cumulative {
            let u = random.nextUnit() * cumulative[cumulative.count - 1]
            var low = 0
            var high = cumulative.count - 1
            while low < high {
                let middle = (low + high) >> 1
                if cumulative[middle] > u { high = middle } else { low = middle + 1 }
            }
            var rest = low
            for position in posteriorSamplers.indices.reversed() {
                let column = samplers[posteriorSamplers[position]].column
                states[column] = Int32(rest % stateCounts[column])
                rest /= stateCounts[column]
            }
            return
        }
        // Likelihood weighting: forward draws, clamped members drawn among their allowed states
        // and the draw weighted by how likely those were; one candidate kept by weight.
        var best: [Int32] = []
        var total = 0.0
        var candidate = states
        for _ in 0..<Self.candidates {
            var weight = 1.0
            for index in posteriorSamplers {
                let sampler = samplers[index]
                let probabilities = (0..<sampler.states).map { sampler.probability(of: $0, given: candidate) }
                let weights = likelihood[sampler.column].map { zip(probabilities, $0).map(*) } ?? probabilities
                let mass = weights.reduce(0, +)
                guard mass > 0 else { weight = 0; break }
                if likelihood[sampler.column] != nil { weight *= mass }
                var u = random.nextUnit() * mass
                var state = 0
                while state < weights.count - 1 && u >= weights[state] { u -= weights[state]; state += 1 }
                candidate[sampler.column] = Int32(state)
            }
            total += weight
            // Reservoir choice by weight: each candidate kept with its share of the total so far.
            if weight > 0 && random.nextUnit() * total < weight { best = candidate }
        }
        if !best.isEmpty { for index in posteriorSamplers { states[samplers[index].column] = best[samplers[index].column] } }
    }
}

extension ConditionalSampler {
    /// P(state | the parents' states in `states`, indexed by member).
    func probability(of state: Int, given states: [Int32]) -> Double {
        var configuration = 0
        for (position, parent) in parents.enumerated() { configuration += Int(states[parent]) * multipliers[position] }
        let base = configuration * self.states
        return cumulative[base + state] - (state > 0 ? cumulative[base + state - 1] : 0)
    }
}
