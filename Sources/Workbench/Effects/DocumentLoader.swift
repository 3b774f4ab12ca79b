import Foundation
import Session
import Synthesis
import Tabular

/// Reads what a launch names — a CSV, a session and its source, or the demo data — and makes
/// the document, the way `doppel plan` and `doppel run` would see it.
enum DocumentLoader {
    static func load(_ request: LoadRequest) throws -> LoadResult {
        var warnings: [String] = []
        let holdout = try request.holdoutPath.map { path -> Table in
            try CSVReader.read(path: absolute(path, request.currentDirectory)).table
        }
        switch request.target {
        case .demo:
            let result = try CSVReader.read(DemoDataset.input)
            let sessionPath = request.currentDirectory + "/penguins.doppel.yaml"
            warnings += result.warnings
            var loaded = fresh(result.table, displayName: DemoDataset.name + " (demo)", dataPath: nil,
                               readOptions: CSVReadOptions(), holdout: holdout, seed: request.newSessionSeed, chooseJoint: request.chooseJointModel,
                               autosavePath: AutosavePath.beside(session: sessionPath), sessionPath: sessionPath)
            loaded.document.isDemo = true
            loaded.warnings = warnings
            return loaded
        case .data(let given):
            let path = absolute(given, request.currentDirectory)
            let result = try CSVReader.read(path: path)
            warnings += result.warnings.map { "\(given): \($0)" }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let stem = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
            let base = stem.contains(".") ? String(stem[..<stem.lastIndex(of: ".")!]) : stem
            let sessionPath = request.currentDirectory + "/" + base + ".doppel.yaml"
            var loaded = fresh(result.table, displayName: name, dataPath: path, readOptions: CSVReadOptions(),
                               holdout: holdout, seed: request.newSessionSeed, chooseJoint: request.chooseJointModel,
                               autosavePath: AutosavePath.beside(session: sessionPath), sessionPath: sessionPath)
            loaded.warnings = warnings
            return loaded
        case .session(let given):
            let path = absolute(given, request.currentDirectory)
            let file = try SessionFile.load(path)
            let table = try SessionRunner.readSource(file, allowChangedSource: false)
            let session = file.session
            let (plan, view) = SessionMapping.edits(of: session)
            let dataPath = session.source.map { file.resolve($0.path) }
            let document = Document(
                table: table, displayName: path.split(separator: "/").last.map(String.init) ?? path, dataPath: dataPath,
                readOptions: session.source?.read ?? CSVReadOptions(), profiles: Profiler.profile(table), holdout: holdout,
                session: session, sessionPath: path, plan: plan, savedPlan: plan)
            let autosavePath = AutosavePath.beside(session: path)
            return LoadResult(document: document, autosavePath: autosavePath,
                              recoverable: recoverable(autosavePath, newerThan: path, plan: plan),
                              view: view, warnings: warnings + file.notes)
        }
    }

    /// A new session on a bare table: the default plan with inferred kinds, as `doppel plan` makes it.
    private static func fresh(_ table: Table, displayName: String, dataPath: String?, readOptions: CSVReadOptions,
                              holdout: Table?, seed: UInt64?, chooseJoint: Bool, autosavePath: String, sessionPath: String) -> LoadResult {
        let profiles = Profiler.profile(table)
        let kinds = TypeInference.propose(table, profiles: profiles).map(\.kind)
        // The joint model is chosen as `doppel plan` chooses it (by quality, ~0.3 s on diamonds).
        let outcome = JointModelChoice.defaultPlan(for: table, kinds: kinds, seed: seed ?? DefaultPlanner.randomSeed(),
                                                   candidates: chooseJoint ? JointModelChoice.allCandidates : [])
        let plan = outcome.plan
        let session = Session(source: dataPath.map { Session.Source(path: $0, read: readOptions, rows: table.rowCount) }, plan: plan)
        let document = Document(table: table, displayName: displayName, dataPath: dataPath, readOptions: readOptions,
                                profiles: profiles, holdout: holdout, session: session, sessionPath: nil,
                                plan: plan, savedPlan: plan)
        return LoadResult(document: document, autosavePath: autosavePath,
                          recoverable: recoverable(autosavePath, newerThan: sessionPath, plan: plan), view: nil, warnings: [],
                          rules: outcome.rules)
    }

    /// The plan of an autosave newer than the session (or with no session saved yet), if it
    /// differs from `plan`.
    private static func recoverable(_ autosavePath: String, newerThan sessionPath: String, plan: Plan) -> Plan? {
        let files = FileManager.default
        guard let autosaveDate = (try? files.attributesOfItem(atPath: autosavePath))?[.modificationDate] as? Date else { return nil }
        if let sessionDate = (try? files.attributesOfItem(atPath: sessionPath))?[.modificationDate] as? Date, sessionDate >= autosaveDate {
            return nil
        }
        guard let saved = try? SessionMapping.edits(of: SessionFile.load(autosavePath).session).plan, saved != plan else { return nil }
        return saved
    }

    private static func absolute(_ path: String, _ directory: String) -> String {
        path.hasPrefix("/") ? path : directory + "/" + path
    }
}
