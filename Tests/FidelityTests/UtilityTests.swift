import Foundation
import TestSupport
import Testing
@testable import Fidelity
import Synthesis
import Tabular

// Fixtures shared by the utility suites (file-private: other suites in this target have their own).

private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private let loadedTables = SharedTables()

private final class SharedTables: @unchecked Sendable {
    private let lock = NSLock()
    private var tables: [String: Table] = [:]

    func table(_ name: String) throws -> Table {
        lock.lock()
        defer { lock.unlock() }
        if let table = tables[name] { return table }
        let table = try CSVReader.read(path: TestData.dataset(name)).table
        tables[name] = table
        return table
    }
}

private func table(_ name: String) throws -> Table { try loadedTables.table(name) }

private func inline(_ text: String) throws -> Table {
    try CSVReader.read(.bytes(Array(text.utf8), name: "inline.csv")).table
}

private func kinds(_ table: Table) -> [String: ColumnKind] {
    let proposals = TypeInference.propose(table, profiles: Profiler.profile(table))
    return Dictionary(uniqueKeysWithValues: zip(table.columnNames, proposals.map(\.kind)))
}

/// The given rows of a table, in the given order (repeats allowed: a bootstrap resample).
private func subtable(_ table: Table, rows: [Int]) -> Table {
    Table(columns: table.columns.map { column in
        let values: ColumnValues
        switch column.values {
        case .integers(let numbers, let style): values = .integers(rows.map { numbers[$0] }, style)
        case .decimals(let numbers, let style): values = .decimals(rows.map { numbers[$0] }, style)
        case .booleans(let flags, let style): values = .booleans(rows.map { flags[$0] }, style)
        case .datetimes(let seconds, let format): values = .datetimes(rows.map { seconds[$0] }, format)
        case .strings(let codes, let levels): values = .strings(codes: rows.map { codes[$0] }, levels: levels)
        }
        return Column(name: column.name, values: values, validity: NullBitmap(rows.map { column.validity.isValid($0) }))
    })
}

private func close(_ a: Double, _ b: Double, _ tolerance: Double) -> Bool { abs(a - b) <= tolerance }

// MARK: - Learners

@Suite("Utility learners")
struct UtilityLearnerTests {
    /// The sample of utility_sklearn_reference.py: complete penguins rows (with a sex), every 5th,
    /// the four measurements standardised (population sd) by FeatureEncoder.
    private func penguinSample() throws -> (x: FeatureMatrix, sex: [String], species: [String], mass: [Double]) {
        let penguins = try table("penguins")
        let measures = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
        let complete = (0..<penguins.rowCount).filter { row in
            (measures + ["sex"]).allSatisfy { penguins.column(named: $0)!.validity.isValid(row) }
        }
        let rows = stride(from: 0, to: complete.count, by: 5).map { complete[$0] }
        let side = TableRows(penguins, rows: rows)
        let encoder = FeatureEncoder(columns: measures, kinds: kinds(penguins), fittedOn: [side], levelsFrom: side)
        let x = encoder.encode(side)
        let text = { (name: String) in rows.map { penguins.column(named: name)!.text(at: $0)! } }
        return (x, text("sex"), text("species"), rows.map { penguins.column(named: "body_mass_g")!.values.numericValue(at: $0)! })
    }

    @Test("binary logistic regression matches scikit-learn's LogisticRegression(C=1/λ)")
    func logisticMatchesScikitLearn() throws {
        let sample = try penguinSample()
        #expect(sample.x.rows == 67)
        #expect(sample.x.names == ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"])
        let male = sample.sex.map { $0 == "male" }
        // Both solvers stop at the optimum of the same strictly convex objective: agreement to
        // 1e-6 leaves room only for the solvers' last digits.
        let references: [(penalty: Double, intercept: Double, coefficients: [Double], probabilities: [Double])] = [
            (1, 0.4046106958693606, [0.5514129257915614, 2.3438382862238365, 0.5921862924737383, 1.6685495460762827],
             [0.4513697288423236, 0.16739737701325333, 0.1815078504844836, 0.12696411602357927, 0.5038062040549915]),
            (0.01, 0.6727198290948133, [1.0456158207556094, 4.90902837680727, 0.385582112615771, 4.292421646436703],
             [0.5614804182709692, 0.055346932021880686, 0.0601905278299869, 0.0353464554177275, 0.6111299057861157]),
        ]
        for reference in references {
            let model = LogisticRegression.fit(sample.x, male, penalty: reference.penalty)
            #expect(model.converged)
            #expect(model.iterations <= 10, "Newton converges in a handful of steps")
            #expect(close(model.intercept, reference.intercept, 1e-6))
            for (mine, theirs) in zip(model.coefficients, reference.coefficients) { #expect(close(mine, theirs, 1e-6)) }
            let probabilities = model.probabilities(sample.x)
            for (mine, theirs) in zip(probabilities.prefix(5), reference.probabilities) { #expect(close(mine, theirs, 1e-7)) }
        }
    }

    @Test("one-vs-rest logistic regression matches scikit-learn's OneVsRestClassifier")
    func oneVsRestMatchesScikitLearn() throws {
        let sample = try penguinSample()
        let classes = ["Adelie", "Chinstrap", "Gentoo"]
        let labels = sample.species.map { Int32(classes.firstIndex(of: $0)!) }
        let model = LogisticClassifier.fit(sample.x, labels: labels, classes: 3, penalty: 1)
        let intercepts = [-0.6743988090725848, -2.143736785363877, -1.7383409311313751]
        let coefficients = [
            [-2.4415871408756447, 1.3831145093993569, -0.5416646237742395, 0.2427765018958088],
            [2.3900820823671856, 0.3998569982932818, -0.7323757970401036, -1.5958696518417828],
            [0.3234510179703848, -1.7992769253149232, 1.3563148256534343, 1.0923489946690834],
        ]
        for klass in 0..<3 {
            #expect(close(model.models[klass].intercept, intercepts[klass], 1e-6))
            for (mine, theirs) in zip(model.models[klass].coefficients, coefficients[klass]) { #expect(close(mine, theirs, 1e-6)) }
        }
        let probabilities = [0.8866202798208157, 0.11136743732606574, 0.0020122828531185387,
                             0.8826270964513162, 0.11345908196006275, 0.003913821588620954,
                             0.9631116168241016, 0.03100063576174881, 0.005887747414149693]
        for (mine, theirs) in zip(model.probabilities(sample.x).prefix(9), probabilities) { #expect(close(mine, theirs, 1e-7)) }
        let accuracy = Double(zip(model.predict(sample.x), labels).count { $0 == $1 }) / Double(labels.count)
        #expect(accuracy > 0.95)
    }

    @Test("ridge regression matches scikit-learn's Ridge(alpha=λ)")
    func ridgeMatchesScikitLearn() throws {
        let sample = try penguinSample()
        let x = FeatureMatrix(rows: sample.x.rows, columns: Array(sample.x.columns.prefix(3)), names: Array(sample.x.names.prefix(3)))
        let model = RidgeRegression.fit(x, sample.mass, penalty: 1)
        // A closed form on both sides: agreement to 1e-9 relative.
        #expect(close(model.intercept, 4214.55223880597, 4214 * 1e-9))
        for (mine, theirs) in zip(model.coefficients, [29.265270707889027, 46.406309032900296, 609.8113528066657]) {
            #expect(close(mine, theirs, abs(theirs) * 1e-9))
        }
    }

    @Test("ridge regression without a penalty recovers an exact linear relation; collinear columns still solve")
    func ridgeRecoversLinearRelation() {
        let rows = (0..<40).map { index -> [Double] in
            let a = Double(index % 7) - 3, b = Double((index * 5) % 11) / 2 + 100
            return [a, b]
        }
        let y = rows.map { 3 + 2 * $0[0] - 0.5 * $0[1] }
        let model = RidgeRegression.fit(FeatureMatrix(rowMajor: rows), y, penalty: 0)
        #expect(close(model.intercept, 3, 1e-8))
        #expect(close(model.coefficients[0], 2, 1e-10))
        #expect(close(model.coefficients[1], -0.5, 1e-10))
        // A duplicated column makes XᵀX singular; the smallest ridge that solves it splits the
        // weight evenly (the minimum-norm solution).
        let doubled = FeatureMatrix(rowMajor: rows.map { [$0[0], $0[0]] })
        let split = RidgeRegression.fit(doubled, rows.map { 4 * $0[0] }, penalty: 0)
        #expect(close(split.coefficients[0], 2, 1e-6) && close(split.coefficients[1], 2, 1e-6))
        #expect(split.predict(doubled).enumerated().allSatisfy { close($1, 4 * rows[$0][0], 1e-6) })
    }

    @Test("logistic regression separates separable classes; a large penalty shrinks towards the base rate")
    func logisticSeparates() {
        // Class 1 exactly when x₀ + x₁ > 0.
        let rows = (0..<60).map { index -> [Double] in [Double(index % 10) - 4.5, Double((index * 7) % 13) - 6] }
        let labels = rows.map { $0[0] + $0[1] > 0 }
        let x = FeatureMatrix(rowMajor: rows)
        let model = LogisticRegression.fit(x, labels, penalty: 1e-3)
        #expect(model.converged)
        #expect(zip(model.probabilities(x), labels).allSatisfy { ($0 > 0.5) == $1 })
        #expect(close(model.coefficients[0] / model.coefficients[1], 1, 0.2), "the boundary is x₀ + x₁ = 0")
        let shrunk = LogisticRegression.fit(x, labels, penalty: 1e9)
        let rate = Double(labels.count { $0 }) / Double(labels.count)
        #expect(shrunk.probabilities(x).allSatisfy { close($0, rate, 1e-6) })
        // No features at all: the intercept-only model is the base rate.
        let empty = LogisticRegression.fit(FeatureMatrix(rows: 60, columns: [], names: []), labels, penalty: 1)
        #expect(close(LogisticRegression.sigmoid(empty.intercept), rate, 1e-12))
    }

    @Test("a classification tree recovers nested regions exactly, with thresholds halfway between values")
    func treeLearnsRegions() {
        // Class 0 when x₀ ≤ 1; else class 1 when x₁ ≤ 1, class 2 otherwise; x₂ is noise.
        var rows: [[Double]] = []
        var labels: [Int32] = []
        for a in 0..<4 { for b in 0..<4 { for copy in 0..<3 {
            rows.append([Double(a), Double(b), Double((a * 3 + b * 5 + copy) % 4)])
            labels.append(a <= 1 ? 0 : (b <= 1 ? 1 : 2))
        } } }
        let x = FeatureMatrix(rowMajor: rows)
        let tree = DecisionTree.classifier(x, labels: labels, classes: 3, parameters: .init(maxDepth: 5, minLeaf: 1))
        #expect(tree.predictClasses(x) == labels)
        #expect(tree.leafCount == 3)
        #expect(tree.depth == 2)
        #expect(tree.nodes[0].feature == 0 && tree.nodes[0].threshold == 1.5)
        #expect(tree.nodes.filter { $0.feature >= 0 }.map(\.feature) == [0, 1])
        #expect(tree.nodes.filter { $0.feature >= 0 }.allSatisfy { $0.threshold == 1.5 })
        #expect(tree.probabilities(x).allSatisfy { $0 == 0 || $0 == 1 }, "pure leaves")
        // Fitting again gives the same tree, node for node.
        #expect(DecisionTree.classifier(x, labels: labels, classes: 3, parameters: .init(maxDepth: 5, minLeaf: 1)) == tree)
        // Greedy CART cannot start an XOR: no single split of a balanced XOR lowers Gini at all.
        let xor = (0..<4).map { [Double($0 / 2), Double($0 % 2)] }
        let xorTree = DecisionTree.classifier(FeatureMatrix(rowMajor: xor), labels: [0, 1, 1, 0], classes: 2, parameters: .init(maxDepth: 3, minLeaf: 1))
        #expect(xorTree.leafCount == 1)
    }

    @Test("a regression tree splits a step exactly; depth, leaf size and improvement limits hold")
    func regressionTreeLimits() {
        let xs = (1...10).map(Double.init)
        let y = xs.map { $0 <= 5 ? 10.0 : 20.0 }
        let x = FeatureMatrix(rowMajor: xs.map { [$0] })
        let step = DecisionTree.regressor(x, targets: y, parameters: .init(maxDepth: 4, minLeaf: 1))
        #expect(step.nodes.count == 3)
        #expect(step.nodes[0].threshold == 5.5)
        #expect(step.predict(x) == y)
        // Depth 0: one leaf holding the mean.
        #expect(DecisionTree.regressor(x, targets: y, parameters: .init(maxDepth: 0)).predict(x) == [Double](repeating: 15, count: 10))
        // minLeaf 6 leaves no split with six rows on each side of ten.
        #expect(DecisionTree.regressor(x, targets: y, parameters: .init(maxDepth: 4, minLeaf: 6)).leafCount == 1)
        // y = x: the root's SSE is 82.5; the halves {1..5} and {6..10} have SSE 10 each, so the
        // split removes 62.5, 76% of the root's.
        let linear = DecisionTree.regressor(x, targets: xs, parameters: .init(maxDepth: 1, minLeaf: 1))
        #expect(linear.nodes[0].threshold == 5.5)
        #expect(linear.predict(x) == [3, 3, 3, 3, 3, 8, 8, 8, 8, 8])
        // Requiring an improvement of 80% of the root's SSE stops it.
        #expect(DecisionTree.regressor(x, targets: xs, parameters: .init(maxDepth: 1, minLeaf: 1, minImprovement: 0.8)).leafCount == 1)
    }

    @Test("the Gini split is the one computed by hand")
    func giniSplitByHand() {
        // x: 1…8, classes 0 0 1 0 0 1 1 1. Weighted Gini n·(1 − Σp²) of the two sides, by the
        // size of the left side: 1 → 3.429, 2 → 2.667, 3 → 3.733, 4 → 1.5 + 1.5 = 3.0,
        // 5 → 5·0.32 + 0 = 1.6, 6 → 2.667, 7 → 3.429. Best: x ≤ 5.5, left leaf 4:1.
        let x = FeatureMatrix(rowMajor: (1...8).map { [Double($0)] })
        let tree = DecisionTree.classifier(x, labels: [0, 0, 1, 0, 0, 1, 1, 1], classes: 2, parameters: .init(maxDepth: 1, minLeaf: 1))
        #expect(tree.nodes[0].threshold == 5.5)
        #expect(Array(tree.probabilities(x).prefix(2)) == [0.8, 0.2])
        #expect(Array(tree.probabilities(x).suffix(2)) == [0, 1])
    }
}

// MARK: - Encoding and scores

@Suite("Utility feature encoding and scores")
struct UtilityEncodingTests {
    @Test("numbers standardised by the learning side, levels from the real side, nulls as indicators")
    func encoding() throws {
        let real = try inline("size,colour,when\n1,red,2024-01-01\n3,red,2024-01-03\n,blue,\n5,green,2024-01-05\n")
        let synthetic = try inline("size,colour,when\n2,purple,2024-01-02\n4,,2024-01-04\n")
        let kinds: [String: ColumnKind] = ["size": .integer, "colour": .categorical, "when": .datetime]
        let realSide = TableRows(real)
        let encoder = FeatureEncoder(columns: ["size", "colour", "when"], kinds: kinds, fittedOn: [TableRows(synthetic)], levelsFrom: realSide,
                                     options: .init(maxLevels: 2))
        // Levels by real frequency (red 2, then blue and green by label), capped at two + other;
        // synthetic has no null size and no null date, but a null colour.
        #expect(encoder.featureNames == ["size", "colour=red", "colour=blue", "colour (other)", "colour (null)", "when"])
        let x = encoder.encode(TableRows(synthetic))
        #expect(x.columns[0] == [-1, 1], "mean 3, population sd 1 on the synthetic side")
        #expect(x.columns[1] == [0, 0] && x.columns[2] == [0, 0] && x.columns[3] == [0, 0], "purple is unseen: all zeros")
        #expect(x.columns[4] == [0, 1])
        #expect(x.columns[5] == [-1, 1], "two days apart around their mean")
        let onReal = encoder.encode(realSide)
        #expect(onReal.columns[0] == [-2, 0, 0, 2], "the null size is imputed by the mean: 0")
        #expect(onReal.columns[1] == [1, 1, 0, 0] && onReal.columns[2] == [0, 0, 1, 0] && onReal.columns[3] == [0, 0, 0, 1])
        // Linear models drop the most frequent level; the real side has null sizes: an indicator.
        let linear = FeatureEncoder(columns: ["size", "colour"], kinds: kinds, fittedOn: [realSide], levelsFrom: realSide,
                                    options: .init(dropReferenceLevel: true))
        #expect(linear.featureNames == ["size", "size (null)", "colour=blue", "colour=green"])
        #expect(linear.encode(realSide).columns[1] == [0, 0, 1, 0])
    }

    @Test("categories match across storage: integers, whole decimals and text; booleans by value")
    func labelsAcrossStorage() throws {
        let integers = try inline("g,b\n1,yes\n2,no\n")
        let decimals = try inline("g,b\n2.0,true\n1.0,false\n")
        let encoder = FeatureEncoder(columns: ["g", "b"], kinds: ["g": .categorical, "b": .boolean], fittedOn: [TableRows(integers)], levelsFrom: TableRows(integers))
        #expect(encoder.featureNames == ["g=1", "g=2", "b=false", "b=true"])
        #expect(encoder.encode(TableRows(decimals)).columns == [[0, 1], [1, 0], [0, 1], [1, 0]])
    }

    @Test("accuracy, macro F1 and R² as scikit-learn defines them")
    func scores() {
        let truth = ["a", "a", "b", "b", "c"], predicted = ["a", "b", "b", "b", "d"]
        #expect(PredictionScores.accuracy(truth: truth, predicted: predicted) == 0.6)
        // F1: a = 2·1/(2+1) = 2/3; b = 2·2/(2+3) = 0.8; c = 0 (never predicted); d = 0 (never true).
        #expect(close(PredictionScores.macroF1(truth: truth, predicted: predicted), (2.0 / 3 + 0.8) / 4, 1e-15))
        #expect(PredictionScores.rSquared(truth: [1, 2, 3, 4], predicted: [1, 2, 3, 4]) == 1)
        // SST = 5, SSE = 1 + 1 = 2.
        #expect(close(PredictionScores.rSquared(truth: [1, 2, 3, 4], predicted: [2, 2, 3, 3]), 1 - 2.0 / 5, 1e-15))
        #expect(PredictionScores.rSquared(truth: [1, 2, 3, 4], predicted: [4, 3, 2, 1]) < 0)
    }

    @Test("seeded row choices are deterministic, distinct and ascending")
    func rowSamples() {
        let chosen = RowSample.choose(100, of: Array(0..<1000), seed: 7, purpose: 1)
        #expect(chosen == RowSample.choose(100, of: Array(0..<1000), seed: 7, purpose: 1))
        #expect(chosen != RowSample.choose(100, of: Array(0..<1000), seed: 8, purpose: 1))
        #expect(chosen == chosen.sorted() && Set(chosen).count == 100)
        let split = RowSample.split(10, testFraction: 0.3, seed: 1, purpose: 1)
        #expect(split.test.count == 3 && split.train.count == 7 && Set(split.train + split.test) == Set(0..<10))
        var random = SplitMix64(state: 0)
        // SplitMix64's published first output for seed 0.
        #expect(random.next() == 0xE220_A839_7B1D_CDAF)
    }
}

// MARK: - pMSE

@Suite("Propensity score utility (pMSE)")
struct PropensityTests {
    /// 2,000 diamonds rows as the "real" data.
    private func realSample(_ seed: UInt64) throws -> Table {
        let diamonds = try table("diamonds")
        return subtable(diamonds, rows: RowSample.choose(2000, of: Array(0..<diamonds.rowCount), seed: seed, purpose: 99))
    }

    private func report(_ real: Table, _ synthetic: Table, _ options: UtilityOptions = UtilityOptions(), seed: UInt64 = 0) throws -> UtilityReport {
        try UtilityReport.compute(FidelityData(real: real, synthetic: synthetic, kinds: kinds(real)), target: nil, options: options, seed: seed)
    }

    @Test("a bootstrap resample of the real rows scores S_pMSE ≈ 1; two random halves ≈ 1/(1 − c) = 2")
    func nullCalibration() throws {
        // synthpop's null, (k − 1)(1 − c)²c/N, is the expectation for synthetic rows drawn from a
        // model fitted to the real rows — a bootstrap resample is exactly that for the empirical
        // distribution. Two independent halves of the real data differ twice as much (their
        // difference carries the sampling noise of both), so their S_pMSE is ≈ 2 at c = ½.
        // (Checked in numpy/scikit-learn over 20 repetitions: 0.98 and 2.11.) One repetition has
        // a relative sd of √(2/(k − 1)) ≈ 0.29 with k = 25 here; the mean of 6 has ≈ 0.12, and the
        // bounds below are about 3 of those.
        var bootstrap: [Double] = [], halves: [Double] = []
        let diamonds = try table("diamonds")
        for seed in UInt64(1)...6 {
            let real = try realSample(seed)
            var random = SplitMix64(state: seed)
            let resample = subtable(real, rows: (0..<2000).map { _ in random.next(below: 2000) })
            let boot = try report(real, resample)
            #expect(boot.propensity.parameters == 25, "intercept + 7 numbers + (5 − 1) + (7 − 1) + (8 − 1) levels")
            #expect(boot.pmse < 0.002)
            bootstrap.append(boot.sPMSE!)
            let other = subtable(diamonds, rows: RowSample.choose(2000, of: Array(0..<diamonds.rowCount), seed: seed + 100, purpose: 98))
            halves.append(try report(real, other).sPMSE!)
        }
        let meanBootstrap = bootstrap.reduce(0, +) / 6, meanHalves = halves.reduce(0, +) / 6
        #expect(meanBootstrap > 0.65 && meanBootstrap < 1.35, "bootstrap S_pMSE mean \(meanBootstrap)")
        #expect(meanHalves > 1.4 && meanHalves < 2.6, "independent halves S_pMSE mean \(meanHalves)")
    }

    /// Synthetic data from per-column strategies: numbers `numeric` ("uniform": flat between the
    /// real extremes; or the default planner's fitted marginals), categories their frequencies.
    private func synthetic(_ real: Table, uniformNumbers: Bool) throws -> Table {
        let realKinds = kinds(real)
        var plan = DefaultPlanner.plan(for: real, kinds: real.columnNames.map { realKinds[$0]! }, seed: 3)
        if uniformNumbers {
            plan.columns = plan.columns.map { column in
                column.kind.isNumeric ? ColumnPlan(name: column.name, kind: column.kind, strategy: "uniform") : column
            }
        }
        return try FittedPlan.fit(plan, on: real).sample(rows: 2000)
    }

    @Test("pMSE, k and S_pMSE match scikit-learn on penguins, nulls and aliased indicators included")
    func matchesScikitLearn() throws {
        // utility_pmse_reference.py: real = even rows, synthetic = odd rows with 300 g more body
        // mass. The two rows with no measurements make four identical null indicators: one
        // parameter, so k = 13, not 16. Same objective (λ = 1e-4, C = 1e4) on both sides:
        // agreement to 1e-7 relative.
        let penguins = try table("penguins")
        let real = subtable(penguins, rows: Array(stride(from: 0, to: penguins.rowCount, by: 2)))
        var synthetic = subtable(penguins, rows: Array(stride(from: 1, to: penguins.rowCount, by: 2)))
        synthetic = Table(columns: synthetic.columns.map { column in
            // Read as whole numbers written "3750.0".
            guard column.name == "body_mass_g", case .integers(let grams, let style) = column.values else { return column }
            return Column(name: column.name, values: .integers(grams.map { $0 + 300 }, style), validity: column.validity)
        })
        #expect(synthetic.column(named: "body_mass_g")!.values.numericValue(at: 0) == 4100.0)
        let penguinKinds: [String: ColumnKind] = ["species": .categorical, "island": .categorical, "sex": .categorical, "year": .integer,
                                                  "bill_length_mm": .decimal, "bill_depth_mm": .decimal, "flipper_length_mm": .decimal, "body_mass_g": .decimal]
        let result = try UtilityReport.compute(FidelityData(real: real, synthetic: synthetic, kinds: penguinKinds))
        #expect(result.propensity.parameters == 13)
        #expect(result.propensity.realRows == 172 && result.propensity.syntheticRows == 172)
        #expect(close(result.pmse, 0.18391665985237796, 0.18391665985237796 * 1e-7), "pMSE \(result.pmse)")
        #expect(close(result.propensity.nullPMSE!, 0.00436046511627907, 1e-15))
        #expect(close(result.sPMSE!, 42.178220659478676, 42.178220659478676 * 1e-7), "S_pMSE \(result.sPMSE!)")
    }

    @Test("synthetic data with wrong marginals are told apart: pMSE well above 0, S_pMSE ≫ 1")
    func differentData() throws {
        let real = try realSample(1)
        let result = try report(real, try synthetic(real, uniformNumbers: true))
        #expect(result.pmse > 0.05, "pMSE \(result.pmse)")
        #expect(result.sPMSE! > 50, "S_pMSE \(result.sPMSE!)")
        #expect(result.pmse <= 0.25, "pMSE is at most c(1 − c)")
        // The same data, the same seed: the same report.
        #expect(try report(real, try synthetic(real, uniformNumbers: true)) == result)
    }

    @Test("right marginals without relations pass the main-effects model; interactions and the tree see them")
    func relationsNeedInteractions() throws {
        // Figures: S_pMSE main effects 1.15; interactions 22.2 (a resample: 0.65, about 2 sd of
        // √(2/70) below 1); tree 23.4 (a resample: pMSE 0, no split).

        // Five columns keep the interaction model small enough for a debug build: 3 numbers and
        // cut (5 levels) and color (7): 13 main effects, 13·12/2 − 6 − 15 = 57 products of
        // features of different columns, and the intercept.
        let sample = try realSample(3)
        let real = Table(columns: ["carat", "cut", "color", "depth", "price"].map { sample.column(named: $0)! })
        var random = SplitMix64(state: 3)
        let resample = subtable(real, rows: (0..<2000).map { _ in random.next(below: 2000) })
        let independent = try synthetic(real, uniformNumbers: false)
        // Main effects compare the columns one at a time: the fitted marginals pass.
        let mainEffects = try report(real, independent)
        #expect(mainEffects.propensity.parameters == 14)
        #expect(mainEffects.sPMSE! < 4, "main effects S_pMSE \(mainEffects.sPMSE!)")
        // All two-way interactions see that price no longer follows carat.
        let interactions = UtilityOptions(propensityModel: .logisticInteractions)
        let pairs = try report(real, independent, interactions)
        #expect(pairs.propensity.parameters == 71)
        #expect(pairs.sPMSE! > 10, "interactions S_pMSE \(pairs.sPMSE!)")
        let pairsNull = try report(real, resample, interactions)
        #expect(pairsNull.sPMSE! > 0.5 && pairsNull.sPMSE! < 1.6, "interactions S_pMSE of a resample \(pairsNull.sPMSE!)")
        // The CART tree, with its permutation null. A bootstrap resample holds exact copies of
        // real rows, which no tree separates, so its pMSE falls below the permutation null.
        let tree = UtilityOptions(propensityModel: .tree, permutations: 3)
        let same = try report(real, resample, tree)
        let different = try report(real, independent, tree)
        #expect(same.propensity.permutations == 3 && same.propensity.parameters == nil)
        #expect(different.pmse > 10 * same.pmse, "tree pMSE \(different.pmse) vs \(same.pmse)")
        #expect(different.sPMSE! > 3, "tree S_pMSE \(different.sPMSE!)")
        #expect(same.sPMSE! < 1)
    }

    @Test("unequal sizes: c follows the synthetic share, and large sides are subsampled as stated")
    func sizesAndSubsampling() throws {
        let real = try realSample(2)
        let synthetic = subtable(real, rows: Array(0..<500))
        let result = try report(real, synthetic, UtilityOptions(propensityRowsPerSide: 1000))
        #expect(result.propensity.realRows == 1000 && result.propensity.realRowsAvailable == 2000)
        #expect(result.propensity.syntheticRows == 500 && result.propensity.syntheticRowsAvailable == 500)
        let c = 500.0 / 1500
        #expect(close(result.propensity.nullPMSE!, 24 * (1 - c) * (1 - c) * c / 1500, 1e-15))
        // The cell bound: 24 features, two sides, 14,400 cells → 300 rows a side.
        let narrow = try report(real, synthetic, UtilityOptions(maxFeatureCells: 24 * 2 * 300))
        #expect(narrow.propensity.realRows == 300 && narrow.propensity.syntheticRows == 300)
    }

    @Test("interactions beyond synthpop's 400 parameters are an error")
    func tooManyParameters() throws {
        // 12 categorical columns of 5 levels: 48 main effects and 66·16 = 1056 products.
        let header = (0..<12).map { "c\($0)" }.joined(separator: ",")
        let rows = (0..<50).map { row in (0..<12).map { "v\((row + $0) % 5)" }.joined(separator: ",") }
        let real = try inline(header + "\n" + rows.joined(separator: "\n") + "\n")
        let data = FidelityData(real: real, synthetic: real, kinds: Dictionary(uniqueKeysWithValues: real.columnNames.map { ($0, .categorical) }))
        #expect(throws: UtilityError.tooManyParameters(1105, limit: 400)) {
            try UtilityReport.compute(data, options: UtilityOptions(propensityModel: .logisticInteractions))
        }
    }
}

// MARK: - TSTR

@Suite("Train on synthetic, test on real")
struct TSTRTests {
    private static let fastOptions = UtilityOptions(propensityRowsPerSide: 1000, trainingRows: 4000, testRows: 2000)

    /// Diamonds split 70/30 into training rows (the "real" data the synthesizers see) and a holdout.
    private func diamondsSplit() throws -> (train: Table, holdout: Table, kinds: [String: ColumnKind]) {
        let diamonds = try table("diamonds")
        let split = RowSample.split(diamonds.rowCount, testFraction: 0.3, seed: 11, purpose: 1)
        return (subtable(diamonds, rows: split.train), subtable(diamonds, rows: split.test), kinds(diamonds))
    }

    /// Row-aligned synthetic data that keep the relations: numbers perturbed by noise (10% of the
    /// column's sd), categories kept.
    private func perturbed(_ train: Table, _ kinds: [String: ColumnKind], rows: Int = 6000) throws -> Table {
        let plan = Plan(seed: 5, columns: train.columnNames.map { name in
            let kind = kinds[name]!
            return ColumnPlan(name: name, kind: kind, strategy: kind.isNumeric ? "perturb" : "keep")
        })
        return try FittedPlan.fit(plan, on: train).sample(rows: rows)
    }

    /// Independent marginals: every relation between columns lost.
    private func independent(_ train: Table, _ kinds: [String: ColumnKind]) throws -> Table {
        let plan = DefaultPlanner.plan(for: train, kinds: train.columnNames.map { kinds[$0]! }, seed: 5)
        return try FittedPlan.fit(plan, on: train).sample(rows: 6000)
    }

    @Test("diamonds: relation-keeping synthetic ≈ real-trained ≫ independent synthetic, for cut and for price")
    func ordering() throws {
        // Figures (tree, 4,000 training rows a side, 2,000 holdout rows): cut accuracy real 0.69,
        // perturbed 0.70, independent 0.42 (the majority class is 40%); price R² real 0.94,
        // perturbed 0.95, independent −0.07. Mild noise on every number does not hurt a tree (it
        // may even help a little), so "≈ real" is asserted, not "≤ real".
        let (train, holdout, kinds) = try diamondsSplit()
        // Every training row perturbed (the file is sorted by price in places: a prefix would not do).
        let good = FidelityData(real: train, synthetic: try perturbed(train, kinds, rows: train.rowCount), holdout: holdout, kinds: kinds)
        let bad = FidelityData(real: train, synthetic: try independent(train, kinds), holdout: holdout, kinds: kinds)

        let cutGood = try #require(try UtilityReport.compute(good, target: "cut", options: Self.fastOptions).tstr)
        let cutBad = try #require(try UtilityReport.compute(bad, target: "cut", options: Self.fastOptions).tstr)
        #expect(cutGood.task == .classification && cutGood.testSource == .holdout)
        #expect(cutGood.testRows == 2000 && cutGood.realTrainingRows == 4000 && cutGood.syntheticTrainingRows == 4000)
        #expect(cutGood.metrics.map(\.name) == ["accuracy", "macro_f1"])
        let accuracyGood = cutGood.metric("accuracy")!, accuracyBad = cutBad.metric("accuracy")!
        // The real model is the same in both reports (same rows, same seed).
        #expect(accuracyGood.real == accuracyBad.real)
        #expect(accuracyGood.real > 0.65, "a tree on the real rows predicts cut well above the 40% majority")
        #expect(abs(accuracyGood.synthetic - accuracyGood.real) < 0.03)
        #expect(accuracyBad.synthetic < 0.45, "without relations a model can only guess the majority class")
        #expect(accuracyBad.ratio! < 0.7)
        #expect(cutGood.metric("macro_f1")!.synthetic > cutBad.metric("macro_f1")!.synthetic + 0.3)

        let priceGood = try #require(try UtilityReport.compute(good, target: "price", options: Self.fastOptions).tstr)
        let priceBad = try #require(try UtilityReport.compute(bad, target: "price", options: Self.fastOptions).tstr)
        let r2Good = priceGood.metric("r2")!, r2Bad = priceBad.metric("r2")!
        #expect(priceGood.task == .regression && priceGood.metrics.map(\.name) == ["r2"])
        #expect(r2Good.real > 0.92)
        #expect(abs(r2Good.synthetic - r2Good.real) < 0.03)
        #expect(r2Bad.synthetic < 0.05, "R² \(r2Bad.synthetic): independent columns predict price no better than its mean")
        #expect(r2Bad.ratio! < 0.05)
    }

    @Test("without a holdout, a seeded 30% of the real rows is the test set; the linear models work too")
    func splitAndLinear() throws {
        let (train, _, kinds) = try diamondsSplit()
        let real = subtable(train, rows: Array(0..<4000))
        let data = FidelityData(real: real, synthetic: try perturbed(real, kinds, rows: 4000), kinds: kinds)
        var options = Self.fastOptions
        options.tstrModel = .linear
        let report = try UtilityReport.compute(data, target: "price", options: options, seed: 2)
        let tstr = try #require(report.tstr)
        #expect(tstr.testSource == .realSplit && tstr.model == .linear)
        #expect(tstr.testRows == 1200 && tstr.realTrainingRows == 2800)
        #expect(tstr.predictors == ["carat", "cut", "color", "clarity", "depth", "table", "x", "y", "z"])
        // A linear model of price is decent, not great (price is convex in carat).
        #expect(tstr.metric("r2")!.real > 0.85)
        let cut = try #require(try UtilityReport.compute(data, target: "cut", options: options, seed: 2).tstr)
        #expect(cut.metric("accuracy")!.real > 0.5)
        // Same seed, same report; another seed, another split.
        #expect(try UtilityReport.compute(data, target: "price", options: options, seed: 2) == report)
        #expect(try UtilityReport.compute(data, target: "price", options: options, seed: 3).tstr!.metric("r2")!.real != tstr.metric("r2")!.real)
    }

    @Test("credit data: nulls in predictors become indicators; a binary target beats its base rate")
    func creditNulls() throws {
        let credit = try table("credit_data")
        let creditKinds = kinds(credit)
        let encoder = FeatureEncoder(columns: ["Income", "Home"], kinds: creditKinds, fittedOn: [TableRows(credit)], levelsFrom: TableRows(credit))
        #expect(encoder.featureNames.contains("Income (null)") && encoder.featureNames.contains("Home (null)"))
        let plan = DefaultPlanner.plan(for: credit, kinds: credit.columnNames.map { creditKinds[$0]! }, seed: 4)
        let independent = try FittedPlan.fit(plan, on: credit).sample(rows: 3000)
        let data = FidelityData(real: credit, synthetic: independent, kinds: creditKinds)
        let tstr = try #require(try UtilityReport.compute(data, target: "Status", options: UtilityOptions(propensityRowsPerSide: 1500)).tstr)
        #expect(tstr.task == .classification && tstr.testRows == 1336 && tstr.realTrainingRows == 3118)
        let accuracy = tstr.metric("accuracy")!, f1 = tstr.metric("macro_f1")!
        // 72% of the loans are "good"; always saying so scores macro F1 ≈ 0.42. The real tree
        // (0.74, F1 0.66) finds the bad loans; the independent synthetic rows teach it little.
        #expect(accuracy.real > 0.72)
        #expect(f1.real > 0.6 && f1.synthetic < f1.real - 0.1)
    }

    @Test("an unknown, identifier or text target is an error that names it")
    func badTargets() throws {
        let real = try inline("id,note,size,colour\n1,hello there,1.5,red\n2,good day,2.5,blue\n3,see you,3.5,red\n")
        let synthetic = try inline("id,size\n1,1.0\n")
        let kinds: [String: ColumnKind] = ["id": .identifier, "note": .text, "size": .decimal, "colour": .categorical]
        let data = FidelityData(real: real, synthetic: synthetic, kinds: kinds)
        #expect(throws: UtilityError.unknownTarget("weight")) { try UtilityReport.compute(data, target: "weight") }
        #expect(throws: UtilityError.unsupportedTarget("id", .identifier)) { try UtilityReport.compute(data, target: "id") }
        #expect(throws: UtilityError.unsupportedTarget("note", .text)) { try UtilityReport.compute(data, target: "note") }
        #expect(throws: UtilityError.targetMissing("colour", table: "synthetic")) { try UtilityReport.compute(data, target: "colour") }
        #expect(UtilityError.unknownTarget("weight").description == "target column 'weight' is not a column of the real data")
        #expect(UtilityError.unsupportedTarget("id", .identifier).description.hasPrefix("target column 'id' is of kind identifier"))
    }

    @Test("the report round-trips through JSON")
    func codable() throws {
        let real = try inline("size,colour\n1,red\n2,blue\n3,red\n4,blue\n5,red\n6,blue\n7,red\n8,blue\n")
        let synthetic = try inline("size,colour\n1,red\n2,red\n3,blue\n4,blue\n5,red\n")
        let data = FidelityData(real: real, synthetic: synthetic, kinds: ["size": .integer, "colour": .categorical])
        let report = try UtilityReport.compute(data, target: "colour")
        let decoded = try JSONDecoder().decode(UtilityReport.self, from: try JSONEncoder().encode(report))
        #expect(decoded == report)
        #expect(report.tstr?.testSource == .realSplit)
    }
}

