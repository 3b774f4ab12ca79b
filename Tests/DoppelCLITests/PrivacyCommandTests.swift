import Foundation
import Testing

@Suite("differentially private plans and sessions, end to end")
struct PrivacyCommandTests {
    /// dp_people.csv in a fresh folder and `doppel plan --epsilon 1 --session` on it.
    private static func privateSession() throws -> (directory: URL, path: String, stderr: String) {
        let directory = DoppelProcess.temporaryDirectory()
        let data = directory.appendingPathComponent("people.csv")
        try FileManager.default.copyItem(atPath: DoppelProcess.sharedData("dp_people"), toPath: data.path)
        let path = directory.appendingPathComponent("people.doppel.yaml").path
        let planned = try DoppelProcess.run(["plan", data.path, "--epsilon", "1", "--dp-only", "--session", "-o", path, "--seed", "5"])
        #expect(planned.status == 0, "\(planned.stderr)")
        return (directory, path, planned.stderr)
    }

    @Test("plan --epsilon makes an mst group; fit embeds it without --include-real-values, prints the budget, and run needs no source")
    func planFitRun() throws {
        let (directory, path, stderr) = try Self.privateSession()
        #expect(stderr.contains("private joint group 'private' (mst, ε = 1.0) over 5 columns"))
        #expect(!stderr.contains("not differentially private"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("model: mst"))
        let fitted = directory.appendingPathComponent("fitted.yaml").path
        let fit = try DoppelProcess.run(["fit", path, "-o", fitted, "--dp-only", "--private-source"])
        #expect(fit.status == 0, "\(fit.stderr)")
        #expect(fit.stderr.contains("(ε = 1, δ = 1e-09)-DP through ρ-zCDP"))
        #expect(fit.stderr.contains("one-way marginals and domains: ρ = "))
        #expect(fit.stderr.contains("pair selection: ρ = "))
        #expect(fit.stderr.contains("two-way marginals: ρ = "))
        #expect(!fit.stderr.contains("embeds from the real data"))
        let fittedText = try String(contentsOfFile: fitted, encoding: .utf8)
        #expect(!fittedText.contains("sha256:"))
        try FileManager.default.removeItem(at: directory.appendingPathComponent("people.csv"))
        let run = try DoppelProcess.run(["run", fitted, "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("city,age,income,member,visits\n"))
    }

    @Test("a plan mixing the private group with a column that reads the data is flagged, and --dp-only refuses it")
    func mixedPlan() throws {
        let (directory, path, _) = try Self.privateSession()
        // income leaves the group: its own strategy reads the real column.
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let mixed = text.replacingOccurrences(of: "columns: [city, age, income, member, visits]", with: "columns: [city, age, member, visits]")
        #expect(mixed != text)
        try mixed.write(toFile: path, atomically: true, encoding: .utf8)
        let fitted = directory.appendingPathComponent("fitted.yaml").path
        let refused = try DoppelProcess.run(["fit", path, "-o", fitted, "--dp-only"])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--dp-only: the plan is not differentially private as a whole"))
        #expect(refused.stderr.contains("income: "))
        #expect(!FileManager.default.fileExists(atPath: fitted))
        let flagged = try DoppelProcess.run(["fit", path, "-o", fitted, "--include-real-values"])
        #expect(flagged.status == 0, "\(flagged.stderr)")
        #expect(flagged.stderr.contains("doppel: the plan is not differentially private as a whole"))

        // doppel plan --dp-only refuses a plan with no private group.
        let none = try DoppelProcess.run(["plan", directory.appendingPathComponent("people.csv").path, "--dp-only", "--joint", "none", "-o", "-"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("--dp-only: the plan has no differentially private joint group"))
        let bad = try DoppelProcess.run(["plan", directory.appendingPathComponent("people.csv").path, "--epsilon", "0", "-o", "-"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--epsilon 0.0"))
    }

    @Test("bayesian_network's retired epsilon: plan --joint bayesian_network --epsilon, run and migrate of a session that sets it exit 2 saying what to write")
    func retiredPrivBayes() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let data = directory.appendingPathComponent("people.csv")
        try FileManager.default.copyItem(atPath: DoppelProcess.sharedData("dp_people"), toPath: data.path)
        let planned = try DoppelProcess.run(["plan", data.path, "--joint", "bayesian_network", "--epsilon", "1", "-o", "-"])
        #expect(planned.status == 2)
        #expect(planned.stderr.contains("--joint bayesian_network with --epsilon: bayesian_network is no longer differentially private"), "\(planned.stderr)")

        // A session written by an older version, with PrivBayes' budget on its group.
        let session = directory.appendingPathComponent("old.yaml").path
        let made = try DoppelProcess.run(["plan", data.path, "--joint", "bayesian_network", "--session", "-o", session, "--seed", "3"])
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOfFile: session, encoding: .utf8)
        let marker = "    model: bayesian_network\n"
        #expect(text.contains(marker), "\(text)")
        let old = text.replacingOccurrences(of: marker, with: marker + "    parameters: {epsilon: 2}\n")
        try old.write(toFile: session, atomically: true, encoding: .utf8)
        let line = old.components(separatedBy: "\n").firstIndex { $0.contains("epsilon: 2") }! + 1
        for arguments in [["run", session, "-o", "-"], ["migrate", session, "-o", "-"]] {
            let refused = try DoppelProcess.run(arguments)
            #expect(refused.status == 2, "\(arguments[0]): \(refused.stderr)")
            #expect(refused.stderr.contains("old.yaml:\(line)"), "\(arguments[0]): \(refused.stderr)")
            #expect(refused.stderr.contains("key 'plan.joint[0].parameters.epsilon': bayesian_network is no longer differentially private"),
                    "\(arguments[0]): \(refused.stderr)")
            #expect(refused.stderr.contains("write model: mst with parameters: {epsilon: 2}"), "\(arguments[0]): \(refused.stderr)")
        }
    }
}
