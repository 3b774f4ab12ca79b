import CLibPQ
import Tabular

/// One connection to a PostgreSQL server (libpq), by connection URL. Passwords never come from
/// Doppel's own files: libpq reads them from `PGPASSWORD` or `~/.pgpass`, and a URL holding one
/// is refused (it would end up in a session file or a shell history).
public final class PostgresConnection {
    public let url: String
    let handle: OpaquePointer

    /// True for `postgresql://` and `postgres://` URLs.
    public static func isURL(_ text: String) -> Bool { text.hasPrefix("postgresql://") || text.hasPrefix("postgres://") }

    /// The URL without any password, for messages and sessions.
    public static func checkNoPassword(_ url: String) throws {
        guard let schemeEnd = url.range(of: "://") else { return }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if let at = authority.lastIndex(of: "@"), authority[..<at].contains(":") {
            throw DataError(file: "the PostgreSQL URL", message: "holds a password; give it in PGPASSWORD or ~/.pgpass instead, so that it never lands in a session file")
        }
        if url.contains("password=") {
            throw DataError(file: "the PostgreSQL URL", message: "holds a password; give it in PGPASSWORD or ~/.pgpass instead")
        }
    }

    public init(url: String) throws {
        try Self.checkNoPassword(url)
        self.url = url
        guard let connection = PQconnectdb(url) else { throw DataError(file: url, message: "cannot connect: out of memory") }
        handle = connection
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = String(cString: PQerrorMessage(connection)).trimmingCharacters(in: .whitespacesAndNewlines)
            throw DataError(file: url, message: "cannot connect to PostgreSQL: \(message)")
        }
        _ = try execute("SET client_min_messages = warning")
    }

    deinit { PQfinish(handle) }

    var lastError: String { String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Runs a command; throws with the server's message.
    @discardableResult
    public func execute(_ sql: String) throws -> [[String?]] {
        guard let result = PQexec(handle, sql) else { throw DataError(file: url, message: lastError) }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw DataError(file: url, message: "\(String(cString: PQresultErrorMessage(result)).trimmingCharacters(in: .whitespacesAndNewlines)) (in: \(sql.prefix(120)))")
        }
        return (0..<PQntuples(result)).map { row in
            (0..<PQnfields(result)).map { field in
                PQgetisnull(result, row, field) == 1 ? nil : String(cString: PQgetvalue(result, row, field))
            }
        }
    }

    /// `COPY ... TO STDOUT`: the bytes the server sends.
    public func copyOut(_ sql: String) throws -> [UInt8] {
        guard let result = PQexec(handle, sql) else { throw DataError(file: url, message: lastError) }
        let status = PQresultStatus(result)
        PQclear(result)
        guard status == PGRES_COPY_OUT else { throw DataError(file: url, message: "\(lastError) (in: \(sql.prefix(120)))") }
        var bytes: [UInt8] = []
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let count = PQgetCopyData(handle, &buffer, 0)
            if count > 0, let buffer {
                bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: Int(count)))
                PQfreemem(buffer)
            } else {
                break
            }
        }
        while let last = PQgetResult(handle) { PQclear(last) }
        return bytes
    }

    /// `COPY ... FROM STDIN` with `chunks` sent in turn.
    public func copyIn(_ sql: String, chunks: (([UInt8]) throws -> Void) throws -> Void) throws {
        guard let result = PQexec(handle, sql) else { throw DataError(file: url, message: lastError) }
        let status = PQresultStatus(result)
        PQclear(result)
        guard status == PGRES_COPY_IN else { throw DataError(file: url, message: "\(lastError) (in: \(sql.prefix(120)))") }
        try chunks { bytes in
            let sent = bytes.withUnsafeBufferPointer { pointer in
                pointer.withMemoryRebound(to: CChar.self) { PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
            }
            if sent != 1 { throw DataError(file: url, message: lastError) }
        }
        guard PQputCopyEnd(handle, nil) == 1 else { throw DataError(file: url, message: lastError) }
        var failure: String?
        while let last = PQgetResult(handle) {
            if PQresultStatus(last) != PGRES_COMMAND_OK { failure = String(cString: PQresultErrorMessage(last)).trimmingCharacters(in: .whitespacesAndNewlines) }
            PQclear(last)
        }
        if let failure { throw DataError(file: url, message: failure) }
    }

    public static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// A string literal (standard_conforming_strings, the default since PostgreSQL 9.1).
    public static func literal(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
