/// DCR baseline protection from the two lists of DCRs, as SDMetrics computes it: the ratio of
/// the medians, capped at 1; undefined when random rows sit on real ones (random median 0).
struct DCRBaseline: Sendable {
    let syntheticMedian: Double?
    let randomMedian: Double?

    init(synthetic: [Double], random: [Double]) {
        syntheticMedian = PrivacyStatistics.median(synthetic)
        randomMedian = PrivacyStatistics.median(random)
    }

    var score: Double? {
        guard let syntheticMedian, let randomMedian, randomMedian != 0 else { return nil }
        return min(syntheticMedian / randomMedian, 1)
    }
}

/// DCR overfitting protection from each synthetic row's DCR to the training sample and to the
/// holdout sample: a row counts against the data only when strictly closer to training, and
/// half the rows doing so is what chance gives, hence the factor 2 and the cap.
struct DCROverfitting: Sendable {
    let shareCloserToTraining: Double?

    init(training: [Double], holdout: [Double]) {
        precondition(training.count == holdout.count)
        let closer = zip(training, holdout).count { $0 < $1 }
        shareCloserToTraining = training.isEmpty ? nil : Double(closer) / Double(training.count)
    }

    var score: Double? { shareCloserToTraining.map { min(2 * (1 - $0), 1) } }
}

/// Nearest-neighbour distance ratios: nearest over second-nearest real record per synthetic
/// row, 0 when both are 0 (a copy of a duplicated real row discloses it as much as any copy).
enum NearestNeighbourRatio {
    static func ratios(_ neighbours: [NeighbourDistances]) -> [Double] {
        neighbours.compactMap { pair in
            guard pair.second.isFinite else { return nil }
            return pair.second == 0 ? 0 : pair.nearest / pair.second
        }
    }
}
