import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12: outputs that respect the umask and leave no temporary files, CSV safe for
/// spreadsheets, reports that cannot be fooled by missing columns, gates that fail up front.
@Suite("Hostile input is refused, never executed")
struct HostileInputTests {
    /// Runs doppel under `umask` through the shell, in `directory`.
    private func runUnderUmask(_ umask: String, _ arguments: [String], in directory: URL) throws -> DoppelProcess.Outcome {
        let quoted = ([DoppelProcess.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "umask \(umask) && exec " + quoted.joined(separator: " ")]
        process.currentDirectoryURL = directory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return DoppelProcess.Outcome(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// A CSV whose text cells a spreadsheet would run as formulas, with numbers beside them.
    private func hostileCSV(in directory: URL) throws -> String {
        let levels = ["=1+2", "-abc", "@x", "plain", "-5"]
        let rows = (0..<200).map { "\(levels[$0 % 5]),\($0 % 7 - 3)" }
        let path = directory.appendingPathComponent("hostile.csv").path
        try ("label,n\n" + rows.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("no output file has a mode wider than the umask allows, and none is left half-written")
    func outputsHonourUmask() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let penguins = try DoppelProcess.sharedData("penguins")
        let commands: [[String]] = [
            ["plan", penguins, "--seed", "3", "-o", "plan.yaml"],
            ["sample", penguins, "--plan", "plan.yaml", "--rows", "200", "-o", "synthetic.csv"],
            ["inspect", penguins, "--json", "-o", "inspect.json"],
            ["report", penguins, "synthetic.csv", "--quiet", "-o", "report.txt", "--html", "report.html"],
        ]
        for arguments in commands {
            let outcome = try runUnderUmask("077", arguments, in: directory)
            #expect(outcome.status == 0, "\(arguments[0]): \(outcome.stderr)")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(Set(names) == ["plan.yaml", "synthetic.csv", "inspect.json", "report.txt", "report.html"])
        for name in names {
            var info = stat()
            stat(directory.appendingPathComponent(name).path, &info)
            #expect(info.st_mode & 0o077 == 0, "\(name) is \(String(info.st_mode & 0o777, radix: 8)) under umask 077")
        }
        // Replacing a file keeps its mode (here, under a permissive umask, a private file stays private).
        let synthetic = directory.appendingPathComponent("synthetic.csv").path
        chmod(synthetic, 0o600)
        let again = try runUnderUmask("000", ["sample", penguins, "--plan", "plan.yaml", "--rows", "100", "-o", "synthetic.csv"], in: directory)
        #expect(again.status == 0, "\(again.stderr)")
        var info = stat()
        stat(synthetic, &info)
        #expect(info.st_mode & 0o777 == 0o600)
    }

    @Test("SIGINT, SIGTERM and SIGHUP remove the temporary file, and the process still dies of the signal", arguments: [SIGINT, SIGTERM, SIGHUP])
    func signalsRemoveTemporaryFiles(signal: Int32) throws {
        let directory = DoppelProcess.temporaryDirectory()
        let penguins = try DoppelProcess.sharedData("penguins")
        let plan = try DoppelProcess.run(["plan", penguins, "--seed", "3", "-o", directory.appendingPathComponent("plan.yaml").path])
        #expect(plan.status == 0)
        let process = Process()
        process.executableURL = DoppelProcess.binary
        process.arguments = ["sample", penguins, "--plan", "plan.yaml", "--rows", "50000000", "--threads", "1", "-o", "big.csv"]
        process.currentDirectoryURL = directory
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 120)
        var temporary: [String] = []
        while temporary.isEmpty, process.isRunning, Date() < deadline {
            usleep(50_000)
            temporary = (try? FileManager.default.contentsOfDirectory(atPath: directory.path))?.filter { $0.hasPrefix(".big.csv.tmp-") } ?? []
        }
        #expect(temporary.count == 1, "no temporary file appeared")
        kill(process.processIdentifier, signal)
        let stop = Date(timeIntervalSinceNow: 20)
        while process.isRunning, Date() < stop { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signal)
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(left == ["plan.yaml"], "left behind: \(left)")
    }

    @Test("--spreadsheet-safe quotes formula-like text cells for doppel sample and doppel run; numbers are left alone")
    func spreadsheetSafe() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let source = try hostileCSV(in: directory)
        let safe = try DoppelProcess.run(["sample", source, "--seed", "1", "--rows", "300", "--spreadsheet-safe"])
        #expect(safe.status == 0, "\(safe.stderr)")
        let cells = safe.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let labels = Set(cells.map { String($0[0]) })
        #expect(labels == ["'=1+2", "'-abc", "'@x", "plain", "-5"])
        #expect(cells.contains { $0[1] == "-3" })
        let plain = try DoppelProcess.run(["sample", source, "--seed", "1", "--rows", "300"])
        #expect(plain.stdout.contains("\n=1+2,"))

        // doppel run, through a session on the same file.
        let session = directory.appendingPathComponent("s.yaml").path
        let text = "format: 1\nsource:\n  path: hostile.csv\nplan:\n  columns:\n    - {name: label, kind: categorical, strategy: categorical}\n    - {name: n, kind: integer, strategy: histogram}\nrun:\n  seed: 2\n  rows: 100\n"
        try text.write(toFile: session, atomically: true, encoding: .utf8)
        let run = try DoppelProcess.run(["run", session, "--spreadsheet-safe", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.split(separator: "\n").contains { $0.hasPrefix("=") || $0.hasPrefix("@") || $0.hasPrefix("-a") })
        let jsonl = try DoppelProcess.run(["run", session, "--spreadsheet-safe", "--format", "jsonl"])
        #expect(jsonl.status == 2 && jsonl.stderr.contains("--spreadsheet-safe"))
    }

    @Test("a gate that needs --holdout or --target fails before any output is written")
    func gatesCheckedUpFront() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let source = try hostileCSV(in: directory)
        let session = directory.appendingPathComponent("s.yaml").path
        try "format: 1\nsource:\n  path: hostile.csv\nplan:\n  columns:\n    - {name: label, kind: categorical, strategy: categorical}\n    - {name: n, kind: integer, strategy: histogram}\nrun:\n  seed: 2\n  rows: 100\n"
            .write(toFile: session, atomically: true, encoding: .utf8)
        let out = directory.appendingPathComponent("out.csv").path
        let run = try DoppelProcess.run(["run", session, "-o", out, "--min", "dcr_overfitting_protection=0.5"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("dcr_overfitting_protection needs --holdout"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))

        let report = directory.appendingPathComponent("report.txt").path
        let noTarget = try DoppelProcess.run(["report", source, source, "--quiet", "-o", report, "--min", "tstr_accuracy_synthetic=0.5"])
        #expect(noTarget.status == 2)
        #expect(noTarget.stderr.contains("tstr_accuracy_synthetic needs --target"), "\(noTarget.stderr)")
        #expect(!FileManager.default.fileExists(atPath: report))
    }

    @Test("doppel report refuses a synthetic file whose columns differ, unless --columns names the subset")
    func reportColumnsMustMatch() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let penguins = try DoppelProcess.sharedData("penguins")
        let lines = try String(contentsOfFile: penguins, encoding: .utf8).split(separator: "\n")
        // The synthetic file drops body_mass_g, sex and year: easier to score well on.
        let fewer = directory.appendingPathComponent("fewer.csv").path
        try (lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(5).joined(separator: ",") }.joined(separator: "\n") + "\n")
            .write(toFile: fewer, atomically: true, encoding: .utf8)
        let missing = try DoppelProcess.run(["report", penguins, fewer, "--quiet", "--min", "quality=0.95"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("lacks columns 'body_mass_g', 'sex', 'year'"), "\(missing.stderr)")
        #expect(missing.stderr.contains("--columns species,island,bill_length_mm,bill_depth_mm,flipper_length_mm"))

        let subset = try DoppelProcess.run(["report", penguins, fewer, "--quiet", "--json", "--columns", "species,island,bill_length_mm,bill_depth_mm,flipper_length_mm"])
        #expect(subset.status == 0, "\(subset.stderr)")
        let unknown = try DoppelProcess.run(["report", penguins, fewer, "--quiet", "--columns", "species,sex"])
        #expect(unknown.status == 2 && unknown.stderr.contains("has no column 'sex'"), "\(unknown.stderr)")

        // Extra columns and no shared column at all.
        let other = directory.appendingPathComponent("other.csv").path
        try "zz\n1\n2\n3\n".write(toFile: other, atomically: true, encoding: .utf8)
        let disjoint = try DoppelProcess.run(["report", penguins, other, "--quiet", "--max", "pmse=0.01"])
        #expect(disjoint.status == 2)
        #expect(disjoint.stderr.contains("has column 'zz'") && disjoint.stderr.contains("share no column"), "\(disjoint.stderr)")
    }

    @Test("a metric that cannot be computed is null in JSON, and a gate on it is exit 2")
    func uncomputableMetric() throws {
        let directory = DoppelProcess.temporaryDirectory()
        // Only an identifier column: nothing is evaluated, so quality and pMSE cannot be computed.
        let ids = directory.appendingPathComponent("ids.csv").path
        try ("code\n" + (0..<60).map { String(format: "K-%05d", $0) }.joined(separator: "\n") + "\n").write(toFile: ids, atomically: true, encoding: .utf8)
        let json = try DoppelProcess.run(["report", ids, ids, "--quiet", "--json"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["pmse"] is NSNull)
        #expect(object["quality"] is NSNull)
        let gate = try DoppelProcess.run(["report", ids, ids, "--quiet", "--json", "--max", "pmse=0.01"])
        #expect(gate.status == 2)
        #expect(gate.stderr.contains("pmse was not computed"), "\(gate.stderr)")
    }
}
