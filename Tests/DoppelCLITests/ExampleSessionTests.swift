import Foundation
import Testing

/// Every example session in sessions/ replays end to end, deterministically, with the row count
/// and columns it promises; the fitted one replays with no source data at all.
@Suite("Example sessions")
struct ExampleSessionTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("sessions")

    static var sessions: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test("there are examples, at least one of them fitted")
    func examplesExist() {
        #expect(Self.sessions.count >= 4)
        #expect(Self.sessions.contains { $0.contains("fitted") })
    }

    @Test("each example replays twice to the same bytes, with the promised rows", arguments: Self.sessions)
    func replay(_ name: String) throws {
        let path = Self.folder.appendingPathComponent(name).path
        let directory = DoppelProcess.temporaryDirectory()
        let first = directory.appendingPathComponent("first.csv").path
        let second = directory.appendingPathComponent("second.csv").path
        let one = try DoppelProcess.run(["run", path, "-o", first, "--quiet", "--format", "csv"])
        #expect(one.status == 0, "\(name): \(one.stderr)")
        let two = try DoppelProcess.run(["run", path, "-o", second, "--quiet", "--format", "csv", "--threads", "1"])
        #expect(two.status == 0)
        let text = try String(contentsOfFile: first, encoding: .utf8)
        #expect(text == (try String(contentsOfFile: second, encoding: .utf8)), "\(name) is not deterministic")
        let session = try String(contentsOfFile: path, encoding: .utf8)
        if let line = session.split(separator: "\n").first(where: { $0.hasPrefix("  rows:") && session.range(of: "run:\n")!.lowerBound < session.range(of: String($0))!.lowerBound }),
           let rows = Int(line.split(separator: ":")[1].split(separator: "#")[0].trimmingCharacters(in: .whitespaces)) {
            #expect(text.split(separator: "\n").count == rows + 1, "\(name): expected \(rows) rows")
        }
    }

    @Test("the fitted example replays without its source, to the same bytes")
    func fittedWithoutSource() throws {
        guard let name = Self.sessions.first(where: { $0.contains("fitted") }) else { return }
        let original = Self.folder.appendingPathComponent(name)
        let alone = DoppelProcess.temporaryDirectory().appendingPathComponent(name)
        try FileManager.default.copyItem(at: original, to: alone)
        let here = try DoppelProcess.run(["run", original.path, "-o", "-", "--quiet"])
        let there = try DoppelProcess.run(["run", alone.path, "-o", "-", "--quiet"])
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout == here.stdout)
    }
}
