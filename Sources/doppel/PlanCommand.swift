import ArgumentParser
import Foundation
import Session
import Synthesis
import Tabular

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Write a default generation plan for a CSV file: a strategy per column, and a seed.",
        discussion: "Edit the plan, then run `doppel sample FILE --plan PLAN`. The seed is chosen at random unless --seed is given, and recorded so that every later run is reproducible."
    )

    @Argument(help: ArgumentHelp("The CSV file to plan for (- for stdin).", valueName: "file"))
    var file: String

    @OptionGroup var read: ReadOptionsArguments

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("Where to write the plan (.yaml, or .json; - for stdout).", valueName: "path"))
    var out: String = "-"

    @Option(help: "The seed to record (default: a random one).")
    var seed: UInt64?

    @Option(help: "The row count to record (default: none, meaning the source's row count).")
    var rows: Int?

    @Option(help: ArgumentHelp("The joint model over the columns it can model: auto (try each on the data, keep the best quality), none (marginals alone), or one of: \(JointRegistry.allIDs.joined(separator: ", ")).", valueName: "model"))
    var joint: String = "auto"

    @Flag(help: "Write a session (source path and hash, plan, seed) that `doppel run` replays, instead of a bare plan.")
    var session = false

    @Option(help: ArgumentHelp("A differentially private plan: one mst joint group over every column it can model, with this budget ε (docs/PRIVACY.md). Replaces --joint.", valueName: "epsilon"))
    var epsilon: Double?

    @Flag(help: "Refuse (exit 2) a plan that is not differentially private as a whole (with --epsilon: columns mst cannot model).")
    var dpOnly = false

    func run() throws {
        try failingWithStatus2 {
            if let rows, rows < 0 { throw BadInput("--rows \(rows): expected a row count of at least 0") }
            let candidates: [String?]
            switch joint {
            case "auto": candidates = JointModelChoice.allCandidates
            case "none": candidates = []
            default:
                guard JointRegistry.strategy(id: joint) != nil else {
                    throw BadInput("--joint \(joint): expected auto, none or one of " + JointRegistry.allIDs.joined(separator: ", "))
                }
                candidates = [joint]
            }
            if session && (file == "-" || out == "-") { throw BadInput("--session needs a source file and an output path (-o), so that the session can name its source") }
            if let epsilon, !(epsilon >= 0.000001 && epsilon <= 1000) {
                throw BadInput("--epsilon \(epsilon): expected a privacy budget from 0.000001 to 1000")
            }
            let (table, _) = try loadSource(file, options: read)
            let chosenSeed = seed ?? DefaultPlanner.randomSeed()
            let outcome = epsilon == nil
                ? JointModelChoice.defaultPlan(for: table, kinds: proposedKinds(table), seed: chosenSeed, rows: rows, candidates: candidates) : nil
            let plan = epsilon.map { PrivatePlan.make(for: table, kinds: proposedKinds(table), seed: chosenSeed, rows: rows, epsilon: $0) } ?? outcome!.plan
            let privacy = PlanPrivacy(plan)
            if dpOnly && (privacy.privateGroups.isEmpty || privacy.isMixed) {
                throw BadInput("--dp-only: " + (privacy.privateGroups.isEmpty
                    ? "the plan has no differentially private joint group (use --epsilon)" : privacy.lines.joined(separator: "\n")))
            }
            for line in privacy.lines { Diagnostics.note(line) }
            if let group = plan.joint.first, epsilon != nil {
                Diagnostics.note("private joint group '\(group.name)' (mst, ε = \(epsilon!)) over \(group.columns.count) columns")
            }
            if let outcome, !outcome.rules.isEmpty {
                let derived = plan.columns.filter { $0.discovered == true }.count
                let constraints = plan.constraints.filter { $0.discovered == true }.count
                func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
                Diagnostics.note("found \(count(outcome.rules.count, "rule")) in the data; the plan keeps them as \(count(derived, "derived column")) and \(count(constraints, "constraint")), marked discovered: true (`doppel rules \(file)` lists them)")
            }
            for trial in outcome?.trials ?? [] {
                let name = trial.model ?? "none (marginals alone)"
                let groups = outcome?.search.map { ", the mean over \($0.groupsTried) groups" } ?? ""
                let figure = trial.quality.map { String(format: "quality %.4f", $0) + groups } ?? "failed: \(trial.failure ?? "?")"
                Diagnostics.note("joint model \(name): \(figure) (\(String(format: "%.2f", trial.seconds)) s)")
            }
            for line in outcome?.search?.summary ?? [] { Diagnostics.note(line) }
            if let outcome, outcome.search == nil, let chosen = plan.joint.first {
                Diagnostics.note("chose \(chosen.model) over \(chosen.columns.count) columns")
            }
            if session {
                let built = try Session.new(plan: plan, sourcePath: file, read: try read.options(), table: table,
                                            sessionPath: out, doppelVersion: Doppel.version)
                try SessionFile.save(built, to: out)
            } else if out == "-" {
                try StandardOutput.write(Array(try PlanFile.yaml(plan).utf8))
            } else {
                try PlanFile.save(plan, to: out)
            }
        }
    }
}
