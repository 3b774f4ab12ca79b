import Foundation
import Testing
@testable import Synthesis
import Tabular

/// Issue 12: formulas and templates are bounded (depth, length, repeats) and refused with a
/// message; they never overflow the stack.
@Suite("Hostile input: bounded formulas and templates")
struct BoundedParsingTests {
    private func formulaError(_ text: String) -> String? {
        do {
            _ = try Formula(text)
            return nil
        } catch {
            return error.message
        }
    }

    // MARK: Formula bounds

    @Test("6,000 nested brackets are refused with a message, not a stack overflow")
    func nestedBrackets() {
        let text = String(repeating: "(", count: 6000) + "1" + String(repeating: ")", count: 6000)
        #expect(formulaError(text) == "formula nests deeper than 256 levels")
    }

    @Test("round(round(…)) ×10,000 and 10,000 prefix signs are refused")
    func nestedCalls() {
        // ×10,000 is 70,001 bytes, over the length limit; ×5,000 is within it, over the depth limit.
        let calls = { (count: Int) in String(repeating: "round(", count: count) + "x" + String(repeating: ")", count: count) }
        #expect(formulaError(calls(10_000)) == "formula is 70001 bytes long (the most is 65536)")
        #expect(formulaError(calls(5_000)) == "formula nests deeper than 256 levels")
        #expect(formulaError(String(repeating: "-", count: 10_000) + "1") == "formula nests deeper than 256 levels")
        #expect(formulaError(String(repeating: "not ", count: 10_000) + "true") == "formula nests deeper than 256 levels")
        #expect(formulaError(Array(repeating: "2", count: 10_000).joined(separator: "^")) == "formula nests deeper than 256 levels")
    }

    @Test("a flat chain of 100,000 terms is refused by length; a long chain within the length by depth")
    func flatChains() {
        let huge = Array(repeating: "1", count: 100_000).joined(separator: "+")
        #expect(formulaError(huge) == "formula is 199999 bytes long (the most is 65536)")
        let long = Array(repeating: "x", count: 20_000).joined(separator: "+")
        #expect(formulaError(long) == "formula nests deeper than 256 levels (each operator of a chain such as a + b + c is a level)")
    }

    @Test("formulas at the limits parse, compile and evaluate")
    func atTheLimits() throws {
        // 255 brackets around a number: depth 255.
        let brackets = String(repeating: "(", count: 255) + "7" + String(repeating: ")", count: 255)
        #expect(try Formula(brackets).evaluate() == .number(7))
        // 256 terms: a chain of 255 additions, a tree 256 levels deep, over a column.
        let chain = Array(repeating: "x", count: 256).joined(separator: "+")
        let column = FormulaColumn(values: .decimals([1, 2], DecimalStyle()), validity: NullBitmap(count: 2, allValid: true))
        let compiled = try Formula(chain).compile(columns: ["x": column])
        #expect(compiled.value(at: 1) == .number(512))
        #expect(formulaError(chain + "+x") != nil)
        // Exactly 64 KiB of text is allowed.
        let padded = "1" + String(repeating: " ", count: Formula.maximumLength - 1)
        #expect(try Formula(padded).evaluate() == .number(1))
        #expect(formulaError(padded + " ") == "formula is 65537 bytes long (the most is 65536)")
    }

    // MARK: Pattern bounds

    private func templateError(_ template: String) -> String? {
        do {
            _ = try PatternParser.parse(template)
            return nil
        } catch {
            return error.description
        }
    }

    @Test("templates: nesting, length and repeats are bounded")
    func templateBounds() throws {
        let deep = String(repeating: "(", count: 6000) + "a" + String(repeating: ")", count: 6000)
        #expect(templateError(deep) == "template nests groups deeper than 256 levels at 257")
        let ok = String(repeating: "(", count: 256) + "a" + String(repeating: ")", count: 256)
        #expect(try PatternParser.parse(ok) == .literal("a"))
        #expect(templateError(String(repeating: "a", count: 70_000)) == "template is 70000 bytes long (the most is 65536) at 1")
        // Each quantifier is within bounds, but together the value would be 9,000,000 characters.
        #expect(templateError(String(repeating: "a{1000}", count: 9000)) == "values up to 9000000 characters long (the most is 4096) at 1")
        #expect(templateError("a{99999999999999999999}") == "quantifier repeats more than 1000 times at 2")
    }
}
