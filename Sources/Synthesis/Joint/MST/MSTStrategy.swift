import Foundation
import Tabular

/// MST (McKenna, Miklau and Sheldon, "Winning the NIST Contest", 2021): differentially private
/// synthesis from measured marginals. With ρ-zCDP from the user's (ε, δ) (`ZCDPBudget`):
/// 1. a third of ρ finds each member's domain (levels through a noisy threshold; numeric ranges
///    from declared `bounds` or a noisy histogram) and measures its one-way marginal with
///    Gaussian noise;
/// 2. a third picks a spanning tree of pairs by the exponential mechanism (`TreeSelection`);
/// 3. a third measures the tree's two-way marginals with Gaussian noise.
/// Then `TreeEstimate` makes the measurements non-negative and consistent, and sampling goes
/// down the tree. Only the measurements touch the data.
public enum MSTStrategy: JointStrategy {
    public static let descriptor = JointDescriptor(
        id: "mst",
        help: "MST: differentially private synthesis from noisy one- and two-way marginals on a tree ((ε, δ)-DP through zCDP)",
        supportedKinds: [.integer, .decimal, .boolean, .datetime, .categorical],
        parameters: [
            ParameterSpec("epsilon", .number(minimum: 0.000001, maximum: 1_000), default: 1,
                          help: "Differential-privacy budget ε: smaller is more private and noisier"),
            ParameterSpec("delta", .number(minimum: 1e-30, maximum: 0.01), default: 1e-9,
                          help: "δ of (ε, δ)-DP: the chance the guarantee fails; keep it far below 1/rows"),
            ParameterSpec("bins", .integer(minimum: 2, maximum: 256), default: 32,
                          help: "Most bins per numeric column in the model's tables, cut at noisy quantiles (fewer when the noisy row count is small against the noise)"),
            ParameterSpec("cells", .integer(minimum: 2, maximum: 4_096), default: 128,
                          help: "Fine cells per numeric range, measured once; values inside a bin follow their noisy counts"),
            ParameterSpec("max_levels", .integer(minimum: 1, maximum: 10_000), default: 100,
                          help: "Most levels kept per categorical column (those with the largest noisy counts past the threshold)"),
        ],
        memberParameters: [
            ParameterSpec("bounds", .list, default: .list([]),
                          help: "Numeric members: [lower, upper], public bounds of the values (declared, not read from the data); empty: found from a noisy histogram"),
            ParameterSpec("levels", .list, default: .list([]),
                          help: "Categorical members: the public list of levels (others become Other); empty: levels whose noisy count passes a threshold"),
        ],
        exposure: .levels, differentiallyPrivate: true)

    public typealias Model = MSTModel

    public static func fit(_ input: JointFitInput) throws -> MSTModel {
        let epsilon = input.parameters.number("epsilon") ?? 1
        let delta = input.parameters.number("delta") ?? 1e-9
        let bins = input.parameters.integer("bins") ?? 32
        let cells = max(bins, input.parameters.integer("cells") ?? 128)
        let maxLevels = input.parameters.integer("max_levels") ?? 100
        guard input.members.count >= 1 else { throw PlanError("joint group '\(input.groupName)': mst needs at least one column") }
        for member in input.members {
            guard descriptor.supportedKinds.contains(member.kind) else {
                let kinds = descriptor.supportedKinds.map(\.rawValue).sorted().joined(separator: ", ")
                throw PlanError.at(column: member.name, "is \(member.kind.rawValue); the mst model takes \(kinds)")
            }
            guard member.column.count == input.rowCount else {
                throw PlanError.at(column: member.name, "has \(member.column.count) rows, but the group's first column has \(input.rowCount)")
            }
        }
        // The noise must not be recomputable: the plan's seed is written into every session, and
        // noise drawn from it could be subtracted again. So every draw of the fit comes from a
        // seed taken from the system's random generator and never stored; fitting twice gives
        // two different models (the fitted model is what ships).
        var system = SystemRandomNumberGenerator()
        let secret = system.next() as UInt64
        var budget = ZCDPBudget(epsilon: epsilon, delta: delta)
        let kinds = try input.members.map(MemberDomainKind.of)
        let thresholded = kinds.filter { if case .thresholdLevels = $0 { true } else { false } }.count
        budget.oneWayMeasurements = kinds.reduce(0) { $0 + $1.measurements }
        budget.oneWaySigma = ZCDPBudget.gaussianSigma(rho: budget.oneWayRho / Double(budget.oneWayMeasurements))
        let settings = MemberMeasurement.Settings(sigma: budget.oneWaySigma, thresholdDelta: budget.thresholdDelta / Double(max(1, thresholded)),
                                                  bins: bins, cells: cells, maxLevels: maxLevels)
        var members = try input.members.indices.map { index -> MeasuredMember in
            var random = RandomStream(seed: secret, column: input.groupName + "/mst/one_way/" + input.members[index].name, chunk: 0)
            return try MemberMeasurement.measure(input.members[index], kind: kinds[index], settings: settings, random: &random)
        }

        // The row count, noised: each marginal's total is a noisy count of the rows; their
        // inverse-variance weighted mean is post-processing.
        var weightedTotal = 0.0
        var precision = 0.0
        for member in members {
            let variance = member.variance.reduce(0, +)
            weightedTotal += member.oneWay.reduce(0, +) / variance
            precision += 1 / variance
        }
        let rows = max(1, weightedTotal / precision)

        // Bins per numeric member, from the noisy row count: a two-way table of b × b cells
        // holds n/b² rows per cell on average, and should hold at least four times the noise of its
        // cells (σ of the two-way measurements, known before any data is read).
        let pairs = max(1, input.members.count - 1)
        let plannedTwoWaySigma = ZCDPBudget.gaussianSigma(rho: budget.twoWayRho / Double(pairs))
        let autoBins = max(4, min(bins, Int((rows / (4 * plannedTwoWaySigma)).squareRoot())))
        for index in members.indices where !members[index].fine.isEmpty {
            MemberMeasurement.group(&members[index], bins: autoBins, sigma: budget.oneWaySigma)
        }

        var selectionStream = RandomStream(seed: secret, column: input.groupName + "/mst/selection", chunk: 0)
        let oneWayShares = members.map { TreeEstimate.normalized($0.oneWay.map { max(0, $0) }) }
        let scores = TreeSelection.scores(members, oneWay: oneWayShares, rows: rows)
        let edges = TreeSelection.select(scores: scores, rho: budget.selectionRho, random: &selectionStream)
        budget.selections = edges.count

        budget.twoWayMeasurements = edges.count
        budget.twoWaySigma = edges.isEmpty ? 0 : ZCDPBudget.gaussianSigma(rho: budget.twoWayRho / Double(edges.count))
        var noiseStream = RandomStream(seed: secret, column: input.groupName + "/mst/two_way", chunk: 0)
        let tables = edges.map { a, b -> TreeEstimate.Measured2Way in
            let statesB = members[b].column.stateCount
            var counts = [Double](repeating: 0, count: members[a].column.stateCount * statesB)
            for row in 0..<input.rowCount { counts[Int(members[a].codes[row]) * statesB + Int(members[b].codes[row])] += 1 }
            return TreeEstimate.Measured2Way(a: a, b: b, counts: GaussianMechanism.measure(counts, sigma: budget.twoWaySigma, random: &noiseStream),
                                             sigma: budget.twoWaySigma)
        }

        // Everything below is post-processing of the measurements.
        let marginals = TreeEstimate.oneWay(members, tables: tables)
        var parents = [Int](repeating: -1, count: members.count)
        var conditionals = [[Double]](repeating: [], count: members.count)
        var order = [0]
        var visited: Set<Int> = [0]
        var position = 0
        while position < order.count {
            let parent = order[position]
            position += 1
            for table in tables where table.a == parent || table.b == parent {
                let child = table.a == parent ? table.b : table.a
                guard visited.insert(child).inserted else { continue }
                let joint = TreeEstimate.fitted(table, marginalA: marginals[table.a], marginalB: marginals[table.b])
                let statesA = marginals[table.a].count
                let statesB = marginals[table.b].count
                let parentStates = table.a == parent ? statesA : statesB
                let childStates = table.a == parent ? statesB : statesA
                var conditional = [Double](repeating: 0, count: parentStates * childStates)
                for p in 0..<parentStates {
                    var row = 0.0
                    for c in 0..<childStates { row += table.a == parent ? joint[p * statesB + c] : joint[c * statesB + p] }
                    for c in 0..<childStates {
                        let cell = table.a == parent ? joint[p * statesB + c] : joint[c * statesB + p]
                        conditional[p * childStates + c] = row > 0 ? min(1, max(0, cell / row)) : 1 / Double(childStates)
                    }
                }
                parents[child] = parent
                conditionals[child] = conditional
                order.append(child)
            }
        }
        // Members the tree did not reach (possible only when a draw found no pair) stand alone.
        for member in members.indices where !visited.contains(member) {
            order.append(member)
            parents[member] = order[0]
            let parentStates = marginals[order[0]].count
            conditionals[member] = (0..<parentStates).flatMap { _ in marginals[member] }
        }
        return MSTModel(columns: members.map(\.column), order: order, parents: parents, root: marginals[0], conditionals: conditionals,
                        budget: budget, noisyRows: Int(rows.rounded()))
    }
}
