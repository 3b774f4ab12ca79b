/// Privacy figures of a synthetic table against the real rows it was made from.
///
/// The DCR metrics follow SDMetrics 0.32 (`DCRBaselineProtection`, `DCROverfittingProtection`)
/// with its distance (see `RecordDistance`): a synthetic row's DCR is the distance to its
/// closest real record. Scores are in [0, 1], higher meaning better protected; a figure that
/// needs what was not given (a holdout) or that is undefined (no evaluated columns, no rows) is
/// nil.
///
/// Exact copies and disclosure hints use the full tables. Distances use at most
/// `PrivacyOptions.maxRows` rows of each table, sampled from the seed, and stop taking synthetic
/// rows once the search has done `PrivacyOptions.workBudget` work; `sampleSizes` states the rows
/// used, for the report to print.
public struct PrivacyReport: Codable, Sendable, Equatable {
    /// The evaluated columns the distances are averaged over.
    public var columns: [String]
    /// Share of synthetic rows identical to a real training row on every evaluated column (null
    /// equals null; numbers by value), over the full tables.
    public var exactCopyRate: Double?
    /// How many synthetic rows are such copies.
    public var exactCopies: Int
    /// `min(median DCR synthetic→real / median DCR random→real, 1)`, the random rows drawn
    /// uniformly within the real data (`RandomBaseline`); nil when the random median is 0.
    public var dcrBaselineProtection: Double?
    /// Median DCR of the synthetic rows to the real rows (SDMetrics' `median_DCR_to_real_data`
    /// `synthetic_data`), in [0, 1].
    public var medianDCRSyntheticToReal: Double?
    /// Median DCR of the random baseline rows to the real rows (`random_data_baseline`).
    public var medianDCRRandomToReal: Double?
    /// `min(2 · (1 − share of synthetic rows strictly closer to training than to holdout), 1)`,
    /// on equal-size samples of the training rows and the holdout; nil without a holdout.
    public var dcrOverfittingProtection: Double?
    /// The share of synthetic rows closer to the training sample than to the holdout sample.
    public var shareCloserToTraining: Double?
    /// Nearest-neighbour distance ratio: per synthetic row, the distance to its nearest real
    /// record over the distance to its second nearest (0 when both are 0, as for a copy of a
    /// duplicated real row). The median is the figure; near 0 means synthetic rows sit on single
    /// real records, near 1 means they sit between several.
    public var nndr: Double?
    /// The 5th percentile of the same ratios, the figure CTAB-GAN and TabDDPM report.
    public var nndrFifthPercentile: Double?
    /// MOSTLY AI's DCR share (see `DCRShare`): the share of synthetic rows closer to training
    /// than to holdout rows, 0.5 ideal; nil without a holdout.
    public var dcrShare: DCRShare?
    /// Share of holdout rows identical to a training row on every evaluated column, over the full
    /// tables: the rate of copies that unseen real rows show, the floor for `exactCopyRate` on
    /// data with many repeated rows; nil without a holdout.
    public var holdoutCopyRate: Double?
    public var sampleSizes: PrivacySampleSizes
    public var disclosureHints: DisclosureHints

    public init(columns: [String], exactCopyRate: Double?, exactCopies: Int, dcrBaselineProtection: Double?,
                medianDCRSyntheticToReal: Double?, medianDCRRandomToReal: Double?, dcrOverfittingProtection: Double?,
                shareCloserToTraining: Double?, nndr: Double?, nndrFifthPercentile: Double?,
                sampleSizes: PrivacySampleSizes, disclosureHints: DisclosureHints) {
        self.columns = columns
        self.exactCopyRate = exactCopyRate
        self.exactCopies = exactCopies
        self.dcrBaselineProtection = dcrBaselineProtection
        self.medianDCRSyntheticToReal = medianDCRSyntheticToReal
        self.medianDCRRandomToReal = medianDCRRandomToReal
        self.dcrOverfittingProtection = dcrOverfittingProtection
        self.shareCloserToTraining = shareCloserToTraining
        self.nndr = nndr
        self.nndrFifthPercentile = nndrFifthPercentile
        self.sampleSizes = sampleSizes
        self.disclosureHints = disclosureHints
        dcrShare = nil
        holdoutCopyRate = nil
    }

    /// Whether synthetic rows copy training rows more often than holdout rows do (beyond two
    /// standard errors of the synthetic rate, or 0.1 percentage points, whichever is larger).
    public var copyVerdict: String? {
        guard let holdout = holdoutCopyRate, let exact = exactCopyRate else { return nil }
        let rows = Double(max(1, sampleSizes.syntheticTotal))
        let allowance = max(2 * (holdout * (1 - holdout) / rows).squareRoot(), 0.001)
        return exact > holdout + allowance
            ? "synthetic rows copy training rows more often than unseen real rows repeat them: they may copy them"
            : "synthetic rows copy training rows no more often than unseen real rows repeat them"
    }

    /// Computes every privacy figure of `data`. Samples and the random baseline depend only on
    /// `seed`, so the same inputs give the same report on any machine and core count.
    public static func compute(_ data: FidelityData, seed: UInt64 = 0, options: PrivacyOptions = PrivacyOptions()) -> PrivacyReport {
        let encoding = PrivacyEncoding(data)
        let hints = DisclosureHints.compute(data, encoding: encoding, options: options)
        let cap = max(2, options.maxRows)
        let realTotal = encoding.real.count
        let syntheticTotal = encoding.synthetic.count
        var report = PrivacyReport(
            columns: data.columns, exactCopyRate: nil, exactCopies: 0, dcrBaselineProtection: nil,
            medianDCRSyntheticToReal: nil, medianDCRRandomToReal: nil, dcrOverfittingProtection: nil,
            shareCloserToTraining: nil, nndr: nil, nndrFifthPercentile: nil,
            sampleSizes: PrivacySampleSizes(syntheticTotal: syntheticTotal, realTotal: realTotal,
                                            holdoutTotal: encoding.holdout?.count),
            disclosureHints: hints)
        guard encoding.columnCount > 0, realTotal > 0, syntheticTotal > 0 else { return report }

        report.exactCopies = ExactCopies.flags(encoding.synthetic, in: encoding.real).count { $0 }
        report.exactCopyRate = Double(report.exactCopies) / Double(syntheticTotal)
        if let holdout = encoding.holdout, holdout.count > 0 {
            report.holdoutCopyRate = Double(ExactCopies.flags(holdout, in: encoding.real).count { $0 }) / Double(holdout.count)
        }
        report.dcrShare = DCRShare.compute(encoding, seed: seed)

        let synthetic = sample(encoding.synthetic, cap, seed: seed, .syntheticSample)
        let real = sample(encoding.real, cap, seed: seed, .realSample)
        let random = RandomBaseline.rows(like: encoding.real, wholeNumbers: encoding.wholeNumbers, count: synthetic.count, seed: seed)
        report.sampleSizes.real = real.count

        let realIndex = NearestRecordIndex(reference: real)
        var syntheticNeighbours: [NeighbourDistances] = []
        var randomNearest: [Double] = []
        let queried = waves(synthetic.count, budget: options.workBudget) { rows in
            let toSynthetic = realIndex.nearest(synthetic, rows: rows, neighbours: 2)
            let toRandom = realIndex.nearest(random, rows: rows, neighbours: 1)
            syntheticNeighbours += toSynthetic.distances
            randomNearest += toRandom.distances.map(\.nearest)
            return toSynthetic.work + toRandom.work
        }
        report.sampleSizes.synthetic = queried
        report.sampleSizes.random = queried
        let baseline = DCRBaseline(synthetic: syntheticNeighbours.map(\.nearest), random: randomNearest)
        report.medianDCRSyntheticToReal = baseline.syntheticMedian
        report.medianDCRRandomToReal = baseline.randomMedian
        report.dcrBaselineProtection = baseline.score

        let ratios = NearestNeighbourRatio.ratios(syntheticNeighbours)
        report.nndr = PrivacyStatistics.median(ratios)
        report.nndrFifthPercentile = PrivacyStatistics.quantile(ratios, 0.05)

        if let holdout = encoding.holdout, holdout.count > 0 {
            // Equal sizes, so that a row with no preference is as likely to land on either side.
            let size = min(cap, realTotal, holdout.count)
            let training = sample(encoding.real, size, seed: seed, .trainingSample)
            let held = sample(holdout, size, seed: seed, .holdoutSample)
            let trainingIndex = NearestRecordIndex(reference: training)
            let holdoutIndex = NearestRecordIndex(reference: held)
            var toTraining: [Double] = []
            var toHoldout: [Double] = []
            let compared = waves(synthetic.count, budget: options.workBudget) { rows in
                let first = trainingIndex.nearest(synthetic, rows: rows, neighbours: 1)
                let second = holdoutIndex.nearest(synthetic, rows: rows, neighbours: 1)
                toTraining += first.distances.map(\.nearest)
                toHoldout += second.distances.map(\.nearest)
                return first.work + second.work
            }
            let overfitting = DCROverfitting(training: toTraining, holdout: toHoldout)
            report.shareCloserToTraining = overfitting.shareCloserToTraining
            report.dcrOverfittingProtection = overfitting.score
            report.sampleSizes.training = training.count
            report.sampleSizes.holdout = held.count
            report.sampleSizes.overfittingSynthetic = compared
        }
        return report
    }

    /// At most `size` rows, in random order (all of them when there are fewer), so that any
    /// prefix is itself a uniform sample.
    private static func sample(_ rows: PrivacyRows, _ size: Int, seed: UInt64, _ stream: PrivacyStream) -> PrivacyRows {
        var random = PrivacyRandom(seed: seed, purpose: stream.rawValue)
        return rows.selecting(random.sampleRows(size, of: rows.count))
    }

    /// Synthetic rows are searched in waves of this many.
    static let waveSize = 1024

    /// Runs `body` on successive waves of `0..<count` until every row is done or the work it
    /// reports reaches `budget`, and returns how many rows were done. The first wave always runs.
    private static func waves(_ count: Int, budget: Int, _ body: (Range<Int>) -> Int) -> Int {
        var done = 0
        var work = 0
        while done < count, done == 0 || work < budget {
            let wave = done..<min(done + waveSize, count)
            work += body(wave)
            done = wave.upperBound
        }
        return done
    }
}

/// The rows each privacy figure was computed on: every count after sampling, beside the totals.
public struct PrivacySampleSizes: Codable, Sendable, Equatable {
    /// Synthetic rows whose DCR and NNDR were measured (fewer than sampled when the search
    /// reached `PrivacyOptions.workBudget`).
    public var synthetic: Int
    /// Real rows they were compared with (baseline DCR and NNDR).
    public var real: Int
    /// Random baseline rows (as many as the synthetic sample).
    public var random: Int
    /// Overfitting protection: training and holdout rows, the same number of each; nil without a holdout.
    public var training: Int?
    public var holdout: Int?
    /// Synthetic rows compared with both; nil without a holdout.
    public var overfittingSynthetic: Int?
    public var syntheticTotal: Int
    public var realTotal: Int
    public var holdoutTotal: Int?

    public init(synthetic: Int = 0, real: Int = 0, random: Int = 0, training: Int? = nil, holdout: Int? = nil,
                overfittingSynthetic: Int? = nil, syntheticTotal: Int, realTotal: Int, holdoutTotal: Int?) {
        self.synthetic = synthetic
        self.real = real
        self.random = random
        self.training = training
        self.holdout = holdout
        self.overfittingSynthetic = overfittingSynthetic
        self.syntheticTotal = syntheticTotal
        self.realTotal = realTotal
        self.holdoutTotal = holdoutTotal
    }
}
