import Foundation
import Testing
@testable import Tabular

@Suite("CSV reader")
struct CSVReaderTests {
    @Test("quoted fields, doubled quotes, embedded delimiters and newlines")
    func rfc4180Quoting() throws {
        let text = "name,quote,n\n\"Smith, Jo\",\"She said \"\"hi\"\"\",1\n\"multi\nline\",\"\",2\nplain,\"a\"\"\",3\n"
        let table = try Fixtures.read(text).table
        #expect(table.rowCount == 3)
        #expect(Fixtures.texts(table[0]) == ["Smith, Jo", "multi\nline", "plain"])
        #expect(Fixtures.texts(table[1]) == ["She said \"hi\"", nil, "a\""])
        #expect(Fixtures.texts(table[2]) == ["1", "2", "3"])
    }

    @Test("CRLF line ends, a final row without newline, and a UTF-8 byte order mark")
    func lineEndsAndBOM() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,city\r\n1,Zürich\r\n2,\"Köln\"\r\n3,Åre".utf8)
        let table = try Fixtures.readBytes(bytes).table
        #expect(table.columnNames == ["id", "city"])
        #expect(Fixtures.texts(table[1]) == ["Zürich", "Köln", "Åre"])
        #expect(table.rowCount == 3)
    }

    @Test("blank lines carry no record")
    func blankLines() throws {
        let table = try Fixtures.read("a,b\n1,2\n\n3,4\n\n").table
        #expect(table.rowCount == 2)
    }

    @Test("every block size gives the same table", arguments: [16, 17, 31, 64, 127, 1000, 1 << 20])
    func blockBoundaries(blockSize: Int) throws {
        var text = "id,name,score,when,flag\n"
        for row in 0..<300 {
            let name = row % 7 == 0 ? "\"Doe, \"\"J\"\"\nJr\"" : "name\(row % 13)"
            let score = row % 11 == 0 ? "" : "\(Double(row) * 0.25)"
            text += "\(row),\(name),\(score),2024-01-\(String(format: "%02d", row % 28 + 1)) 10:\(String(format: "%02d", row % 60)),\(row % 2 == 0 ? "true" : "false")\r\n"
        }
        let reference = try Fixtures.read(text).table
        let chunked = try Fixtures.read(text, blockSize: blockSize).table
        #expect(chunked == reference)
        #expect(reference.rowCount == 300)
        #expect(reference[2].values.physicalTypeName == "double")
        #expect(reference[3].values.physicalTypeName == "datetime")
        #expect(reference[4].values.physicalTypeName == "bool")
        #expect(reference[1].text(at: 7) == "Doe, \"J\"\nJr")
    }

    @Test("517.0 in an integer column with gaps is an integer, written back as 517.0")
    func integersWrittenAsFloats() throws {
        let table = try Fixtures.read("x\n517.0\n\n12.0\n-3.0\n").table
        guard case .integers(let values, let style) = table[0].values else {
            Issue.record("expected integers, got \(table[0].values.physicalTypeName)")
            return
        }
        #expect(values[0] == 517 && values[2] == 12 && values[3] == -3)
        #expect(style.trailingZeroDigits == 1)
        #expect(table[0].nullCount == 1)
        #expect(Fixtures.texts(table[0]) == ["517.0", nil, "12.0", "-3.0"])
    }

    @Test("storage widens across blocks: integers, then decimals, then text, exactly")
    func wideningAcrossBlocks() throws {
        let rows = (0..<200).map(String.init) + ["2.5"] + (0..<50).map(String.init)
        let decimals = try Fixtures.read("v\n" + rows.joined(separator: "\n"), blockSize: 64).table
        #expect(decimals[0].values.physicalTypeName == "double")
        #expect(decimals[0].values.numericValue(at: 200) == 2.5)
        #expect(decimals[0].values.numericValue(at: 199) == 199)

        let mixed = (0..<200).map(String.init) + ["n/a-ish", "2024-01-31", "true"]
        let text = try Fixtures.read("v\n" + mixed.joined(separator: "\n"), blockSize: 64).table
        #expect(text[0].values.physicalTypeName == "string")
        #expect(Fixtures.texts(text[0]) == mixed.map { Optional($0) })
    }

    @Test("leading zeros, plus signs and huge integers stay text")
    func numbersThatAreText() throws {
        for value in ["007", "+5", "12345678901234567890123", " 5"] {
            let table = try Fixtures.read("v\n\(value)\n1\n")
            #expect(table.table[0].values.physicalTypeName == "string", "\(value)")
            #expect(table.table[0].text(at: 0) == value)
        }
    }

    @Test("dates: ambiguous day/month order resolved by a later value in a later block")
    func dateLayoutRefinedLater() throws {
        let values = (1...12).map { String(format: "%02d/%02d/2024", $0, 3) } + ["25/03/2024"]
        let table = try Fixtures.read("d\n" + values.joined(separator: "\n") + "\n", blockSize: 40).table
        guard case .datetimes(let seconds, let format) = table[0].values else {
            Issue.record("expected datetimes, got \(table[0].values.physicalTypeName)")
            return
        }
        #expect(format.description.hasPrefix("dd/MM"))
        // 01/03/2024 read day-first is 1 March 2024.
        #expect(seconds[0] == 1_709_251_200)
        #expect(Fixtures.texts(table[0]) == values.map { Optional($0) })
    }

    @Test("delimiter is sniffed among , ; tab |", arguments: [(";", UInt8(ascii: ";")), ("\t", UInt8(ascii: "\t")), ("|", UInt8(ascii: "|")), (",", UInt8(ascii: ","))])
    func sniffing(separator: String, expected: UInt8) throws {
        let text = ["a", "b", "c"].joined(separator: separator) + "\n" + ["1", "x,y", "3.5"].joined(separator: separator) + "\n"
        let result = try Fixtures.read(separator == "," ? "a,b,c\n1,\"x,y\",3.5\n" : text)
        #expect(result.delimiter == expected)
        #expect(result.table.columnNames == ["a", "b", "c"])
        #expect(result.table[1].text(at: 0) == "x,y")
    }

    @Test("--no-header names columns column_1, column_2, ...")
    func noHeader() throws {
        let table = try Fixtures.read("1,a\n2,b\n", options: CSVReadOptions(hasHeader: false)).table
        #expect(table.columnNames == ["column_1", "column_2"])
        #expect(table.rowCount == 2)
    }

    @Test("null tokens: defaults, and a custom list replacing them")
    func nullTokens() throws {
        let text = "v,w\nNA,1\nN/A,2\nNULL,3\nnull,4\nNaN,5\nNone,6\n,7\n-,8\nx,9\n"
        let defaults = try Fixtures.read(text).table
        #expect(defaults[0].nullCount == 7)
        let custom = try Fixtures.read(text, options: CSVReadOptions(nullTokens: ["-"])).table
        #expect(custom[0].nullCount == 1)
        #expect(custom[0].text(at: 0) == "NA")
        #expect(custom[0].text(at: 6) == "")
    }

    @Test("empty and repeated column names are made unique, with warnings")
    func columnNames() throws {
        let result = try Fixtures.read("a,,a,b,a_2\n1,2,3,4,5\n")
        #expect(result.table.columnNames == ["a", "column_2", "a_3", "b", "a_2"])
        #expect(result.warnings.count == 2)
        #expect(result.warnings.contains { $0.contains("column 2 has no name") })
        #expect(result.warnings.contains { $0.contains("repeats the name 'a'") })
    }

    @Test("ragged rows: pad, skip, and an error naming the line by default")
    func raggedRows() throws {
        let text = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n"
        let padded = try Fixtures.read(text, options: CSVReadOptions(ragged: .pad))
        #expect(padded.table.rowCount == 4)
        #expect(padded.table[2].isNull(1))
        #expect(padded.table[2].text(at: 2) == "8")
        #expect(padded.warnings.count == 2)
        let skipped = try Fixtures.read(text, options: CSVReadOptions(ragged: .skip))
        #expect(skipped.table.rowCount == 2)
        #expect(Fixtures.texts(skipped.table[0]) == ["1", "10"])
        let error = Fixtures.dataError { _ = try Fixtures.read(text) }
        #expect(error?.line == 3)
        #expect(error?.description.contains("inline.csv:3: expected 3 fields but found 2") == true)
    }

    @Test("an unterminated quote is reported where it opened")
    func unterminatedQuote() {
        let error = Fixtures.dataError { _ = try Fixtures.read("a,b\n1,2\n3,\"open\n4,5\n6,7\n") }
        #expect(error?.line == 3)
        #expect(error?.byteOffset == 10)
        #expect(error?.message.contains("unterminated quote") == true)
    }

    @Test("invalid UTF-8 is reported with its byte offset and line")
    func invalidUTF8() {
        let bytes = Array("name,n\nok,1\n".utf8) + [UInt8(ascii: "b"), 0xFF, UInt8(ascii: "d")] + Array(",2\n".utf8)
        let error = Fixtures.dataError { _ = try Fixtures.readBytes(bytes) }
        #expect(error?.byteOffset == 13)
        #expect(error?.line == 3)
        #expect(error?.column == "name")
        #expect(error?.message.contains("invalid UTF-8") == true)
    }

    @Test("a missing file, a directory, an empty file and a header without rows are clear errors")
    func unreadableInputs() throws {
        let directory = Fixtures.temporaryDirectory()
        let empty = directory.appendingPathComponent("empty.csv")
        let headerOnly = directory.appendingPathComponent("header.csv")
        try Data().write(to: empty)
        try Data("a,b\n".utf8).write(to: headerOnly)
        let missing = Fixtures.dataError { _ = try CSVReader.read(path: directory.appendingPathComponent("nope.csv").path) }
        #expect(missing?.message == "cannot open: no such file")
        let folder = Fixtures.dataError { _ = try CSVReader.read(path: directory.path) }
        #expect(folder?.message.contains("is a directory") == true)
        let emptyError = Fixtures.dataError { _ = try CSVReader.read(path: empty.path) }
        #expect(emptyError?.message == "the file is empty")
        #expect(emptyError?.file == empty.path)
        let headerError = Fixtures.dataError { _ = try CSVReader.read(path: headerOnly.path) }
        #expect(headerError?.message == "the file has a header but no data rows")
        #expect(headerError?.line == 2)
    }

    @Test("a gzip file reads like the plain file")
    func gzip() throws {
        let directory = Fixtures.temporaryDirectory()
        let plain = directory.appendingPathComponent("penguins.csv")
        try FileManager.default.copyItem(atPath: Fixtures.sharedData("penguins"), toPath: plain.path)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = ["-k", plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let fromGzip = try CSVReader.read(path: plain.path + ".gz", options: CSVReadOptions())
        let fromPlain = try CSVReader.read(path: plain.path)
        #expect(fromGzip.table == fromPlain.table)
        #expect(fromGzip.table.rowCount == 344)
    }

    @Test("a truncated gzip file is an error, not a short table")
    func truncatedGzip() throws {
        let directory = Fixtures.temporaryDirectory()
        let plain = directory.appendingPathComponent("diamonds.csv")
        try FileManager.default.copyItem(atPath: Fixtures.sharedData("diamonds"), toPath: plain.path)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [plain.path]
        try gzip.run()
        gzip.waitUntilExit()
        let compressed = try Data(contentsOf: URL(fileURLWithPath: plain.path + ".gz"))
        let cut = directory.appendingPathComponent("cut.csv.gz")
        try compressed.prefix(compressed.count / 2).write(to: cut)
        let error = Fixtures.dataError { _ = try CSVReader.read(path: cut.path) }
        #expect(error?.message.contains("truncated gzip") == true)
    }

    @Test("the shared datasets read with the right shapes and storage")
    func sharedDatasets() throws {
        let diamonds = try CSVReader.read(path: Fixtures.sharedData("diamonds")).table
        #expect(diamonds.rowCount == 53_940)
        #expect(diamonds.columns.map(\.values.physicalTypeName) == ["double", "string", "string", "string", "double", "double", "int64", "double", "double", "double"])
        let penguins = try CSVReader.read(path: Fixtures.sharedData("penguins")).table
        #expect(penguins.rowCount == 344)
        #expect(penguins.column(named: "sex")?.nullCount == 11)
        #expect(penguins.column(named: "body_mass_g")?.values.physicalTypeName == "int64")
        let credit = try CSVReader.read(path: Fixtures.sharedData("credit_data")).table
        #expect(credit.rowCount == 4454)
        #expect(credit.column(named: "Income")?.nullCount == 381)
        #expect(credit.column(named: "Records")?.values.physicalTypeName == "bool")
    }
}
