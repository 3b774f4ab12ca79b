import Foundation
import Testing
@testable import Fidelity
import Tabular

@Suite("DCR share and holdout copy rate")
struct DCRShareTests {
    /// Rows of `x,y,c` drawn from one distribution: two normal-ish numbers and a category.
    private static func rows(_ count: Int, seed: UInt64) -> [String] {
        var random = PrivacyRandom(seed: seed, purpose: 7)
        return (0..<count).map { _ in
            let x = (0..<4).map { _ in random.nextUnit() }.reduce(0, +)
            let y = x + random.nextUnit()
            let c = ["a", "b", "c"][Int(random.next(below: 3))]
            return String(format: "%.6f,%.6f,", x, y) + c
        }
    }

    private static func data(training: [String], holdout: [String], synthetic: [String]) throws -> FidelityData {
        func table(_ rows: [String], _ name: String) throws -> Table {
            try CSVReader.read(.bytes(Array((["x,y,c"] + rows).joined(separator: "\n").appending("\n").utf8), name: name)).table
        }
        return FidelityData(real: try table(training, "real.csv"), synthetic: try table(synthetic, "synthetic.csv"),
                            holdout: try table(holdout, "holdout.csv"), kinds: ["x": .decimal, "y": .decimal, "c": .categorical])
    }

    @Test("copies of training rows give 1, copies of holdout rows give 0 (equal sizes: no sampling)")
    func copies() throws {
        let training = Self.rows(300, seed: 1)
        let holdout = Self.rows(300, seed: 2)
        let copiesTraining = try #require(PrivacyReport.compute(try Self.data(training: training, holdout: holdout, synthetic: training)).dcrShare)
        #expect(copiesTraining.share == 1)
        #expect(copiesTraining.rows == 300)
        let copiesHoldout = try #require(PrivacyReport.compute(try Self.data(training: training, holdout: holdout, synthetic: holdout)).dcrShare)
        #expect(copiesHoldout.share == 0)
        #expect(copiesHoldout.standardError == 0)
    }

    @Test("fresh draws from the same distribution sit near 0.5, within 4 standard errors")
    func freshDraws() throws {
        let report = PrivacyReport.compute(try Self.data(training: Self.rows(2500, seed: 3), holdout: Self.rows(2000, seed: 4),
                                                         synthetic: Self.rows(3000, seed: 5)))
        let share = try #require(report.dcrShare)
        #expect(share.rows == 2000)
        #expect(abs(share.standardError - (share.share * (1 - share.share) / 2000).squareRoot()) < 1e-15)
        #expect(abs(share.share - 0.5) <= 4 * 0.5 / 2000.0.squareRoot(), "\(share.share)")
        #expect(share.verdict == "synthetic rows are no closer to training rows than unseen real rows are")
    }

    @Test("identical training and holdout sets tie on every row: exactly 0.5")
    func ties() throws {
        let real = Self.rows(200, seed: 6)
        let share = try #require(PrivacyReport.compute(try Self.data(training: real, holdout: real, synthetic: Self.rows(200, seed: 7))).dcrShare)
        #expect(share.share == 0.5)
        #expect(share.ties == 200)
        #expect(DCRShare.from(toTraining: [0, 1, 2, 3], toHoldout: [1, 1, 1, 3 + 1e-13])?.share == (1 + 0.5 + 0.5) / 4)
    }

    @Test("a small sample cannot support a verdict; a high share says the rows may be copied")
    func verdicts() throws {
        let training = Self.rows(300, seed: 1)
        let share = try #require(PrivacyReport.compute(try Self.data(training: training, holdout: Self.rows(30, seed: 2), synthetic: training)).dcrShare)
        #expect(share.rows == 30)
        #expect(share.verdict.hasPrefix("too few holdout rows for a verdict"))
        let copied = DCRShare(share: 0.6, standardError: 0.005, rows: 10_000, closerToTraining: 6000, ties: 0)
        #expect(copied.verdict == "synthetic rows sit closer to training rows than unseen real rows do: they may copy them")
    }

    @Test("encoding: pooled mid-ranks over the count, missing as 0 with an indicator, categories one-hot (2 per mismatch)")
    func encoding() throws {
        let training = try CSVReader.read(.bytes(Array("x,c\n1,a\n2,b\n".utf8), name: "t.csv")).table
        let holdout = try CSVReader.read(.bytes(Array("x,c\n2,a\n3,\n".utf8), name: "h.csv")).table
        let synthetic = try CSVReader.read(.bytes(Array("x,c\n,a\n2.5,\n2,b\n".utf8), name: "s.csv")).table
        let encoding = PrivacyEncoding(FidelityData(real: training, synthetic: synthetic, holdout: holdout, kinds: ["x": .decimal, "c": .categorical]))
        let space = EuclideanRankSpace(pooled: [encoding.real, encoding.holdout!])
        // Pooled 1, 2, 2, 3: mid-ranks 1, 2.5, 2.5, 4 over 4; 2.5 is absent: 3 smaller + ½.
        #expect(space.coordinate(1, column: 0) == 0.25)
        #expect(space.coordinate(2, column: 0) == 0.625)
        #expect(space.coordinate(3, column: 0) == 1)
        #expect(space.coordinate(2.5, column: 0) == 0.875)
        #expect(space.coordinate(.nan, column: 0) == 0)
        let reference = EuclideanNearest(space.encode(encoding.real))
        let distances = reference.nearestSquared(space.encode(encoding.synthetic))
        // (–, a) to (1, a): 0.25² + indicator 1; to (2, b): 0.625² + 1 + 2.
        #expect(distances[0] == 0.0625 + 1)
        // (2.5, –) to (2, b): 0.25² + 2 (missing is its own level); to (1, a): 0.625² + 2.
        #expect(distances[1] == 0.0625 + 2)
        #expect(distances[2] == 0)
    }

    @Test("the grouped search finds the same nearest squared distances as a brute-force scan")
    func searchMatchesBruteForce() {
        for (categorical, numeric, seed) in [(3, 4, UInt64(1)), (0, 5, 2), (4, 0, 3), (2, 2, 4), (1, 9, 5)] {
            var random = PrivacyRandom(seed: seed, purpose: 99)
            let real = PrivacyTests.randomRows(count: 400, categorical: categorical, numeric: numeric, random: &random)
            let queries = PrivacyTests.randomRows(count: 300, categorical: categorical, numeric: numeric, random: &random)
            let space = EuclideanRankSpace(pooled: [real])
            let points = space.encode(real)
            let queryPoints = space.encode(queries)
            let found = EuclideanNearest(points).nearestSquared(queryPoints)
            for query in 0..<queries.count {
                var best = Double.infinity
                for row in 0..<real.count {
                    var sum = Double(queryPoints.keyDistance(query, points, row))
                    for column in 0..<numeric {
                        let difference = queryPoints.coordinates[query * numeric + column] - points.coordinates[row * numeric + column]
                        sum += difference * difference
                    }
                    best = min(best, sum)
                }
                #expect(abs(found[query] - best) < 1e-12, "seed \(seed) query \(query)")
            }
        }
    }

    @Test("holdout_copy_rate counts holdout rows equal to a training row; nil without a holdout")
    func holdoutCopyRate() throws {
        let training = ["1.000000,2.000000,a", "1.000000,2.000000,a", "3.000000,4.000000,b"]
        let holdout = ["1.000000,2.000000,a", "1.000000,2.000000,a", "3.000000,4.000000,c", "5.000000,6.000000,a"]
        let report = PrivacyReport.compute(try Self.data(training: training, holdout: holdout, synthetic: training))
        #expect(report.holdoutCopyRate == 0.5)
        #expect(report.exactCopyRate == 1)
        let withoutHoldout = PrivacyReport.compute(FidelityData(real: try Self.data(training: training, holdout: holdout, synthetic: training).real,
                                                                synthetic: try Self.data(training: training, holdout: holdout, synthetic: training).synthetic,
                                                                kinds: ["x": .decimal, "y": .decimal, "c": .categorical]))
        #expect(withoutHoldout.holdoutCopyRate == nil)
        #expect(withoutHoldout.dcrShare == nil)
    }

    @Test("the figures, their requirement and the JSON fields")
    func figures() throws {
        #expect(FidelityReport.figureNames.contains("dcr_share") && FidelityReport.figureNames.contains("holdout_copy_rate"))
        #expect(FidelityReport.requiredInput(for: "dcr_share") == "--holdout")
        #expect(FidelityReport.requiredInput(for: "holdout_copy_rate") == "--holdout")
        let training = Self.rows(300, seed: 1)
        let report = FidelityReport.compute(try Self.data(training: training, holdout: Self.rows(300, seed: 2), synthetic: training), target: nil)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json().utf8)) as? [String: Any])
        #expect(object["dcr_share"] as? Double == 1)
        #expect(object["dcr_share_se"] as? Double == 0)
        #expect(object["dcr_share_rows"] as? Int == 300)
        #expect((object["dcr_share_verdict"] as? String)?.contains("may copy them") == true)
        #expect(object["holdout_copy_rate"] as? Double == 0)
        #expect(report.holdoutVerdicts.count == 2)
    }
}
