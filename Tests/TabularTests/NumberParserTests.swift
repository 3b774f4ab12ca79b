import Testing
@testable import Tabular

@Suite("Number parsing")
struct NumberParserTests {
    private func parse(_ text: String) -> ParsedNumber {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { NumberParser.parse(UnsafeBufferPointer($0)) }
    }

    @Test func integers() {
        #expect(parse("0") == .integer(0, trailingZeroDigits: 0))
        #expect(parse("-42") == .integer(-42, trailingZeroDigits: 0))
        #expect(parse("517.0") == .integer(517, trailingZeroDigits: 1))
        #expect(parse("517.00") == .integer(517, trailingZeroDigits: 2))
        #expect(parse("9223372036854775807") == .integer(.max, trailingZeroDigits: 0))
        #expect(parse("-9223372036854775808") == .integer(.min, trailingZeroDigits: 0))
        #expect(parse("9223372036854775808") == .notNumber)
    }

    @Test func decimals() {
        #expect(parse("3.25") == .decimal(3.25, fractionDigits: 2))
        #expect(parse("-0.001") == .decimal(-0.001, fractionDigits: 3))
        #expect(parse(".5") == .decimal(0.5, fractionDigits: 1))
        #expect(parse("1e5") == .decimal(100_000, fractionDigits: 0))
        // With an exponent, the digits after the point that the value needs (its precision).
        #expect(parse("2.5E-3") == .decimal(0.0025, fractionDigits: 4))
        #expect(parse("0.30000000000000004") == .decimal(0.30000000000000004, fractionDigits: 17))
        #expect(parse("1.7976931348623157e308") == .decimal(.greatestFiniteMagnitude, fractionDigits: 0))
        #expect(parse("-1.7976931348623157e308") == .decimal(-.greatestFiniteMagnitude, fractionDigits: 0))
        #expect(parse("4.9406564584124654e-324") == .decimal(.leastNonzeroMagnitude, fractionDigits: 340))
        #expect(parse("2.2250738585072014e-308") == .decimal(.leastNormalMagnitude, fractionDigits: 324))
        #expect(parse("123456789012345678901234.5") == .decimal(123456789012345678901234.5, fractionDigits: 1))
    }

    @Test func notNumbers() {
        for text in ["", "-", ".", "abc", "1a", "007", "+5", "1e", "1.2.3", " 1", "1 ", "0x10", "inf", "--1"] {
            #expect(parse(text) == .notNumber, "\(text)")
        }
    }

    @Test("every decimal the writer prints reads back to the same Double")
    func roundTripThroughWriter() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random() ? 1 : -1)
            let scaled = [value, Double.random(in: -1000...1000), (Double.random(in: 0...100) * 100).rounded() / 100][Int.random(in: 0...2)]
            var bytes: [UInt8] = []
            ValueFormatter.appendDecimal(scaled, to: &bytes)
            let text = String(decoding: bytes, as: UTF8.self)
            switch parse(text) {
            case .decimal(let back, _): #expect(back == scaled, "\(text)")
            case .integer(let back, _): #expect(Double(back) == scaled, "\(text)")
            default: Issue.record("\(scaled) was written as \(text), which does not read as a decimal")
            }
        }
    }

    @Test("literals beyond Double's range are not numbers: the column keeps them as text")
    func outOfRangeLiterals() throws {
        for text in ["1e309", "-1e309", "1e-400", "-2.5e-999", "1" + String(repeating: "0", count: 400) + ".5"] {
            var bytes = Array(text.utf8)
            let parsed = bytes.withUnsafeMutableBufferPointer { NumberParser.parse(UnsafeBufferPointer($0)) }
            #expect(parsed == .notNumber, "\(text)")
        }
        let result = try Fixtures.read("big,fine\n1e309,1\n2,1.7976931348623157e308\n")
        #expect(Fixtures.texts(result.table.columns[0]) == ["1e309", "2"])
        #expect(result.table.columns[1].values.numericValue(at: 1) == .greatestFiniteMagnitude)
        let tiny = try Fixtures.read("t\n4.9406564584124654e-324\n1e-320\n")
        #expect(tiny.table.columns[0].values.numericValue(at: 0) == .leastNonzeroMagnitude)
        #expect(Fixtures.texts(tiny.table.columns[0]) == ["5e-324", "1e-320"])
    }
}
