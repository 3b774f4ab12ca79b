import Dispatch
import Synthesis
import Tabular

extension JointModelChoice {
    /// How much work the joint-model search may do on a wide table.
    public struct SearchBudget: Sendable {
        /// Up to this many modelled columns, every candidate is tried over all of them (the
        /// table is narrow); wider tables are searched by groups.
        public var narrowColumns = 30
        /// Rows each group's candidates are fitted and scored on.
        public var trialRows = 5_000
        /// Work units for all the groups' trials: a candidate over `c` columns on `n` rows
        /// costs `n·c·(c + 1)` (fitting and scoring columns is linear in `n·c`; the pairwise
        /// parts — CART's predictors, the copula's correlations, pair trends — in `n·c²`).
        /// A few seconds of trials on two cores (credit_data-like columns: 10–14 groups of 25).
        public var workUnits = 120_000_000
        /// How columns are grouped (rows sampled, pairs scored, group size).
        var grouping = ColumnGrouping.Settings()

        public init() {}

        /// At most this many columns in a group.
        public var maxGroupSize: Int {
            get { grouping.maxGroupSize }
            set { grouping.maxGroupSize = newValue }
        }

        /// At most this many column pairs scored for relatedness.
        public var pairBudget: Int {
            get { grouping.pairBudget }
            set { grouping.pairBudget = newValue }
        }

        /// The work units of one candidate over `columns` columns on `rows` rows.
        public static func cost(rows: Int, columns: Int) -> Int { rows * columns * (columns + 1) }
    }

    /// What the search of a wide table did and left out.
    public struct GroupSearch: Sendable, Equatable {
        /// Columns a joint model could take.
        public var modellableColumns: Int
        /// Column pairs whose relatedness was measured, and on how many rows; columns compared
        /// with others (the rest were left out by the pair budget).
        public var pairsScored: Int
        public var columnsCompared: Int
        public var associationRows: Int
        /// Groups of related columns found (each of at least two columns, at most `maxGroupSize`).
        public var groupsFound: Int
        public var columnsInGroups: Int
        /// Groups whose candidates were tried (within the work budget).
        public var groupsTried: Int
        public var columnsTried: Int
        /// Groups given a joint model (those where a model beat marginals alone).
        public var groupsModelled: Int
        public var columnsModelled: Int
        public var largestGroup: Int
        /// Candidate fits made (each fitted, sampled and scored), on how many rows.
        public var candidateFits: Int
        public var trialRows: Int
        /// Work units the trials cost, and the budget.
        public var workUnits: Int
        public var workBudget: Int
        public var maxGroupSize: Int
        /// The chosen model's id per modelled group, strongest group first.
        public var models: [String]

        /// Lines for stderr: what was modelled and what was left, and why.
        public var summary: [String] {
            let counts = Dictionary(grouping: models, by: { $0 }).map { "\($0.key) ×\($0.value.count)" }.sorted()
            let weak = columnsCompared - columnsInGroups
            let uncompared = modellableColumns - columnsCompared
            let budget = columnsInGroups - columnsTried
            let better = columnsTried - columnsModelled
            return [
                "joint search: \(modellableColumns) modellable columns; \(pairsScored) column pairs scored on \(associationRows) rows; "
                    + "\(groupsFound) groups of ≤ \(maxGroupSize) related columns (\(columnsInGroups) columns)",
                "joint search: tried \(groupsTried) groups (\(candidateFits) candidate fits on \(trialRows) rows, "
                    + "\(workUnits) of \(workBudget) work units); modelled \(groupsModelled) groups (\(columnsModelled) columns"
                    + (counts.isEmpty ? "" : ": " + counts.joined(separator: ", ")) + ")",
                "joint search: \(modellableColumns - columnsModelled) columns left to their marginals "
                    + "(\(weak) weakly related or only to full groups, \(uncompared) not compared (pair budget), "
                    + "\(budget) in groups over the work budget, \(better) where marginals scored as well)",
            ]
        }
    }

    /// The search of a wide table: columns grouped by relatedness (`ColumnGrouping`), then
    /// groups strongest first, while their cost fits the budget, each given the best of the
    /// candidates over its columns on a sample of rows, exactly as a narrow table is. Groups are
    /// named joint_1, joint_2, ... in that order.
    static func chooseByGroups(for plan: Plan, table: Table, columns: [String], candidates: [String?],
                               budget: SearchBudget, privacy: PrivacySetting = .default) -> Outcome {
        let tableIndex = Dictionary(table.columnNames.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        let planIndex = Dictionary(plan.columns.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        // Only columns the source has can be learned together (a plan may add columns).
        let columns = columns.filter { tableIndex[$0] != nil }
        let grouping = ColumnGrouping(columns.map { table[tableIndex[$0]!] }, settings: budget.grouping)

        let rowCount = min(table.rowCount, budget.trialRows)
        var spent = 0
        var tried: [[String]] = []
        for group in grouping.groups {
            let cost = candidates.count * SearchBudget.cost(rows: rowCount, columns: group.members.count)
            guard spent + cost <= budget.workUnits else { continue }
            spent += cost
            tried.append(group.members.map { columns[$0] })
        }

        let rows = (0..<rowCount).map { $0 * table.rowCount / max(rowCount, 1) }
        let groups = tried
        let outcomes = Parallel.map(groups.count) { index -> Outcome in
            let names = groups[index]
            let groupPlan = Plan(seed: plan.seed, columns: names.map { plan.columns[planIndex[$0]!] })
            let groupTable = Table(columns: names.map { table[tableIndex[$0]!].taking(rows) })
            return chooseOverAll(for: groupPlan, table: groupTable, columns: names, candidates: candidates, privacy: privacy)
        }

        var result = plan
        var models: [String] = []
        for outcome in outcomes {
            guard var group = outcome.plan.joint.first else { continue }
            models.append(group.model)
            group.name = "joint_\(models.count)"
            result.joint.append(group)
            for member in outcome.plan.columns { result.columns[planIndex[member.name]!] = member }
        }

        let search = GroupSearch(
            modellableColumns: columns.count, pairsScored: grouping.pairsScored, columnsCompared: grouping.columnsCompared,
            associationRows: min(table.rowCount, budget.grouping.sampleRows),
            groupsFound: grouping.groups.count, columnsInGroups: grouping.groups.reduce(0) { $0 + $1.members.count },
            groupsTried: tried.count, columnsTried: tried.reduce(0) { $0 + $1.count },
            groupsModelled: result.joint.count, columnsModelled: result.joint.reduce(0) { $0 + $1.columns.count },
            largestGroup: grouping.groups.map(\.members.count).max() ?? 0,
            candidateFits: outcomes.reduce(0) { $0 + $1.trials.count }, trialRows: rowCount,
            workUnits: spent, workBudget: budget.workUnits, maxGroupSize: budget.grouping.maxGroupSize, models: models)
        result.privacy = privacy
        var outcome = Outcome(plan: result, trials: pooledTrials(outcomes.map(\.trials), candidates: candidates), search: search)
        outcome.privacyShortfall = outcomes.compactMap(\.privacyShortfall).first
        outcome.privacySplit = outcomes.compactMap(\.privacySplit).first
        return outcome
    }

    /// One trial per candidate over every group: the mean quality of the groups where it could
    /// be scored, the total time, the first failure.
    static func pooledTrials(_ perGroup: [[Trial]], candidates: [String?]) -> [Trial] {
        guard !perGroup.isEmpty else { return [] }
        return candidates.map { candidate in
            let trials = perGroup.flatMap { $0.filter { $0.model == candidate } }
            let scores = trials.compactMap(\.quality)
            return Trial(model: candidate, quality: scores.isEmpty ? nil : scores.reduce(0, +) / Double(scores.count),
                         seconds: trials.reduce(0) { $0 + $1.seconds },
                         failure: scores.isEmpty ? trials.compactMap(\.failure).first : nil,
                         privacy: TrialPrivacy.worst(trials.compactMap(\.privacy)))
        }
    }
}
