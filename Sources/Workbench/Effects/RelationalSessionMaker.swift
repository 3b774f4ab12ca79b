import Fidelity
import Foundation
import Session
import Synthesis
import Tabular

/// The relational session of the table list: the session it was opened from, or the plan
/// `doppel plan DIR --session` makes; with the columns edited in the tables' workbenches carried
/// over by name (a table's workbench plans the table's own columns; the relational plan also has
/// the parent's group column and leaves the keys to the relational model).
enum RelationalSessionMaker {
    static func session(_ job: RelationalJob) throws -> Session {
        let kept = Set(job.tables.filter { !$0.synthesize }.map(\.name))
        func planned() throws -> Session {
            let declared = RelationalPlanner.DeclaredKeys(
                primaryKeys: Dictionary(job.tables.compactMap { info in info.primaryKey.map { (info.name, $0) } }, uniquingKeysWith: { first, _ in first }),
                foreignKeys: job.links.map(\.key))
            var session = try RelationalPlanner.plan(job.tables.map(\.loaded), declared: declared, seed: job.seed, rows: nil,
                                                     candidates: JointModelChoice.allCandidates, kept: kept, sessionPath: job.path,
                                                     doppelVersion: job.doppelVersion ?? "").session
            session.doppelVersion = job.doppelVersion
            return session
        }
        var session: Session
        if var opened = job.session {
            // A table switched from kept to synthesised needs a plan: the one `doppel plan` makes.
            let toPlan = (opened.tables ?? []).filter { !kept.contains($0.name) && $0.plan == nil }.map(\.name)
            let fresh = toPlan.isEmpty ? nil : try planned()
            for index in (opened.tables ?? []).indices {
                guard let name = opened.tables?[index].name else { continue }
                opened.tables?[index].synthesize = !kept.contains(name)
                if toPlan.contains(name) { opened.tables?[index].plan = fresh?.tables?.first { $0.name == name }?.plan }
            }
            session = opened
        } else {
            session = try planned()
        }
        for index in (session.tables ?? []).indices {
            guard let entry = session.tables?[index], var plan = entry.plan, let edited = job.edits[entry.name] else { continue }
            for column in edited {
                guard let position = plan.columns.firstIndex(where: { $0.name == column.name }) else { continue }
                plan.columns[position] = column
            }
            session.tables?[index].plan = plan
        }
        return session
    }

    /// Generates the related tables of `job` and compares children per parent with the real ones.
    static func cardinality(_ job: RelationalJob) throws -> RelationalReport {
        let session = try session(job)
        let real = Dictionary(job.tables.map { ($0.name, $0.loaded.table) }, uniquingKeysWith: { first, _ in first })
        let (plans, links) = try RelationalPlanner.inputs(session, tables: real)
        var synthetic: [String: Table] = [:]
        // Only tables on either end of a key are kept (the others are generated and dropped).
        let related = Set(job.links.flatMap { [$0.key.parent, $0.key.child] })
        try RelationalSynthesizer.generate(plans, links: links, settings: .init(seed: job.seed)) { name, table in
            if related.contains(name) { synthetic[name] = table }
        }
        return RelationalReport.compute(real: real, synthetic: synthetic, keys: job.links.map(\.key), tableOrder: job.tables.map(\.name),
                                        quality: false)
    }
}
