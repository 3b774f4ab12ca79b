import Foundation
import Testing

@Suite("doppel inspect, end to end")
struct InspectCommandTests {
    @Test("a readable table of the columns")
    func table() throws {
        let outcome = try DoppelProcess.run(["inspect", DoppelProcess.sharedData("penguins")])
        #expect(outcome.status == 0)
        let lines = outcome.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].hasSuffix("penguins.csv: 344 rows × 8 columns"))
        #expect(lines[2] == "#  column             kind         nulls  distinct  summary")
        #expect(lines[3] == "1  species            categorical     0%         3  Adelie 44%, Gentoo 36%, Chinstrap 20%")
        #expect(lines[5] == "3  bill_length_mm     decimal      0.58%       164  32.1 … 59.6, mean 43.92 ± 5.46")
        #expect(lines[9] == "7  sex                categorical   3.2%         2  male 50%, female 50%")
        #expect(lines.count == 12)
    }

    @Test("--json prints one object for scripts")
    func json() throws {
        let outcome = try DoppelProcess.run(["inspect", DoppelProcess.sharedData("credit_data"), "--json"])
        #expect(outcome.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any]
        #expect(object?["rows"] as? Int == 4454)
        let columns = object?["columns"] as? [[String: Any]] ?? []
        #expect(columns.count == 14)
        #expect(columns.first?["name"] as? String == "Status")
        #expect(columns.first?["kind"] as? String == "categorical")
        let income = columns.first { $0["name"] as? String == "Income" }
        #expect(income?["nulls"] as? Int == 381)
        #expect(income?["distinct"] as? Int == 351)
        #expect(Set(columns.first?.keys.map { $0 } ?? []) == ["name", "kind", "nulls", "distinct"])
    }

    @Test("standard input with -, and a .gz file")
    func stdinAndGzip() throws {
        let csv = try Data(contentsOf: URL(fileURLWithPath: DoppelProcess.sharedData("penguins")))
        let fromStdin = try DoppelProcess.run(["inspect", "-", "--json"], stdin: csv)
        #expect(fromStdin.status == 0)
        #expect(fromStdin.stdout.contains("\"rows\":344"))
        let directory = DoppelProcess.temporaryDirectory()
        let copy = directory.appendingPathComponent("p.csv")
        try csv.write(to: copy)
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gzip.arguments = [copy.path]
        try gzip.run()
        gzip.waitUntilExit()
        let fromGzip = try DoppelProcess.run(["inspect", copy.path + ".gz", "--json"])
        #expect(fromGzip.status == 0)
        #expect(fromGzip.stdout == fromStdin.stdout)
    }

    @Test("read options: delimiter, no header, null tokens, ragged rows")
    func readOptions() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("semi.csv")
        try Data("1;x;-\n2;y;5\n3;z\n".utf8).write(to: file)
        let strict = try DoppelProcess.run(["inspect", file.path, "--no-header", "--json"])
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("\(file.path):3: expected 3 fields but found 2"))
        let padded = try DoppelProcess.run(["inspect", file.path, "--no-header", "--delimiter", ";", "--null", "-", "--ragged", "pad", "--json"])
        #expect(padded.status == 0)
        #expect(padded.stdout.contains(#"{"distinct":1,"kind":"#))
        #expect(padded.stdout.contains(#""name":"column_3","nulls":2"#))
        #expect(padded.stderr.contains("1 short rows were padded with nulls (first at line 3)"))
    }

    @Test("-o writes the report to a file")
    func outputFile() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let target = directory.appendingPathComponent("report.json")
        let outcome = try DoppelProcess.run(["inspect", DoppelProcess.sharedData("penguins"), "--json", "-o", target.path])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.isEmpty)
        #expect(try String(contentsOf: target, encoding: .utf8).hasPrefix(#"{"columns":"#))
    }

    @Test("duplicate and empty column names: renamed, with a warning on stderr")
    func columnNameWarnings() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let file = directory.appendingPathComponent("names.csv")
        try Data("a,a,\n1,2,3\n4,5,6\n".utf8).write(to: file)
        let outcome = try DoppelProcess.run(["inspect", file.path, "--json"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains(#""name":"a_2""#))
        #expect(outcome.stdout.contains(#""name":"column_3""#))
        #expect(outcome.stderr.contains("doppel: warning: \(file.path): column 2 repeats the name 'a'; it is called 'a_2'"))
        #expect(outcome.stderr.contains("column 3 has no name"))
    }
}
