import Foundation
import Synthesis
import Tabular

extension Session {
    /// A new session for `plan` over the CSV at `sourcePath`, to be saved at `sessionPath`:
    /// the source is recorded relative to the session's folder with its hash, read options,
    /// row count and schema, so that `doppel run` can check it is unchanged.
    public static func new(plan: Plan, sourcePath: String, read: CSVReadOptions, table: Table, sessionPath: String,
                           doppelVersion: String) throws -> Session {
        let columns = plan.columns.map { PlanColumn(name: $0.name, kind: $0.kind, strategy: $0.strategy,
                                                   parameters: $0.parameters.isEmpty ? nil : $0.parameters, realValues: nil) }
        let source = Source(path: relativePath(of: sourcePath, from: sessionPath), read: read, rows: table.rowCount,
                            sha256: try SourceHash.sha256(of: sourcePath),
                            columns: plan.columns.map { SchemaColumn(name: $0.name, kind: $0.kind) })
        return Session(format: currentFormat, doppelVersion: doppelVersion, source: source,
                       plan: PlanSection(columns: columns, joint: plan.joint.isEmpty ? nil : plan.joint,
                                         constraints: plan.constraints.isEmpty ? nil : plan.constraints),
                       run: RunSettings(seed: plan.seed, rows: plan.rows, conditions: plan.conditions),
                       require: nil, model: nil, view: nil)
    }

    /// `path` relative to the folder of `sessionPath` when it lies under it, else absolute.
    static func relativePath(of path: String, from sessionPath: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let folder = URL(fileURLWithPath: sessionPath).standardizedFileURL.deletingLastPathComponent().path
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        if absolute.hasPrefix(prefix) { return String(absolute.dropFirst(prefix.count)) }
        // A sibling tree: climb to the common ancestor.
        let from = folder.split(separator: "/")
        let to = absolute.split(separator: "/")
        var common = 0
        while common < from.count && common < to.count - 1 && from[common] == to[common] { common += 1 }
        guard common > 0 else { return absolute }
        return (Array(repeating: "..", count: from.count - common) + to[common...].map(String.init)).joined(separator: "/")
    }
}
