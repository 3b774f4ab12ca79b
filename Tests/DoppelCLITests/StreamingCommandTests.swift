import Foundation
import Tabular
import Testing

/// Sources larger than the memory budget, made small here with --memory: the same commands read
/// them as a stream (marginals over every row, a reservoir sample for the joint model).
@Suite("Sources read as a stream (--memory)")
struct StreamingCommandTests {
    /// 4,000 rows: a level column whose second half differs from its first, and a number.
    private func halvesCSV(in directory: URL) throws -> String {
        var text = "level,amount\n"
        for row in 0..<4000 { text += "\(row < 2000 ? "early" : "late"),\(row % 97)\n" }
        let path = directory.appendingPathComponent("halves.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("inspect: a streamed file shows the same figures as a loaded one, and says how it was read")
    func inspectMatchesLoaded() throws {
        let penguins = try DoppelProcess.sharedData("penguins")
        let loaded = try DoppelProcess.run(["inspect", penguins])
        let streamed = try DoppelProcess.run(["inspect", penguins, "--memory", "1KB", "--reservoir", "300"])
        #expect(loaded.status == 0 && streamed.status == 0, "\(streamed.stderr)")
        var lines = streamed.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == "read as a stream: every row counted; kinds proposed on a uniform sample of 300 rows")
        lines.remove(at: 1)
        #expect(lines.joined(separator: "\n") == loaded.stdout)
    }

    @Test("plan --session records the stream; run replays it to the same bytes, and shards concatenate to the whole")
    func planAndRunStreamed() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let penguins = try DoppelProcess.sharedData("penguins")
        let session = directory.appendingPathComponent("s.yaml").path
        let planned = try DoppelProcess.run(["plan", penguins, "--session", "--seed", "8", "--memory", "1KB", "--reservoir", "200", "-o", session])
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(planned.stderr.contains("read as a stream; each column's own model is fitted on all 344 rows, the joint model and rules on a uniform sample of 200"),
                "\(planned.stderr)")
        let text = try String(contentsOfFile: session, encoding: .utf8)
        #expect(text.contains("  rows: 344\n"))
        #expect(text.contains("  streamed:\n    reservoir_rows: 200\n"))

        let whole = directory.appendingPathComponent("whole.csv").path
        let first = try DoppelProcess.run(["run", session, "--rows", "3000", "-o", whole, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        let again = directory.appendingPathComponent("again.csv").path
        _ = try DoppelProcess.run(["run", session, "--rows", "3000", "-o", again, "--quiet"])
        let wholeBytes = try Data(contentsOf: URL(fileURLWithPath: whole))
        #expect(try Data(contentsOf: URL(fileURLWithPath: again)) == wholeBytes)
        var pieces = Data()
        for index in 1...2 {
            let path = directory.appendingPathComponent("part\(index).csv").path
            let run = try DoppelProcess.run(["run", session, "--rows", "3000", "--shard", "\(index)/2", "-o", path, "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            pieces.append(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        #expect(pieces == wholeBytes)
        // Without --rows, the run makes as many rows as the whole file has, not the sample.
        let full = try DoppelProcess.run(["run", session, "--quiet"])
        #expect(full.stdout.split(separator: "\n").count == 345)
    }

    @Test("each column's own model follows the whole file, not the sample")
    func marginalsFromEveryRow() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let source = try halvesCSV(in: directory)
        let session = directory.appendingPathComponent("s.yaml").path
        // A tiny sample: its share of "early" is far from the file's half for this seed.
        let planned = try DoppelProcess.run(["plan", source, "--session", "--seed", "3", "--joint", "none", "--memory", "1KB",
                                             "--reservoir", "12", "-o", session])
        #expect(planned.status == 0, "\(planned.stderr)")
        let run = try DoppelProcess.run(["run", session, "--rows", "20000", "--quiet"])
        let table = try CSVReader.read(.bytes(Array(run.stdout.utf8), name: "out.csv")).table
        guard case .strings(let codes, let levels) = table.column(named: "level")!.values else { Issue.record("level is not text"); return }
        let early = Double(codes.filter { levels[Int($0)] == "early" }.count) / Double(codes.count)
        // Binomial sd at 20,000 rows is 0.0035.
        #expect(abs(early - 0.5) < 0.015, "share of early \(early)")
    }

    @Test("the hash taken while streaming is the file's, and a changed file is refused")
    func hashInTheSamePass() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let source = try halvesCSV(in: directory)
        let session = directory.appendingPathComponent("s.yaml").path
        let planned = try DoppelProcess.run(["plan", source, "--session", "--seed", "3", "--memory", "1KB", "--reservoir", "50", "-o", session])
        #expect(planned.status == 0, "\(planned.stderr)")
        // The same hash as a session of the file loaded whole (hashed in a pass of its own).
        let whole = directory.appendingPathComponent("whole.yaml").path
        _ = try DoppelProcess.run(["plan", source, "--session", "--seed", "3", "-o", whole])
        func hashLine(_ path: String) throws -> String? {
            try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first { $0.contains("sha256: ") }.map(String.init)
        }
        #expect(try hashLine(session) != nil)
        #expect(try hashLine(session) == hashLine(whole))
        let loaded = try String(contentsOfFile: source, encoding: .utf8)
        try loaded.replacingOccurrences(of: "late,3\n", with: "late,4\n").write(toFile: source, atomically: true, encoding: .utf8)
        let run = try DoppelProcess.run(["run", session, "--rows", "10"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("has changed since the session was written"), "\(run.stderr)")
        let allowed = try DoppelProcess.run(["run", session, "--rows", "10", "--allow-changed-source"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
    }

    @Test("report: a real file past the budget is scored on a uniform sample of it")
    func reportOnSample() throws {
        let penguins = try DoppelProcess.sharedData("penguins")
        let report = try DoppelProcess.run(["report", penguins, penguins, "--json", "--memory", "1KB", "--reservoir", "300"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.contains("\(penguins) is larger than the memory budget (--memory 1KB): scored on a uniform sample of 300 of its 344 rows"),
                "\(report.stderr)")
        #expect(report.stdout.contains("\"column_shapes\":"))
    }

    @Test("bad settings: exit 2 naming the option or the session key")
    func badSettings() throws {
        let penguins = try DoppelProcess.sharedData("penguins")
        let memory = try DoppelProcess.run(["plan", penguins, "--memory", "lots"])
        #expect(memory.status == 2)
        #expect(memory.stderr.contains("--memory lots: expected a size such as 1GB"), "\(memory.stderr)")
        let reservoir = try DoppelProcess.run(["inspect", penguins, "--reservoir", "0"])
        #expect(reservoir.status == 2)
        #expect(reservoir.stderr.contains("--reservoir 0"), "\(reservoir.stderr)")

        let directory = DoppelProcess.temporaryDirectory()
        let session = directory.appendingPathComponent("s.yaml").path
        _ = try DoppelProcess.run(["plan", penguins, "--session", "--seed", "1", "--memory", "1KB", "--reservoir", "100", "-o", session])
        var text = try String(contentsOfFile: session, encoding: .utf8)
        text = text.replacingOccurrences(of: "reservoir_rows: 100", with: "reservoir_rows: 0")
        try text.write(toFile: session, atomically: true, encoding: .utf8)
        let run = try DoppelProcess.run(["run", session, "--rows", "10"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("source.streamed.reservoir_rows"), "\(run.stderr)")
    }
}
