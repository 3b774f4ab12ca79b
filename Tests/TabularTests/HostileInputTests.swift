import Foundation
import Testing
@testable import Tabular
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12: sources are regular files (or standard input); long fields cost linear time.
@Suite("Hostile input: sources, long fields")
struct HostileInputTests {
    @Test("a FIFO is refused before it is opened, so the read cannot block")
    func fifo() throws {
        let path = Fixtures.temporaryDirectory().appendingPathComponent("pipe.csv").path
        #expect(mkfifo(path, 0o600) == 0)
        let error = Fixtures.dataError { _ = try CSVReader.read(path: path) }
        #expect(error?.file == path)
        #expect(error?.message == "is a FIFO, not a regular file (to read a stream, give - and send it to standard input)")
    }

    @Test("devices are refused (/dev/zero would never end), and so is an empty path")
    func devicesAndEmptyPath() {
        let zero = Fixtures.dataError { _ = try CSVReader.read(path: "/dev/zero") }
        #expect(zero?.description == "/dev/zero: is a character device, not a regular file (to read a stream, give - and send it to standard input)")
        let empty = Fixtures.dataError { _ = try CSVReader.read(path: "") }
        #expect(empty?.message == "empty path (give a file name, or - for standard input)")
        let folder = Fixtures.dataError { _ = try CSVReader.read(path: "/tmp") }
        #expect(folder?.message == "is a directory, not a CSV file")
    }

    @Test("a symbolic link to a regular file reads")
    func symbolicLink() throws {
        let directory = Fixtures.temporaryDirectory()
        let target = directory.appendingPathComponent("data.csv")
        try Data("a\n1\n".utf8).write(to: target)
        let link = directory.appendingPathComponent("link.csv")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
        #expect(try CSVReader.read(path: link.path).table.rowCount == 1)
    }

    /// A step quadratic in the field's length shows as 16 times the work for 4 times the field;
    /// linear, 4 times. Compared within one run (best of two), so a loaded machine does not fail it.
    @Test("a long field costs linear time: 4× the field of é or of ASCII costs about 4× to read, profile and infer")
    func longFields() throws {
        func seconds(_ text: String) throws -> Double {
            var best = Double.infinity
            for _ in 0..<2 {
                let start = Date()
                let table = try CSVReader.read(.bytes(Array(text.utf8), name: "long.csv")).table
                let report = InspectReport(source: "long.csv", table: table)
                #expect(report.entries.count == 2)
                best = min(best, Date().timeIntervalSince(start))
            }
            return best
        }
        for (unit, quoted) in [("é", false), ("a", true)] {
            func file(_ count: Int) -> String {
                let field = String(repeating: unit, count: count)
                return "id,text\n1," + (quoted ? "\"\(field)\"" : field) + "\n2,short\n"
            }
            let short = try seconds(file(200_000)), long = try seconds(file(800_000))
            #expect(long < 8 * short + 0.5, "\(unit): \(short) s for 200k, \(long) s for 800k")
        }
    }
}
