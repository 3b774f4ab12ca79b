import Foundation
import Testing

@Suite("doppel run and doppel fit, end to end")
struct RunCommandTests {
    /// A folder with penguins.csv and a session on it; returns the session's path.
    private static func session(_ planLines: String = defaultPlan, extra: String = "") throws -> (directory: URL, path: String) {
        let directory = DoppelProcess.temporaryDirectory()
        let data = directory.appendingPathComponent("penguins.csv")
        try FileManager.default.copyItem(atPath: DoppelProcess.sharedData("penguins"), toPath: data.path)
        let text = "format: 1\nsource:\n  path: penguins.csv\n  rows: 344\nplan:\n  columns:\n\(planLines)run:\n  seed: 7\n  rows: 1000\n\(extra)"
        let path = directory.appendingPathComponent("s.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return (directory, path)
    }

    static let defaultPlan = """
          - {name: species, kind: categorical, strategy: categorical}
          - {name: bill_length_mm, kind: decimal, strategy: parametric}
          - {name: body_mass_g, kind: integer, strategy: histogram}
          - {name: who, kind: name, strategy: fake, parameters: {provider: name}}

        """

    @Test("byte-identical whatever the thread count; shards concatenate to the whole run")
    func determinismAndShards() throws {
        let (_, path) = try Self.session()
        let whole = try DoppelProcess.run(["run", path, "--quiet"])
        #expect(whole.status == 0, "\(whole.stderr)")
        #expect(whole.stdout.split(separator: "\n").count == 1001)
        let single = try DoppelProcess.run(["run", path, "--threads", "1"])
        #expect(single.stdout == whole.stdout)
        var joined = ""
        for index in 1...3 {
            let shard = try DoppelProcess.run(["run", path, "--shard", "\(index)/3"])
            #expect(shard.status == 0)
            #expect(shard.stdout.hasPrefix("species,") == (index == 1))
            joined += shard.stdout
        }
        #expect(joined == whole.stdout)
        let bad = try DoppelProcess.run(["run", path, "--shard", "4/3"])
        #expect(bad.status == 2)
    }

    @Test("the local recipe: xargs -P runs 4 shards in parallel, cat joins them")
    func xargsRecipe() throws {
        let (directory, path) = try Self.session()
        let script = "seq 1 4 | xargs -P 4 -I{} '\(DoppelProcess.binary.path)' run '\(path)' --shard {}/4 -o part-{}.csv && cat part-1.csv part-2.csv part-3.csv part-4.csv > all.csv"
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script]
        shell.currentDirectoryURL = directory
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let joined = try String(contentsOf: directory.appendingPathComponent("all.csv"), encoding: .utf8)
        #expect(joined == (try DoppelProcess.run(["run", path])).stdout)
    }

    @Test("fit embeds the models; the fitted session replays without the source, byte for byte")
    func fitThenRunWithoutSource() throws {
        let (directory, path) = try Self.session()
        let fitted = directory.appendingPathComponent("fitted.yaml").path
        let refused = try DoppelProcess.run(["fit", path, "-o", fitted])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("species (categorical: levels)"))
        #expect(refused.stderr.contains("--include-real-values"))
        let done = try DoppelProcess.run(["fit", path, "-o", fitted, "--include-real-values"])
        #expect(done.status == 0, "\(done.stderr)")
        let text = try String(contentsOfFile: fitted, encoding: .utf8)
        #expect(text.contains("real_values: levels"))
        #expect(text.contains("model:"))
        let fromSource = try DoppelProcess.run(["run", path])
        try FileManager.default.removeItem(at: directory.appendingPathComponent("penguins.csv"))
        let fromModels = try DoppelProcess.run(["run", fitted])
        #expect(fromModels.status == 0, "\(fromModels.stderr)")
        #expect(fromModels.stdout == fromSource.stdout)
        var edited = try String(contentsOfFile: fitted, encoding: .utf8)
        edited = edited.replacingOccurrences(of: "  - name: body_mass_g\n    kind: integer\n    strategy: histogram", with: "  - name: body_mass_g\n    kind: integer\n    strategy: uniform")
        let editedPath = directory.appendingPathComponent("edited.yaml").path
        try edited.write(toFile: editedPath, atomically: true, encoding: .utf8)
        let stale = try DoppelProcess.run(["run", editedPath])
        #expect(stale.status == 2)
        #expect(stale.stderr.contains("the plan says uniform (integer) but the embedded model was fitted as histogram (integer); run doppel fit again"))
        let gated = try DoppelProcess.run(["run", fitted, "--min", "quality=0.5", "-o", "/dev/null"])
        #expect(gated.status == 2)
        #expect(gated.stderr.contains("score the output against the source"))
    }

    @Test("fitted replay is exact for every number: unrounded decimals, edge cases (-0.0), kde, perturbed values")
    func fittedReplayIsExact() throws {
        let (directory, path) = try Self.session("""
              - {name: year, kind: categorical, strategy: categorical}
              - {name: bill_length_mm, kind: decimal, strategy: parametric, parameters: {round: false, clip: false, edge_rate: 0.05, family: normal}}
              - {name: body_mass_g, kind: integer, strategy: kde, parameters: {bandwidth: 0.7}}
              - {name: flipper_length_mm, kind: integer, strategy: perturb, parameters: {scale: 0.2, cycle: true}}

            """)
        for name in ["fitted.yaml", "fitted.json"] {
            let fitted = directory.appendingPathComponent(name).path
            let done = try DoppelProcess.run(["fit", path, "-o", fitted, "--include-real-values"])
            #expect(done.status == 0, "\(done.stderr)")
            #expect(try DoppelProcess.run(["run", fitted, "--rows", "3000"]).stdout == (try DoppelProcess.run(["run", path, "--rows", "3000"])).stdout)
        }
    }

    @Test("formats: tsv and jsonl; the session's output path is relative to the session")
    func formatsAndOutput() throws {
        let (directory, path) = try Self.session(extra: "")
        let tsv = try DoppelProcess.run(["run", path, "--format", "tsv", "--rows", "2"])
        #expect(tsv.stdout.hasPrefix("species\tbill_length_mm\tbody_mass_g\twho\n"))
        let jsonl = try DoppelProcess.run(["run", path, "--format", "jsonl", "--rows", "2"])
        let lines = jsonl.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        #expect(object?["body_mass_g"] is NSNumber)
        #expect(object?["species"] is String)
        let withOutput = try Self.session(extra: "").path
        var text = try String(contentsOfFile: withOutput, encoding: .utf8)
        text = text.replacingOccurrences(of: "  rows: 1000\n", with: "  rows: 10\n  output: out/synthetic.csv\n")
        try text.write(toFile: withOutput, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: URL(fileURLWithPath: withOutput).deletingLastPathComponent().appendingPathComponent("out"), withIntermediateDirectories: true)
        let written = try DoppelProcess.run(["run", withOutput])
        #expect(written.status == 0, "\(written.stderr)")
        let file = URL(fileURLWithPath: withOutput).deletingLastPathComponent().appendingPathComponent("out/synthetic.csv")
        #expect(try String(contentsOf: file, encoding: .utf8).split(separator: "\n").count == 11)
        _ = directory
    }

    @Test("a changed source is refused unless --allow-changed-source")
    func changedSource() throws {
        let (directory, path) = try Self.session()
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "  rows: 344\n", with: "  rows: 344\n  sha256: 0000000000000000000000000000000000000000000000000000000000000000\n")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try DoppelProcess.run(["run", path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("s.yaml:5: key 'source.sha256': the source file"))
        let allowed = try DoppelProcess.run(["run", path, "--allow-changed-source", "--rows", "3"])
        #expect(allowed.status == 0)
        _ = directory
    }

    @Test("gates from the session's require: exit 1 when missed")
    func requireGates() throws {
        let (_, path) = try Self.session(extra: "require:\n  min: {quality: 0.999}\n")
        let outcome = try DoppelProcess.run(["run", path, "-o", "/dev/null", "--quiet"])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("gate missed: quality = "))
        let reported = try DoppelProcess.run(["run", path, "-o", "/dev/null", "--report", "--max", "exact_copy_rate=1"])
        #expect(reported.stderr.contains("Doppel fidelity report"))
    }

    @Test("memory stays flat: a million rows in under 100 MB of peak memory")
    func flatMemory() throws {
        let (directory, path) = try Self.session()
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "/usr/bin/time -f %M -o peak.txt '\(DoppelProcess.binary.path)' run '\(path)' --rows 1000000 -o /dev/null --quiet"]
        shell.currentDirectoryURL = directory
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let kilobytes = Int(try String(contentsOf: directory.appendingPathComponent("peak.txt"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max
        #expect(kilobytes < 100_000, "peak \(kilobytes) KB")
    }

    @Test("a kill during a write leaves the old output whole")
    func killDuringWrite() throws {
        let (directory, path) = try Self.session()
        let target = directory.appendingPathComponent("keep.csv")
        try "old contents\n".write(to: target, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = DoppelProcess.binary
        process.arguments = ["run", path, "--rows", "50000000", "-o", target.path, "--quiet"]
        try process.run()
        Thread.sleep(forTimeInterval: 0.8)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try String(contentsOf: target, encoding: .utf8) == "old contents\n")
    }
}

@Suite("Bad sessions: key path, line, exit 2")
struct BadSessionTests {
    private func outcome(_ plan: String, extra: String = "") throws -> (DoppelProcess.Outcome, String) {
        let directory = DoppelProcess.temporaryDirectory()
        try FileManager.default.copyItem(atPath: DoppelProcess.sharedData("penguins"), toPath: directory.appendingPathComponent("penguins.csv").path)
        let path = directory.appendingPathComponent("bad.yaml").path
        try "format: 1\nsource:\n  path: penguins.csv\nplan:\n  columns:\n\(plan)run:\n  seed: 1\n\(extra)".write(toFile: path, atomically: true, encoding: .utf8)
        return (try DoppelProcess.run(["run", path, "-o", "/dev/null"]), path)
    }

    @Test func unknownKey() throws {
        let (result, path) = try outcome("  - {name: species, kind: categorical, strategy: categorical}\n", extra: "colour: blue\n")
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("doppel: error: \(path):9: key 'colour': unknown key; allowed here: "))
        let (nested, nestedPath) = try outcome("  - name: species\n    kind: categorical\n    stratgy: categorical\n")
        #expect(nested.stderr.hasPrefix("doppel: error: \(nestedPath):8: key 'plan.columns[0].stratgy': unknown key"))
    }

    @Test func unknownStrategy() throws {
        let (result, path) = try outcome("  - {name: species, kind: categorical, strategy: categorical}\n  - {name: island, kind: categorical, strategy: magic}\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):7: key 'plan.columns[1].strategy': must be one of empirical, histogram,"))
        #expect(result.stderr.contains("(found 'magic')"))
    }

    @Test func parameterOutOfRange() throws {
        let (result, path) = try outcome("  - name: body_mass_g\n    kind: integer\n    strategy: histogram\n    parameters:\n      bins: 0\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):10: key 'plan.columns[0].parameters.bins': column 'body_mass_g': parameter 'bins' = 0 is not allowed"))
    }

    @Test func wrongType() throws {
        let (result, path) = try outcome("  - {name: species, kind: colour, strategy: categorical}\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):6: key 'plan.columns[0].kind'"))
    }

    @Test func columnMissingFromSource() throws {
        let (result, path) = try outcome("  - {name: wingspan, kind: decimal, strategy: histogram}\n")
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):6: key 'plan.columns[0]': column 'wingspan': strategy 'histogram' needs a real column"))
    }

    @Test func formulaCycle() throws {
        let (result, path) = try outcome("""
              - {name: a, kind: decimal, strategy: formula, parameters: {expression: "b + 1"}}
              - {name: b, kind: decimal, strategy: formula, parameters: {expression: "a * 2"}}

            """)
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(path):5: key 'plan.columns'"))
        #expect(result.stderr.contains("cycle"))
    }
}
