import Tabular

/// Train on synthetic, test on real (TSTR): does a model learnt from the synthetic data predict
/// the real data as well as the same model learnt from the real data?
public struct TSTRResult: Sendable, Codable, Equatable {
    public enum Task: String, Sendable, Codable {
        /// Categorical or boolean target: accuracy and macro F1.
        case classification
        /// Numeric or datetime target: R².
        case regression
    }

    /// Where the real test rows came from.
    public enum TestSource: String, Sendable, Codable {
        /// The holdout table; the real model trained on every real row.
        case holdout
        /// No holdout was given: a seeded share (`UtilityOptions.testFraction`, 30%) of the real
        /// rows was held out, and the real model trained on the rest.
        case realSplit = "real_split"
    }

    /// One score of both models on the same real test rows.
    public struct Metric: Sendable, Codable, Equatable {
        /// `accuracy`, `macro_f1` or `r2`.
        public var name: String
        /// The model trained on the synthetic data.
        public var synthetic: Double
        /// The model trained on the real training rows.
        public var real: Double
        /// synthetic / real; nil when the real score is not positive.
        public var ratio: Double?

        public init(name: String, synthetic: Double, real: Double) {
            self.name = name
            self.synthetic = synthetic
            self.real = real
            ratio = real > 0 ? synthetic / real : nil
        }
    }

    public var target: String
    public var task: Task
    public var model: UtilityOptions.TSTRModel
    public var testSource: TestSource
    /// Rows each model trained on and rows scored (after dropping null targets and subsampling).
    public var syntheticTrainingRows: Int
    public var realTrainingRows: Int
    public var testRows: Int
    /// The predictor columns (every evaluated column but the target).
    public var predictors: [String]
    public var metrics: [Metric]

    public func metric(_ name: String) -> Metric? { metrics.first { $0.name == name } }
}

enum TrainSyntheticTestReal {
    /// Classifiers are meant for categorical targets, not for keys with thousands of values.
    static let classLimit = 100
    static let linearPenalty = 1.0

    /// The task a target asks for, or the reason it cannot be a target.
    static func task(for target: String, in data: FidelityData) throws -> TSTRResult.Task {
        guard data.real.column(named: target) != nil, let kind = data.kinds[target] else { throw UtilityError.unknownTarget(target) }
        let task: TSTRResult.Task
        switch kind {
        case .categorical, .boolean: task = .classification
        case .integer, .decimal, .datetime: task = .regression
        default: throw UtilityError.unsupportedTarget(target, kind)
        }
        guard data.synthetic.column(named: target) != nil else { throw UtilityError.targetMissing(target, table: "synthetic") }
        if let holdout = data.holdout {
            guard holdout.column(named: target) != nil else { throw UtilityError.targetMissing(target, table: "holdout") }
            let missing = data.columns.filter { holdout.column(named: $0) == nil }
            if !missing.isEmpty { throw UtilityError.holdoutMissingColumns(missing) }
        }
        return task
    }

    static func compute(_ data: FidelityData, target: String, options: UtilityOptions, seed: UInt64) throws -> TSTRResult {
        let task = try task(for: target, in: data)
        let predictors = data.columns.filter { $0 != target }
        // The real training rows and the real test rows.
        let realTrain: TableRows, test: TableRows, source: TSTRResult.TestSource
        if let holdout = data.holdout {
            realTrain = TableRows(data.real)
            test = TableRows(holdout)
            source = .holdout
        } else {
            let split = RowSample.split(data.real.rowCount, testFraction: options.testFraction, seed: seed, purpose: SeedPurpose.holdoutSplit)
            realTrain = TableRows(data.real, rows: split.train)
            test = TableRows(data.real, rows: split.test)
            source = .realSplit
        }
        let syntheticTrain = TableRows(data.synthetic)
        // Rows with a target value, subsampled to the limits.
        func usable(_ side: TableRows, _ what: String, limit: Int, purpose: UInt64, needed: Int) throws -> TableRows {
            let column = side.table.column(named: target)!
            let rows = side.rows.filter { task == .classification ? column.validity.isValid($0) : FeatureEncoder.number(column, $0) != nil }
            guard rows.count >= needed else { throw UtilityError.tooFewRows(what, rows: rows.count, needed: needed) }
            return TableRows(side.table, rows: RowSample.choose(limit, of: rows, seed: seed, purpose: purpose))
        }
        var syntheticRows = try usable(syntheticTrain, "the synthetic data", limit: options.trainingRows, purpose: SeedPurpose.syntheticTraining, needed: 2)
        var realRows = try usable(realTrain, source == .holdout ? "the real data" : "the real training split", limit: options.trainingRows, purpose: SeedPurpose.realTraining, needed: 2)
        var testRows = try usable(test, source == .holdout ? "the holdout" : "the real test split", limit: options.testRows, purpose: SeedPurpose.testRows, needed: 1)
        if task == .classification {
            for side in [syntheticRows, realRows] {
                let classes = Set(labels(side, target)).count
                if classes > classLimit { throw UtilityError.tooManyClasses(target, classes: classes, limit: classLimit) }
            }
        }
        // Each model learns its own standardisation; both learn the levels of the real training rows.
        let encoderOptions = FeatureEncoder.Options(dropReferenceLevel: options.tstrModel == .linear)
        let encoders = [syntheticRows, realRows].map { train in
            FeatureEncoder(columns: predictors, kinds: data.kinds, fittedOn: [train], levelsFrom: realRows, options: encoderOptions)
        }
        // Wide encodings read fewer rows (a seeded subsample of these rows).
        let cellLimit = max(options.maxFeatureCells / max(encoders.map(\.featureNames.count).max()!, 1), 2)
        syntheticRows = syntheticRows.limited(to: cellLimit, seed: seed, purpose: SeedPurpose.syntheticTraining)
        realRows = realRows.limited(to: cellLimit, seed: seed, purpose: SeedPurpose.realTraining)
        testRows = testRows.limited(to: cellLimit, seed: seed, purpose: SeedPurpose.testRows)
        let sides = [syntheticRows, realRows]
        let scored = testRows
        // Both models at once, one per core.
        let scores = Parallel.map(2) { index in
            let train = sides[index], encoder = encoders[index]
            let trainFeatures = encoder.encode(train), testFeatures = encoder.encode(scored)
            switch task {
            case .classification:
                let predicted = classify(trainFeatures, labels(train, target), testFeatures, options: options)
                let truth = labels(scored, target)
                return [PredictionScores.accuracy(truth: truth, predicted: predicted), PredictionScores.macroF1(truth: truth, predicted: predicted)]
            case .regression:
                let predicted = regress(trainFeatures, values(train, target), testFeatures, options: options)
                return [PredictionScores.rSquared(truth: values(scored, target), predicted: predicted)]
            }
        }
        let names = task == .classification ? ["accuracy", "macro_f1"] : ["r2"]
        return TSTRResult(target: target, task: task, model: options.tstrModel, testSource: source,
                          syntheticTrainingRows: syntheticRows.rows.count, realTrainingRows: realRows.rows.count, testRows: testRows.rows.count,
                          predictors: predictors,
                          metrics: names.indices.map { TSTRResult.Metric(name: names[$0], synthetic: scores[0][$0], real: scores[1][$0]) })
    }

    /// Trains on one side and returns the predicted label of every test row.
    private static func classify(_ train: FeatureMatrix, _ trainLabels: [String], _ test: FeatureMatrix, options: UtilityOptions) -> [String] {
        // Classes in label order, so that the class indices never depend on row order.
        let classes = Array(Set(trainLabels)).sorted()
        let index = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, Int32($0)) })
        let codes = trainLabels.map { index[$0]! }
        let predicted: [Int32]
        switch options.tstrModel {
        case .tree:
            let parameters = DecisionTree.Parameters(maxDepth: options.treeMaxDepth, minLeaf: options.treeMinLeaf)
            predicted = DecisionTree.classifier(train, labels: codes, classes: classes.count, parameters: parameters).predictClasses(test)
        case .linear:
            predicted = LogisticClassifier.fit(train, labels: codes, classes: classes.count, penalty: linearPenalty).predict(test)
        }
        return predicted.map { classes[Int($0)] }
    }

    private static func regress(_ train: FeatureMatrix, _ targets: [Double], _ test: FeatureMatrix, options: UtilityOptions) -> [Double] {
        switch options.tstrModel {
        case .tree:
            let parameters = DecisionTree.Parameters(maxDepth: options.treeMaxDepth, minLeaf: options.treeMinLeaf)
            return DecisionTree.regressor(train, targets: targets, parameters: parameters).predict(test)
        case .linear:
            return RidgeRegression.fit(train, targets, penalty: linearPenalty).predict(test)
        }
    }

    /// The target's label on every row (all rows here have one).
    private static func labels(_ side: TableRows, _ target: String) -> [String] {
        let labels = CategoryLabels(side.table.column(named: target)!, rows: side.rows)
        return labels.codes.map { labels.labels[Int($0)] }
    }

    private static func values(_ side: TableRows, _ target: String) -> [Double] {
        let column = side.table.column(named: target)!
        return side.rows.map { FeatureEncoder.number(column, $0)! }
    }
}
