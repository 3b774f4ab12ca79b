import Testing
@testable import Fidelity
import Tabular

/// The report's rule adherence: rules found in the real rows, checked in the synthetic ones.
@Suite struct RuleAdherenceTests {
    static func table(_ rows: Int, broken: (Int) -> Bool) throws -> Table {
        var text = "a,b,total\n"
        for row in 0..<rows {
            let a = row * 7 % 97, b = row * 13 % 89
            text += "\(a),\(b),\(a + b + (broken(row) ? 1 : 0))\n"
        }
        return try CSVReader.read(.bytes(Array(text.utf8), name: "sums.csv")).table
    }

    @Test func theExcessOfSyntheticViolationsIsTheGateFigure() throws {
        let real = try Self.table(1_000) { _ in false }
        let synthetic = try Self.table(1_000) { $0 % 10 == 0 }
        let adherence = RuleAdherence.compute(FidelityData(real: real, synthetic: synthetic))
        let sum = try #require(adherence.entries.first { $0.rule.text == "total = a + b" })
        #expect(sum.real.violations == 0)
        #expect(sum.synthetic.violations == 100)
        #expect(abs(adherence.violationRate - 0.1) < 1e-12)
        let report = FidelityReport.compute(FidelityData(real: real, synthetic: synthetic), target: nil)
        #expect(report.figureTable["rule_violation_rate"] == .some(adherence.violationRate))
        #expect(report.json().contains("\"rules\""))
    }

    @Test func supportNeverReadsOneHundredPercentWhileARowBreaksTheRule() {
        #expect(RuleAdherence.supportPercent(1) == "100%")
        #expect(RuleAdherence.supportPercent(0.99996) == "99.996%")
        #expect(RuleAdherence.supportPercent(0.9997) == "99.97%")
        #expect(RuleAdherence.supportPercent(0.5) == "50.0%")
    }
}
