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
            let result: (table: Table, warnings: [String])
            var shownName: String?
            var window: (FileWindow, StreamJob)?
            if let preloaded = request.preloaded, preloaded.path == given || preloaded.path == path {
                result = (preloaded.table, preloaded.warnings)
                shownName = preloaded.displayName
            } else if let opened = try windowOpened(path, options: CSVReadOptions(), budget: request.memoryBudget, headBytes: request.windowBytes) {
                result = (opened.table, opened.warnings)
                window = (opened.window, opened.job)
            } else {
                let read = try CSVReader.read(path: path)
                result = (read.table, read.warnings)
            }
            warnings += result.warnings.map { "\(given): \($0)" }
            let name = path.split(separator: "/").last.map(String.init) ?? path
            let stem = name.hasSuffix(".gz") ? String(name.dropLast(3)) : name
            let base = stem.contains(".") ? String(stem[..<stem.lastIndex(of: ".")!]) : stem
            let sessionPath = request.currentDirectory + "/" + base + ".doppel.yaml"
            var loaded = fresh(result.table, displayName: shownName ?? name, dataPath: path, readOptions: CSVReadOptions(),
                               holdout: holdout, seed: request.newSessionSeed, chooseJoint: request.chooseJointModel,
                               autosavePath: AutosavePath.beside(session: sessionPath), sessionPath: sessionPath)
            loaded.warnings = warnings
            if let (fileWindow, job) = window {
                loaded.document.window = fileWindow
                loaded.document.session.source?.streamed = Session.Streamed(reservoirRows: request.reservoirRows)
                loaded.streamJob = job
            }
            return loaded
        case .session(let given):
            let path = absolute(given, request.currentDirectory)
            let file = try SessionFile.load(path)
            let session = file.session
            // A streamed source opens as a window too: streaming it whole would hold the workbench up.
            let opened = try session.source?.streamed == nil ? nil
                : windowOpened(file.resolve(session.source!.path), options: session.source?.read ?? CSVReadOptions(), budget: 0,
                               headBytes: request.windowBytes)
            let table = try opened?.table ?? SessionRunner.readSource(file, allowChangedSource: false)
            let (plan, view) = SessionMapping.edits(of: session)
            let dataPath = session.source.map { file.resolve($0.path) }
            let document = Document(
                table: table, displayName: path.split(separator: "/").last.map(String.init) ?? path, dataPath: dataPath,
                readOptions: session.source?.read ?? CSVReadOptions(), profiles: Profiler.profile(table), holdout: holdout,
                session: session, sessionPath: path, plan: plan, savedPlan: plan)
            let autosavePath = AutosavePath.beside(session: path)
            var loaded = LoadResult(document: document, autosavePath: autosavePath,
                                    recoverable: recoverable(autosavePath, newerThan: path, plan: plan),
                                    view: view, warnings: warnings + file.notes + (opened?.warnings ?? []))
            loaded.document.window = opened?.window
            loaded.streamJob = opened?.job
            return loaded
        case .relational(let source):
            throw DataError(file: source, message: "related tables open on the table list")
        }
    }

    /// A new session on a bare table, in two steps so that the rows are on screen at once: the
    /// document opens on a provisional plan (each column's kind from its storage, no strategy
    /// yet), and `makePlan` (the `planJob`) makes the default plan as `doppel plan` does —
    /// profiles, inferred kinds, rules, the joint model chosen by quality — in the background.
    private static func fresh(_ table: Table, displayName: String, dataPath: String?, readOptions: CSVReadOptions,
                              holdout: Table?, seed: UInt64?, chooseJoint: Bool, autosavePath: String, sessionPath: String) -> LoadResult {
        let plan = provisionalPlan(table, seed: seed ?? DefaultPlanner.randomSeed())
        let session = Session(source: dataPath.map { Session.Source(path: $0, read: readOptions, rows: table.rowCount) }, plan: plan)
        let document = Document(table: table, displayName: displayName, dataPath: dataPath, readOptions: readOptions,
                                profiles: [], holdout: holdout, session: session, sessionPath: nil,
                                plan: plan, savedPlan: plan)
        let job = PlanJob(generation: 0, table: table, seed: plan.seed, chooseJointModel: chooseJoint,
                          autosavePath: autosavePath, sessionPath: sessionPath)
        return LoadResult(document: document, autosavePath: autosavePath, recoverable: nil, view: nil, warnings: [], planJob: job)
    }

    /// A CSV past the memory budget: its first rows (`FileHead`), and the job that streams the
    /// whole file for its profile. Nil for a file that fits (or is not a CSV).
    static func windowOpened(_ path: String, options: CSVReadOptions, budget: Int, headBytes: Int) throws
        -> (table: Table, warnings: [String], window: FileWindow, job: StreamJob)? {
        guard let estimate = StreamingReader.estimatedTableBytes(path), estimate > budget else { return nil }
        let head = try FileHead.read(.path(path), options: options, maxBytes: headBytes)
        guard head.isPartial else { return nil }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        let window = FileWindow(fileBytes: path.lowercased().hasSuffix(".gz") ? nil : size, rowsShown: head.result.table.rowCount)
        // The profile needs only a small sample (for kinds and text of many values).
        let job = StreamJob(path: path, options: options, settings: StreamingSettings(reservoirRows: 10_000, seed: 0))
        return (head.result.table, head.result.warnings.map { "\(path): \($0)" }, window, job)
    }

    /// Streams a windowed file, reporting the bytes read at most four times a second.
    static func stream(_ job: StreamJob, report: @escaping (WorkbenchAction) -> Void) throws -> FileStreamed {
        var last = Date.distantPast
        let streamed = try StreamingReader.read(.path(job.path), options: job.options, settings: job.settings) { bytes, _ in
            guard Date().timeIntervalSince(last) >= 0.25 else { return }
            last = Date()
            report(.streamProgressed(path: job.path, bytes: bytes))
        }
        return FileStreamed(profiles: streamed.profiles(), columnNames: streamed.reservoir.columnNames, rowCount: streamed.rowCount)
    }

    /// Shown while the default plan is made: kinds from storage, the strategy still to come.
    static let pendingStrategy = "..."

    static func provisionalPlan(_ table: Table, seed: UInt64) -> Plan {
        Plan(seed: seed, columns: table.columns.map { column in
            let kind: ColumnKind = switch column.values {
            case .integers: .integer
            case .decimals: .decimal
            case .booleans: .boolean
            case .datetimes: .datetime
            case .strings: .categorical
            }
            return ColumnPlan(name: column.name, kind: kind, strategy: pendingStrategy)
        })
    }

    /// The default plan with inferred kinds, as `doppel plan` makes it (the second step of
    /// opening a CSV).
    static func makePlan(_ job: PlanJob) -> PlanMade {
        let profiles = Profiler.profile(job.table)
        let kinds = TypeInference.propose(job.table, profiles: profiles).map(\.kind)
        // The joint model is chosen as `doppel plan` chooses it (by quality, ~0.3 s on diamonds).
        let outcome = JointModelChoice.defaultPlan(for: job.table, kinds: kinds, seed: job.seed,
                                                   candidates: job.chooseJointModel ? JointModelChoice.allCandidates : [])
        return PlanMade(profiles: profiles, plan: outcome.plan, rules: outcome.rules,
                        recoverable: recoverable(job.autosavePath, newerThan: job.sessionPath, plan: outcome.plan))
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
