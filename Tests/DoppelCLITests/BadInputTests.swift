import Foundation
import Testing

/// Bad input: a message naming the file and line (and column or byte offset), exit status 2.
@Suite("Bad input, end to end")
struct BadInputTests {
    private func write(_ bytes: [UInt8], named name: String) throws -> String {
        let url = DoppelProcess.temporaryDirectory().appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    @Test func missingFile() throws {
        let outcome = try DoppelProcess.run(["inspect", "/nonexistent/data.csv"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "doppel: error: /nonexistent/data.csv: cannot open: no such file\n")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func directory() throws {
        let folder = DoppelProcess.temporaryDirectory().path
        let outcome = try DoppelProcess.run(["inspect", folder])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "doppel: error: \(folder): is a directory, not a CSV file\n")
    }

    @Test func emptyFile() throws {
        let path = try write([], named: "empty.csv")
        let outcome = try DoppelProcess.run(["inspect", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "doppel: error: \(path): the file is empty\n")
    }

    @Test func headerWithoutRows() throws {
        let path = try write(Array("a,b,c\n".utf8), named: "header.csv")
        let outcome = try DoppelProcess.run(["inspect", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "doppel: error: \(path):2: the file has a header but no data rows\n")
    }

    @Test func raggedRow() throws {
        let path = try write(Array("a,b\n1,2\n3,4\n5\n".utf8), named: "ragged.csv")
        let outcome = try DoppelProcess.run(["inspect", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.hasPrefix("doppel: error: \(path):4: expected 2 fields but found 1"))
    }

    @Test func unterminatedQuote() throws {
        let path = try write(Array("a,b\n1,2\n\"3,4\n5,6\n".utf8), named: "quote.csv")
        let outcome = try DoppelProcess.run(["inspect", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "doppel: error: \(path):3: unterminated quote: the quoted field opened here never closes (byte offset 8)\n")
    }

    @Test func invalidUTF8() throws {
        let path = try write(Array("name\nAnn\nB".utf8) + [0xC3, 0x28] + Array("b\n".utf8), named: "latin.csv")
        let outcome = try DoppelProcess.run(["inspect", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "doppel: error: \(path):3: invalid UTF-8 (the file must be UTF-8 encoded) (column 'name', byte offset 10)\n")
    }

    @Test func badDelimiterValue() throws {
        let outcome = try DoppelProcess.run(["inspect", DoppelProcess.sharedData("penguins"), "--delimiter", "ab"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("--delimiter 'ab'"))
    }

    @Test("the argument parser's own usage errors keep its status")
    func usageError() throws {
        let outcome = try DoppelProcess.run(["inspect"])
        #expect(outcome.status == 64)
        let badChoice = try DoppelProcess.run(["inspect", DoppelProcess.sharedData("penguins"), "--ragged", "sometimes"])
        #expect(badChoice.status == 64)
    }
}
