import Tabular

/// A Bayesian network over a group of columns, as PrivBayes builds it and DataSynthesizer's
/// correlated mode runs it: numbers are binned, every column's states are conditioned on at
/// most k parent columns chosen greedily by mutual information, and sampling goes down the
/// network. It is not differentially private (that is `mst`; see `RetiredPrivacy`).
public enum BayesianNetworkStrategy: JointStrategy {
    public static let descriptor = JointDescriptor(
        id: "bayesian_network",
        help: "Bayesian network (DataSynthesizer's correlated mode): each column given at most k parents; not differentially private (use mst)",
        supportedKinds: [.integer, .decimal, .boolean, .datetime, .categorical],
        parameters: [
            ParameterSpec("degree", .integer(minimum: 1, maximum: 6), default: 2,
                          help: "Most parents per column (k): higher keeps higher-order relations but needs more rows per table cell"),
            ParameterSpec("epsilon", .number(minimum: 0, maximum: 0), default: 0,
                          help: "Must be 0, as older sessions wrote it: bayesian_network is no longer differentially private; for that use model: mst with epsilon"),
            ParameterSpec("bins", .integer(minimum: 2, maximum: 1_000), default: 20,
                          help: "Bins per numeric column (columns with at most this many distinct values keep their values)"),
            ParameterSpec("binning", .choice(["auto", "quantile", "equal_width"]), default: "auto",
                          help: "Bin edges: quantile (rows spread evenly) or equal_width (edges from the range only); auto: quantile"),
            ParameterSpec("within_bin", .choice(["auto", "marginal", "uniform"]), default: "auto",
                          help: "Values inside a bin: follow the column's own fitted marginal, or uniform; auto: marginal"),
            ParameterSpec("max_levels", .integer(minimum: 2, maximum: 10_000), default: 50,
                          help: "Most levels kept per categorical column; rarer levels merge into one 'Other' level"),
            ParameterSpec("rare_k", .integer(minimum: 1, maximum: 1_000), default: 5,
                          help: "Levels with fewer real rows merge into 'Other' too (rows with a rare level describe those people); 1 keeps every level up to max_levels"),
            ParameterSpec("max_cells", .integer(minimum: 100, maximum: 10_000_000), default: 100_000,
                          help: "Largest conditional table (column states × parent combinations); bigger parent sets are skipped"),
            ParameterSpec("root", .text, default: "",
                          help: "The column the network starts from; empty: one drawn from the seed, as PrivBayes does"),
        ],
        exposure: .levels)

    public typealias Model = BayesianNetworkModel

    public static func fit(_ input: JointFitInput) throws -> BayesianNetworkModel {
        let names = input.members.map(\.name)
        let settings = try BayesianNetworkSettings(input.parameters, memberNames: names, groupName: input.groupName)
        guard input.members.count >= 2 else {
            throw PlanError("joint group '\(input.groupName)': a Bayesian network needs at least two columns, got \(input.members.count)")
        }
        for member in input.members {
            guard descriptor.supportedKinds.contains(member.kind) else {
                let kinds = descriptor.supportedKinds.map(\.rawValue).sorted().joined(separator: ", ")
                throw PlanError.at(column: member.name, "is \(member.kind.rawValue); the bayesian_network model takes \(kinds)")
            }
            guard member.column.count == input.rowCount else {
                throw PlanError.at(column: member.name, "has \(member.column.count) rows, but the group's first column has \(input.rowCount)")
            }
        }
        guard input.rowCount >= 2 else {
            throw PlanError("joint group '\(input.groupName)': a Bayesian network needs at least two rows, got \(input.rowCount)")
        }

        let members = input.members
        let encoded = try Parallel.map(members.count) { index in
            Result { try StateEncoder.encode(members[index], settings: settings) }
        }.map { try $0.get() }

        // The root is drawn from a stream of its own, so that it does not shift when anything else changes.
        var rootStream = RandomStream(seed: input.seed, column: input.groupName + "/bayesian_network/root", chunk: 0)
        let root = settings.root ?? rootStream.nextIndex(members.count)
        let structure = GreedyNetworkSearch.search(encoded, degree: settings.degree, maxCells: settings.maxCells, root: root)
        return BayesianNetworkModel(
            columns: encoded.map(\.states), tables: ConditionalCounts.build(structure, columns: encoded), degree: settings.degree,
            bins: settings.bins, binning: settings.binning, withinBin: settings.withinBin)
    }
}
