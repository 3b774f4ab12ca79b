import Foundation
import Testing
import TestSupport
@testable import Tabular

@Suite("CSV round trips")
struct CSVRoundTripTests {
    @Test("random text with quotes, delimiters, newlines and non-ASCII survives write then read", arguments: [1, 2, 3, 4, 5])
    func randomText(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let alphabet: [String] = ["a", "b", "Z", " ", ",", ";", "\"", "\n", "\r\n", "é", "漢", "🙂", "x y", "'", "\t"]
        let rows = 200
        let columns = (0..<4).map { index -> Column in
            var levels: [String] = []
            var codes: [UInt32] = []
            var valid: [Bool] = []
            for _ in 0..<rows {
                let length = Int.random(in: 1...12, using: &random)
                var value = "v" + (0..<length).map { _ in alphabet.randomElement(using: &random)! }.joined()
                if Bool.random(using: &random) { value += "w" }
                let isNull = Int.random(in: 0..<10, using: &random) == 0
                valid.append(!isNull)
                if let existing = levels.firstIndex(of: value) {
                    codes.append(UInt32(existing))
                } else {
                    levels.append(value)
                    codes.append(UInt32(levels.count - 1))
                }
            }
            return Column(name: "c\(index)", values: .strings(codes: codes, levels: levels), validity: NullBitmap(valid))
        }
        let table = Table(columns: columns)
        let bytes = CSVWriter().bytes(table)
        for blockSize in [16, 97, 4096] {
            let back = try Fixtures.readBytes(bytes, options: CSVReadOptions(delimiter: UInt8(ascii: ",")), blockSize: blockSize).table
            #expect(back.rowCount == rows)
            for index in 0..<4 {
                #expect(Fixtures.texts(back[index]) == Fixtures.texts(table[index]), "column \(index), block size \(blockSize)")
            }
        }
    }

    @Test("read options survive a JSON round trip, with the delimiter as text")
    func optionsCodable() throws {
        let options = CSVReadOptions(delimiter: UInt8(ascii: "\t"), hasHeader: false, nullTokens: ["?"], ragged: .pad)
        let data = try JSONEncoder().encode(options)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""delimiter":"\t""#))
        #expect(try JSONDecoder().decode(CSVReadOptions.self, from: data) == options)
        let bad = Data(#"{"delimiter":"ab"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CSVReadOptions.self, from: bad) }
    }
}
