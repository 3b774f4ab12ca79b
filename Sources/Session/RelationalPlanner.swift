import Foundation
import Synthesis
import Tabular

/// Relational sessions: a folder of CSV files planned as related tables (keys inferred by
/// `KeyInference`, reference tables kept, a plan per synthesised table), and a relational
/// session turned back into the tables and links `RelationalSynthesizer` generates from.
public enum RelationalPlanner {
    /// A table read from a folder (or from a session's table source).
    public struct LoadedTable: Sendable {
        public var name: String
        public var path: String
        public var read: CSVReadOptions
        public var table: Table
        /// The table's name in a SQLite database (nil for a CSV file).
        public var databaseTable: String?

        public init(name: String, path: String, read: CSVReadOptions = CSVReadOptions(), table: Table, databaseTable: String? = nil) {
            self.name = name
            self.databaseTable = databaseTable
            self.path = path
            self.read = read
            self.table = table
        }
    }

    /// Tables others refer to, with no keys of their own and at most this many rows, are kept
    /// as they are by default (airlines, airports, planes): reference data, usually public.
    public static let referenceRows = 5_000

    static let extensions = [".csv.gz", ".tsv.gz", ".csv", ".tsv", ".parquet"]

    /// True when `path` is a directory.
    public static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }

    /// The table files of a folder (.csv, .tsv, optionally gzipped, or .parquet), sorted by name; the
    /// table's name is the file's without the extension.
    public static func tableFiles(in directory: String) throws -> [(name: String, path: String)] {
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw DataError(file: directory, message: "cannot list the folder: \(error.localizedDescription)")
        }
        let files: [(String, String)] = entries.sorted().compactMap { entry in
            guard !entry.hasPrefix("."), let suffix = extensions.first(where: { entry.lowercased().hasSuffix($0) }) else { return nil }
            return (String(entry.dropLast(suffix.count)), (directory as NSString).appendingPathComponent(entry))
        }
        if files.isEmpty { throw DataError(file: directory, message: "the folder holds no .csv, .tsv or .parquet file (one table per file)") }
        var seen: Set<String> = []
        for (name, path) in files where !seen.insert(name).inserted {
            throw DataError(file: path, message: "two files make table '\(name)'; keep one")
        }
        return files
    }

    /// What `doppel plan DIR` decided, for the notes it prints.
    public struct Outcome: Sendable {
        public var session: Session
        public var notes: [String]
    }

    /// A relational session for `tables`: primary keys and foreign keys inferred, reference
    /// tables kept, a primary parent per child, and each synthesised table's default plan
    /// (`JointModelChoice.defaultPlan` over `RelationalSynthesizer.modelling`).
    /// Keys a database declares (its catalogue): used as they are instead of being inferred.
    public struct DeclaredKeys: Sendable {
        public var primaryKeys: [String: String]
        public var foreignKeys: [ForeignKey]

        public init(primaryKeys: [String: String], foreignKeys: [ForeignKey]) {
            self.primaryKeys = primaryKeys
            self.foreignKeys = foreignKeys
        }
    }

    /// `kept`: the tables written as they are (nil: small reference tables, see `referenceRows`).
    /// The tables' primary keys and links: as a catalogue declares them, or inferred from names
    /// and value containment; each child's primary parent chosen.
    public static func keys(of tables: [LoadedTable], declared: DeclaredKeys?) -> (primaryKeys: [String: String], links: [RelationalLink]) {
        var primaryKeys: [String: String] = declared?.primaryKeys ?? [:]
        if declared == nil {
            for loaded in tables {
                if let key = KeyInference.primaryKey(of: loaded.table, named: loaded.name) { primaryKeys[loaded.name] = key }
            }
        }
        let keys = declared?.foreignKeys ?? KeyInference.foreignKeys(tables: tables.map { ($0.name, $0.table) }, primaryKeys: primaryKeys)
        let sources = Dictionary(tables.map { ($0.name, $0.table) }, uniquingKeysWith: { first, _ in first })
        return (primaryKeys, RelationalSynthesizer.choosingPrimaries(keys.map { RelationalLink(key: $0, primary: false) }, tables: sources))
    }

    public static func plan(_ tables: [LoadedTable], declared: DeclaredKeys? = nil, seed: UInt64, rows: Int?, candidates: [String?],
                            privacy: PrivacySetting = .default, kept chosen: Set<String>? = nil, sessionPath: String,
                            doppelVersion: String) throws -> Outcome {
        var notes: [String] = []
        let (primaryKeys, links) = keys(of: tables, declared: declared)
        let sources = Dictionary(tables.map { ($0.name, $0.table) }, uniquingKeysWith: { first, _ in first })
        for loaded in tables {
            let key = primaryKeys[loaded.name].map { "primary key \($0)" } ?? "no primary key"
            notes.append("table \(loaded.name): \(loaded.table.rowCount) rows, \(key)")
        }
        for link in links {
            guard let child = sources[link.key.child]?.column(named: link.key.childColumn),
                  let parent = sources[link.key.parent]?.column(named: link.key.parentColumn) else {
                throw RelationalError("foreign key \(link.key): no such table or column")
            }
            let fit = KeyInference.containment(child: child, parentKeys: Set(KeyValues.texts(parent).compactMap { $0 }))
            notes.append("relationship \(link.key)\(link.primary ? " (primary)" : ""): \(String(format: "%.1f", fit.rows * 100))% of non-null keys match a parent")
        }
        let kept = chosen ?? Set(tables.filter { loaded in
            links.contains { $0.key.parent == loaded.name } && !links.contains { $0.key.child == loaded.name }
                && loaded.table.rowCount <= referenceRows
        }.map(\.name))
        let directory = sessionPath == "-" ? FileManager.default.currentDirectoryPath
            : URL(fileURLWithPath: sessionPath).deletingLastPathComponent().path
        // Tables are planned side by side: each plan depends only on the sources, the keys and
        // its own seed, so the session is the same bytes whatever the thread count.
        let planned = Parallel.tasks(tables.count) { index in
            Result {
                try planTable(tables[index], tables: tables, primaryKeys: primaryKeys, links: links, synthesize: !kept.contains(tables[index].name),
                              seed: seed, candidates: candidates, privacy: privacy, directory: directory)
            }
        }
        var entries: [Session.TableEntry] = []
        for result in planned {
            let (entry, tableNotes) = try result.get()
            entries.append(entry)
            notes += tableNotes
        }
        let relationships = links.map {
            Session.Relationship(parent: $0.key.parent, parentKey: $0.key.parentColumn, child: $0.key.child, childKey: $0.key.childColumn,
                                 primary: $0.primary ? true : nil)
        }
        var session = Session(doppelVersion: doppelVersion, plan: Plan(seed: seed, rows: rows, columns: []))
        session.tables = entries
        session.relationships = relationships
        return Outcome(session: session, notes: notes)
    }

    /// One table's session entry (its plan when synthesised, its event order, its source) and
    /// the notes `doppel plan` prints about it.
    static func planTable(_ loaded: LoadedTable, tables: [LoadedTable], primaryKeys: [String: String], links: [RelationalLink], synthesize: Bool,
                          seed: UInt64, candidates: [String?], privacy: PrivacySetting, directory: String) throws -> (Session.TableEntry, [String]) {
        var notes: [String] = []
        var plan: Plan?
        var orderBy: String?
        if synthesize {
            let primary = links.first { $0.key.child == loaded.name && $0.primary }
            let parent = primary.map { link in tables.first { $0.name == link.key.parent }! }
            let table = RelationalTablePlan(name: loaded.name, source: loaded.table, primaryKey: primaryKeys[loaded.name], synthesize: true, plan: nil)
            let parentPlan = parent.map { RelationalTablePlan(name: $0.name, source: $0.table, primaryKey: primaryKeys[$0.name], synthesize: false, plan: nil) }
            let modelling = try RelationalSynthesizer.modelling(table, primary: primary, parent: parentPlan)
            // Other foreign keys are modelled as categories, so that their values are real keys.
            let foreign = Set(links.filter { $0.key.child == loaded.name }.map(\.key.childColumn))
            let kinds = TypeInference.propose(modelling.table, profiles: Profiler.profile(modelling.table)).map(\.kind).enumerated().map { index, kind in
                foreign.contains(modelling.table[index].name) || modelling.table[index].name.hasPrefix("@") ? ColumnKind.categorical : kind
            }
            let outcome = JointModelChoice.defaultPlan(for: modelling.table, kinds: kinds, seed: RelationalSynthesizer.tableSeed(seed, table: loaded.name),
                                                       candidates: candidates, privacy: privacy)
            plan = outcome.plan
            let joint = outcome.plan.joint.first.map { "\($0.model) over \($0.columns.count) columns" } ?? "marginals alone"
            let groups = modelling.cardinality.map { model in
                model.groups.columnNames.isEmpty ? "; children per parent from all parents" : "; children per parent by \(model.groups.columnNames.joined(separator: ", "))"
            } ?? ""
            notes.append("table \(loaded.name): synthesised, \(joint)\(groups)")
            if let primary {
                let keyColumns = Set(links.filter { $0.key.child == loaded.name }.map(\.key.childColumn) + [primaryKeys[loaded.name]].compactMap { $0 })
                orderBy = EventOrder.detect(loaded.table, parentKey: primary.key.childColumn, excluding: keyColumns)
                if let orderBy {
                    notes.append("table \(loaded.name): an event table: each \(primary.key.parent) row's children are in \(orderBy) order, and are written so (order_by)")
                }
            }
        } else {
            notes.append("table \(loaded.name): kept as it is (a reference table; set synthesize: true to synthesise it)")
        }
        // A database URL is recorded as it is (it holds no password) and has no file hash.
        let url = isDatabaseURL(loaded.path)
        let source = Session.Source(path: url ? loaded.path : RelativePath.of(loaded.path, from: directory), read: loaded.read,
                                    rows: loaded.table.rowCount, sha256: url ? nil : try SourceHash.sha256(of: loaded.path),
                                    table: loaded.databaseTable)
        let entry = Session.TableEntry(name: loaded.name, source: source, primaryKey: primaryKeys[loaded.name],
                                       synthesize: synthesize, plan: plan, orderBy: orderBy)
        return (entry, notes)
    }

    /// The tables and links of a relational session, over tables already read (by name).
    public static func inputs(_ session: Session, tables: [String: Table]) throws -> (tables: [RelationalTablePlan], links: [RelationalLink]) {
        let entries = session.tables ?? []
        var plans: [RelationalTablePlan] = []
        for entry in entries {
            guard let table = tables[entry.name] else { throw RelationalError("table '\(entry.name)' was not read") }
            if let key = entry.primaryKey {
                guard let column = table.column(named: key) else {
                    throw RelationalError("tables: '\(entry.name)': primary_key '\(key)' is not a column of the table (columns: \(table.columnNames.joined(separator: ", ")))")
                }
                guard KeyValues.isUnique(column) else {
                    throw RelationalError("tables: '\(entry.name)': primary_key '\(key)' has nulls or repeated values, so it cannot be a key")
                }
            }
            if let orderBy = entry.orderBy {
                guard let column = table.column(named: orderBy) else {
                    throw RelationalError("tables: '\(entry.name)': order_by '\(orderBy)' is not a column of the table (columns: \(table.columnNames.joined(separator: ", ")))")
                }
                switch column.values {
                case .integers, .decimals, .datetimes: break
                default: throw RelationalError("tables: '\(entry.name)': order_by '\(orderBy)' holds text; events are ordered by a time or a number")
                }
            }
            plans.append(RelationalTablePlan(name: entry.name, source: table, primaryKey: entry.primaryKey, synthesize: entry.synthesize,
                                             plan: entry.plan, orderBy: entry.orderBy))
        }
        let keys = Dictionary(entries.map { ($0.name, $0.primaryKey) }, uniquingKeysWith: { first, _ in first })
        var links: [RelationalLink] = []
        for relationship in session.relationships ?? [] {
            let name = "relationships: \(relationship.child).\(relationship.childKey) → \(relationship.parent).\(relationship.parentKey)"
            guard let child = tables[relationship.child], child.column(named: relationship.childKey) != nil else {
                throw RelationalError("\(name): table '\(relationship.child)' has no column '\(relationship.childKey)'")
            }
            guard let parent = tables[relationship.parent], parent.column(named: relationship.parentKey) != nil else {
                throw RelationalError("\(name): table '\(relationship.parent)' has no column '\(relationship.parentKey)'")
            }
            guard keys[relationship.parent] == relationship.parentKey else {
                throw RelationalError("\(name): '\(relationship.parentKey)' is not the primary key of '\(relationship.parent)'; declare primary_key: \(relationship.parentKey) on that table")
            }
            links.append(RelationalLink(key: relationship.foreignKey, primary: relationship.primary ?? false,
                                        keepOrphans: relationship.orphans == .keep))
        }
        return (plans, RelationalSynthesizer.choosingPrimaries(links, tables: tables))
    }

    /// True for a database URL (`postgresql://...`), read by the caller's `external` reader.
    public static func isDatabaseURL(_ path: String) -> Bool { path.hasPrefix("postgresql://") || path.hasPrefix("postgres://") }

    /// Reads every table of a relational session (paths relative to the session, hashes
    /// checked); tables at a database URL are read by `external` (URL, table).
    public static func readTables(_ file: SessionFile, allowChangedSource: Bool,
                                  external: (String, String) throws -> Table = { url, _ in throw DataError(file: url, message: "cannot read database URLs here") }) throws -> [String: Table] {
        var tables: [String: Table] = [:]
        var catalogues: [String: SQLiteCatalogue] = [:]
        for (index, entry) in (file.session.tables ?? []).enumerated() {
            if isDatabaseURL(entry.source.path) {
                guard let name = entry.source.table else {
                    throw file.error(at: ["tables", String(index), "source", "table"], "table '\(entry.name)': a database URL needs source.table")
                }
                tables[entry.name] = try external(entry.source.path, name)
                continue
            }
            let path = file.resolve(entry.source.path)
            guard FileManager.default.fileExists(atPath: path) else {
                throw file.error(at: ["tables", String(index), "source", "path"], "table '\(entry.name)': the source file \(path) does not exist")
            }
            if let recorded = entry.source.sha256, !allowChangedSource {
                let actual = try SourceHash.sha256(of: path)
                if actual != recorded.lowercased() {
                    throw file.error(at: ["tables", String(index), "source", "sha256"], "table '\(entry.name)': the source file \(path) has changed since the session was written; pass --allow-changed-source to use it anyway")
                }
            }
            if let name = entry.source.table {
                if catalogues[path] == nil { catalogues[path] = try SQLiteCatalogue.read(path) }
                guard catalogues[path]!.tables.contains(where: { $0.name == name }) else {
                    throw file.error(at: ["tables", String(index), "source", "table"], "the database \(path) has no table '\(name)'")
                }
                tables[entry.name] = try catalogues[path]!.table(name, options: entry.source.read ?? CSVReadOptions())
            } else {
                tables[entry.name] = try CSVReader.read(path: path, options: entry.source.read ?? CSVReadOptions()).table
            }
        }
        return tables
    }
}
