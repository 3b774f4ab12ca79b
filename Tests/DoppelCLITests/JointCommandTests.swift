import Foundation
import Testing

@Suite("joint models, constraints and conditions, end to end")
struct JointCommandTests {
    /// penguins.csv in a fresh folder, and `doppel plan --session` on it.
    private static func plannedSession(_ extra: [String] = []) throws -> (directory: URL, path: String, stderr: String) {
        let directory = DoppelProcess.temporaryDirectory()
        let data = directory.appendingPathComponent("penguins.csv")
        try FileManager.default.copyItem(atPath: DoppelProcess.sharedData("penguins"), toPath: data.path)
        let path = directory.appendingPathComponent("penguins.doppel.yaml").path
        let planned = try DoppelProcess.run(["plan", data.path, "--session", "-o", path, "--seed", "5"] + extra)
        #expect(planned.status == 0, "\(planned.stderr)")
        return (directory, path, planned.stderr)
    }

    @Test("plan --session tries each joint model, keeps the best, and run replays it byte for byte")
    func planChoosesAndRunReplays() throws {
        let (_, path, stderr) = try Self.plannedSession()
        #expect(stderr.contains("doppel: joint model gaussian_copula: quality 0."))
        #expect(stderr.contains("doppel: joint model none (marginals alone): quality 0."))
        #expect(stderr.contains("doppel: chose "))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("path: penguins.csv"))
        #expect(text.contains("joint:"))
        let first = try DoppelProcess.run(["run", path, "--quiet"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.split(separator: "\n").count == 345)
        let second = try DoppelProcess.run(["run", path, "--quiet", "--threads", "1"])
        #expect(second.stdout == first.stdout)
    }

    @Test("a wide table is planned by groups of related columns, says what it left out, and runs")
    func widePlanByGroups() throws {
        // penguins' columns five times over under new names: past the narrow search's 30 columns.
        // Each copy reads the rows from another starting point, so that no column is a copy of
        // another (which rule discovery would derive instead of modelling).
        let directory = DoppelProcess.temporaryDirectory()
        let lines = try String(contentsOfFile: DoppelProcess.sharedData("penguins"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: true)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false)
        let names = (1...5).flatMap { copy in header.map { copy == 1 ? String($0) : "\($0)_\(copy)" } }
        let rows = Array(lines.dropFirst())
        let body = rows.indices.map { row in (0..<5).map { copy in String(rows[(row + copy * 71) % rows.count]) }.joined(separator: ",") }
        let data = directory.appendingPathComponent("wide.csv")
        try ([names.joined(separator: ",")] + body).joined(separator: "\n").appending("\n").write(to: data, atomically: true, encoding: .utf8)
        let path = directory.appendingPathComponent("wide.doppel.yaml").path
        let planned = try DoppelProcess.run(["plan", data.path, "--session", "-o", path, "--seed", "5"])
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(planned.stderr.contains("doppel: joint search: \(header.count * 5) modellable columns"), "\(planned.stderr)")
        #expect(planned.stderr.contains("columns left to their marginals"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("name: joint_1"))
        let run = try DoppelProcess.run(["run", path, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.split(separator: "\n").count == lines.count)
    }

    @Test("fit embeds the joint model; the fitted session replays with no source, to the same bytes")
    func fittedJointReplaysWithoutSource() throws {
        let (directory, path, _) = try Self.plannedSession(["--joint", "gaussian_copula"])
        let fitted = directory.appendingPathComponent("fitted.yaml").path
        let fit = try DoppelProcess.run(["fit", path, "-o", fitted, "--include-real-values"])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(try String(contentsOfFile: fitted, encoding: .utf8).contains("model: gaussian_copula"))
        let expected = try DoppelProcess.run(["run", path, "--rows", "2000", "--quiet"]).stdout
        try FileManager.default.removeItem(at: directory.appendingPathComponent("penguins.csv"))
        let replay = try DoppelProcess.run(["run", fitted, "--rows", "2000", "--quiet"])
        #expect(replay.status == 0, "\(replay.stderr)")
        #expect(replay.stdout == expected)
        // Conditions work on the fitted session too: the levels come from a pilot sample.
        let balanced = try DoppelProcess.run(["run", fitted, "--rows", "3000", "--quiet", "--rebalance", "species"])
        #expect(balanced.status == 0, "\(balanced.stderr)")
        let species = balanced.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[0] }
        #expect(abs(species.filter { $0 == "Chinstrap" }.count - 1000) <= 2)
        // Without the source, an equality is checked against the levels the model keeps.
        let unknown = try DoppelProcess.run(["run", fitted, "--rows", "10", "--where", "species=gentoo"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("--where: species = 'gentoo' is not a level the fitted model makes; similar: Gentoo"), "\(unknown.stderr)")
    }

    @Test("--where steers a cart session fitted from its source; a fitted session without it falls back to rejection and says so")
    func steeredConditionsAndTheNoSourceFallback() throws {
        let (directory, path, _) = try Self.plannedSession(["--joint", "cart"])
        // Torgersen island has only Adelie penguins: the rows keep that.
        let steered = try DoppelProcess.run(["run", path, "--rows", "500", "--where", "island=Torgersen"])
        #expect(steered.status == 0, "\(steered.stderr)")
        #expect(!steered.stderr.contains("rejection"), "\(steered.stderr)")
        let rows = steered.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 500)
        #expect(rows.allSatisfy { $0[1] == "Torgersen" })
        #expect(rows.filter { $0[0] == "Adelie" }.count >= 475)
        let fitted = directory.appendingPathComponent("fitted.yaml").path
        #expect(try DoppelProcess.run(["fit", path, "-o", fitted, "--include-real-values"]).status == 0)
        try FileManager.default.removeItem(at: directory.appendingPathComponent("penguins.csv"))
        let fallback = try DoppelProcess.run(["run", fitted, "--rows", "200", "--where", "island=Dream"])
        #expect(fallback.status == 0, "\(fallback.stderr)")
        #expect(fallback.stderr.contains("doppel: where island = Dream: met by rejection only"), "\(fallback.stderr)")
        #expect(fallback.stderr.split(separator: "\n").filter { $0.contains("rejection") }.count == 1)
    }

    @Test("--where (equality and ranges) and --rebalance condition the rows; impossible conditions and shares over 1 exit 2 up front")
    func conditionsFromTheCommandLine() throws {
        let (_, path, _) = try Self.plannedSession(["--joint", "gaussian_copula"])
        let rare = try DoppelProcess.run(["run", path, "--rows", "500", "--quiet", "--where", "species=Chinstrap", "--where", "sex=female"])
        #expect(rare.status == 0, "\(rare.stderr)")
        let rows = rare.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 500)
        #expect(rows.allSatisfy { $0[0] == "Chinstrap" && $0[6] == "female" })

        let shares = try DoppelProcess.run(["run", path, "--rows", "1000", "--quiet", "--rebalance", "sex=male:0.8,female:0.2"])
        #expect(shares.status == 0, "\(shares.stderr)")
        let male = shares.stdout.split(separator: "\n").dropFirst().filter { $0.split(separator: ",", omittingEmptySubsequences: false)[6] == "male" }.count
        #expect(male == 800)

        let impossible = try DoppelProcess.run(["run", path, "--rows", "10", "--where", "species=Emperor"])
        #expect(impossible.status == 2)
        #expect(impossible.stderr.contains("--where: species = 'Emperor' does not occur in the data; most common: Adelie, Gentoo, Chinstrap"))

        // Ranges hold in every row; one outside the data, shares over 1 and a typo fail up front.
        let heavy = try DoppelProcess.run(["run", path, "--rows", "300", "--quiet", "--where", "body_mass_g>=5000", "--where", "species!=Adelie"])
        #expect(heavy.status == 0, "\(heavy.stderr)")
        let heavyRows = heavy.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(heavyRows.count == 300)
        #expect(heavyRows.allSatisfy { Double($0[5])! >= 5_000 && $0[0] != "Adelie" })
        let outside = try DoppelProcess.run(["run", path, "--rows", "10", "--where", "body_mass_g>9000"])
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("--where: body_mass_g > 9000: no real row meets it (the data's body_mass_g runs from 2700.0 to 6300.0)"))
        let typo = try DoppelProcess.run(["run", path, "--rows", "10", "--where", "species=gentoo"])
        #expect(typo.stderr.contains("species = 'gentoo' does not occur in the data; similar: Gentoo;"))
        let tooFew = try DoppelProcess.run(["run", path, "--rows", "10", "--where", "body_mass_g>6000"])
        #expect(tooFew.status == 2)
        #expect(tooFew.stderr.contains("--where: body_mass_g > 6000 selects 2 real rows, fewer than min_rows (5): rows conditioned on 2 real people describe those people"), "\(tooFew.stderr)")
        let lowered = try DoppelProcess.run(["run", path, "--rows", "10", "--quiet", "--where", "body_mass_g>6000", "--min-rows", "2"])
        #expect(lowered.status == 0, "\(lowered.stderr)")
        let over = try DoppelProcess.run(["run", path, "--rows", "10", "--rebalance", "species=Gentoo:0.7,Adelie:0.6"])
        #expect(over.status == 2)
        #expect(over.stderr.contains("--rebalance: the shares sum to 1.3, more than 1"))
        let malformed = try DoppelProcess.run(["run", path, "--where", "species"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("--where species: expected COLUMN=VALUE"))
    }

    @Test("a constraint in the session file is met by every row; a bad one names its key and line")
    func constraintsInTheSession() throws {
        let (_, path, _) = try Self.plannedSession(["--joint", "gaussian_copula"])
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = text.replacingOccurrences(of: "plan:\n", with: """
            plan:
              constraints:
              - {type: range, column: body_mass_g, min: 3000, max: 4000}

            """)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try DoppelProcess.run(["run", path, "--rows", "2000", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let masses = run.stdout.split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",", omittingEmptySubsequences: false)[5]) }
        #expect(masses.count > 1_900)
        #expect(masses.allSatisfy { $0 >= 3000 && $0 <= 4000 })

        try text.replacingOccurrences(of: "type: range", with: "type: ranged").write(toFile: path, atomically: true, encoding: .utf8)
        let bad = try DoppelProcess.run(["run", path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("plan.constraints"))
        #expect(bad.stderr.contains("ranged"))
    }
}
