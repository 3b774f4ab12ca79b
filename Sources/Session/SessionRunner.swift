import Foundation
import Synthesis
import Tabular

/// Turns a session into a fitted plan: from its embedded models when it has them (no source
/// needed), else by reading and fitting the source, after checking the source is unchanged.
public enum SessionRunner {
    public struct Prepared {
        public var plan: FittedPlan
        /// The source table, when it was read (needed for gates and reports).
        public var source: Table?
    }

    /// `conditions` (from `--where` / `--rebalance`) replace the session's own. A plan fitted
    /// from the source is fitted with them, so that joint models can be steered by them (a
    /// sequential CART visits the conditioned columns first); embedded models take them as
    /// they are. Their errors are thrown as `PlanError`s, for the caller to name the option.
    /// `streamProgress` hears of a streamed source's pass (bytes read, the file's size).
    public static func prepare(_ file: SessionFile, environment: [String: String], allowChangedSource: Bool, needSource: Bool = false,
                               conditions: SamplingConditions? = nil,
                               streamProgress: ((_ bytes: Int, _ total: Int?) -> Void)? = nil) throws -> Prepared {
        let session = file.session
        let generated = session.plan.outputColumns.map(\.name)
        // Members of a differentially private group have no model of their own (see `embed`).
        let privateMembers = Set(session.plan.joint.filter { group in
            JointRegistry.strategy(id: group.model)?.descriptor.differentiallyPrivate ?? false
        }.flatMap(\.columns))
        if let model = session.model, generated.allSatisfy({ model.columns[$0] != nil || privateMembers.contains($0) }) {
            // An embedded model must still be the plan's: an edited plan needs a new `doppel fit`.
            for (index, column) in session.plan.columns.enumerated() {
                guard let embedded = model.columns[column.name] else { continue }
                if embedded.strategy != column.strategy || embedded.options.kind != column.kind {
                    throw file.error(at: ["plan", "columns", String(index)],
                                     "the plan says \(column.strategy) (\(column.kind.rawValue)) but the embedded model was fitted as \(embedded.strategy) (\(embedded.options.kind.rawValue)); run doppel fit again")
                }
            }
            let joints = try session.plan.joint.map { group in
                try fittedJoint(group, embedded: model.joint?[group.name], file: file)
            }
            let columns = try generated.enumerated().map { index, name in
                if let embedded = model.columns[name] { return try fittedColumn(name: name, embedded: embedded, file: file, index: index) }
                return try privateMember(name, plan: session.plan, joints: joints, file: file)
            }
            let rows = session.plan.rows ?? session.source?.rows ?? 0
            let constraints = model.constraints ?? []
            if constraints.map(\.plan) != session.plan.constraints {
                throw file.error(at: ["plan", "constraints"], "the plan's constraints differ from the embedded ones; run doppel fit again")
            }
            var plan = try catching(file) {
                try FittedPlan(assembling: columns, joints: joints, constraints: constraints, outputOrder: generated,
                               seed: session.plan.seed, defaultRows: rows)
            }
            if conditions == nil, let own = session.plan.conditions, !own.isEmpty {
                plan = try catching(file) { try plan.applying(own, source: nil) }
            }
            var source: Table?
            if needSource {
                do {
                    source = try readSource(file, allowChangedSource: allowChangedSource)
                } catch let error as DataError {
                    var explained = error
                    explained.message = "quality gates (require:, --min, --max) and --report score the output against the source, which cannot be read: " + error.message
                    throw explained
                }
            }
            if let conditions { plan = try plan.applying(conditions, source: source) }
            return Prepared(plan: plan, source: source)
        }
        let data = try readSourceData(file, allowChangedSource: allowChangedSource, progress: streamProgress)
        var planToFit = session.plan
        if let conditions { planToFit.conditions = conditions }
        var plan: FittedPlan
        do {
            plan = try FittedPlan.fit(planToFit, on: data.table, environment: environment, marginals: data.marginals)
        } catch let error as PlanError where conditions != nil && error.conditionKey != nil {
            throw error
        } catch {
            throw file.locate(error)
        }
        if session.plan.rows == nil { plan.defaultRows = data.rowCount }
        return Prepared(plan: plan, source: data.table)
    }

    /// The source as fitting needs it.
    public struct SourceData {
        /// Every row; for a streamed source, the reservoir sample.
        public var table: Table
        /// A streamed source's marginals, laid out as a table (`StreamedTable.marginalTable`).
        public var marginals: Table?
        /// Rows in the source file.
        public var rowCount: Int
    }

    /// Reads the source named by the session, checking its hash; a source the session says was
    /// streamed is streamed again, with the same settings and seed, so the fit is the same.
    /// `fitting: false` leaves out the marginals' table (the caller scores against the rows).
    public static func readSourceData(_ file: SessionFile, allowChangedSource: Bool, fitting: Bool = true,
                                      progress: ((_ bytes: Int, _ total: Int?) -> Void)? = nil) throws -> SourceData {
        guard let streamed = file.session.source?.streamed else {
            let table = try readSource(file, allowChangedSource: allowChangedSource)
            return SourceData(table: table, marginals: nil, rowCount: table.rowCount)
        }
        // The hash is taken in the same pass: a file of many gigabytes is read once.
        let path = try existingSourcePath(file)
        let hash = allowChangedSource ? nil : file.session.source?.sha256.map { _ in SourceHash.Running() }
        let read = try StreamingReader.read(.path(path), options: file.session.source?.read ?? CSVReadOptions(),
                                            settings: streamed.settings(seed: file.session.plan.seed), progress: progress,
                                            rawBytes: hash.map { hash in { hash.update($0) } })
        if let hash { try checkHash(hash.hex, of: path, file) }
        return SourceData(table: read.reservoir, marginals: fitting ? read.marginalTable() : nil, rowCount: read.rowCount)
    }

    /// The session with every generated column's fitted model embedded (`doppel fit`).
    /// Models that keep real values are refused unless `includeRealValues`.
    /// `privateSource`: the source's row count, SHA-256 and columns are left out, and a plan
    /// without `rows` takes the noisy row count of its differentially private group instead.
    public static func embed(_ file: SessionFile, plan: FittedPlan, includeRealValues: Bool, privateSource: Bool = false) throws -> Session {
        var session = file.session
        let keeping = plan.columns.filter { $0.model.exposure >= .levels }
        if !keeping.isEmpty && !includeRealValues {
            let names = keeping.map { "\($0.name) (\($0.strategy): \($0.model.exposure.rawValue))" }.joined(separator: ", ")
            throw DataError(file: file.path, message: "these columns' fitted models keep real values: \(names); embedding them would ship real data in the session. Pass --include-real-values to embed them anyway, or choose other strategies")
        }
        var models: [String: Session.EmbeddedModel] = [:]
        // A private group's members have nothing of their own to embed: the group makes them.
        let privateMembers = Set(plan.joints.filter { $0.model.privacy != nil }.flatMap(\.model.columnNames))
        for column in plan.columns where !privateMembers.contains(column.name) {
            models[column.name] = Session.EmbeddedModel(
                strategy: column.strategy, realValues: column.model.exposure,
                fitted: FittedModelData(json: try ModelCoding.encode(column.model)),
                options: FittedOptions(kind: column.kind, shape: column.shape, nullRate: column.nullRate, edgeRate: column.edgeRate,
                                       edgeNumbers: column.edgeNumbers, clipMin: column.clipRange?.lowerBound,
                                       clipMax: column.clipRange?.upperBound, roundDigits: column.roundDigits,
                                       clockHHMM: column.clockHHMM ? true : nil))
        }
        var joints: [String: Session.EmbeddedJoint] = [:]
        for joint in plan.joints {
            // A private model's levels passed a noisy threshold: they ship without the flag.
            if joint.model.exposure >= .levels && joint.model.privacy == nil && !includeRealValues {
                throw DataError(file: file.path, message: "joint group '\(joint.name)' (\(joint.strategy)) keeps real values (\(joint.model.exposure.rawValue)); embedding it would ship real data in the session. Pass --include-real-values to embed it anyway")
            }
            joints[joint.name] = Session.EmbeddedJoint(model: joint.strategy, columns: joint.model.columnNames,
                                                       realValues: joint.model.exposure,
                                                       fitted: FittedModelData(json: try ModelCoding.encode(joint.model)),
                                                       privacy: joint.model.privacy?.budget)
        }
        if plan.constraints.contains(where: { $0.exposure >= .levels }) && !includeRealValues {
            throw DataError(file: file.path, message: "fixed_combinations constraints keep the real combinations of category levels; pass --include-real-values to embed them anyway")
        }
        session.model = Session.ModelSection(columns: models, joint: joints.isEmpty ? nil : joints,
                                             constraints: plan.constraints.isEmpty ? nil : plan.constraints)
        recordParquetTypes(&session, file: file)
        if privateSource {
            session.source?.rows = nil
            session.source?.sha256 = nil
            session.source?.columns = nil
        }
        if session.plan.rows == nil {
            let noisy = plan.joints.lazy.compactMap(\.model.privacy).first?.noisyRows
            session.plan.rows = privateSource ? noisy ?? plan.defaultRows : plan.defaultRows
        }
        session.format = Session.currentFormat
        return session
    }

    /// Writes a Parquet source's column types into `source.columns`, for a run without the
    /// source to keep them in Parquet output; a source that is not Parquet (or not there) adds nothing.
    private static func recordParquetTypes(_ session: inout Session, file: SessionFile) {
        guard let source = session.source, source.table == nil, var columns = source.columns else { return }
        let path = file.resolve(source.path)
        guard let types = try? ParquetReader.columnTypes(path: path), !types.isEmpty else { return }
        for index in columns.indices { columns[index].parquetType = types[columns[index].name]?.sessionText }
        session.source?.columns = columns
    }

    static func fittedJoint(_ group: JointPlan, embedded: Session.EmbeddedJoint?, file: SessionFile) throws -> FittedJoint {
        guard let embedded else {
            throw file.error(at: ["model", "joint"], "the plan has joint group '\(group.name)' but no fitted model for it; run doppel fit again")
        }
        // A sequential model fitted under conditions visits the conditioned columns first.
        guard embedded.model == group.model, embedded.columns.sorted() == group.columns.sorted() else {
            throw file.error(at: ["model", "joint", group.name], "the plan's joint group '\(group.name)' (\(group.model) over \(group.columns.joined(separator: ", "))) differs from the embedded one; run doppel fit again")
        }
        let model: any JointModel
        do {
            model = try ModelCoding.decodeJoint(strategy: embedded.model, from: embedded.fitted.json)
        } catch {
            throw file.error(at: ["model", "joint", group.name, "fitted"], "cannot read the fitted '\(embedded.model)' model: \(error)")
        }
        // Session files are mailed around: a model is untrusted until it has been checked whole.
        do {
            try model.validate()
        } catch let error as ModelValidationError {
            throw file.error(at: ["model", "joint", group.name, "fitted"], "the fitted '\(embedded.model)' model is invalid: \(error)")
        }
        if let written = embedded.privacy, written != model.privacy?.budget {
            throw file.error(at: ["model", "joint", group.name, "privacy"], "differs from the fitted model's own budget; it is written by doppel fit and must not be edited")
        }
        guard model.columnNames.sorted() == group.columns.sorted() else {
            throw file.error(at: ["model", "joint", group.name, "fitted"],
                             "the fitted '\(embedded.model)' model is over \(model.columnNames.joined(separator: ", ")), not the group's \(group.columns.joined(separator: ", ")); run doppel fit again")
        }
        return FittedJoint(name: group.name, strategy: group.model, model: model)
    }

    /// The column of a private group's member, rebuilt from the plan and the group's model.
    static func privateMember(_ name: String, plan: Plan, joints: [FittedJoint], file: SessionFile) throws -> FittedColumn {
        guard let joint = joints.first(where: { $0.model.columnNames.contains(name) }), let privacy = joint.model.privacy,
              let shape = privacy.memberShapes[name], let column = plan.column(named: name) else {
            throw file.error(at: ["model", "columns"], "the plan's column '\(name)' has no fitted model; run doppel fit again")
        }
        return PrivateMemberModel.column(name: name, kind: column.kind, strategy: column.strategy, shape: shape, group: joint.name)
    }

    static func fittedColumn(name: String, embedded: Session.EmbeddedModel, file: SessionFile, index: Int) throws -> FittedColumn {
        let model: any ColumnModel
        do {
            model = try ModelCoding.decode(strategy: embedded.strategy, from: embedded.fitted.json)
        } catch {
            throw file.error(at: ["model", "columns", name, "fitted"], "cannot read the fitted '\(embedded.strategy)' model: \(error)")
        }
        // Session files are mailed around: a model is untrusted until it has been checked whole.
        do {
            try model.validate()
        } catch let error as ModelValidationError {
            throw file.error(at: ["model", "columns", name, "fitted"], "the fitted '\(embedded.strategy)' model is invalid: \(error)")
        }
        let options = embedded.options
        // The declaration bounds the rates, round_digits and clip_min ≤ clip_max; the rest here.
        if let index = options.edgeNumbers.firstIndex(where: { !$0.isFinite }) {
            throw file.error(at: ["model", "columns", name, "options", "edge_numbers", String(index)],
                             "edge case \(options.edgeNumbers[index]) is not a finite number")
        }
        for (key, bound) in [("clip_min", options.clipMin), ("clip_max", options.clipMax)] {
            if let bound, !bound.isFinite {
                throw file.error(at: ["model", "columns", name, "options", key], "\(bound) is not a finite number")
            }
        }
        let clip = options.clipMin.flatMap { low in options.clipMax.map { low...$0 } }
        var column = FittedColumn(name: name, kind: options.kind, strategy: embedded.strategy, shape: options.shape, model: model,
                                  nullRate: options.nullRate, edgeRate: options.edgeRate, edgeNumbers: options.edgeNumbers,
                                  clipRange: clip, roundDigits: options.roundDigits)
        column.clockHHMM = options.clockHHMM ?? false
        return column
    }

    /// Reads the source named by the session, checking its hash.
    public static func readSource(_ file: SessionFile, allowChangedSource: Bool) throws -> Table {
        if file.session.source?.streamed != nil { return try readSourceData(file, allowChangedSource: allowChangedSource, fitting: false).table }
        let path = try checkedSourcePath(file, allowChangedSource: allowChangedSource)
        return try CSVReader.read(path: path, options: file.session.source?.read ?? CSVReadOptions()).table
    }

    /// The source's path, once it exists and its hash is the recorded one.
    private static func checkedSourcePath(_ file: SessionFile, allowChangedSource: Bool) throws -> String {
        let path = try existingSourcePath(file)
        if file.session.source?.sha256 != nil, !allowChangedSource { try checkHash(try SourceHash.sha256(of: path), of: path, file) }
        return path
    }

    private static func checkHash(_ actual: String, of path: String, _ file: SessionFile) throws {
        guard let recorded = file.session.source?.sha256, actual != recorded.lowercased() else { return }
        throw file.error(at: ["source", "sha256"], "the source file \(path) has changed since the session was written (SHA-256 \(actual.prefix(12))…, recorded \(recorded.prefix(12))…); pass --allow-changed-source to use it anyway")
    }

    /// The source's path, once it exists.
    private static func existingSourcePath(_ file: SessionFile) throws -> String {
        guard let source = file.session.source else {
            throw file.error(at: [], "the session has no source and no fitted model for every column; add source.path or run doppel fit")
        }
        let path = file.resolve(source.path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw file.error(at: ["source", "path"], "the source file \(path) does not exist")
        }
        return path
    }

    private static func catching<T>(_ file: SessionFile, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw file.locate(error)
        }
    }
}
