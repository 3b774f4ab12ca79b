import Foundation
import Testing
@testable import Fidelity
import Tabular

@Suite("Quality report: which columns are scored, and SDV's detection")
struct QualityColumnsTests {
    /// A code column, a text column, a near-unique text column and an identifier. Real counts:
    /// part N1A 3, N2B 3, N3C 2; remark "red car" 4, "blue van" 4. Synthetic: part N1A 3, N2B 3,
    /// N3C 1, N4D 1; remark 5 and 3.
    static func fixture() -> FidelityData {
        let real = [
            QualityFixture.words("key", ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8"]),
            QualityFixture.words("part", ["N1A", "N1A", "N2B", "N2B", "N3C", "N3C", "N1A", "N2B"]),
            QualityFixture.words("remark", ["red car", "red car", "blue van", "blue van", "red car", "blue van", "red car", "blue van"]),
            QualityFixture.words("note", ["a b c", "d e f", "g h i", "j k l", "m n o", "p q r", "a b c", "d e f"]),
        ]
        let synthetic = [
            QualityFixture.words("key", ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"]),
            QualityFixture.words("part", ["N1A", "N2B", "N2B", "N2B", "N3C", "N4D", "N1A", "N1A"]),
            QualityFixture.words("remark", ["red car", "red car", "red car", "blue van", "red car", "blue van", "red car", "blue van"]),
            QualityFixture.words("note", ["a b c", "a b c", "a b c", "a b c", "a b c", "a b c", "a b c", "a b c"]),
        ]
        return QualityFixture.data(real: real, synthetic: synthetic,
                                   kinds: ["key": .identifier, "part": .code, "remark": .text, "note": .text])
    }

    @Test("code and text columns are scored as categories: TVD shapes, a contingency pair (hand-computed; SDMetrics 0.32 gives the same)")
    func codeAndTextScored() throws {
        let report = QualityReport.compute(Self.fixture())
        #expect(report.columns.map(\.column) == ["part", "remark"])
        #expect(report.columns.allSatisfy { $0.metric == .tvComplement })
        // part: 1 − ½(|1/8 − 2/8| + 1/8) = 0.875, less SDMetrics' 1e-6 pseudo-count for N4D.
        let part = try #require(report.columns[0].score)
        #expect(abs(part - 0.875) < 1e-6)
        // remark: 1 − ½(|5/8 − 4/8| + |3/8 − 4/8|) = 0.875.
        #expect(abs(try #require(report.columns[1].score) - 0.875) < 1e-15)
        // Joint cells real (N1A,red) 3, (N2B,blue) 3, (N3C,red) 1, (N3C,blue) 1; synthetic
        // (N1A,red) 2, (N1A,blue) 1, (N2B,red) 2, (N2B,blue) 1, (N3C,red) 1, (N4D,blue) 1:
        // Σ|Δ| = 8/8, similarity 0.5. Cramér's V of the real table sqrt(6 / 8 / 1) = 0.866 > 0.3.
        let pair = try #require(report.pairs.first)
        #expect(report.pairs.count == 1)
        #expect(pair.metric == .contingencySimilarity && pair.score == 0.5 && pair.meetsThreshold)
        #expect(abs(try #require(pair.realAssociation) - 0.75.squareRoot()) < 1e-12)
        // SDMetrics 0.32's QualityReport with both columns categorical: 0.6875000078124991.
        #expect(abs(try #require(report.score) - 0.6875000078124991) < 1e-12)
    }

    @Test("an identifier and a near-unique text column are left out and named")
    func idLikeLeftOut() {
        let report = QualityReport.compute(Self.fixture())
        #expect(report.leftOut.map(\.column) == ["key", "note"])
        #expect(report.leftOut[0].reason == "an identifier")
        #expect(report.leftOut[1].reason.hasPrefix("near-unique text: 6 distinct values in 8 rows"))
        #expect(!report.columns.contains { $0.column == "note" || $0.column == "key" })
    }

    @Test("with scoresTextAndCodes off only the evaluated kinds are scored (joint model trials)")
    func settingOff() {
        let report = QualityReport.compute(Self.fixture(), settings: QualitySettings(scoresTextAndCodes: false))
        #expect(report.columns.isEmpty && report.score == nil)
        #expect(report.leftOut.map(\.column) == ["key", "part", "remark", "note"])
    }

    @Test("SDV's PII and id sdtypes by name, as its _detect_pii_column and _detect_id_column give them")
    func sdvNames() {
        #expect(SDVDetection.personalDataSDType("Email") == "email")
        #expect(SDVDetection.personalDataSDType("customer_e-mail") == "email")  // symbols removed first
        #expect(SDVDetection.personalDataSDType("home_city") == "city")
        #expect(SDVDetection.personalDataSDType("ethnicity") == nil)  // `city` only as a whole token
        #expect(SDVDetection.personalDataSDType("state") == "administrative_unit")
        #expect(SDVDetection.personalDataSDType("statement") == nil)
        #expect(SDVDetection.personalDataSDType("Latitude") == "latitude")
        #expect(SDVDetection.personalDataSDType("zip code") == "postcode")
        #expect(SDVDetection.personalDataSDType("driver_license_no") == "license_plate")
        #expect(SDVDetection.personalDataSDType("tailnum") == nil)
        #expect(SDVDetection.isIdByName("customer_id") && SDVDetection.isIdByName("ID") && SDVDetection.isIdByName("userId"))
        #expect(!SDVDetection.isIdByName("idle") && !SDVDetection.isIdByName("paid") && !SDVDetection.isIdByName("userid"))
        #expect(SDVDetection.tokenize("userId") == ["id"])  // SDV's `[A-Z][^A-Z]*` drops the lower-case head
        #expect(SDVDetection.tokenize("dep_time") == ["dep", "time"])
    }

    @Test("SDV's primary key is the first unique null-free column of whole non-negative numbers or text")
    func sdvPrimaryKey() throws {
        let csv = """
            score,row,label,city_name,size
            1.5,0,x1,Paris,1
            2.5,1,x2,Lyon,1
            3.5,2,x3,Nice,2
            4.5,3,x4,Paris,2
            5.5,4,x5,Lyon,3
            6.5,5,x6,Nice,3

            """
        let table = try CSVReader.read(.bytes(Array(csv.utf8), name: "t.csv")).table
        let skips = SDVDetection.skipped(table)
        // score is unique but has fractions; row is the key; label, unique too, is scored by SDV.
        #expect(skips == ["row": .primaryKey, "city_name": .personalData(sdtype: "city")])
        let data = FidelityData(real: table, synthetic: table,
                                kinds: ["score": .decimal, "row": .integer, "label": .text, "city_name": .categorical, "size": .integer])
        let report = QualityReport.compute(data)
        #expect(report.detectionDifferences.map(\.column) == ["row", "label", "city_name"])
        #expect(report.detectionDifferences[0].note == "SDV's detection would treat 'row' as the primary key (its values are unique) and skip it; Doppel scores it")
        #expect(report.detectionDifferences[1].note.hasPrefix("Doppel leaves 'label' out (near-unique text"))
        #expect(report.detectionDifferences[2].note == "SDV's detection would treat 'city_name' as PII (sdtype city, from its name) and skip it; Doppel scores it")
    }
}
