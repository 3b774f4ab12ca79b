import Tabular

/// The propensity mean squared error (pMSE) of Woo et al. (2009) and its standardised ratio
/// S_pMSE (Snoke, Raab, Nowok, Dibben and Slavković, 2018), as synthpop's `utility.gen` computes
/// them.
///
/// Real and synthetic rows are stacked with an indicator t (1 for synthetic) and a model
/// estimates p̂ = P(t = 1 | row) on those same rows. pMSE = mean((p̂ − c)²), c = n_synth / N:
/// 0 when the model cannot tell the sides apart, c(1 − c) when it tells every row apart.
/// S_pMSE = pMSE / E₀[pMSE], where E₀ is the expectation when the synthetic rows are drawn from a
/// correct model fitted to the real rows; it is ≈ 1 for such data and grows as the sides differ.
///
/// - Logistic regression: E₀[pMSE] = (k − 1)(1 − c)²c / N, k the estimated parameters (intercept
///   included; constant and aliased columns are dropped and not counted). Main effects only
///   (the default) compare the columns one at a time; `logisticInteractions` adds the products
///   of features of different columns, like synthpop's default `maxorder = 1`, and so sees
///   relations between columns.
/// - CART tree: E₀ is estimated from `permutations` refits on seeded shuffles of t, times
///   (1 − c). Shuffled labels make the sides independent samples, whose pMSE is larger than
///   E₀ by a factor 1/(1 − c) asymptotically; synthpop divides by 2, the same for equal sizes.
///   With many rows rpart's `cp` lets no split through on shuffled labels; the null is then 0
///   (`permutationsWithoutSplit` says so) and S_pMSE nil — synthpop warns of the same.
///
/// Two random halves of the real data are independent samples too: their S_pMSE is ≈ 1/(1 − c),
/// about 2, not 1 (UtilityTests checks both calibrations).
public struct PropensityResult: Sendable, Codable, Equatable {
    public var model: UtilityOptions.PropensityModel
    public var pmse: Double
    /// pMSE over its null expectation; nil when the null is 0 (no features, or no permuted split).
    public var sPMSE: Double?
    /// The null expectation of pMSE.
    public var nullPMSE: Double?
    /// Logistic: k, the estimated parameters (intercept included).
    public var parameters: Int?
    /// Logistic: whether Newton's method met its tolerance.
    public var converged: Bool?
    /// Tree: permutations behind the null, and how many of those trees made no split.
    public var permutations: Int?
    public var permutationsWithoutSplit: Int?
    /// Rows the model read from each side (after the seeded subsample), and rows available.
    public var realRows: Int
    public var syntheticRows: Int
    public var realRowsAvailable: Int
    public var syntheticRowsAvailable: Int
}

enum PropensityScore {
    /// rpart's defaults as synthpop's `utility.gen` sets them (`cp` 0.001, `minbucket` 5;
    /// rpart's own depth limit is 30).
    static let treeParameters = DecisionTree.Parameters(maxDepth: 30, minLeaf: 5, minImprovement: 0.001)
    /// A tiny ridge on standardised features: keeps the fit finite when a column separates the
    /// sides perfectly, and is negligible against thousands of rows otherwise.
    static let logisticPenalty = 1e-4
    /// synthpop's `max.params`: beyond it a logistic fit is slow and may not converge.
    static let maxParameters = 400

    static func compute(_ data: FidelityData, options: UtilityOptions, seed: UInt64) throws -> PropensityResult {
        let realAvailable = data.real.rowCount, syntheticAvailable = data.synthetic.rowCount
        guard realAvailable >= 1 else { throw UtilityError.tooFewRows("the real data", rows: 0, needed: 1) }
        guard syntheticAvailable >= 1 else { throw UtilityError.tooFewRows("the synthetic data", rows: 0, needed: 1) }
        // Without a shared column every row looks alike and pMSE would be a perfect 0.
        guard !data.columns.isEmpty else { throw UtilityError.noSharedColumns }
        let interactions = options.propensityModel == .logisticInteractions
        let limit = interactions ? min(options.propensityRowsPerSide, options.interactionRowsPerSide) : options.propensityRowsPerSide
        var real = TableRows(data.real, rows: RowSample.choose(limit, of: Array(0..<realAvailable), seed: seed, purpose: SeedPurpose.propensityReal))
        var synthetic = TableRows(data.synthetic, rows: RowSample.choose(limit, of: Array(0..<syntheticAvailable), seed: seed, purpose: SeedPurpose.propensitySynthetic))
        let encoder = FeatureEncoder(columns: data.columns, kinds: data.kinds, fittedOn: [real, synthetic], levelsFrom: real,
                                     options: FeatureEncoder.Options(dropReferenceLevel: options.propensityModel != .tree))
        let pairs = interactions ? interactionPairs(encoder.featureSources) : []
        let width = encoder.featureNames.count + pairs.count
        if interactions, width + 1 > maxParameters { throw UtilityError.tooManyParameters(width + 1, limit: maxParameters) }
        // Wide encodings read fewer rows (the subsample of the subsample is seeded as well).
        let cellLimit = max(options.maxFeatureCells / max(2 * width, 1), 1)
        real = real.limited(to: cellLimit, seed: seed, purpose: SeedPurpose.propensityReal)
        synthetic = synthetic.limited(to: cellLimit, seed: seed, purpose: SeedPurpose.propensitySynthetic)
        var stacked = encoder.encode(real).stacked(on: encoder.encode(synthetic))
        if interactions { stacked = withProducts(stacked, pairs) }
        // Constant columns tell nothing apart; for the logistic models aliased columns are no
        // parameters either (and would inflate k).
        let features = options.propensityModel == .tree ? stacked.droppingConstantColumns() : stacked.droppingAliasedColumns()
        let realCount = real.rows.count, syntheticCount = synthetic.rows.count
        let total = realCount + syntheticCount
        let c = Double(syntheticCount) / Double(total)
        let labels = [Bool](repeating: false, count: realCount) + [Bool](repeating: true, count: syntheticCount)
        var result = PropensityResult(model: options.propensityModel, pmse: 0, realRows: realCount, syntheticRows: syntheticCount,
                                      realRowsAvailable: realAvailable, syntheticRowsAvailable: syntheticAvailable)
        switch options.propensityModel {
        case .logistic, .logisticInteractions:
            let model = LogisticRegression.fit(features, labels, penalty: logisticPenalty)
            result.pmse = pmse(model.probabilities(features), c: c)
            let k = features.columnCount + 1
            let null = Double(k - 1) * (1 - c) * (1 - c) * c / Double(total)
            result.parameters = k
            result.converged = model.converged
            result.nullPMSE = null
            result.sPMSE = null > 0 ? result.pmse / null : nil
        case .tree:
            let presorted = PresortedFeatures(features)
            result.pmse = treePMSE(features, presorted, labels, c: c).pmse
            let permutations = options.permutations
            let permuted = Parallel.map(permutations) { index in
                let order = RowSample.permutation(total, seed: seed, purpose: SeedPurpose.permutation + UInt64(index))
                return treePMSE(features, presorted, order.map { labels[$0] }, c: c)
            }
            let null = permuted.reduce(0) { $0 + $1.pmse } / Double(permutations) * (1 - c)
            result.permutations = permutations
            result.permutationsWithoutSplit = permuted.count { !$0.split }
            result.nullPMSE = null
            result.sPMSE = null > 1e-15 ? result.pmse / null : nil
        }
        return result
    }

    /// Every pair of features that come from different columns (a product of two levels of one
    /// column is always 0, and of a number with its own null indicator too).
    static func interactionPairs(_ sources: [Int]) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        for i in sources.indices {
            for j in (i + 1)..<sources.count where sources[i] != sources[j] { pairs.append((i, j)) }
        }
        return pairs
    }

    /// The features followed by the products of the given pairs.
    static func withProducts(_ features: FeatureMatrix, _ pairs: [(Int, Int)]) -> FeatureMatrix {
        let columns = features.columns
        let products = pairs.map { i, j in zip(columns[i], columns[j]).map(*) }
        let names = pairs.map { i, j in "\(features.names[i]) × \(features.names[j])" }
        return FeatureMatrix(rows: features.rows, columns: columns + products, names: features.names + names)
    }

    /// mean((p̂ − c)²).
    static func pmse(_ scores: [Double], c: Double) -> Double {
        guard !scores.isEmpty else { return 0 }
        return scores.reduce(0) { $0 + ($1 - c) * ($1 - c) } / Double(scores.count)
    }

    private static func treePMSE(_ features: FeatureMatrix, _ presorted: PresortedFeatures, _ labels: [Bool], c: Double) -> (pmse: Double, split: Bool) {
        let tree = DecisionTree.classifier(features, labels: labels.map { $0 ? 1 : 0 }, classes: 2, parameters: treeParameters, presorted: presorted)
        let probabilities = tree.probabilities(features)
        let scores = (0..<features.rows).map { probabilities[$0 * 2 + 1] }
        return (pmse(scores, c: c), tree.nodes.count > 1)
    }
}

/// The purposes that seed the utility metrics' random choices, so that none share a sequence.
enum SeedPurpose {
    static let holdoutSplit: UInt64 = 1
    static let realTraining: UInt64 = 2
    static let syntheticTraining: UInt64 = 3
    static let testRows: UInt64 = 4
    static let propensityReal: UInt64 = 5
    static let propensitySynthetic: UInt64 = 6
    static let permutation: UInt64 = 1_000
}
