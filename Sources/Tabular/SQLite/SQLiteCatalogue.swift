#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A SQLite database read as related tables: each table's rows (through the CSV reader, so
/// that kinds and storage are inferred as for a CSV file), its primary key and its foreign keys
/// from the catalogue (`sqlite_master`, `PRAGMA table_info`, `PRAGMA foreign_key_list`).
/// Composite keys are listed in `notes` and left out.
public struct SQLiteCatalogue {
    public struct TableInfo: Sendable {
        public var name: String
        /// The CREATE TABLE statement, reused for the output.
        public var sql: String
        public var columns: [String]
        public var primaryKey: String?
    }

    public var path: String
    public var tables: [TableInfo]
    public var foreignKeys: [ForeignKey]
    public var notes: [String]

    /// True when the file starts with SQLite's header ("SQLite format 3").
    public static func isDatabase(_ path: String) -> Bool {
        guard let handle = fopen(path, "rb") else { return false }
        defer { fclose(handle) }
        var header = [UInt8](repeating: 0, count: 16)
        guard fread(&header, 1, 16, handle) == 16 else { return false }
        return header == Array("SQLite format 3\0".utf8)
    }

    public static func read(_ path: String) throws -> SQLiteCatalogue {
        let db = try SQLiteConnection(path: path, readOnly: true)
        var tables: [TableInfo] = []
        var keys: [ForeignKey] = []
        var notes: [String] = []
        for row in try db.rows("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name") {
            guard let name = row[0] else { continue }
            let info = try db.rows("PRAGMA table_info(\(SQLiteConnection.quoted(name)))")
            let columns = info.compactMap { $0[1] }
            let keyColumns = info.filter { ($0[5].flatMap { Int($0) } ?? 0) > 0 }.compactMap { $0[1] }
            if keyColumns.count > 1 { notes.append("table \(name): composite primary key (\(keyColumns.joined(separator: ", "))) left out") }
            tables.append(TableInfo(name: name, sql: row[1] ?? "", columns: columns, primaryKey: keyColumns.count == 1 ? keyColumns[0] : nil))
        }
        for table in tables {
            let list = try db.rows("PRAGMA foreign_key_list(\(SQLiteConnection.quoted(table.name)))")
            // id, seq, table, from, to, ...: one id per key, several seq for a composite key.
            let byID = Dictionary(grouping: list, by: { $0[0] ?? "" })
            for id in byID.keys.sorted() {
                let parts = byID[id]!
                guard parts.count == 1, let parent = parts[0][2], let from = parts[0][3] else {
                    notes.append("table \(table.name): composite foreign key left out")
                    continue
                }
                let to = parts[0][4] ?? tables.first { $0.name == parent }?.primaryKey
                guard let to else {
                    notes.append("table \(table.name): foreign key \(from) → \(parent) names no parent column and \(parent) has no single primary key; left out")
                    continue
                }
                keys.append(ForeignKey(child: table.name, childColumn: from, parent: parent, parentColumn: to))
            }
        }
        return SQLiteCatalogue(path: path, tables: tables, foreignKeys: keys, notes: notes)
    }

    /// One table's rows, read as the CSV reader reads a file (kinds inferred the same way).
    public func table(_ name: String, options: CSVReadOptions = CSVReadOptions()) throws -> Table {
        guard let info = tables.first(where: { $0.name == name }) else {
            throw DataError(file: path, message: "there is no table '\(name)' (tables: \(tables.map(\.name).joined(separator: ", ")))")
        }
        let db = try SQLiteConnection(path: path, readOnly: true)
        let statement = try db.prepare("SELECT \(info.columns.map(SQLiteConnection.quoted).joined(separator: ", ")) FROM \(SQLiteConnection.quoted(name))")
        var csv: [UInt8] = []
        func field(_ bytes: UnsafeBufferPointer<UInt8>) {
            let needsQuotes = bytes.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 } || bytes.isEmpty
            if !needsQuotes { csv.append(contentsOf: bytes); return }
            csv.append(UInt8(ascii: "\""))
            for byte in bytes {
                if byte == UInt8(ascii: "\"") { csv.append(byte) }
                csv.append(byte)
            }
            csv.append(UInt8(ascii: "\""))
        }
        for (index, column) in info.columns.enumerated() {
            if index > 0 { csv.append(UInt8(ascii: ",")) }
            column.utf8CString.withUnsafeBufferPointer { pointer in
                pointer.withMemoryRebound(to: UInt8.self) { field(UnsafeBufferPointer(rebasing: $0.dropLast())) }
            }
        }
        csv.append(10)
        while try statement.step() {
            for index in 0..<info.columns.count {
                if index > 0 { csv.append(UInt8(ascii: ",")) }
                // NULL is an empty field (a null token); an empty text is "" (quoted).
                if let bytes = statement.bytes(index) { field(bytes) }
            }
            csv.append(10)
        }
        var read = options
        read.hasHeader = true
        return try CSVReader.read(.bytes(csv, name: "\(path):\(name)"), options: read).table
    }
}
