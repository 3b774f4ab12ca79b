import Tabular

/// Writes tables into a PostgreSQL database parents first, each created when missing (with its
/// primary key and foreign keys declared) and filled by one `COPY ... FROM STDIN` inside one
/// transaction, so that the server checks every key. A table already holding rows is refused
/// unless `replace` (then the tables' rows are deleted, children first).
public final class PostgresTableWriter {
    let connection: PostgresConnection

    public init(url: String, tables: [String], replace: Bool) throws {
        connection = try PostgresConnection(url: url)
        let existing = Set(try connection.execute("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()
            """).compactMap { $0[0] })
        var holding: [String] = []
        for table in tables where existing.contains(table) {
            let rows = try connection.execute("SELECT EXISTS (SELECT 1 FROM \(PostgresConnection.quoted(table)))")
            if rows.first?.first == "t" { holding.append(table) }
        }
        if !holding.isEmpty {
            guard replace else {
                throw DataError(file: url, message: "tables \(holding.joined(separator: ", ")) already hold rows; pass --replace to delete them first")
            }
            try connection.execute("BEGIN")
            for table in tables.reversed() where existing.contains(table) {
                try connection.execute("DELETE FROM \(PostgresConnection.quoted(table))")
            }
            try connection.execute("COMMIT")
        }
    }

    /// One table in one transaction: created if missing, then COPY. `unvalidated` keys (a
    /// relationship that keeps its orphans) are declared after the rows are in, `NOT VALID`:
    /// the server checks rows added later but accepts the orphans, as in the source.
    public func write(_ table: Table, name: String, primaryKey: String?, foreignKeys: [ForeignKey], unvalidated: [ForeignKey] = []) throws {
        try connection.execute("BEGIN")
        do {
            let created = try connection.execute("SELECT to_regclass(\(PostgresConnection.literal(PostgresConnection.quoted(name)))) IS NULL").first?.first == "t"
            let checked = foreignKeys.filter { !unvalidated.contains($0) }
            try connection.execute(Self.createSQL(name: name, table: table, primaryKey: primaryKey, foreignKeys: checked))
            let columns = table.columns.map { PostgresConnection.quoted($0.name) }.joined(separator: ", ")
            let writer = CSVWriter(writeHeader: false)
            try connection.copyIn("COPY \(PostgresConnection.quoted(name)) (\(columns)) FROM STDIN WITH (FORMAT csv)") { send in
                var start = 0
                var bytes: [UInt8] = []
                while start < table.rowCount {
                    let end = min(table.rowCount, start + 16_384)
                    bytes.removeAll(keepingCapacity: true)
                    writer.appendRows(table, rows: start..<end, to: &bytes)
                    try send(bytes)
                    start = end
                }
            }
            for key in unvalidated where key.child == name && created {
                try connection.execute("ALTER TABLE \(PostgresConnection.quoted(name)) ADD \(Self.foreignKeySQL(key)) NOT VALID")
            }
            try connection.execute("COMMIT")
        } catch let error as DataError {
            _ = try? connection.execute("ROLLBACK")
            throw DataError(file: error.file, message: "table \(name): \(error.message)")
        }
    }

    static func foreignKeySQL(_ key: ForeignKey) -> String {
        "FOREIGN KEY (\(PostgresConnection.quoted(key.childColumn))) REFERENCES \(PostgresConnection.quoted(key.parent)) (\(PostgresConnection.quoted(key.parentColumn)))"
    }

    /// CREATE TABLE IF NOT EXISTS with types by storage and the keys declared.
    public static func createSQL(name: String, table: Table, primaryKey: String?, foreignKeys: [ForeignKey]) -> String {
        var parts = table.columns.map { column -> String in
            let type = switch column.values {
            case .integers: "bigint"
            case .decimals: "double precision"
            case .booleans: "boolean"
            default: "text"
            }
            return "\(PostgresConnection.quoted(column.name)) \(type)\(column.name == primaryKey ? " PRIMARY KEY" : "")"
        }
        for key in foreignKeys where key.child == name { parts.append(foreignKeySQL(key)) }
        return "CREATE TABLE IF NOT EXISTS \(PostgresConnection.quoted(name)) (\(parts.joined(separator: ", ")))"
    }
}
