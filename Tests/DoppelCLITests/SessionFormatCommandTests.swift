import Foundation
import Testing

/// Issue 11 end to end: plan files given to `doppel run`, `--source`, `doppel migrate`,
/// `doppel schema`, and the seed's one home.
@Suite("session format 2, with the built binary")
struct SessionFormatCommandTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let penguins = repository.appendingPathComponent("sessions/data/penguins.csv").path

    @Test("doppel run on a plan file says what it is; with --source it runs, as doppel sample --plan does")
    func planFiles() throws {
        let directory = DoppelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = directory.appendingPathComponent("plan.yaml").path
        let planned = try DoppelProcess.run(["plan", Self.penguins, "--seed", "4", "--joint", "none", "-o", plan])
        #expect(planned.status == 0, "\(planned.stderr)")
        let bare = try DoppelProcess.run(["run", plan])
        #expect(bare.status == 2)
        #expect(bare.stderr == "doppel: error: \(plan): \(plan) is a plan (from `doppel plan -o`), not a session: run it with `doppel run \(plan) --source DATA.csv`, write a session with `doppel plan DATA.csv --session -o s.yaml`, or sample with `doppel sample DATA.csv --plan \(plan)`\n")
        let run = try DoppelProcess.run(["run", plan, "--source", Self.penguins, "--rows", "500", "--quiet"])
        let sample = try DoppelProcess.run(["sample", Self.penguins, "--plan", plan, "--rows", "500"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == sample.stdout)
        #expect(run.stdout.split(separator: "\n").count == 501)
    }

    @Test("--seed is the plan's seed: overriding it gives what a session with that seed gives")
    func seedHasOneHome() throws {
        let directory = DoppelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = directory.appendingPathComponent("s.yaml").path
        let seven = directory.appendingPathComponent("seven.yaml").path
        #expect(try DoppelProcess.run(["plan", Self.penguins, "--seed", "4", "--joint", "none", "--session", "-o", session]).status == 0)
        try String(contentsOfFile: session, encoding: .utf8).replacingOccurrences(of: "  seed: 4\n", with: "  seed: 7\n")
            .write(toFile: seven, atomically: true, encoding: .utf8)
        let overridden = try DoppelProcess.run(["run", session, "--seed", "7", "--rows", "300", "--quiet"])
        let written = try DoppelProcess.run(["run", seven, "--rows", "300", "--quiet"])
        let own = try DoppelProcess.run(["run", session, "--rows", "300", "--quiet"])
        #expect(overridden.status == 0 && written.status == 0)
        #expect(overridden.stdout == written.stdout)
        #expect(overridden.stdout != own.stdout)
    }

    @Test("doppel migrate writes a format-1 session as format 2, which replays to the same bytes")
    func migrate() throws {
        let directory = DoppelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = Self.repository.appendingPathComponent("Tests/Fixtures/format1/penguins-hybrid.yaml").path
        let new = directory.appendingPathComponent("hybrid.yaml").path
        let migrated = try DoppelProcess.run(["migrate", old, "-o", new])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stderr.contains("format-1 session, read as format 2"))
        let text = try String(contentsOfFile: new, encoding: .utf8)
        #expect(text.hasPrefix("format: 2\n"))
        #expect(text.contains("plan:\n  seed: 2024\n  rows: 688\n"))
        let before = try DoppelProcess.run(["run", old, "--quiet"])
        let after = try DoppelProcess.run(["run", new, "--quiet"])
        #expect(before.status == 0 && after.status == 0, "\(after.stderr)")
        #expect(after.stderr.isEmpty)
        #expect(before.stdout == after.stdout)
        #expect(before.stdout.split(separator: "\n").count == 689)
    }

    @Test("doppel schema prints the checked-in schema; a bad session names file, line and key")
    func schemaAndMessages() throws {
        let schema = try DoppelProcess.run(["schema"])
        #expect(schema.stdout == (try String(contentsOfFile: Self.repository.appendingPathComponent("docs/session.schema.json").path, encoding: .utf8)))
        let directory = DoppelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = directory.appendingPathComponent("bad.yaml").path
        try "format: 2\nsource: {path: x.csv}\nplan:\n  seed: 1\n  rows: -1\n  columns: []\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try DoppelProcess.run(["run", bad])
        #expect(result.status == 2)
        #expect(result.stderr == "doppel: error: \(bad):5: key 'plan.rows': must be a whole number of at least 0 (found '-1')\n")
    }
}

@Suite("fitted sessions are private files")
struct FittedSessionModeTests {
    @Test("a fitted session holding real values is written 0600, even over a 0644 file")
    func fittedIsOwnerOnly() throws {
        let directory = DoppelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fitted = directory.appendingPathComponent("fitted.yaml").path
        try "old\n".write(toFile: fitted, atomically: true, encoding: .utf8)
        chmod(fitted, 0o644)
        let session = SessionFormatCommandTests.repository.appendingPathComponent("sessions/penguins-fully-synthetic.yaml").path
        let result = try DoppelProcess.run(["fit", session, "-o", fitted, "--include-real-values"])
        #expect(result.status == 0, "\(result.stderr)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: fitted)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }
}

@Suite("doppel fit: compact, deterministic, replayable")
struct FitCommandTests {
    @Test("two fits of one session give the same bytes; the models are compact; replay from them equals replay from the source")
    func fitTwice() throws {
        let directory = DoppelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("credit_data.csv").path
        try FileManager.default.copyItem(atPath: SessionFormatCommandTests.repository.appendingPathComponent("sessions/data/credit_data.csv").path, toPath: data)
        let session = directory.appendingPathComponent("s.yaml").path
        let planned = try DoppelProcess.run(["plan", data, "--seed", "11", "--joint", "cart", "--session", "-o", session])
        #expect(planned.status == 0, "\(planned.stderr)")
        let first = directory.appendingPathComponent("first.yaml").path, second = directory.appendingPathComponent("second.yaml").path
        for path in [first, second] {
            let fitted = try DoppelProcess.run(["fit", session, "-o", path, "--include-real-values"])
            #expect(fitted.status == 0, "\(fitted.stderr)")
        }
        let text = try String(contentsOfFile: first, encoding: .utf8)
        #expect(text == (try String(contentsOfFile: second, encoding: .utf8)))
        // One line per model: `fitted:` holds a single base64 string, not a tree of numbers.
        let fittedLines = text.split(separator: "\n").filter { $0.contains("fitted:") }
        #expect(!fittedLines.isEmpty)
        #expect(fittedLines.allSatisfy { $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces).allSatisfy { $0.isLetter || $0.isNumber || "+/=".contains($0) } })
        // CART leaf pools keep training values, so the size follows the data: no larger than it.
        #expect(text.utf8.count < (try FileManager.default.attributesOfItem(atPath: data)[.size] as! Int))
        let fromModels = try DoppelProcess.run(["run", first, "--rows", "2000", "--quiet"])
        let fromSource = try DoppelProcess.run(["run", session, "--rows", "2000", "--quiet"])
        #expect(fromModels.status == 0, "\(fromModels.stderr)")
        #expect(fromModels.stdout == fromSource.stdout)
    }

    @Test("a corrupt compact model is an error naming its key and line")
    func corruptModel() throws {
        let directory = DoppelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fitted = directory.appendingPathComponent("fitted.yaml").path
        let session = SessionFormatCommandTests.repository.appendingPathComponent("sessions/penguins-fully-synthetic.fitted.yaml").path
        var lines = try String(contentsOfFile: session, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix("      fitted: ") })
        lines[index] = "      fitted: eJzLSM3JyVcozy/KSQEAGgQEXQ"   // "hello world" cut short
        try lines.joined(separator: "\n").write(toFile: fitted, atomically: true, encoding: .utf8)
        let result = try DoppelProcess.run(["run", fitted, "-o", "/dev/null"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("\(fitted):\(index + 1): key 'model.columns."))
        #expect(result.stderr.contains(".fitted': the compact model is"))
    }
}

@Suite("messages name the option or the key")
struct OptionMessageTests {
    @Test("--where and --rebalance errors name the option; a session's conditions name their key and line; -o '' is explained")
    func optionsAndKeys() throws {
        let directory = DoppelProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let session = directory.appendingPathComponent("s.yaml").path
        #expect(try DoppelProcess.run(["plan", SessionFormatCommandTests.penguins, "--seed", "3", "--joint", "none", "--session", "-o", session]).status == 0)
        let whereOption = try DoppelProcess.run(["run", session, "--where", "nosuch=1", "-o", "/dev/null"])
        #expect(whereOption.status == 2)
        #expect(whereOption.stderr == "doppel: error: --where: column 'nosuch' is not in the output\n")
        let rebalance = try DoppelProcess.run(["sample", SessionFormatCommandTests.penguins, "--seed", "1", "--rebalance", "nosuch", "--rows", "5"])
        #expect(rebalance.stderr.hasSuffix("doppel: error: --rebalance: column 'nosuch' is not in the output\n"))
        let text = try String(contentsOfFile: session, encoding: .utf8).replacingOccurrences(of: "  seed: 3\n", with: "  seed: 3\n  conditions:\n    where: {nosuch: x}\n")
        try text.write(toFile: session, atomically: true, encoding: .utf8)
        let inSession = try DoppelProcess.run(["run", session, "-o", "/dev/null"])
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("    where:") }) + 1
        #expect(inSession.stderr == "doppel: error: \(session):\(line): key 'plan.conditions.where': column 'nosuch' is not in the output\n")
        // A range and min_rows in the session: a range beyond the data names its key and line;
        // min_rows lets a rare condition through (2 Chinstraps are heavier than 4,500 g) or stops it.
        let ranged = text.replacingOccurrences(of: "    where: {nosuch: x}\n", with: "    where: {body_mass_g: '>=9000'}\n")
        try ranged.write(toFile: session, atomically: true, encoding: .utf8)
        let beyond = try DoppelProcess.run(["run", session, "-o", "/dev/null"])
        #expect(beyond.stderr == "doppel: error: \(session):\(line): key 'plan.conditions.where': body_mass_g >= 9000: no real row meets it (the data's body_mass_g runs from 2700.0 to 6300.0)\n")
        let floor = text.replacingOccurrences(of: "    where: {nosuch: x}\n", with: "    where: {species: Chinstrap, body_mass_g: '>4500'}\n    min_rows: 2\n")
        try floor.write(toFile: session, atomically: true, encoding: .utf8)
        let allowed = try DoppelProcess.run(["run", session, "--rows", "50", "--quiet"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        try floor.replacingOccurrences(of: "min_rows: 2", with: "min_rows: 50").write(toFile: session, atomically: true, encoding: .utf8)
        let refused = try DoppelProcess.run(["run", session, "--rows", "50", "--quiet"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("fewer than min_rows (50): rows conditioned on"))
        let empty = try DoppelProcess.run(["sample", SessionFormatCommandTests.penguins, "--seed", "1", "-o", ""])
        #expect(empty.status == 2)
        #expect(empty.stderr.hasSuffix("doppel: error: '': the output file name is empty; give a file name, or - for standard output\n"))
    }
}
