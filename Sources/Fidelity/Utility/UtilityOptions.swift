/// The choices behind the utility metrics. The defaults are what `doppel report` uses.
public struct UtilityOptions: Sendable, Codable, Equatable {
    /// The model that tells real rows from synthetic ones.
    public enum PropensityModel: String, Sendable, Codable, CaseIterable {
        /// Logistic regression on the main effects; its null pMSE is known in closed form. It
        /// compares the columns one at a time: data with right marginals and no relations between
        /// columns pass it.
        case logistic
        /// Logistic regression on the main effects and every two-way interaction between
        /// different columns (synthpop's `maxorder = 1`): sees broken relations, costs more, and
        /// stops with an error beyond `PropensityScore.maxParameters` parameters.
        case logisticInteractions = "logistic_interactions"
        /// A CART tree (rpart-like: `minbucket` 5, `cp` 0.001); its null pMSE is estimated by
        /// refitting on permuted labels.
        case tree
    }

    /// The model trained on each side for train-on-synthetic, test-on-real.
    public enum TSTRModel: String, Sendable, Codable, CaseIterable {
        /// A CART tree (classification or regression).
        case tree
        /// Logistic regression (classification) or ridge regression (numbers), penalty 1.
        case linear
    }

    public var propensityModel: PropensityModel
    public var tstrModel: TSTRModel
    /// The propensity model reads at most this many rows of each side (a seeded subsample).
    public var propensityRowsPerSide: Int
    /// The lower limit for `logisticInteractions`, whose design matrix is hundreds of columns wide.
    public var interactionRowsPerSide: Int
    /// Permutations behind the tree's null pMSE.
    public var permutations: Int
    /// Each TSTR model trains on at most this many rows (a seeded subsample).
    public var trainingRows: Int
    /// TSTR scores at most this many real test rows (a seeded subsample).
    public var testRows: Int
    /// A bound on rows × features of any one model's input (8 bytes a cell, and a tree keeps
    /// 12 more): wide one-hot encodings read fewer rows rather than exhaust memory.
    public var maxFeatureCells: Int
    /// The share of real rows held out for testing when no holdout is given.
    public var testFraction: Double
    /// The TSTR tree's limits (the propensity tree has its own, rpart-like ones).
    public var treeMaxDepth: Int
    public var treeMinLeaf: Int

    public init(propensityModel: PropensityModel = .logistic, tstrModel: TSTRModel = .tree,
                propensityRowsPerSide: Int = 100_000, interactionRowsPerSide: Int = 10_000, permutations: Int = 10,
                trainingRows: Int = 100_000, testRows: Int = 50_000, maxFeatureCells: Int = 10_000_000, testFraction: Double = 0.3,
                treeMaxDepth: Int = 10, treeMinLeaf: Int = 5) {
        precondition(propensityRowsPerSide >= 1 && interactionRowsPerSide >= 1 && permutations >= 1 && trainingRows >= 1 && testRows >= 1 && maxFeatureCells >= 1, "limits must be positive")
        precondition(testFraction > 0 && testFraction < 1, "the test fraction lies strictly between 0 and 1")
        self.propensityModel = propensityModel
        self.tstrModel = tstrModel
        self.propensityRowsPerSide = propensityRowsPerSide
        self.interactionRowsPerSide = interactionRowsPerSide
        self.permutations = permutations
        self.trainingRows = trainingRows
        self.testRows = testRows
        self.maxFeatureCells = maxFeatureCells
        self.testFraction = testFraction
        self.treeMaxDepth = treeMaxDepth
        self.treeMinLeaf = treeMinLeaf
    }
}
