import Foundation
import Synthesis
import Tabular

extension Session {
    /// A new session for `plan` over the CSV at `sourcePath`, to be saved at `sessionPath`:
    /// the source is recorded relative to the session's folder with its hash, read options,
    /// row count and schema, so that `doppel run` can check it is unchanged.
    /// `sha256`: the source's hash when the caller took it already (while streaming it).
    public static func new(plan: Plan, sourcePath: String, read: CSVReadOptions, table: Table, sessionPath: String,
                           doppelVersion: String, sha256: String? = nil) throws -> Session {
        Session(doppelVersion: doppelVersion,
                source: try Source.recording(sourcePath, read: read, table: table, sessionPath: sessionPath, sha256: sha256,
                                             kinds: Dictionary(plan.columns.map { ($0.name, $0.kind) }, uniquingKeysWith: { first, _ in first })),
                plan: plan)
    }
}

extension Session.Source {
    /// The source as a session records it: the path relative to the session's folder, the read
    /// options, the row count, the file's hash and the schema with the chosen kinds.
    public static func recording(_ sourcePath: String, read: CSVReadOptions, table: Table, sessionPath: String, sha256: String? = nil,
                                 kinds: [String: ColumnKind]) throws -> Self {
        Self(path: RelativePath.of(sourcePath, from: URL(fileURLWithPath: sessionPath).deletingLastPathComponent().path),
             read: read, rows: table.rowCount, sha256: try sha256 ?? SourceHash.sha256(of: sourcePath),
             columns: table.columns.map { Session.SchemaColumn(name: $0.name, kind: kinds[$0.name] ?? .text) })
    }
}
