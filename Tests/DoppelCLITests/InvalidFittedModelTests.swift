import Foundation
import Testing

/// Issue 12 §1, end to end: a session whose fitted models were edited by hand (or by an
/// attacker) is refused with exit status 2, naming the key, its line and the field inside the
/// model — never a crash, a loop or garbage with exit 0.
///
/// The fixture writes `fitted:` as a plain mapping, which the loader accepts whatever encoding
/// `doppel fit` writes.
@Suite("Invalid fitted models, end to end")
struct InvalidFittedModelTests {
    /// Two columns, one drawn alone (categorical) and both drawn by a CART group whose second
    /// member is a regression tree with one class split (node 0) and two leaves.
    static let session = """
format: 2
plan:
  seed: 7
  rows: 20
  columns:
  - {name: island, kind: categorical, strategy: categorical}
  - {name: flipper_length_mm, kind: integer, strategy: histogram, parameters: {bins: 2}}
  joint:
  - {name: g, model: cart, columns: [island, flipper_length_mm], parameters: {minbucket: 5}}
model:
  columns:
    flipper_length_mm:
      strategy: histogram
      real_values: statistics
      fitted: {lower: 174, upper: 198, probabilities: [0.4, 0.6]}
      options:
        kind: integer
        shape: {integer: {_0: {trailingZeroDigits: 1}}}
        edge_rate: 0
        edge_numbers: []
    island:
      strategy: categorical
      real_values: levels
      fitted:
        levels: [Torgersen, Biscoe]
        probabilities: [0.75, 0.25]
      options:
        kind: categorical
        shape: {text: {}}
        edge_rate: 0
        edge_numbers: []
  joint:
    g:
      model: cart
      columns: [island, flipper_length_mm]
      real_values: values
      fitted:
        members:
        - name: island
          method: sample
          predictors: []
          coding: {levelValues: [], levels: [Torgersen, Biscoe], scale: categorical, shape: {text: {}}}
          conditional:
            marginal:
              _0:
                name: island
                strategy: categorical
                kind: categorical
                shape: {text: {}}
                model: {levels: [Torgersen, Biscoe], probabilities: [0.75, 0.25]}
                null_rate: 0
                edge_rate: 0
                edge_numbers: []
        - name: flipper_length_mm
          method: cart
          predictors: [0]
          coding: {levelValues: [], levels: [], scale: numeric, shape: {integer: {_0: {trailingZeroDigits: 1}}}}
          conditional:
            tree:
              _0:
                feature: [0, -1, -1]
                cut: [0, 0, 0]
                child: [1, 0, 1]
                flags: [2, 0, 0]
                classSets: [1]
                leafStart: [0, 3, 6]
                pool: [0, 1, 2, 2, 3, 4]
                values: [174, 181, 186, 190, 198]
        settings:
          smoothing: none
          tree: {complexity: 1.0e-08, maximumDepth: 30, minimumBucket: 5}
"""

    private func run(_ text: String) throws -> DoppelProcess.Outcome {
        let path = DoppelProcess.temporaryDirectory().appendingPathComponent("fitted.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return try DoppelProcess.run(["run", path, "-o", "-"])
    }

    /// `session` with `old` replaced by `new` (exactly once).
    private func corrupted(_ old: String, _ new: String) -> String {
        let parts = Self.session.components(separatedBy: old)
        #expect(parts.count == 2, "the fixture holds '\(old)' once")
        return parts.joined(separator: new)
    }

    /// The line (1-based) of the `fitted:` key of the model under `owner` (`    g:`, `    island:`).
    private func fittedLine(under owner: String) -> Int {
        let lines = Self.session.components(separatedBy: "\n")
        let start = lines.firstIndex(of: owner)!
        return lines[start...].firstIndex(of: "      fitted:")! + 1
    }

    @Test("the intact fixture runs")
    func intact() throws {
        let outcome = try run(Self.session)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.split(separator: "\n").count == 21)
    }

    @Test("cart: a pool index past the values, a child out of range, a child pointing to itself", arguments: [
        ("pool: [0, 1, 2, 2, 3, 4]", "pool: [0, 1, 2, 2, 3, 40]", "members.1.conditional.tree._0.pool.5: index 40 is out of range (there are 5 values)"),
        ("child: [1, 0, 1]", "child: [7, 0, 1]", "members.1.conditional.tree._0.child.0: child index 7 is out of range (the tree has 3 nodes)"),
        ("child: [1, 0, 1]", "child: [0, 0, 1]", "members.1.conditional.tree._0.child.0: child index 0 does not come after its parent 0"),
    ])
    func cart(_ old: String, _ new: String, _ message: String) throws {
        let outcome = try run(corrupted(old, new))
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains(":\(fittedLine(under: "    g:")): key 'model.joint.g.fitted': the fitted 'cart' model is invalid: "), "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }

    @Test("categorical: more probabilities than levels, and no levels at all", arguments: [
        ("probabilities: [0.75, 0.25]\n", "probabilities: [0.5, 0.25, 0.25]\n", "probabilities: has 3 entries but must have 2 (one per level)"),
        ("levels: [Torgersen, Biscoe]\n        probabilities: [0.75, 0.25]\n", "levels: []\n        probabilities: []\n", "levels: there are no levels; sampling needs at least one"),
    ])
    func categorical(_ old: String, _ new: String, _ message: String) throws {
        let outcome = try run(corrupted(old, new))
        #expect(outcome.status == 2)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.contains(":\(fittedLine(under: "    island:")): key 'model.columns.island.fitted': the fitted 'categorical' model is invalid: \(message)"), "\(outcome.stderr)")
    }
}
