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

    @Argument(help: ArgumentHelp("The CSV file to plan for (or JSON Lines, Parquet; - for stdin), or a folder of CSV or Parquet files (one table each) for a relational session.", valueName: "file"))
    var file: String

    @OptionGroup var read: ReadOptionsArguments

    @OptionGroup var streaming: StreamingArguments

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("Where to write the plan (.yaml, or .json; - for stdout).", valueName: "path"))
    var out: String = "-"

    @Option(help: "The seed to record (default: a random one).")
    var seed: UInt64?

    @Option(help: "The row count to record (default: none, meaning the source's row count).")
    var rows: Int?

    @Option(help: ArgumentHelp("The joint model over the columns it can model: auto (try each on the data, keep the best quality), none (marginals alone), or one of: \(JointRegistry.allIDs.joined(separator: ", ")).", valueName: "model"))
    var joint: String = "auto"

    @Option(help: ArgumentHelp("How the joint model is chosen for privacy, measured on rows held back from the candidates' fit: strict (DCR share <= 0.51, copy rate <= the holdout's), balanced (DCR share <= 0.52, copy rate <= the holdout's + 0.5 pp), or off (quality alone). A share counts as over its limit when over by more than its standard error. The best quality among the candidates that meet it wins; when none does, the most private is kept and said.", valueName: "setting"))
    var privacy: String = PrivacySetting.default.rawValue

    @Flag(help: "Write a session (source path and hash, plan, seed) that `doppel run` replays, instead of a bare plan.")
    var session = false

    @Option(help: ArgumentHelp("A differentially private plan: one mst joint group over every column it can model, with this budget ε (docs/PRIVACY.md). --joint may be left out or mst.", valueName: "epsilon"))
    var epsilon: Double?

    @Flag(help: "Refuse (exit 2) a plan that is not differentially private as a whole (with --epsilon: columns mst cannot model).")
    var dpOnly = false

    @Option(help: "Threads (default: all cores). Does not change the plan.")
    var threads: Int = 0

    func run() throws {
        try failingWithStatus2 {
            if let rows, rows < 0 { throw BadInput("--rows \(rows): expected a row count of at least 0") }
            if threads < 0 { throw BadInput("--threads \(threads): expected 0 (all cores) or more") }
            if threads > 0 { Parallel.threadLimit = threads }
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
            guard let privacySetting = PrivacySetting(rawValue: privacy) else {
                throw BadInput("--privacy \(privacy): expected strict, balanced or off")
            }
            if RelationalCommands.isRelationalSource(file) {
                // A folder is several related tables: its plan is always a session.
                return try RelationalCommands.plan(directory: file, options: read, out: out, seed: seed ?? DefaultPlanner.randomSeed(),
                                                   rows: rows, candidates: candidates, privacy: privacySetting)
            }
            if session && (file == "-" || out == "-") { throw BadInput("--session needs a source file and an output path (-o), so that the session can name its source") }
            if let epsilon, !(epsilon >= 0.000001 && epsilon <= 1000) {
                throw BadInput("--epsilon \(epsilon): expected a privacy budget from 0.000001 to 1000")
            }
            // --epsilon makes an mst group: a --joint naming another model would be silently replaced.
            if epsilon != nil, joint != "auto", joint != MSTStrategy.descriptor.id {
                let why = joint == BayesianNetworkStrategy.descriptor.id
                    ? "bayesian_network is no longer differentially private (its levels and bin edges were never noised)"
                    : "\(joint) is not differentially private"
                throw BadInput("--joint \(joint) with --epsilon: \(why); --epsilon makes one mst group (model: mst), so leave out --joint or write --joint mst")
            }
            let chosenSeed = seed ?? DefaultPlanner.randomSeed()
            var streamed: StreamedTable?
            var sourceHash: String?
            let table: Table
            if try streaming.shouldStream(file) {
                // The reservoir is drawn with the plan's seed, so `doppel run` draws the same one;
                // a session's hash is taken in the same pass (the file is read once).
                let hash = session ? SourceHash.Running() : nil
                let read = try streaming.stream(file, options: try read.options(), seed: chosenSeed,
                                                rawBytes: hash.map { hash in { hash.update($0) } })
                sourceHash = hash?.hex
                streamed = read
                table = read.reservoir
                Diagnostics.note("\(file) is larger than the memory budget (--memory \(streaming.memory)): read as a stream; each column's own model is fitted on all \(read.rowCount) rows, the joint model and rules on a uniform sample of \(table.rowCount)")
                if !session { Diagnostics.note("a bare plan does not say how the source was read: write a session (--session) for doppel run to stream it again") }
            } else {
                table = try loadSource(file, options: read).table
            }
            let outcome = epsilon == nil
                ? JointModelChoice.defaultPlan(for: table, kinds: proposedKinds(table), seed: chosenSeed, rows: rows, candidates: candidates,
                                               privacy: privacySetting) : nil
            let plan = epsilon.map { PrivatePlan.make(for: table, kinds: proposedKinds(table), seed: chosenSeed, rows: rows, epsilon: $0) } ?? outcome!.plan
            let planPrivacy = PlanPrivacy(plan)
            if dpOnly && (planPrivacy.privateGroups.isEmpty || planPrivacy.isMixed) {
                throw BadInput("--dp-only: " + (planPrivacy.privateGroups.isEmpty
                    ? "the plan has no differentially private joint group (use --epsilon)" : planPrivacy.lines.joined(separator: "\n")))
            }
            for line in planPrivacy.lines { Diagnostics.note(line) }
            if let group = plan.joint.first, epsilon != nil {
                Diagnostics.note("private joint group '\(group.name)' (mst, ε = \(epsilon!)) over \(group.columns.count) columns")
            }
            if let outcome, !outcome.rules.isEmpty {
                let derived = plan.columns.filter { $0.discovered == true }.count
                let constraints = plan.constraints.filter { $0.discovered == true }.count
                func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
                Diagnostics.note("found \(count(outcome.rules.count, "rule")) in the data; the plan keeps them as \(count(derived, "derived column")) and \(count(constraints, "constraint")), marked discovered: true (`doppel rules \(file)` lists them)")
            }
            if let split = outcome?.privacySplit {
                Diagnostics.note("privacy \(privacySetting.rawValue): candidates fit on \(split.training) rows and are measured against \(split.holdout) rows held back (\(privacySetting.limits))")
            } else if let outcome, privacySetting != .off && !outcome.trials.isEmpty {
                Diagnostics.note("privacy \(privacySetting.rawValue): not measured, the table has fewer than 100 rows to hold back")
            }
            for trial in outcome?.trials ?? [] {
                let name = trial.model ?? "none (marginals alone)"
                let groups = outcome?.search.map { ", the mean over \($0.groupsTried) groups" } ?? ""
                var figure = trial.quality.map { String(format: "quality %.4f", $0) + groups } ?? "failed: \(trial.failure ?? "?")"
                if let measured = trial.privacy {
                    figure += "; " + measured.summary + (measured.meets ? "" : ": over the \(privacySetting.rawValue) limits")
                }
                Diagnostics.note("joint model \(name): \(figure) (\(String(format: "%.2f", trial.seconds)) s)")
            }
            for line in outcome?.search?.summary ?? [] { Diagnostics.note(line) }
            if let shortfall = outcome?.privacyShortfall {
                Diagnostics.note(shortfall.message)
            } else if let outcome, outcome.search == nil, !outcome.trials.isEmpty {
                let why = outcome.privacySplit == nil ? "the best quality" : "the best quality within --privacy \(privacySetting.rawValue)"
                let chosen = plan.joint.first.map { "\($0.model) over \($0.columns.count) columns" } ?? "marginals alone"
                Diagnostics.note("chose \(chosen): \(why)")
            }
            if session {
                var built = try Session.new(plan: plan, sourcePath: file, read: try read.options(), table: table,
                                            sessionPath: out, doppelVersion: Doppel.version, sha256: sourceHash)
                if let streamed {
                    built.source?.rows = streamed.rowCount
                    built.source?.streamed = Session.Streamed(reservoirRows: streaming.reservoir)
                }
                try SessionFile.save(built, to: out)
            } else if out == "-" {
                try StandardOutput.write(Array(try PlanFile.yaml(plan).utf8))
            } else {
                try PlanFile.save(plan, to: out)
            }
        }
    }
}
