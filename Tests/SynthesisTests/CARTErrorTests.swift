import Foundation
import Testing
@testable import Synthesis
import Tabular

/// Plans the `cart` joint model cannot carry out: each error names the column at fault.
@Suite("cart joint model: errors")
struct CARTErrorTests {
    private func error(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return String(describing: error)
        }
    }

    @Test("bad model and member parameters name the parameter and the column")
    func badParameters() throws {
        let penguins = try Datasets.table("penguins")
        let bucket = error { _ = try CARTFixture.fit(penguins, parameters: Parameters(["minbucket": 0])) }
        #expect(bucket.contains("'minbucket'"), "\(bucket)")
        let fraction = error { _ = try CARTFixture.fit(penguins, parameters: Parameters(["minbucket": 2.5])) }
        #expect(fraction.contains("'minbucket'") && fraction.contains("whole number"), "\(fraction)")
        let smoothing = error { _ = try CARTFixture.fit(penguins, parameters: Parameters(["smoothing": "spline"])) }
        #expect(smoothing.contains("'smoothing'") && smoothing.contains("none, density"), "\(smoothing)")
        let method = error { _ = try CARTFixture.fit(penguins, members: ["sex": Parameters(["method": "ctree"])]) }
        #expect(method.contains("column 'sex'") && method.contains("'method'"), "\(method)")
    }

    @Test("a method that does not suit the column's kind names the column and the method")
    func wrongMethods() throws {
        let penguins = try Datasets.table("penguins")
        let cases: [(String, String, String)] = [
            ("island", "norm", "method 'norm' needs numbers"),
            ("island", "logreg", "method 'logreg' needs a column with two classes, but the column has 3"),
            ("body_mass_g", "logreg", "method 'logreg' needs a column with two classes, but the column holds numbers"),
            ("body_mass_g", "polyreg", "method 'polyreg' needs a categorical column"),
        ]
        for (column, method, message) in cases {
            let text = error { _ = try CARTFixture.fit(penguins, members: [column: Parameters(["method": .text(method)])]) }
            #expect(text.contains("column '\(column)'") && text.contains(message), "\(column)/\(method): \(text)")
        }
    }

    @Test("predictors must be earlier members; the first member has none")
    func predictors() throws {
        let penguins = try Datasets.table("penguins")
        let later = error { _ = try CARTFixture.fit(penguins, members: ["island": Parameters(["predictors": .list(["sex"])])]) }
        #expect(later.contains("column 'island'") && later.contains("predictor 'sex' is not an earlier column") && later.contains("(earlier: species)"), "\(later)")
        let unknown = error { _ = try CARTFixture.fit(penguins, members: ["sex": Parameters(["predictors": .list(["wingspan"])])]) }
        #expect(unknown.contains("column 'sex'") && unknown.contains("predictor 'wingspan'"), "\(unknown)")
        let first = error { _ = try CARTFixture.fit(penguins, members: ["species": Parameters(["predictors": .list(["island"])])]) }
        #expect(first.contains("column 'species'") && first.contains("first in the visit sequence"), "\(first)")
        let number = error { _ = try CARTFixture.fit(penguins, members: ["sex": Parameters(["predictors": .list([3])])]) }
        #expect(number.contains("column 'sex'") && number.contains("must be column names"), "\(number)")
    }

    @Test("kinds the model does not handle are refused by name")
    func unsupportedKind() throws {
        let table = try CARTFixture.table("id,v\nA1,1\nA2,2\nA3,3\n")
        let text = error { _ = try CARTFixture.fit(table, kinds: ["id": .identifier]) }
        #expect(text.contains("column 'id'") && text.contains("does not model kind 'identifier'"), "\(text)")
    }
}
