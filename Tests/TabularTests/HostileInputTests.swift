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

    /// A step quadratic in the field's length would take minutes here; linear, it takes about a
    /// second in a debug build.
    @Test("a long field costs linear time: 1.6 MB of é and 4 MB of ASCII read, profile and infer in seconds")
    func longFields() throws {
        let accented = "id,text\n1," + String(repeating: "é", count: 800_000) + "\n2,short\n"
        let ascii = "id,text\n1,\"" + String(repeating: "a", count: 4_000_000) + "\"\n2,short\n"
        for text in [accented, ascii] {
            let start = Date()
            let table = try CSVReader.read(.bytes(Array(text.utf8), name: "long.csv")).table
            let report = InspectReport(source: "long.csv", table: table)
            #expect(report.entries.count == 2)
            #expect(Date().timeIntervalSince(start) < 10)
        }
    }
}
