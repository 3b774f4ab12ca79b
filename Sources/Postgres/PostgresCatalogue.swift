import Tabular

/// A PostgreSQL schema read as related tables: the base tables of the connection's current
/// schema, their single-column primary and foreign keys from `pg_constraint`, and each table's
/// rows through `COPY ... TO STDOUT (FORMAT csv)`, read by the CSV reader so that kinds are
/// inferred as for a file.
public struct PostgresCatalogue {
    public var url: String
    public var tables: [String]
    public var primaryKeys: [String: String]
    public var foreignKeys: [ForeignKey]
    /// Keys of several columns, which are not modelled yet: listed here and left out.
    public var notes: [String] = []
    let connection: PostgresConnection

    public static func read(_ url: String) throws -> PostgresCatalogue {
        let connection = try PostgresConnection(url: url)
        let tables = try connection.execute("""
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name
            """).compactMap { $0[0] }
        var primaryKeys: [String: String] = [:]
        for row in try connection.execute("""
            SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'p' AND array_length(c.conkey, 1) = 1 AND c.connamespace = current_schema()::regnamespace
            """) {
            if let table = row[0], let column = row[1] { primaryKeys[table.trimmingQuotes] = column }
        }
        var keys: [ForeignKey] = []
        for row in try connection.execute("""
            SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, f.attname FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1]
            WHERE c.contype = 'f' AND array_length(c.conkey, 1) = 1 AND c.connamespace = current_schema()::regnamespace
            ORDER BY 1, 2
            """) {
            if let child = row[0], let column = row[1], let parent = row[2], let parentColumn = row[3] {
                keys.append(ForeignKey(child: child.trimmingQuotes, childColumn: column, parent: parent.trimmingQuotes, parentColumn: parentColumn))
            }
        }
        var notes: [String] = []
        for row in try connection.execute("""
            SELECT c.conrelid::regclass::text, c.contype, pg_get_constraintdef(c.oid) FROM pg_constraint c
            WHERE c.contype IN ('p', 'f') AND array_length(c.conkey, 1) > 1 AND c.connamespace = current_schema()::regnamespace
            ORDER BY 1, 2
            """) {
            if let table = row[0], let type = row[1], let definition = row[2] {
                notes.append("table \(table.trimmingQuotes): composite \(type == "p" ? "primary" : "foreign") key left out (\(definition)); keys of several columns are not modelled yet")
            }
        }
        return PostgresCatalogue(url: url, tables: tables, primaryKeys: primaryKeys, foreignKeys: keys, notes: notes, connection: connection)
    }

    public func table(_ name: String, options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        guard tables.contains(name) else {
            throw DataError(file: url, message: "there is no table '\(name)' (tables: \(tables.joined(separator: ", ")))")
        }
        let bytes = try connection.copyOut("COPY \(PostgresConnection.quoted(name)) TO STDOUT WITH (FORMAT csv, HEADER true)")
        var read = options
        read.hasHeader = true
        return try CSVReader.read(.bytes(bytes, name: "\(url) table \(name)"), options: read).table
    }
}

extension String {
    /// `"Mixed Case"` as regclass prints it, without the quotes.
    var trimmingQuotes: String {
        hasPrefix("\"") && hasSuffix("\"") && count >= 2 ? String(dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : self
    }
}
