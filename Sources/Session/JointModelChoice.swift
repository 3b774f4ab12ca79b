import Dispatch
import Fidelity
import Synthesis
import Tabular

/// Picks the joint model that does best on the data: each candidate is fitted on (a sample of)
/// the source, samples as many rows, and is scored with the quality report; the best score wins
/// (a tie goes to the model that keeps less of the real data). The per-column strategies chosen
/// by kind stay; the joint model takes the columns it can model.
public enum JointModelChoice {
    public struct Trial: Sendable, Equatable {
        /// The joint model id, or nil for marginals alone.
        public var model: String?
        public var quality: Double?
        public var seconds: Double
        /// Why the candidate could not be tried (a fit error), when it could not.
        public var failure: String?
        /// Its privacy against the held-back rows (nil when not measured).
        public var privacy: TrialPrivacy? = nil

        public init(model: String?, quality: Double?, seconds: Double, failure: String? = nil, privacy: TrialPrivacy? = nil) {
            self.model = model
            self.quality = quality
            self.seconds = seconds
            self.failure = failure
            self.privacy = privacy
        }
    }

    public struct Outcome: Sendable {
        public var plan: Plan
        /// Per candidate; on a wide table, over every group tried (the mean quality, the total time).
        public var trials: [Trial]
        /// How a wide table was searched (nil for a narrow one, where every candidate is tried
        /// over all the modelled columns).
        public var search: GroupSearch? = nil
        /// The rules found in the data and put into the plan (derived columns, constraints).
        public var rules: [DataRule] = []
        /// Set when no candidate met the privacy setting: the most private one was kept.
        public var privacyShortfall: PrivacyShortfall? = nil
        /// The rows the candidates were fitted on and the rows held back to measure privacy
        /// (nil when privacy was off or the table too small to hold rows back).
        public var privacySplit: PrivacySplitSizes? = nil
    }

    /// Rows the candidates are fitted and scored on: enough for stable scores, small enough
    /// that trying three models stays within about two seconds on diamonds.
    public static let trialRows = 20_000

    /// Kinds a joint model takes from the default plan (identifiers, personal data and free
    /// text keep their made-up values).
    static let modelledKinds: Set<ColumnKind> = [.integer, .decimal, .boolean, .categorical, .datetime]

    /// The columns of `plan` a joint model should take: statistical strategies on modelled kinds.
    public static func jointColumns(of plan: Plan) -> [String] {
        plan.columns.filter { column in
            guard modelledKinds.contains(column.kind), let strategy = StrategyRegistry.strategy(id: column.strategy) else { return false }
            return strategy.descriptor.family == .statistical
        }.map(\.name)
    }

    /// Every candidate: each joint model, then marginals alone.
    public static var allCandidates: [String?] { JointRegistry.ids + [nil] }

    /// The default plan of `doppel plan`, `doppel sample` and the workbench: a strategy per
    /// column by kind, then the joint model that scores best over the columns it can model.
    ///
    /// The rules that hold in the data (`RuleDiscovery`) go in first: a derived column is
    /// computed, so it leaves the modelled columns before the joint model is chosen.
    public static func defaultPlan(for table: Table, kinds: [ColumnKind], seed: UInt64, rows: Int? = nil,
                                   candidates: [String?] = allCandidates, discoverRules: Bool = true,
                                   privacy: PrivacySetting = .default) -> Outcome {
        var plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: seed, rows: rows)
        let rules = discoverRules ? RuleDiscovery.discover(table, kinds: kinds) : []
        plan = RulePlanner.apply(rules, to: plan, table: table)
        var outcome = choose(for: plan, table: table, candidates: candidates, privacy: privacy)
        outcome.rules = rules
        return outcome
    }

    /// `plan` with the best of `candidates` (joint model ids; nil means marginals alone) over
    /// its modelled columns. The whole choice is made here:
    /// - up to `budget.narrowColumns` modelled columns, every candidate is fitted over all of
    ///   them on up to `trialRows` rows, and the best score wins (`chooseOverAll`);
    /// - wider, the columns are first grouped by relatedness, and each group, strongest first,
    ///   gets its own choice the same way while the work budget lasts; the other columns keep
    ///   their marginals (`chooseByGroups`, in BoundedJointSearch.swift).
    public static func choose(for plan: Plan, table: Table, candidates: [String?],
                              budget: SearchBudget = SearchBudget(), privacy: PrivacySetting = .default) -> Outcome {
        let columns = jointColumns(of: plan)
        guard columns.count >= 2, !candidates.isEmpty else { return Outcome(plan: plan, trials: []) }
        if columns.count > budget.narrowColumns {
            return chooseByGroups(for: plan, table: table, columns: columns, candidates: candidates, budget: budget, privacy: privacy)
        }
        return chooseOverAll(for: plan, table: table, columns: columns, candidates: candidates, privacy: privacy)
    }

    /// Candidates are told apart on the columns a joint model can model: text and code columns
    /// keep their own strategies whatever the candidate, so scoring them only adds time.
    static let trialSettings = QualitySettings(scoresTextAndCodes: false)

    /// Every candidate fitted over all of `columns`, scored with the quality report, and, unless
    /// `privacy` is off, measured for privacy against rows held back from its fit
    /// (`PrivacyTrialSplit`). The best quality among the candidates that meet the setting wins;
    /// when none does, the most private one is kept and the outcome says so.
    static func chooseOverAll(for plan: Plan, table: Table, columns: [String], candidates: [String?],
                              privacy: PrivacySetting = .default) -> Outcome {
        let split = privacy == .off ? nil : PrivacyTrialSplit(table, trainingRows: trialRows)
        let sample = split?.training ?? (table.rowCount > trialRows ? table.taking(evenlySpaced: trialRows) : table)
        // The candidates are fitted and scored side by side (each is independent and
        // deterministic; most of a fit runs on one core, so two cores halve the trial).
        let results = Parallel.map(candidates.count) { index -> (trial: Trial, plan: Plan, exposure: RealValueExposure) in
            let candidate = candidates[index]
            var trialPlan = candidate == nil ? plan : withEmpiricalMarginals(plan, columns: columns)
            trialPlan.joint = candidate.map { [JointPlan(model: $0, columns: columns)] } ?? []
            trialPlan.rows = nil
            let start = DispatchTime.now().uptimeNanoseconds
            do {
                let model = try FittedPlan.fit(trialPlan, on: sample)
                let synthetic = try model.sample(rows: sample.rowCount)
                let score = QualityReport.compute(FidelityData(real: sample, synthetic: synthetic), settings: trialSettings).score ?? 0
                var trial = Trial(model: candidate, quality: score, seconds: 0)
                if let split {
                    let check = PrivacyCheck.measure(training: sample, holdout: split.holdout, synthetic: synthetic, seed: plan.seed)
                    trial.privacy = TrialPrivacy(check, setting: privacy)
                }
                trial.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                var chosen = trialPlan
                chosen.rows = plan.rows
                return (trial, chosen, model.joints.map(\.model.exposure).max() ?? .none)
            } catch {
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                return (Trial(model: candidate, quality: nil, seconds: seconds, failure: "\(error)"), plan, .none)
            }
        }
        let trials = results.map(\.trial)
        let fitted = results.map { (plan: $0.plan, exposure: $0.exposure) }
        let pick = pick(trials, exposures: fitted.map(\.exposure), setting: privacy)
        var outcome = Outcome(plan: pick.index.map { fitted[$0].plan } ?? plan, trials: trials)
        outcome.privacyShortfall = pick.shortfall
        outcome.plan.privacy = privacy
        outcome.privacySplit = split.map { PrivacySplitSizes(training: $0.training.rowCount, holdout: $0.holdout.rowCount) }
        return outcome
    }

    /// Which trial wins: the best quality among those that meet the privacy setting (trials
    /// not measured count as meeting it); when none does, the most private one, with the
    /// shortfall to report. Nil when no trial could be scored.
    public static func pick(_ trials: [Trial], exposures: [RealValueExposure], setting: PrivacySetting) -> (index: Int?, shortfall: PrivacyShortfall?) {
        let scored = trials.indices.filter { trials[$0].quality != nil }
        let meeting = scored.filter { trials[$0].privacy?.meets ?? true }
        if let best = bestQuality(meeting, trials: trials, exposures: exposures) { return (best, nil) }
        guard let safest = mostPrivate(scored, trials: trials) else { return (nil, nil) }
        return (safest, PrivacyShortfall(setting: setting, kept: trials[safest]))
    }

    /// The best score (a tie within 1e-9 goes to the model that keeps less of the real data).
    private static func bestQuality(_ indices: [Int], trials: [Trial], exposures: [RealValueExposure]) -> Int? {
        var best: Int?
        for index in indices {
            guard let current = best else { best = index; continue }
            let score = trials[index].quality!, bestScore = trials[current].quality!
            if score > bestScore + 1e-9 || (abs(score - bestScore) <= 1e-9 && exposures[index] < exposures[current]) { best = index }
        }
        return best
    }

    /// The lowest DCR share, then the lowest copy excess.
    private static func mostPrivate(_ indices: [Int], trials: [Trial]) -> Int? {
        indices.min { a, b in
            let left = trials[a].privacy, right = trials[b].privacy
            let leftShare = left?.dcrShare ?? 0.5, rightShare = right?.dcrShare ?? 0.5
            if leftShare != rightShare { return leftShare < rightShare }
            return (left?.copyExcess ?? 0) < (right?.copyExcess ?? 0)
        }
    }
}

/// Numeric members of a joint group take the empirical distribution as their marginal: the
/// joint model supplies the variety between columns, and the data's own quantile function keeps
/// each column's shape (spikes, rounding, its exact range) better than a smoothed or parametric
/// fit. (On an 80% split of diamonds, the copula scores 0.977 this way against 0.926 with KDE
/// marginals.) Members keep what the empirical strategy cannot take from their own plans.
func withEmpiricalMarginals(_ plan: Plan, columns: [String]) -> Plan {
    var result = plan
    let numeric: Set<ColumnKind> = [.integer, .decimal, .datetime]
    for index in result.columns.indices where columns.contains(result.columns[index].name) && numeric.contains(result.columns[index].kind) {
        result.columns[index].strategy = EmpiricalStrategy.descriptor.id
        result.columns[index].parameters = Parameters()
    }
    return result
}

extension Table {
    /// `count` rows spread evenly over the table (deterministic, keeps any ordering's spread).
    func taking(evenlySpaced count: Int) -> Table {
        let rows = (0..<count).map { $0 * rowCount / count }
        return Table(columns: columns.map { $0.taking(rows) })
    }
}
