import Fidelity
import Foundation
import Session
import Synthesis
import Tabular

/// Reads a source of related tables for the table list, the way `doppel plan DIR` sees it: a
/// folder of CSV files (keys inferred), a SQLite database or a PostgreSQL URL (keys from the
/// catalogue), or a relational session (its tables, keys and relationships). Runs off the UI
/// thread; notes are collected, never printed (the terminal belongs to the workbench).
enum RelationalLoader {
    static func load(_ request: RelationalLoadRequest) throws -> RelationalState {
        let path = request.source.hasPrefix("/") || RelationalPlanner.isDatabaseURL(request.source)
            ? request.source : request.currentDirectory + "/" + request.source
        if [".yaml", ".yml"].contains(where: path.lowercased().hasSuffix) { return try loadSession(path, request) }
        var notes: [String] = []
        let tables: [RelationalPlanner.LoadedTable]
        var declared: RelationalPlanner.DeclaredKeys?
        if RelationalPlanner.isDatabaseURL(path) {
            guard let reader = request.reader else {
                throw DataError(file: path, message: "this build of the workbench cannot read PostgreSQL databases")
            }
            (tables, declared) = try reader.database(path)
        } else if SQLiteCatalogue.isDatabase(path) {
            let catalogue = try SQLiteCatalogue.read(path)
            notes += catalogue.notes
            tables = try catalogue.tables.map { info in
                RelationalPlanner.LoadedTable(name: info.name, path: path, table: try catalogue.table(info.name), databaseTable: info.name)
            }
            let keys = Dictionary(catalogue.tables.compactMap { info in info.primaryKey.map { (info.name, $0) } }, uniquingKeysWith: { first, _ in first })
            declared = RelationalPlanner.DeclaredKeys(primaryKeys: keys, foreignKeys: catalogue.foreignKeys)
        } else {
            tables = try RelationalPlanner.tableFiles(in: path).map { name, file in
                let result = try CSVReader.read(CSVInput(argument: file))
                notes += result.warnings.map { "\(name): \($0)" }
                return RelationalPlanner.LoadedTable(name: name, path: file, table: result.table)
            }
        }
        let (primaryKeys, links) = RelationalPlanner.keys(of: tables, declared: declared)
        let byName = Dictionary(tables.map { ($0.name, $0.table) }, uniquingKeysWith: { first, _ in first })
        // Kept as `RelationalPlanner.plan` keeps them: small parents with no keys of their own.
        let infos = tables.map { loaded in
            let kept = links.contains { $0.key.parent == loaded.name } && !links.contains { $0.key.child == loaded.name }
                && loaded.table.rowCount <= RelationalPlanner.referenceRows
            return RelationalState.TableInfo(loaded: loaded, primaryKey: primaryKeys[loaded.name], synthesize: !kept)
        }
        return RelationalState(source: request.source, tables: infos, links: tally(links, byName), seed: request.seed ?? DefaultPlanner.randomSeed(),
                               notes: notes)
    }

    /// A relational session: its tables read (hashes checked), its keys as declared.
    static func loadSession(_ path: String, _ request: RelationalLoadRequest) throws -> RelationalState {
        let file = try SessionFile.load(path)
        let session = file.session
        guard session.isRelational else {
            throw DataError(file: path, message: "is a single-table session; open it as doppel \(request.source)")
        }
        let byName = try RelationalPlanner.readTables(file, allowChangedSource: false) { url, name in
            guard let reader = request.reader else {
                throw DataError(file: url, message: "this build of the workbench cannot read PostgreSQL databases")
            }
            return try reader.table(url, name)
        }
        let (_, links) = try RelationalPlanner.inputs(session, tables: byName)
        let infos = (session.tables ?? []).map { entry in
            RelationalState.TableInfo(loaded: RelationalPlanner.LoadedTable(name: entry.name, path: file.resolve(entry.source.path),
                                                                            read: entry.source.read ?? CSVReadOptions(),
                                                                            table: byName[entry.name]!, databaseTable: entry.source.table),
                                      primaryKey: entry.primaryKey, synthesize: entry.synthesize)
        }
        return RelationalState(source: request.source, tables: infos, links: tally(links, byName), seed: session.plan.seed,
                               session: session, sessionPath: path, notes: file.notes)
    }

    private static func tally(_ links: [RelationalLink], _ tables: [String: Table]) -> [RelationalState.Link] {
        links.map { link in
            let integrity = tables[link.key.parent].flatMap { parent in
                tables[link.key.child].map { child in
                    ReferentialIntegrity.tally(parent: parent, parentKey: link.key.parentColumn, child: child, childKey: link.key.childColumn)
                }
            } ?? ReferentialIntegrity.Tally(keys: 0, orphans: 0)
            return RelationalState.Link(key: link.key, primary: link.primary, integrity: integrity, keepsOrphans: link.keepOrphans)
        }
    }
}

/// Reads PostgreSQL for the workbench: the command line hands it in (the workbench does not
/// link libpq), so a folder or SQLite file needs nothing from it.
public struct RelationalDatabaseReader: Sendable {
    /// A database URL's tables and the keys its catalogue declares.
    public var database: @Sendable (String) throws -> (tables: [RelationalPlanner.LoadedTable], declared: RelationalPlanner.DeclaredKeys?)
    /// One table of a database URL (a relational session's `source.table`).
    public var table: @Sendable (String, String) throws -> Table

    public init(database: @escaping @Sendable (String) throws -> (tables: [RelationalPlanner.LoadedTable], declared: RelationalPlanner.DeclaredKeys?),
                table: @escaping @Sendable (String, String) throws -> Table) {
        self.database = database
        self.table = table
    }
}

public struct RelationalLoadRequest: Sendable {
    public var source: String
    public var currentDirectory: String
    /// The seed of a new relational plan (nil: a random one, as `doppel plan`).
    public var seed: UInt64?
    public var reader: RelationalDatabaseReader?
}
