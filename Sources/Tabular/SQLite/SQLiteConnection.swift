import CSQLite

/// One open SQLite database (the system's libsqlite3): statements run, errors as `DataError`s
/// naming the file. Closed when released.
public final class SQLiteConnection {
    public let path: String
    let handle: OpaquePointer

    /// Opens `path`; `create` makes the file when missing, otherwise a missing file is an error.
    public init(path: String, readOnly: Bool = false, create: Bool = false) throws {
        self.path = path
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw DataError(file: path, message: "cannot open the SQLite database: \(message)")
        }
        handle = db
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs SQL with no results (several statements allowed).
    public func execute(_ sql: String) throws {
        var error: UnsafeMutablePointer<CChar>?
        if sqlite3_exec(handle, sql, nil, nil, &error) != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? lastError
            sqlite3_free(error)
            throw DataError(file: path, message: message)
        }
    }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// A prepared statement.
    public func prepare(_ sql: String) throws -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw DataError(file: path, message: "\(lastError) (in: \(sql.prefix(120)))")
        }
        return SQLiteStatement(connection: self, handle: statement)
    }

    /// Every row of a query, each value as text (nil for NULL).
    public func rows(_ sql: String) throws -> [[String?]] {
        let statement = try prepare(sql)
        var rows: [[String?]] = []
        while try statement.step() { rows.append((0..<statement.columnCount).map(statement.text)) }
        return rows
    }

    /// `name` quoted as an SQL identifier.
    public static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// A prepared statement of a `SQLiteConnection`; finalized when released.
public final class SQLiteStatement {
    let connection: SQLiteConnection
    let handle: OpaquePointer

    init(connection: SQLiteConnection, handle: OpaquePointer) {
        self.connection = connection
        self.handle = handle
    }

    deinit { sqlite3_finalize(handle) }

    /// Steps once: true while there is a row.
    public func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw DataError(file: connection.path, message: connection.lastError)
        }
    }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }

    public func text(_ index: Int) -> String? {
        guard sqlite3_column_type(handle, Int32(index)) != SQLITE_NULL, let text = sqlite3_column_text(handle, Int32(index)) else { return nil }
        return String(cString: text)
    }

    /// The column's bytes as text (no copy into a String), nil for NULL.
    public func bytes(_ index: Int) -> UnsafeBufferPointer<UInt8>? {
        guard sqlite3_column_type(handle, Int32(index)) != SQLITE_NULL, let text = sqlite3_column_text(handle, Int32(index)) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, Int32(index))))
    }

    public func bind(_ index: Int, integer: Int64) { sqlite3_bind_int64(handle, Int32(index + 1), integer) }
    public func bind(_ index: Int, double: Double) { sqlite3_bind_double(handle, Int32(index + 1), double) }
    public func bindNull(_ index: Int) { sqlite3_bind_null(handle, Int32(index + 1)) }
    public func bind(_ index: Int, text: String) { sqlite3_bind_text(handle, Int32(index + 1), text, -1, doppel_sqlite_transient()) }

    /// Runs an insert or update once, then resets for the next bindings.
    public func run() throws {
        let status = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard status == SQLITE_DONE else { throw DataError(file: connection.path, message: connection.lastError) }
    }
}
