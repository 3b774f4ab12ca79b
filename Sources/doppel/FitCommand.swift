import ArgumentParser
import Foundation
import Session
import Synthesis
import Tabular

struct FitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit",
        abstract: "Write the session with its fitted models embedded, so that `doppel run` needs no source.",
        discussion: "Models that keep real values (resampled points, kept or shuffled columns, category levels) are refused unless --include-real-values: a session must not ship real data by mistake."
    )

    @Argument(help: ArgumentHelp("The session file.", valueName: "session"))
    var session: String

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("The fitted session to write (.yaml or .json).", valueName: "path"))
    var out: String

    @Flag(help: "Embed models even when they keep real values.")
    var includeRealValues = false

    @Flag(help: "Use the source even if its SHA-256 differs from the session's.")
    var allowChangedSource = false

    @Flag(help: "Leave the source's row count, SHA-256 and column names out of the fitted session (they are otherwise written, and public); a plan without rows takes a differentially private group's noisy row count.")
    var privateSource = false

    @Flag(help: "Refuse (exit 2) a plan that is not differentially private as a whole: every output column from a differentially private joint group (mst) or from a strategy that reads no data.")
    var dpOnly = false

    func run() throws {
        try failingWithStatus2 {
            let file = try SessionFile.load(session)
            for note in file.notes { Diagnostics.note(note) }
            if file.session.isRelational {
                throw BadInput("\(session): doppel fit does not embed relational sessions (tables:) yet; doppel run refits them from their sources")
            }
            let privacy = PlanPrivacy(file.session.plan)
            if dpOnly {
                if privacy.privateGroups.isEmpty {
                    throw BadInput("--dp-only: the plan has no differentially private joint group (plan.joint with model: mst)")
                }
                if privacy.isMixed { throw BadInput("--dp-only: " + privacy.lines.joined(separator: "\n")) }
            }
            for line in privacy.lines { Diagnostics.note(line) }
            let source = try SessionRunner.readSource(file, allowChangedSource: allowChangedSource)
            let plan: FittedPlan
            do {
                plan = try FittedPlan.fit(file.session.plan, on: source, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw file.locate(error)
            }
            for joint in plan.joints {
                for line in joint.model.summary { Diagnostics.note("joint group '\(joint.name)' (\(joint.strategy)): \(line)") }
            }
            var fitted = try SessionRunner.embed(file, plan: plan, includeRealValues: includeRealValues, privateSource: privateSource)
            // Say what ships: a model labelled "statistics" still holds exact real figures.
            for column in plan.columns where !column.realValueDisclosure.isEmpty && !(column.model is PrivateMemberModel) {
                Diagnostics.note("embeds from the real data: \(column.name) (\(column.strategy), real_values: \(column.model.exposure.rawValue)): "
                                 + column.realValueDisclosure.joined(separator: "; "))
            }
            for joint in plan.joints where joint.model.exposure != .none && joint.model.privacy == nil {
                Diagnostics.note("embeds from the real data: joint group '\(joint.name)' (\(joint.strategy), real_values: \(joint.model.exposure.rawValue))")
            }
            // The source path is rewritten relative to where the fitted session goes.
            if var recordedSource = fitted.source {
                let absolute = URL(fileURLWithPath: file.resolve(recordedSource.path)).standardizedFileURL.path
                recordedSource.path = RelativePath.of(absolute, from: URL(fileURLWithPath: out).deletingLastPathComponent().path)
                if !privateSource {
                    recordedSource.rows = source.rowCount
                    recordedSource.sha256 = try SourceHash.sha256(of: absolute)
                    if !privacy.privateGroups.isEmpty {
                        Diagnostics.note("the source's row count, SHA-256 and column names are written as public; --private-source leaves them out")
                    }
                }
                fitted.source = recordedSource
            }
            if fitted.doppelVersion == nil { fitted.doppelVersion = Doppel.version }
            try SessionFile.save(fitted, to: out)   // 0600 when the models hold real data
        }
    }
}
