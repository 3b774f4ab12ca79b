import Foundation
import Testing
@testable import Tabular
#if canImport(Glibc)
import Glibc
#endif

@Suite("Files: modes, temporary files, one-column nulls, spreadsheet-safe cells")
struct FileSafetyTests {
    private func mode(_ path: String) -> mode_t {
        var info = stat()
        stat(path, &info)
        return info.st_mode & 0o777
    }

    /// The process umask, read without changing it for other threads (Linux: /proc).
    private var currentUmask: mode_t {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("Umask:") }
        return line.flatMap { mode_t($0.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) } ?? 0o022
    }

    @Test("a new file gets 0666 less the umask; a replaced file keeps its mode; permissions: sets it")
    func modes() throws {
        let directory = Fixtures.temporaryDirectory()
        let fresh = directory.appendingPathComponent("new.csv").path
        try AtomicFileWriter.write(Array("a\n".utf8), to: fresh)
        #expect(mode(fresh) == 0o666 & ~currentUmask)

        for kept: mode_t in [0o600, 0o640, 0o664] {
            let path = directory.appendingPathComponent("kept-\(kept).csv").path
            try AtomicFileWriter.write(Array("old\n".utf8), to: path)
            chmod(path, kept)
            try AtomicFileWriter.write(Array("new\n".utf8), to: path)
            #expect(mode(path) == kept, "replacing a \(String(kept, radix: 8)) file gave \(String(mode(path), radix: 8))")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "new\n")
        }

        // Files holding real values: 0600 whatever the replaced file had.
        let secret = directory.appendingPathComponent("fitted.yaml").path
        try AtomicFileWriter.write(Array("old\n".utf8), to: secret)
        chmod(secret, 0o644)
        try AtomicFileWriter.write(Array("new\n".utf8), to: secret, mode: 0o600)
        #expect(mode(secret) == 0o600)
        let other = directory.appendingPathComponent("fresh-secret.yaml").path
        try AtomicFileWriter.write(Array("x\n".utf8), to: other, mode: 0o600)
        #expect(mode(other) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).allSatisfy { !$0.contains(".tmp-") })
    }

    @Test("temporary files name their writer; stale ones of dead writers for the same target are removed, nothing else")
    func staleTemporaryFiles() throws {
        let directory = Fixtures.temporaryDirectory()
        // A pid that has exited: a child that ran and was reaped.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        let hourAgo = Date(timeIntervalSinceNow: -3600)
        func make(_ name: String, old: Bool = true) throws {
            let path = directory.appendingPathComponent(name).path
            try Data("partial".utf8).write(to: URL(fileURLWithPath: path))
            if old { try FileManager.default.setAttributes([.modificationDate: hourAgo], ofItemAtPath: path) }
        }
        try make(".out.csv.tmp-\(dead)-abcDEF")          // dead writer: removed
        try make(".out.csv.tmp-Ab12Cd", old: true)         // an earlier version's name, an hour old: removed
        try make(".out.csv.tmp-1-abcDEF")                  // pid 1 still runs: kept
        try make(".out.csv.tmp-\(dead)-fresh1", old: false) // too recent to judge: kept
        try make(".other.csv.tmp-\(dead)-abcDEF")        // another target: kept
        try make(".out.csv.tmp-\(dead)-abc")              // not this tool's pattern: kept
        try make("out.csv.tmp-\(dead)-abcDEF")            // not hidden: kept
        try AtomicFileWriter.write(Array("x\n".utf8), to: directory.appendingPathComponent("out.csv").path)
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        #expect(left == ["out.csv", ".out.csv.tmp-1-abcDEF", ".out.csv.tmp-\(dead)-fresh1", ".other.csv.tmp-\(dead)-abcDEF",
                         ".out.csv.tmp-\(dead)-abc", "out.csv.tmp-\(dead)-abcDEF"])

        // While writing, the temporary file carries this process's pid.
        let writer = try AtomicFileWriter(path: directory.appendingPathComponent("busy.csv").path)
        let temporary = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".busy.csv.tmp-") }
        #expect(temporary.count == 1 && temporary[0].hasPrefix(".busy.csv.tmp-\(getpid())-"))
        #expect(TemporaryName.writerPID(of: temporary[0], base: "busy.csv") == getpid())
        try writer.commit()
    }

    @Test("a one-column file writes a null as \"\", never an empty line")
    func oneColumnNull() throws {
        let column = Column(name: "x", values: .integers([1, 0, 3], .plain), validity: NullBitmap([true, false, true]))
        #expect(String(decoding: CSVWriter().bytes(Table(columns: [column])), as: UTF8.self) == "x\n1\n\"\"\n3\n")
        // With two columns an empty field is not an empty line: unchanged.
        let second = Column(name: "y", values: .integers([4, 5, 6], .plain))
        #expect(String(decoding: CSVWriter().bytes(Table(columns: [column, second])), as: UTF8.self) == "x,y\n1,4\n,5\n3,6\n")
    }

    @Test("spreadsheet-safe: formula-like text gets a leading quote; numbers, in any column, do not")
    func spreadsheetSafe() throws {
        let levels = ["=1+2", "+cmd", "-abc", "@SUM(A1)", "\tx", "\rx", "-5", "+1.5e3", "plain", "a=b", "-"]
        let text = Column(name: "=name", values: .strings(codes: (0..<UInt32(levels.count)).map { $0 }, levels: levels))
        let numbers = Column(name: "n", values: .integers((0..<Int64(levels.count)).map { -$0 }, .plain))
        let table = Table(columns: [text, numbers])
        let safe = String(decoding: CSVWriter(spreadsheetSafe: true).bytes(table), as: UTF8.self)
        #expect(safe == "'=name,n\n'=1+2,0\n'+cmd,-1\n'-abc,-2\n'@SUM(A1),-3\n'\tx,-4\n\"'\rx\",-5\n-5,-6\n+1.5e3,-7\nplain,-8\na=b,-9\n'-,-10\n")
        // Off by default: the bytes are the source's.
        let plain = String(decoding: CSVWriter().bytes(table), as: UTF8.self)
        #expect(plain.hasPrefix("=name,n\n=1+2,0\n"))
    }
}

@Suite("deflate, bounded")
struct DeflateTests {
    @Test("round trip; corrupt and oversized input refused")
    func bounded() throws {
        let text = Array(String(repeating: "doppel ", count: 10_000).utf8)
        let packed = Deflate.compress(text)
        #expect(packed.count < text.count / 20)
        #expect(try Deflate.decompress(packed, limit: text.count) == text)
        #expect(throws: Deflate.Failure.self) { _ = try Deflate.decompress(packed, limit: text.count - 1) }
        #expect(throws: Deflate.Failure.self) { _ = try Deflate.decompress(Array(packed.prefix(packed.count / 2)), limit: text.count) }
        #expect(throws: Deflate.Failure.self) { _ = try Deflate.decompress([1, 2, 3, 4], limit: 100) }
        #expect(Deflate.compress(text) == packed)
    }
}
