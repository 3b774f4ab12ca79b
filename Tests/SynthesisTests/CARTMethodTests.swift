import Foundation
import Testing
@testable import Synthesis
import Tabular

/// The regression methods a member may use instead of a tree: each recovers a known relation.
@Suite("cart joint model: norm, logreg, polyreg")
struct CARTMethodTests {
    /// x ~ N(0, 1); g in {a, b, c} by x's tercile-ish; y = 2x + 1 + N(0, 0.5); z = 1 with
    /// probability logistic(2x); w depends on g: a→p, b→q, c→r with probability 0.8.
    private func fixture() throws -> Table {
        var random = RandomStream(seed: 21)
        var lines = ["x,g,y,z,w"]
        for _ in 0..<4000 {
            let x = random.nextNormal()
            let g = random.nextIndex(3)
            let y = 2 * x + 1 + 0.5 * random.nextNormal()
            let z = random.nextUnit() < 1 / (1 + exp(-2 * x)) ? "yes" : "no"
            let others = ["p", "q", "r"]
            let w = random.nextUnit() < 0.8 ? others[g] : others[(g + 1 + random.nextIndex(2)) % 3]
            lines.append("\(String(format: "%.4f", x)),\(["a", "b", "c"][g]),\(String(format: "%.4f", y)),\(z),\(w)")
        }
        return try CARTFixture.table(lines.joined(separator: "\n") + "\n")
    }

    @Test("norm: slope, intercept and residual spread of y on x")
    func norm() throws {
        let table = try fixture()
        let model = try CARTFixture.fit(table, columns: ["x", "y"], members: ["y": Parameters(["method": "norm"])])
        let synthetic = try CARTFixture.sample(model, like: table, rows: 20_000)
        let x = CARTFixture.numbers(synthetic, "x").map { $0! }
        let y = CARTFixture.numbers(synthetic, "y").map { $0! }
        let mx = x.reduce(0, +) / Double(x.count)
        let my = y.reduce(0, +) / Double(y.count)
        let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        let intercept = my - slope * mx
        let residual = (zip(x, y).reduce(0) { $0 + pow($1.1 - intercept - slope * $1.0, 2) } / Double(x.count)).squareRoot()
        #expect(abs(slope - 2) < 0.05, "slope \(slope)")
        #expect(abs(intercept - 1) < 0.05, "intercept \(intercept)")
        #expect(abs(residual - 0.5) < 0.03, "residual sd \(residual)")
        // Four decimals, as the source.
        #expect(y.allSatisfy { abs(($0 * 10_000).rounded() - $0 * 10_000) < 1e-6 })
    }

    @Test("logreg: the share of yes rises with x as the logistic curve does")
    func logreg() throws {
        let table = try fixture()
        let model = try CARTFixture.fit(table, columns: ["x", "z"], members: ["z": Parameters(["method": "logreg"])])
        let synthetic = try CARTFixture.sample(model, like: table, rows: 20_000)
        let pairs = zip(CARTFixture.numbers(synthetic, "x"), CARTFixture.texts(synthetic, "z")).map { ($0!, $1!) }
        for (low, high) in [(-3.0, -1.0), (-0.25, 0.25), (1.0, 3.0)] {
            let slice = pairs.filter { $0.0 >= low && $0.0 < high }
            let share = Double(slice.count { $0.1 == "yes" }) / Double(slice.count)
            let expected = slice.reduce(0) { $0 + 1 / (1 + exp(-2 * $1.0)) } / Double(slice.count)
            #expect(abs(share - expected) < 0.04, "x in [\(low), \(high)): \(share) against \(expected)")
        }
    }

    @Test("polyreg: w follows g with probability 0.8")
    func polyreg() throws {
        let table = try fixture()
        let model = try CARTFixture.fit(table, columns: ["g", "w"], members: ["w": Parameters(["method": "polyreg"])])
        let synthetic = try CARTFixture.sample(model, like: table, rows: 20_000)
        let pairs = zip(CARTFixture.texts(synthetic, "g"), CARTFixture.texts(synthetic, "w")).map { ($0!, $1!) }
        for (g, w) in [("a", "p"), ("b", "q"), ("c", "r")] {
            let slice = pairs.filter { $0.0 == g }
            let share = Double(slice.count { $0.1 == w }) / Double(slice.count)
            #expect(abs(share - 0.8) < 0.03, "P(w = \(w) | g = \(g)) = \(share)")
        }
    }

    @Test("sample ignores the other members: its own strategy's draws")
    func sample() throws {
        let table = try fixture()
        let model = try CARTFixture.fit(table, columns: ["x", "y"], members: ["y": Parameters(["method": "sample"])])
        let synthetic = try CARTFixture.sample(model, like: table, rows: 20_000)
        let x = CARTFixture.numbers(synthetic, "x").map { $0! }
        let y = CARTFixture.numbers(synthetic, "y").map { $0! }
        #expect(abs(CARTFixture.correlation(x, y)) < 0.03)
    }
}
