import Foundation
import Testing
@testable import Tabular

@Suite("JSON Lines reader")
struct JSONLinesReaderTests {
    static func read(_ text: String, chunkSize: Int = JSONLinesReader.defaultChunkSize) throws -> Table {
        try JSONLinesReader.read(.bytes(Array(text.utf8), name: "inline.jsonl"), chunkSize: chunkSize).table
    }

    static func error(_ text: String) -> DataError? {
        Fixtures.dataError { _ = try read(text) }
    }

    @Test("values: numbers as numbers, strings as text, true/false as booleans, escapes undone")
    func values() throws {
        let table = try Self.read("""
            {"id": 1, "price": 2.50, "name": "Zürich", "ok": true, "note": "say \\"hi\\"\\n\\u00e9\\ud83d\\ude00"}
            {"id": 2, "price": 3, "name": "Köln", "ok": false, "note": "plain"}

            """)
        #expect(table.columnNames == ["id", "price", "name", "ok", "note"])
        #expect(table.rowCount == 2)
        guard case .integers(let ids, _) = table[0].values else { Issue.record("id is not integers"); return }
        #expect(ids == [1, 2])
        guard case .decimals(let prices, _) = table[1].values else { Issue.record("price is not decimals"); return }
        #expect(prices == [2.5, 3])
        #expect(Fixtures.texts(table[1]) == ["2.5", "3.0"])
        #expect(Fixtures.texts(table[2]) == ["Zürich", "Köln"])
        guard case .booleans(let flags, _) = table[3].values else { Issue.record("ok is not booleans"); return }
        #expect(flags == [true, false])
        #expect(Fixtures.texts(table[3]) == ["true", "false"])
        #expect(Fixtures.texts(table[4]) == ["say \"hi\"\né😀", "plain"])
    }

    @Test("keys are the union in order of first appearance; a missing key or null is a null")
    func missingKeysAndNulls() throws {
        let table = try Self.read("""
            {"a": 1, "b": "x"}
            {"c": true, "a": null}
            {"b": "y", "d": 4.5, "a": 3}
            {}
            """)
        #expect(table.columnNames == ["a", "b", "c", "d"])
        #expect(table.rowCount == 4)
        #expect(Fixtures.texts(table[0]) == ["1", nil, "3", nil])
        #expect(Fixtures.texts(table[1]) == ["x", nil, "y", nil])
        #expect(Fixtures.texts(table[2]) == [nil, "true", nil, nil])
        #expect(Fixtures.texts(table[3]) == [nil, nil, "4.5", nil])
    }

    @Test("a JSON string that reads as a number or boolean keeps its column text; empty strings and NA are values")
    func stringsStayText() throws {
        let table = try Self.read("{\"zip\": 1234, \"s\": \"NA\"}\n{\"zip\": \"00123\", \"s\": \"\"}\n{\"zip\": \"42\", \"s\": \"yes\"}\n", chunkSize: 16)
        guard case .strings = table[0].values else { Issue.record("zip is not text"); return }
        #expect(Fixtures.texts(table[0]) == ["1234", "00123", "42"])
        #expect(table[1].validity.isValid(0) && table[1].validity.isValid(1))
    }

    @Test("every chunk size gives the same table, new keys appearing late included", arguments: [16, 17, 64, 333, 1 << 20])
    func chunkBoundaries(chunkSize: Int) throws {
        var text = ""
        for row in 0..<300 {
            var fields = ["\"id\": \(row)", "\"name\": \"n\(row % 13)\\t\""]
            if row % 11 != 0 { fields.append("\"score\": \(Double(row) * 0.25)") }
            if row > 250 { fields.append("\"late\": \(row % 2 == 0)") }
            text += "{" + fields.joined(separator: ", ") + "}\r\n"
        }
        let reference = try Self.read(text)
        let chunked = try Self.read(text, chunkSize: chunkSize)
        #expect(reference.columnNames == ["id", "name", "score", "late"])
        #expect(chunked.columnNames == reference.columnNames)
        for column in 0..<reference.columnCount {
            #expect(Fixtures.texts(chunked[column]) == Fixtures.texts(reference[column]))
        }
        #expect(Fixtures.texts(reference[3]).prefix(251).allSatisfy { $0 == nil })
    }

    @Test("kinds: inference proposes the same kinds as for the CSV")
    func kinds() throws {
        var csv = "id,species,mass,flag,seen\n"
        var jsonl = ""
        for row in 0..<200 {
            let species = ["Adelie", "Gentoo", "Chinstrap"][row % 3]
            let mass = 3000 + (row * 37) % 2000
            let day = String(format: "2024-03-%02d", row % 28 + 1)
            csv += "\(row),\(species),\(mass).5,\(row % 3 == 0),\(day)\n"
            jsonl += "{\"id\": \(row), \"species\": \"\(species)\", \"mass\": \(mass).5, \"flag\": \(row % 3 == 0), \"seen\": \"\(day)\"}\n"
        }
        let fromCSV = try Fixtures.read(csv).table
        let fromJSON = try Self.read(jsonl)
        let kinds = { (table: Table) in TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind) }
        #expect(kinds(fromJSON) == kinds(fromCSV))
        #expect(kinds(fromJSON) == [.identifier, .categorical, .decimal, .boolean, .datetime])
    }

    @Test("errors name the file and the line")
    func errors() {
        var lines = (1...1041).map { "{\"x\": \($0)}" }
        lines.append("[1, 2]")
        #expect(Self.error(lines.joined(separator: "\n"))?.description == "inline.jsonl:1042: expected an object (one flat JSON object per line)")
        #expect(Self.error("{\"a\": 1}\n\n{\"a\": 2}\n\n\n\n{\"a\": 3, \"x\": {\"y\": 1}}\n")?.description
            == "inline.jsonl:7: key 'x': nested objects and arrays are not supported (flatten them first)")
        #expect(Self.error("{\"a\": 1}\n{\"a\": [1]}")?.description
            == "inline.jsonl:2: key 'a': nested objects and arrays are not supported (flatten them first)")
        #expect(Self.error("{\"a\": 1}\n{\"a\": 1,, \"b\": 2}\n")?.description
            == "inline.jsonl:2: column 9: unexpected ',', expected a key in double quotes")
        #expect(Self.error("{\"a\": tru}")?.description == "inline.jsonl:1: column 7: unexpected 't', expected a JSON value")
        #expect(Self.error("{\"a\": 01}")?.description == "inline.jsonl:1: column 8: unexpected '1', expected ',' or '}'")
        #expect(Self.error("{\"a\": \"open}\n")?.description == "inline.jsonl:1: column 13: unexpected end of line, unterminated string")
        #expect(Self.error("{\"a\": 1} x")?.description == "inline.jsonl:1: column 10: unexpected 'x', expected the end of the line after the object")
        #expect(Self.error("{\"a\" 1}")?.description == "inline.jsonl:1: column 6: unexpected '1', expected ':' after key 'a'")
        #expect(Self.error("\n\n")?.description == "inline.jsonl: the file has no data rows (no JSON objects with keys)")
    }

    @Test("by content: input that starts with {\" is JSON Lines unless its name says CSV")
    func byContent() throws {
        let text = "\u{FEFF}  {\"a\": 1, \"b\": \"x\"}\n{\"a\": 2}\n"
        let table = try CSVReader.read(.bytes(Array(text.utf8), name: "<stdin>")).table
        #expect(table.columnNames == ["a", "b"])
        #expect(Fixtures.texts(table[0]) == ["1", "2"])
        let csv = try CSVReader.read(.bytes(Array("{x},y\n1,2\n".utf8), name: "<stdin>")).table
        #expect(csv.columnNames == ["{x}", "y"])
        let directory = Fixtures.temporaryDirectory()
        let path = directory.appendingPathComponent("odd.csv").path
        try "{\"a\": 1}\n{\"a\": 2}\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try CSVReader.read(path: path).table.columnNames == ["{\"a\": 1}"])
    }

    @Test("the CSV reader hands .jsonl, .ndjson and gzip-compressed .jsonl.gz files to the JSON Lines reader")
    func byExtension() throws {
        let directory = Fixtures.temporaryDirectory()
        let text = "{\"a\": 1, \"b\": \"x\"}\n{\"a\": 2}\n"
        for name in ["t.jsonl", "t.ndjson", "T.JSONL"] {
            let path = directory.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            let table = try CSVReader.read(path: path).table
            #expect(table.columnNames == ["a", "b"], "\(name)")
            #expect(Fixtures.texts(table[1]) == ["x", nil])
        }
        let plain = directory.appendingPathComponent("g.jsonl").path
        try text.write(toFile: plain, atomically: true, encoding: .utf8)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -c '\(plain)' > '\(plain).gz'"]
        try gzip.run()
        gzip.waitUntilExit()
        let table = try CSVReader.read(path: plain + ".gz").table
        #expect(table.rowCount == 2)
        #expect(table.columnNames == ["a", "b"])
    }
}
