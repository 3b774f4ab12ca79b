import Foundation
import Testing
@testable import Fidelity
import Tabular

@Suite("Privacy")
struct PrivacyTests {
    // MARK: Distances

    @Test("DCR and NNDR on a tiny mixed table with nulls match a hand computation")
    func handComputedDistances() throws {
        // Ranges from the real rows: x 0…10 → 10, n 10…20 → 10.
        let data = try Self.data(real: "x,c,n\n0,a,10\n4,b,\n10,,20\n", synthetic: "x,c,n\n2,a,12\n13,,\n",
                                 kinds: ["x": .decimal, "c": .categorical, "n": .integer])
        let encoding = PrivacyEncoding(data)
        let neighbours = NearestRecordIndex(reference: encoding.real).nearest(encoding.synthetic, neighbours: 2)
        // (2,a,12): to (0,a,10) 0.2+0+0.2; to (4,b,–) 0.2+1+1; to (10,–,20) 0.8+1+0.8.
        #expect(abs(neighbours[0].nearest - 0.4 / 3) < 1e-15)
        #expect(abs(neighbours[0].second - 2.2 / 3) < 1e-15)
        // (13,–,–): to (0,a,10) min(1.3,1)+1+1; to (4,b,–) 0.9+1+0 (null = null); to (10,–,20) 0.3+0+1.
        #expect(abs(neighbours[1].nearest - 1.3 / 3) < 1e-15)
        #expect(abs(neighbours[1].second - 1.9 / 3) < 1e-15)

        let report = PrivacyReport.compute(data)
        #expect(abs(report.medianDCRSyntheticToReal! - (0.4 / 3 + 1.3 / 3) / 2) < 1e-15)
        #expect(abs(report.nndr! - (0.4 / 2.2 + 1.3 / 1.9) / 2) < 1e-12)
        // numpy's linear 5th percentile of two ratios.
        #expect(abs(report.nndrFifthPercentile! - (0.4 / 2.2 + (1.3 / 1.9 - 0.4 / 2.2) * 0.05)) < 1e-12)
        #expect(report.exactCopies == 0)
    }

    @Test("a column constant in the reference compares equal or not (SDMetrics' range-0 rule)")
    func zeroRange() throws {
        let data = try Self.data(real: "k,y\n5,0\n5,1\n", synthetic: "k,y\n5,0.5\n7,0\n",
                                 kinds: ["k": .integer, "y": .decimal])
        let encoding = PrivacyEncoding(data)
        let neighbours = NearestRecordIndex(reference: encoding.real).nearest(encoding.synthetic, neighbours: 2)
        #expect(neighbours.map(\.nearest) == [0.25, 0.5])
        #expect(neighbours.map(\.second) == [0.25, 1.0])
    }

    @Test("datetimes compare in seconds over the real range; booleans by truth whatever their spelling")
    func datetimesAndBooleans() throws {
        let data = try Self.data(real: "day,flag\n2020-01-01,yes\n2020-01-11,no\n",
                                 synthetic: "day,flag\n2020-01-03,Yes\n2020-01-11,No\n",
                                 kinds: ["day": .datetime, "flag": .boolean])
        let encoding = PrivacyEncoding(data)
        let neighbours = NearestRecordIndex(reference: encoding.real).nearest(encoding.synthetic, neighbours: 2)
        // 2 of 10 days, flags equal: (0.2 + 0) / 2; to the other row (0.8 + 1) / 2.
        #expect(abs(neighbours[0].nearest - 0.1) < 1e-15 && abs(neighbours[0].second - 0.9) < 1e-15)
        #expect(neighbours[1].nearest == 0)
        #expect(PrivacyReport.compute(data).exactCopies == 1)
    }

    @Test("the index finds the same two nearest distances as a brute-force scan")
    func indexMatchesBruteForce() {
        // Categorical-only, numeric-only and mixed spaces, with nulls, duplicates, a constant
        // column and queries outside the reference range.
        for (categorical, numeric, seed) in [(3, 4, UInt64(1)), (0, 5, 2), (4, 0, 3), (2, 2, 4), (1, 9, 5)] {
            var random = PrivacyRandom(seed: seed, purpose: 99)
            let reference = Self.randomRows(count: 700, categorical: categorical, numeric: numeric, random: &random)
            var queries = Self.randomRows(count: 300, categorical: categorical, numeric: numeric, random: &random)
            for row in stride(from: 0, to: 300, by: 7) {  // some exact copies, some stretched rows
                for column in 0..<categorical { queries.categories[column][row] = reference.categories[column][row] }
                for column in 0..<numeric {
                    queries.numbers[column][row] = reference.numbers[column][row] * (row % 2 == 0 ? 1 : 3)
                }
            }
            for row in stride(from: 3, to: 300, by: 11) where categorical > 0 { queries.categories[0][row] = 5 }  // a level the reference lacks
            let index = NearestRecordIndex(reference: reference)
            let fast = index.nearest(queries, neighbours: 2)
            let nearestOnly = index.nearest(queries, neighbours: 1)
            let metric = RecordDistance(reference: reference)
            for row in 0..<queries.count {
                var best = Double.infinity
                var second = Double.infinity
                for other in 0..<reference.count {
                    let distance = metric.distance(queries, row, reference, other)
                    if distance < best { (best, second) = (distance, best) } else if distance < second { second = distance }
                }
                #expect(abs(fast[row].nearest - best) < 1e-12, "seed \(seed) row \(row)")
                #expect(abs(fast[row].second - second) < 1e-12, "seed \(seed) row \(row)")
                #expect(abs(nearestOnly[row].nearest - best) < 1e-12, "seed \(seed) row \(row)")
            }
        }
    }

    // MARK: Exact copies

    @Test("exact copies compare numbers by value and nulls as equal")
    func exactCopies() throws {
        let data = try Self.data(
            real: "a,b,c\n1,x,2.5\n2,,3.5\n3,y,\n",
            // copy; copy with null = null; 3.0 = 3; null ≠ value; value differs.
            synthetic: "a,b,c\n1.0,x,2.5\n2,,3.5\n3,y,\n3,y,1\n1,x,2.6\n",
            kinds: ["a": .decimal, "b": .categorical, "c": .decimal])
        let report = PrivacyReport.compute(data)
        #expect(report.exactCopies == 3)
        #expect(report.exactCopyRate == 0.6)
    }

    // MARK: Scores

    @Test("overfitting protection: copies of training score 0, copies of the holdout score 1")
    func overfittingExtremes() {
        var random = PrivacyRandom(seed: 7, purpose: 1)
        let training = Self.table(Self.randomRows(count: 120, categorical: 2, numeric: 3, random: &random, nulls: false))
        let holdout = Self.table(Self.randomRows(count: 120, categorical: 2, numeric: 3, random: &random, nulls: false))
        let copiesOfTraining = PrivacyReport.compute(FidelityData(real: training, synthetic: training, holdout: holdout, kinds: Self.kinds(2, 3)))
        #expect(copiesOfTraining.dcrOverfittingProtection == 0)
        #expect(copiesOfTraining.shareCloserToTraining == 1)
        #expect(copiesOfTraining.exactCopyRate == 1)
        let copiesOfHoldout = PrivacyReport.compute(FidelityData(real: training, synthetic: holdout, holdout: holdout, kinds: Self.kinds(2, 3)))
        #expect(copiesOfHoldout.dcrOverfittingProtection == 1)
        #expect(copiesOfHoldout.shareCloserToTraining == 0)
        #expect(copiesOfHoldout.sampleSizes.training == 120 && copiesOfHoldout.sampleSizes.holdout == 120)
        // Without a holdout there is no overfitting figure.
        let noHoldout = PrivacyReport.compute(FidelityData(real: training, synthetic: holdout, kinds: Self.kinds(2, 3)))
        #expect(noHoldout.dcrOverfittingProtection == nil && noHoldout.sampleSizes.training == nil)
    }

    @Test("overfitting protection samples training and holdout to the same size")
    func overfittingEqualSizes() {
        var random = PrivacyRandom(seed: 8, purpose: 1)
        let training = Self.table(Self.randomRows(count: 300, categorical: 1, numeric: 2, random: &random))
        let holdout = Self.table(Self.randomRows(count: 80, categorical: 1, numeric: 2, random: &random))
        let report = PrivacyReport.compute(FidelityData(real: training, synthetic: training, holdout: holdout, kinds: Self.kinds(1, 2)))
        #expect(report.sampleSizes.training == 80 && report.sampleSizes.holdout == 80)
        #expect(report.sampleSizes.realTotal == 300 && report.sampleSizes.holdoutTotal == 80)
        // 80 of the 300 copied training rows are in the training sample: those are closer to
        // training; the others land on either side.
        #expect(report.shareCloserToTraining! >= 80.0 / 300.0)
    }

    @Test("baseline protection orders copies < jittered copies < independent uniform rows")
    func baselineOrdering() {
        var random = PrivacyRandom(seed: 9, purpose: 1)
        let rows = Self.randomRows(count: 500, categorical: 2, numeric: 3, random: &random)
        let real = Self.table(rows)
        let copies = PrivacyReport.compute(FidelityData(real: real, synthetic: real, kinds: Self.kinds(2, 3)))
        #expect(copies.dcrBaselineProtection == 0)
        #expect(copies.medianDCRSyntheticToReal == 0)
        #expect(copies.nndr == 0)

        var jittered = rows
        for column in 0..<2 { jittered.numbers[column] = jittered.numbers[column].map { $0 + (random.nextUnit() - 0.5) * 2 } }
        let near = PrivacyReport.compute(FidelityData(real: real, synthetic: Self.table(jittered), kinds: Self.kinds(2, 3)))

        // Uniform rows within the real ranges, drawn independently of the report's baseline.
        let uniform = Self.table(RandomBaseline.rows(like: rows, wholeNumbers: [false, false, false], count: 500, seed: 12345))
        let far = PrivacyReport.compute(FidelityData(real: real, synthetic: uniform, kinds: Self.kinds(2, 3)))
        #expect(near.dcrBaselineProtection! > 0.05)
        #expect(near.dcrBaselineProtection! < 0.5)
        #expect(far.dcrBaselineProtection! > 0.9)
        #expect(near.nndr! < far.nndr!)
        #expect(far.exactCopies == 0)
        // The baseline is a pure function of the seed.
        #expect(PrivacyReport.compute(FidelityData(real: real, synthetic: uniform, kinds: Self.kinds(2, 3))) == far)
    }

    @Test("large tables are sampled to maxRows, and the sizes are reported")
    func sampling() {
        var random = PrivacyRandom(seed: 10, purpose: 1)
        let real = Self.table(Self.randomRows(count: 400, categorical: 1, numeric: 2, random: &random))
        let synthetic = Self.table(Self.randomRows(count: 300, categorical: 1, numeric: 2, random: &random))
        let holdout = Self.table(Self.randomRows(count: 250, categorical: 1, numeric: 2, random: &random))
        let data = FidelityData(real: real, synthetic: synthetic, holdout: holdout, kinds: Self.kinds(1, 2))
        let report = PrivacyReport.compute(data, seed: 3, options: PrivacyOptions(maxRows: 100))
        #expect(report.sampleSizes == PrivacySampleSizes(synthetic: 100, real: 100, random: 100, training: 100, holdout: 100,
                                                         overfittingSynthetic: 100, syntheticTotal: 300, realTotal: 400, holdoutTotal: 250))
        #expect(PrivacyReport.compute(data, seed: 3, options: PrivacyOptions(maxRows: 100)) == report)
        #expect(PrivacyReport.compute(data, seed: 4, options: PrivacyOptions(maxRows: 100)) != report)
        let decoded = try? JSONDecoder().decode(PrivacyReport.self, from: JSONEncoder().encode(report))
        #expect(decoded == report)
    }

    @Test("the work budget stops after whole waves of synthetic rows, reproducibly")
    func workBudget() {
        var random = PrivacyRandom(seed: 11, purpose: 1)
        let real = Self.table(Self.randomRows(count: 600, categorical: 1, numeric: 2, random: &random))
        let synthetic = Self.table(Self.randomRows(count: 2500, categorical: 1, numeric: 2, random: &random))
        let data = FidelityData(real: real, synthetic: synthetic, holdout: real, kinds: Self.kinds(1, 2))
        let options = PrivacyOptions(workBudget: 1)
        let report = PrivacyReport.compute(data, options: options)
        #expect(report.sampleSizes.synthetic == PrivacyReport.waveSize)
        #expect(report.sampleSizes.random == PrivacyReport.waveSize)
        #expect(report.sampleSizes.overfittingSynthetic == PrivacyReport.waveSize)
        #expect(PrivacyReport.compute(data, options: options) == report)
        #expect(PrivacyReport.compute(data).sampleSizes.synthetic == 2500)
    }

    @Test("figures that need rows or columns are nil without them")
    func emptyInputs() throws {
        let real = try CSVReader.read(.bytes(Array("x\n1\n2\n".utf8), name: "real.csv")).table
        let empty = Table(columns: [Column(name: "x", values: .decimals([], DecimalStyle()))])
        let report = PrivacyReport.compute(FidelityData(real: real, synthetic: empty, kinds: ["x": .decimal]))
        #expect(report.exactCopyRate == nil && report.dcrBaselineProtection == nil && report.nndr == nil)
        let noColumns = try Self.data(real: "id\n1\n", synthetic: "id\n1\n", kinds: ["id": .identifier])
        #expect(PrivacyReport.compute(noColumns).medianDCRSyntheticToReal == nil)
        // One real row: a nearest record but no second, so no NNDR.
        let oneRow = try Self.data(real: "x\n1\n", synthetic: "x\n1\n", kinds: ["x": .decimal])
        let single = PrivacyReport.compute(oneRow)
        #expect(single.medianDCRSyntheticToReal == 0 && single.nndr == nil)
    }

    @Test("the random baseline draws within the real ranges and categories, with the real null share")
    func randomBaseline() {
        let real = PrivacyRows(count: 4, categories: [[0, 2, 2, PrivacyRows.nullCode]], numbers: [[1, 4, .nan, 4], [0.5, 0.5, 1.5, 1.0]])
        let random = RandomBaseline.rows(like: real, wholeNumbers: [true, false], count: 20_000, seed: 1)
        let codes = random.categories[0]
        #expect(Set(codes) == [0, 2, PrivacyRows.nullCode])
        #expect(abs(Double(codes.count { $0 == 0 }) / 20_000 - 0.375) < 0.02)  // (1 − ¼) / 2 levels
        #expect(abs(Double(codes.count { $0 == PrivacyRows.nullCode }) / 20_000 - 0.25) < 0.02)
        let whole = random.numbers[0].filter { !$0.isNaN }
        #expect(Set(whole) == [1, 2, 3, 4])
        #expect(abs(Double(whole.count) / 20_000 - 0.75) < 0.02)
        let decimals = random.numbers[1]
        #expect(decimals.allSatisfy { $0 >= 0.5 && $0 < 1.5 })
    }

    // MARK: Disclosure hints

    @Test("disclosure hints name rare categories, unique combinations and lone extremes that synthetic rows repeat")
    func disclosureHints() throws {
        var real = "town,sex,age,income\n"
        for row in 0..<20 { real += "Big,\(row % 2 == 0 ? "f" : "m"),\(30 + row % 5),\(1000 + row * 10)\n" }
        real += "Tiny,f,90,5000\n"  // rare town, unique combination, lone maximum age and income
        real += "Small,m,30,1000\nSmall,m,31,1000\n"  // rare, absent from the synthetic data
        real += "Mid,f,30,900\nMid,f,30,900\nMid,f,30,900\nMid,f,30,900\n"  // 4 < 5: rare; minimum income held by four rows
        let synthetic = "town,sex,age,income\nTiny,f,90,5000\nTiny,m,40,1200\nMid,f,30,900\nBig,m,31,1010\nBig,f,30,1000\n"
        let data = try Self.data(real: real, synthetic: synthetic,
                                 kinds: ["town": .categorical, "sex": .categorical, "age": .integer, "income": .integer])
        let hints = PrivacyReport.compute(data, options: PrivacyOptions(quasiIdentifiers: ["town", "sex", "age"])).disclosureHints

        #expect(hints.rareCategoryCount == 2)
        #expect(hints.rareCategories == [RareCategoryHint(column: "town", level: "Tiny", realCount: 1, syntheticCount: 2),
                                         RareCategoryHint(column: "town", level: "Mid", realCount: 4, syntheticCount: 1)])
        // age bins over 30…90, width 6: (Tiny,f,[90,90]) and (Small,m,[30,36)) ×2 … the real unique
        // combinations are Tiny/f/top bin and Big/f/[30,36) is shared by ten rows.
        let combinations = try #require(hints.uniqueCombinations)
        #expect(combinations.columns == ["town", "sex", "age"])
        #expect(combinations.realUniqueCombinations == 1)
        #expect(combinations.revealedCombinations == 1 && combinations.syntheticRows == 1)
        #expect(combinations.syntheticShare == 0.2)
        #expect(combinations.examples == [["Tiny", "f", "[84, 90]"]])
        #expect(hints.extremeValues == [ExtremeValueHint(column: "age", side: .maximum, value: "90", syntheticCount: 1),
                                        ExtremeValueHint(column: "income", side: .maximum, value: "5000", syntheticCount: 1)])
    }

    @Test("default quasi-identifiers: categorical columns with few levels plus binned numbers")
    func defaultQuasiIdentifiers() throws {
        var real = "id_like,colour,size\n"
        for row in 0..<20 { real += "v\(row),\(["red", "blue"][row % 2]),\(Double(row))\n" }
        let data = try Self.data(real: real, synthetic: "id_like,colour,size\nv1,red,18\nv2,red,9.5\n",
                                 kinds: ["id_like": .categorical, "colour": .categorical, "size": .decimal])
        let options = PrivacyOptions(quasiIdentifierMaxLevels: 10)
        let combinations = try #require(PrivacyReport.compute(data, options: options).disclosureHints.uniqueCombinations)
        #expect(combinations.columns == ["colour", "size"])  // 20 levels > 10: left out
        // Bins of width 1.9 over 0…19 hold rows 2k and 2k + 1, one red and one blue: all unique.
        #expect(combinations.realUniqueCombinations == 20)
        // (red, 18) falls on real row 18's combination; (red, 9.5) shares bin 5 with the blue row 11
        // and the red row 10, so it too.
        #expect(combinations.syntheticRows == 2)
        #expect(combinations.examples == [["red", "[17.1, 19]"], ["red", "[9.5, 11.4)"]])
    }

    // MARK: SDMetrics cross-check

    /// Figures printed by Reference/privacy_sdmetrics.py (sdmetrics 0.32.0) on `penguinSplit()`.
    @Test("DCR figures match SDMetrics 0.32 on a penguins split")
    func sdmetricsCrossCheck() throws {
        let (training, holdout, synthetic) = try Self.penguinSplit()
        let data = FidelityData(real: training, synthetic: synthetic, holdout: holdout, kinds: Self.penguinKinds)
        let encoding = PrivacyEncoding(data)
        let toTraining = NearestRecordIndex(reference: encoding.real).nearest(encoding.synthetic, neighbours: 1).map(\.nearest)
        let toHoldout = NearestRecordIndex(reference: encoding.holdout!).nearest(encoding.synthetic, neighbours: 1).map(\.nearest)
        // Deterministic figures: the same rows, the same distance; only summation order differs.
        let tolerance = 1e-9
        for (row, expected) in [(1, 0.013099211165), (2, 0.027213794498), (3, 0.038312601133), (17, 0.152240088997)] {
            #expect(abs(toTraining[row] - expected) < tolerance)
        }
        #expect(abs(PrivacyStatistics.median(toTraining)! - 0.083466575647) < tolerance)
        #expect(abs(toTraining.reduce(0, +) / 172 - 0.093125049978) < tolerance)
        #expect(abs(toTraining.max()! - 0.266440129450) < tolerance)
        #expect(abs(PrivacyStatistics.median(toHoldout)! - 0.104560376472) < tolerance)
        #expect(abs(toHoldout.reduce(0, +) / 172 - 0.119262890084) < tolerance)

        let report = PrivacyReport.compute(data)
        #expect(report.exactCopies == 18)
        #expect(abs(report.shareCloserToTraining! - 0.732558139535) < tolerance)
        #expect(abs(report.dcrOverfittingProtection! - 0.534883720930) < tolerance)
        #expect(abs(report.medianDCRSyntheticToReal! - 0.083466575647) < tolerance)
        // The random baseline is drawn by different generators: SDMetrics over 50 seeds gave a
        // random median of 0.187271 (sd 0.006049) and a score of 0.446167 (sd 0.014504); ours
        // must fall within four standard deviations.
        #expect(abs(report.medianDCRRandomToReal! - 0.187271) < 4 * 0.006049)
        #expect(abs(report.dcrBaselineProtection! - 0.446167) < 4 * 0.014504)
    }

    // MARK: Fixtures

    static func data(real: String, synthetic: String, kinds: [String: ColumnKind]) throws -> FidelityData {
        FidelityData(real: try CSVReader.read(.bytes(Array(real.utf8), name: "real.csv")).table,
                     synthetic: try CSVReader.read(.bytes(Array(synthetic.utf8), name: "synthetic.csv")).table,
                     kinds: kinds)
    }

    /// Random encoded rows: categories with 3 levels and some nulls; numbers from a few
    /// clusters, some nulls and repeated values; the last numeric column is constant.
    static func randomRows(count: Int, categorical: Int, numeric: Int, random: inout PrivacyRandom, nulls: Bool = true) -> PrivacyRows {
        let nullShare = nulls ? 0.05 : 0
        let categories = (0..<categorical).map { _ in
            (0..<count).map { _ in random.nextUnit() < nullShare ? PrivacyRows.nullCode : UInt32(random.next(below: 3)) }
        }
        let numbers = (0..<numeric).map { column in
            (0..<count).map { _ -> Double in
                if random.nextUnit() < nullShare { return .nan }
                if column == numeric - 1 && numeric > 2 { return 4 }
                let centre = Double(random.next(below: 4)) * 10
                return random.nextUnit() < 0.2 ? centre : centre + random.nextUnit() * 3
            }
        }
        return PrivacyRows(count: count, categories: categories, numbers: numbers)
    }

    /// A table of encoded rows: categories as strings c0, c1, …; numbers as decimals n0, n1, ….
    static func table(_ rows: PrivacyRows) -> Table {
        let categorical = rows.categories.enumerated().map { column, codes in
            Column(name: "c\(column)", values: .strings(codes: codes.map { $0 == PrivacyRows.nullCode ? 0 : $0 }, levels: ["p", "q", "r"]),
                   validity: NullBitmap(codes.map { $0 != PrivacyRows.nullCode }))
        }
        let numeric = rows.numbers.enumerated().map { column, values in
            Column(name: "n\(column)", values: .decimals(values.map { $0.isNaN ? 0 : $0 }, DecimalStyle(maxFractionDigits: 6)),
                   validity: NullBitmap(values.map { !$0.isNaN }))
        }
        return Table(columns: categorical + numeric)
    }

    static func kinds(_ categorical: Int, _ numeric: Int) -> [String: ColumnKind] {
        var kinds: [String: ColumnKind] = [:]
        for column in 0..<categorical { kinds["c\(column)"] = .categorical }
        for column in 0..<numeric { kinds["n\(column)"] = .decimal }
        return kinds
    }

    static let penguinKinds: [String: ColumnKind] = [
        "species": .categorical, "island": .categorical, "sex": .categorical, "year": .integer,
        "bill_length_mm": .decimal, "bill_depth_mm": .decimal, "flipper_length_mm": .decimal, "body_mass_g": .decimal,
    ]

    /// Training = even rows of penguins, holdout = odd rows, and a synthetic table built by the
    /// same rule as Reference/privacy_sdmetrics.py: every tenth row copies a training row, the
    /// others mix columns of different training rows with small shifts.
    static func penguinSplit() throws -> (training: Table, holdout: Table, synthetic: Table) {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Tests/Fixtures/penguins.csv").path
        let penguins = try CSVReader.read(path: path).table
        let training = select(penguins, Array(stride(from: 0, to: penguins.rowCount, by: 2)))
        let holdout = select(penguins, Array(stride(from: 1, to: penguins.rowCount, by: 2)))
        let n = training.rowCount
        func text(_ name: String, _ row: Int) -> String? { training.column(named: name)!.text(at: row) }
        func number(_ name: String, _ row: Int) -> Double {
            let column = training.column(named: name)!
            return column.isNull(row) ? .nan : column.values.numericValue(at: row)!
        }
        var species: [String?] = [], island: [String?] = [], sex: [String?] = []
        var numbers: [String: [Double]] = [:]
        var year: [Int64] = []
        let measures = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
        for i in 0..<n {
            if i % 10 == 0 {
                let row = (7 * i) % n
                species.append(text("species", row)); island.append(text("island", row)); sex.append(text("sex", row))
                for name in measures { numbers[name, default: []].append(number(name, row)) }
                year.append(Int64(number("year", row)))
                continue
            }
            let (a, b, c) = ((5 * i) % n, (11 * i) % n, (3 * i) % n)
            species.append(text("species", a)); island.append(text("island", a)); sex.append(text("sex", b))
            numbers["bill_length_mm", default: []].append(number("bill_length_mm", c) + Double((i % 7) - 3) * 0.5)
            numbers["bill_depth_mm", default: []].append(number("bill_depth_mm", c) + Double((i % 5) - 2) * 0.25)
            numbers["flipper_length_mm", default: []].append(number("flipper_length_mm", c) + Double((i % 3) - 1) * 2.0)
            numbers["body_mass_g", default: []].append(number("body_mass_g", c) + Double((i % 9) - 4) * 25.0)
            year.append(Int64(number("year", (13 * i) % n)))
        }
        func strings(_ name: String, _ values: [String?]) -> Column {
            var levels: [String] = []
            let codes = values.map { value -> UInt32 in
                guard let value else { return 0 }
                if let code = levels.firstIndex(of: value) { return UInt32(code) }
                levels.append(value)
                return UInt32(levels.count - 1)
            }
            return Column(name: name, values: .strings(codes: codes, levels: levels), validity: NullBitmap(values.map { $0 != nil }))
        }
        func decimals(_ name: String) -> Column {
            let values = numbers[name]!
            return Column(name: name, values: .decimals(values.map { $0.isNaN ? 0 : $0 }, DecimalStyle(maxFractionDigits: 2)),
                          validity: NullBitmap(values.map { !$0.isNaN }))
        }
        let synthetic = Table(columns: [strings("species", species), strings("island", island)] + measures.map(decimals)
                              + [strings("sex", sex), Column(name: "year", values: .integers(year, .plain))])
        return (training, holdout, synthetic)
    }

    /// The given rows of a table, in order.
    static func select(_ table: Table, _ rows: [Int]) -> Table {
        Table(columns: table.columns.map { column in
            let values: ColumnValues = switch column.values {
            case .integers(let v, let style): .integers(rows.map { v[$0] }, style)
            case .decimals(let v, let style): .decimals(rows.map { v[$0] }, style)
            case .booleans(let v, let style): .booleans(rows.map { v[$0] }, style)
            case .datetimes(let v, let format): .datetimes(rows.map { v[$0] }, format)
            case .strings(let codes, let levels): .strings(codes: rows.map { codes[$0] }, levels: levels)
            }
            return Column(name: column.name, values: values, validity: NullBitmap(rows.map { column.validity.isValid($0) }))
        })
    }
}
