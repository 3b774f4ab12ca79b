import Foundation
import Session
import Tabular

/// Output written as Parquet keeps a Parquet source's column types (INT32, FLOAT, DECIMAL,
/// DATE, TIMESTAMP unit and zone); a column whose synthetic values do not fit is widened, with
/// a warning, and the output written again (see `ParquetWriter.widening`).
enum ParquetOutput {
    /// The Parquet types of a session's source, read from its footer alone (a session replayed
    /// from embedded models does not read its source, yet its output keeps the source's types),
    /// else those `doppel fit` recorded in `source.columns`. Empty for a source that is not
    /// Parquet (the output then takes the types that follow the column storage).
    static func sourceTypes(_ file: SessionFile) -> ParquetSchemaHint {
        let read = sourceTypes(file.session.source, in: file)
        if !read.isEmpty { return read }
        // Without the source file: the types `doppel fit` recorded.
        var recorded: ParquetSchemaHint = [:]
        for column in file.session.source?.columns ?? [] {
            if let text = column.parquetType, let type = ParquetColumnType(sessionText: text) { recorded[column.name] = type }
        }
        return recorded
    }

    /// The Parquet types of each table of a relational session, by table name.
    static func tableTypes(_ file: SessionFile) -> [String: ParquetSchemaHint] {
        Dictionary((file.session.tables ?? []).map { ($0.name, sourceTypes($0.source, in: file)) }, uniquingKeysWith: { first, _ in first })
    }

    private static func sourceTypes(_ source: Session.Source?, in file: SessionFile) -> ParquetSchemaHint {
        guard let source, source.table == nil, !RelationalPlanner.isDatabaseURL(source.path) else { return [:] }
        let path = file.resolve(source.path)
        guard ParquetReader.isParquetPath(path) || startsWithParquetMagic(path) else { return [:] }
        return (try? ParquetReader.columnTypes(path: path)) ?? [:]
    }

    private static func startsWithParquetMagic(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: 4)) == Data("PAR1".utf8)
    }

    /// Writes with a Parquet writer for `types`, again with wider columns when values do not
    /// fit; `write` must start its output afresh each time. Warns once per widened column.
    static func write(types: ParquetSchemaHint, _ write: (ParquetWriter) throws -> Void) throws {
        let (_, warnings) = try ParquetWriter.widening(types: types, write)
        for warning in warnings { Diagnostics.warning(warning) }
    }
}
