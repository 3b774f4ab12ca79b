import Testing
@testable import Fidelity

@Suite("Quality gates")
struct QualityGateTests {
    let known = ["quality", "exact_copy_rate", "dcr_overfitting_protection"]

    @Test("parsing METRIC=VALUE, with clear errors")
    func parsing() throws {
        let gate = try QualityGate.parse("quality=0.9", bound: .min, known: known)
        #expect(gate == QualityGate(metric: "quality", bound: .min, threshold: 0.9))
        #expect(gate.description == "--min quality=0.9")
        #expect(throws: GateError.self) { try QualityGate.parse("quality", bound: .min, known: known) }
        #expect(throws: GateError.self) { try QualityGate.parse("beauty=1", bound: .min, known: known) }
        #expect(throws: GateError.self) { try QualityGate.parse("quality=high", bound: .min, known: known) }
        do {
            _ = try QualityGate.parse("beauty=1", bound: .max, known: known)
        } catch let error as GateError {
            #expect(error.description == "--max beauty=1: unknown metric 'beauty'; known: quality, exact_copy_rate, dcr_overfitting_protection")
        }
    }

    @Test("misses name each threshold missed; nil figures are errors")
    func checking() throws {
        let gates = [QualityGate(metric: "quality", bound: .min, threshold: 0.9),
                     QualityGate(metric: "exact_copy_rate", bound: .max, threshold: 0)]
        let passing = try GateCheck.misses(gates, figures: ["quality": 0.93, "exact_copy_rate": 0], whyMissing: { _ in "" })
        #expect(passing.isEmpty)
        let missing = try GateCheck.misses(gates, figures: ["quality": 0.8512, "exact_copy_rate": 0.01], whyMissing: { _ in "" })
        #expect(missing == ["quality = 0.8512 < 0.9 (--min quality=0.9)", "exact_copy_rate = 0.01 > 0 (--max exact_copy_rate=0)"])
        let holdout = QualityGate(metric: "dcr_overfitting_protection", bound: .min, threshold: 0.5)
        #expect(throws: GateError.self) {
            _ = try GateCheck.misses([holdout], figures: ["dcr_overfitting_protection": Double?.none], whyMissing: { _ in "it needs --holdout" })
        }
    }
}
