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
        let source = Source(path: RelativePath.of(sourcePath, from: URL(fileURLWithPath: sessionPath).deletingLastPathComponent().path), read: read, rows: table.rowCount,
                            sha256: try SourceHash.sha256(of: sourcePath),
                            columns: plan.columns.map { SchemaColumn(name: $0.name, kind: $0.kind) })
        return Session(format: currentFormat, doppelVersion: doppelVersion, source: source,
                       plan: PlanSection(columns: columns, joint: plan.joint.isEmpty ? nil : plan.joint,
                                         constraints: plan.constraints.isEmpty ? nil : plan.constraints),
                       run: RunSettings(seed: plan.seed, rows: plan.rows, conditions: plan.conditions),
                       require: nil, model: nil, view: nil)
    }
}
