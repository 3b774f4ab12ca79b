import Foundation
import Testing
@testable import Tabular

@Suite("CSV writer")
struct CSVWriterTests {
    @Test("the shared datasets write back byte for byte", arguments: ["penguins", "diamonds", "credit_data"])
    func byteIdenticalRoundTrip(dataset: String) throws {
        let path = try Fixtures.sharedData(dataset)
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        let table = try CSVReader.read(path: path).table
        let written = CSVWriter().bytes(table)
        #expect(written.count == original.count)
        #expect(written == Array(original), "\(dataset) changed on the way through")
    }

    @Test("quotes only where needed")
    func minimalQuoting() throws {
        let column = Column(name: "say, what", values: .strings(codes: [0, 1, 2, 3, 4], levels: ["plain", "a,b", "say \"hi\"", "two\nlines", " padded"]))
        let text = String(decoding: CSVWriter().bytes(Table(columns: [column])), as: UTF8.self)
        #expect(text == "\"say, what\"\nplain\n\"a,b\"\n\"say \"\"hi\"\"\"\n\"two\nlines\"\n\" padded\"\n")
    }

    @Test("decimals in the shortest form that reads back the same")
    func shortestDecimals() {
        let values: [Double] = [0.1 + 0.2, 1e-7, 1e300, -0.0, 2.5, 100, 123456.789, -1.5e-12, 0.000123]
        let column = Column(name: "x", values: .decimals(values, DecimalStyle()))
        let text = String(decoding: CSVWriter().bytes(Table(columns: [column])), as: UTF8.self)
        #expect(text == "x\n0.30000000000000004\n1e-07\n1e+300\n-0.0\n2.5\n100.0\n123456.789\n-1.5e-12\n0.000123\n")
    }

    @Test("integers, booleans, datetimes and nulls in the source's style")
    func sourceStyles() throws {
        let text = "n,m,flag,when,iso\n42,7.0,Yes,01/31/2024,2013-01-01T10:00:00.0Z\n,,No,,2013-01-01T10:00:00.5Z\n-3,8.0,,12/01/2023,\n"
        let table = try Fixtures.read(text).table
        let written = String(decoding: CSVWriter().bytes(table), as: UTF8.self)
        #expect(written == text)
        // One layout per column: mixed precision is written with the finest precision seen.
        let mixed = try Fixtures.read("t\n2013-01-01T10:00:00Z\n2013-01-01T10:00:00.5Z\n").table
        #expect(String(decoding: CSVWriter().bytes(mixed), as: UTF8.self) == "t\n2013-01-01T10:00:00.0Z\n2013-01-01T10:00:00.5Z\n")
    }

    @Test("writing to a path is atomic: an existing file is replaced whole, no temporary file is left")
    func atomicWrite() throws {
        let directory = Fixtures.temporaryDirectory()
        let target = directory.appendingPathComponent("out.csv")
        try Data("old contents\n".utf8).write(to: target)
        let table = try CSVReader.read(path: Fixtures.sharedData("penguins")).table
        try CSVWriter().write(table, to: target.path)
        let contents = try Data(contentsOf: target)
        #expect(contents == Data(CSVWriter().bytes(table)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])
    }

    @Test("a write into a missing directory fails with the path named")
    func unwritablePath() {
        let error = Fixtures.dataError {
            try CSVWriter().write(Table(columns: [Column(name: "a", values: .integers([1], .plain))]), to: "/nonexistent-dir/out.csv")
        }
        #expect(error?.file == "/nonexistent-dir/out.csv")
        #expect(error?.message.contains("cannot write") == true)
    }
}

@Suite("Atomic writes to special targets")
struct AtomicSpecialTargetTests {
    @Test("writing to /dev/null leaves the device a device")
    func deviceStaysDevice() throws {
        try AtomicFileWriter.write(Array("discarded\n".utf8), to: "/dev/null")
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/null")
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
    }

    @Test("writing through a symbolic link replaces the file it points to and keeps the link")
    func symbolicLink() throws {
        let directory = Fixtures.temporaryDirectory()
        let real = directory.appendingPathComponent("real.csv")
        let link = directory.appendingPathComponent("link.csv")
        try Data("old\n".utf8).write(to: real)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        try AtomicFileWriter.write(Array("new\n".utf8), to: link.path)
        #expect(try String(contentsOf: real, encoding: .utf8) == "new\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == real.path)
    }

    @Test("a directory as the target is a clear error")
    func directoryTarget() {
        let directory = Fixtures.temporaryDirectory()
        let error = Fixtures.dataError { try AtomicFileWriter.write([1], to: directory.path) }
        #expect(error?.message.contains("is a directory") == true)
    }
}
