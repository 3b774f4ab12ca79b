import Foundation

/// Writes tables into a SQLite database with their foreign keys enforced
/// (`PRAGMA foreign_keys = ON`), one transaction per table, parents first, so that the database
/// itself checks every key. A new file is built beside the target and renamed into place; an
/// existing database is written in place, and a table already holding rows is refused unless
/// `replace` (then its rows, and its children's, are deleted first).
public struct SQLiteTableWriter {
    /// A table to write: its rows and the CREATE TABLE statement for a database that lacks it.
    public struct Target {
        public var name: String
        public var table: Table
        public var createSQL: String

        public init(name: String, table: Table, createSQL: String) {
            self.name = name
            self.table = table
            self.createSQL = createSQL
        }
    }

    public var path: String
    public var replace: Bool
    let connection: SQLiteConnection
    let temporaryPath: String?

    /// Opens (or, for a new file, starts) the output; refuses tables already holding rows
    /// unless `replace`. `tables` in parents-first order. `enforceForeignKeys: false` loads
    /// source data whose keys do not all match (orphans), as a test fixture or a staging copy.
    public init(path: String, tables: [String], replace: Bool, enforceForeignKeys: Bool = true) throws {
        self.path = path
        self.replace = replace
        if FileManager.default.fileExists(atPath: path) {
            guard SQLiteCatalogue.isDatabase(path) else {
                throw DataError(file: path, message: "the file is there and is not a SQLite database; choose another output")
            }
            connection = try SQLiteConnection(path: path)
            temporaryPath = nil
            try connection.execute("PRAGMA foreign_keys = \(enforceForeignKeys ? "ON" : "OFF")")
            let existing = Set(try connection.rows("SELECT name FROM sqlite_master WHERE type = 'table'").compactMap { $0[0] })
            var holding: [String] = []
            for table in tables where existing.contains(table) {
                let rows = try connection.rows("SELECT count(*) FROM \(SQLiteConnection.quoted(table))")
                let count = rows.first.flatMap { $0.first ?? nil }.flatMap { Int($0) } ?? 0
                if count > 0 { holding.append(table) }
            }
            if !holding.isEmpty {
                guard replace else {
                    throw DataError(file: path, message: "tables \(holding.joined(separator: ", ")) already hold rows; pass --replace to delete them first")
                }
                for table in tables.reversed() where existing.contains(table) {
                    try connection.execute("DELETE FROM \(SQLiteConnection.quoted(table))")
                }
            }
        } else {
            let directory = (path as NSString).deletingLastPathComponent
            let temporary = (directory.isEmpty ? "." : directory) + "/.\((path as NSString).lastPathComponent).doppel-\(getpid()).tmp"
            try? FileManager.default.removeItem(atPath: temporary)
            connection = try SQLiteConnection(path: temporary, create: true)
            temporaryPath = temporary
            try connection.execute("PRAGMA foreign_keys = \(enforceForeignKeys ? "ON" : "OFF")")
        }
    }

    /// Writes one table in one transaction (created first when missing).
    public func write(_ target: Target) throws {
        let exists = try !connection.rows("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '\(target.name.replacingOccurrences(of: "'", with: "''"))'").isEmpty
        if !exists { try connection.execute(target.createSQL) }
        let table = target.table
        let names = table.columns.map { SQLiteConnection.quoted($0.name) }.joined(separator: ", ")
        let marks = Array(repeating: "?", count: table.columnCount).joined(separator: ", ")
        try connection.execute("BEGIN")
        do {
            let insert = try connection.prepare("INSERT INTO \(SQLiteConnection.quoted(target.name)) (\(names)) VALUES (\(marks))")
            for row in 0..<table.rowCount {
                for (index, column) in table.columns.enumerated() {
                    if column.isNull(row) { insert.bindNull(index); continue }
                    switch column.values {
                    case .integers(let values, _): insert.bind(index, integer: values[row])
                    case .decimals(let values, _): insert.bind(index, double: values[row])
                    case .strings(let codes, let levels): insert.bind(index, text: levels[Int(codes[row])])
                    default: insert.bind(index, text: column.text(at: row) ?? "")
                    }
                }
                do {
                    try insert.run()
                } catch let error as DataError {
                    throw DataError(file: path, message: "table \(target.name), row \(row + 1): \(error.message)")
                }
            }
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }
    }

    /// Renames a new database into place (nothing to do for one written in place).
    public func commit() throws {
        guard let temporaryPath else { return }
        if rename(temporaryPath, path) != 0 {
            throw DataError(file: path, message: "cannot move the new database into place: \(String(cString: strerror(errno)))")
        }
    }

    /// A CREATE TABLE statement for a table that comes from CSV files: types by storage, the
    /// primary key and the foreign keys declared.
    public static func createSQL(name: String, table: Table, primaryKey: String?, foreignKeys: [ForeignKey]) -> String {
        var parts = table.columns.map { column -> String in
            let type = switch column.values {
            case .integers: "INTEGER"
            case .decimals: "REAL"
            default: "TEXT"
            }
            return "\(SQLiteConnection.quoted(column.name)) \(type)\(column.name == primaryKey ? " PRIMARY KEY" : "")"
        }
        for key in foreignKeys where key.child == name {
            parts.append("FOREIGN KEY (\(SQLiteConnection.quoted(key.childColumn))) REFERENCES \(SQLiteConnection.quoted(key.parent)) (\(SQLiteConnection.quoted(key.parentColumn)))")
        }
        return "CREATE TABLE \(SQLiteConnection.quoted(name)) (\(parts.joined(separator: ", ")))"
    }
}
