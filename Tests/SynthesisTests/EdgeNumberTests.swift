import Foundation
import Testing
@testable import Synthesis
import Tabular

/// Issue 12: numbers at the edges of Double (±1.8e308, subnormals) are generated faithfully:
/// never empty, never one constant.
@Suite("Numbers at the edges of Double")
struct EdgeNumberTests {
    // MARK: Numbers at the edges of Double

    private static let extremes = """
        x,tiny
        -1.7976931348623157e308,4.9406564584124654e-324
        1.7976931348623157e308,1e-320
        -1.5e308,2.5e-322
        1.5e308,4.9406564584124654e-324
        0,1e-320
        1e308,2.5e-322

        """

    private func sample(_ column: String, strategy: String, kind: ColumnKind = .decimal, _ parameters: Parameters = Parameters()) throws -> [Double] {
        let table = try Datasets.inline(Self.extremes)
        let plan = Plan(seed: 5, columns: [ColumnPlan(name: column, kind: kind, strategy: strategy, parameters: parameters)])
        let sampled = try FittedPlan.fit(plan, on: table).sample(rows: 2000)[0]
        #expect(sampled.nullCount == 0, "\(strategy) made nulls out of finite values")
        return Fixture.numbers(sampled)
    }

    @Test("a column spanning ±1.8e308: uniform, histogram, parametric and kde make spread, finite values", arguments: [
        ("uniform", Parameters()), ("histogram", Parameters()), ("parametric", Parameters()),
        ("parametric", Parameters(["family": "normal"])), ("parametric", Parameters(["family": "uniform"])), ("kde", Parameters()),
    ])
    func hugeRange(_ strategy: String, _ parameters: Parameters) throws {
        let values = try sample("x", strategy: strategy, parameters)
        #expect(values.count == 2000)
        #expect(values.allSatisfy { $0.isFinite && $0 >= -.greatestFiniteMagnitude && $0 <= .greatestFiniteMagnitude })
        #expect(Set(values).count > 100, "\(strategy): \(Set(values).count) distinct values")
        #expect(values.contains { $0 < -1e307 } && values.contains { $0 > 1e307 })
    }

    @Test("subnormal values keep their magnitude (rounding to their precision does not make them 0)", arguments: ["uniform", "histogram", "empirical"])
    func subnormals(_ strategy: String) throws {
        let values = try sample("tiny", strategy: strategy)
        #expect(values.allSatisfy { $0 > 0 && $0 <= 1e-320 })
        #expect(values.contains { $0 < 1e-321 })
    }

    @Test("rounding leaves values that are already that precise alone")
    func rounding() {
        let scale = NumberScale.powerOfTen(1)
        #expect(NumberScale.round(1.7976931348623157e308, scale: scale) == 1.7976931348623157e308)
        #expect(NumberScale.round(-1.7976931348623157e308, scale: scale) == -1.7976931348623157e308)
        #expect(NumberScale.round(4.9406564584124654e-324, scale: NumberScale.powerOfTen(325)) == 4.9406564584124654e-324)
        #expect(NumberScale.round(2.25, scale: scale) == 2.3)
        #expect(FiniteRange.interpolate(-.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0.5) == 0)
        #expect(FiniteRange.interpolate(-.greatestFiniteMagnitude, .greatestFiniteMagnitude, 1) == .greatestFiniteMagnitude)
        #expect(FiniteRange.fraction(0, -.greatestFiniteMagnitude, .greatestFiniteMagnitude) == 0.5)
    }
}
