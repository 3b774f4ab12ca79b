import Fidelity
import Foundation
import Postgres
import Session
import TerminalUI
import Synthesis
import Tabular

/// `doppel plan DIR`, `doppel sample DIR -o OUTDIR` and `doppel run` on a relational session:
/// the commands' relational branch, so that each command file keeps its single-table flow.
enum RelationalCommands {
    /// Reads every table file of a folder.
    static func loadDirectory(_ directory: String, options: ReadOptionsArguments) throws -> [RelationalPlanner.LoadedTable] {
        let read = try options.options()
        return try RelationalPlanner.tableFiles(in: directory).map { name, path in
            let result = try CSVReader.read(CSVInput(argument: path), options: read)
            for warning in result.warnings { Diagnostics.warning("\(path): \(warning)") }
            return RelationalPlanner.LoadedTable(name: name, path: path, read: read, table: result.table)
        }
    }

    /// True for a source of related tables: a folder or a SQLite database.
    static func isRelationalSource(_ path: String) -> Bool {
        path != "-" && (PostgresConnection.isURL(path) || RelationalPlanner.isDirectory(path) || SQLiteCatalogue.isDatabase(path))
    }

    /// The tables of a folder (keys to be inferred) or of a SQLite database (keys from its catalogue).
    static func load(_ source: String, options: ReadOptionsArguments) throws -> (tables: [RelationalPlanner.LoadedTable], declared: RelationalPlanner.DeclaredKeys?) {
        if PostgresConnection.isURL(source) {
            let catalogue = try PostgresCatalogue.read(source)
            for note in catalogue.notes { Diagnostics.note(note) }
            let read = try options.options()
            let tables = try catalogue.tables.map { name in
                RelationalPlanner.LoadedTable(name: name, path: source, read: read, table: try catalogue.table(name, options: read), databaseTable: name)
            }
            return (tables, RelationalPlanner.DeclaredKeys(primaryKeys: catalogue.primaryKeys, foreignKeys: catalogue.foreignKeys))
        }
        guard SQLiteCatalogue.isDatabase(source) else { return (try loadDirectory(source, options: options), nil) }
        let catalogue = try SQLiteCatalogue.read(source)
        for note in catalogue.notes { Diagnostics.note(note) }
        let read = try options.options()
        let tables = try catalogue.tables.map { info in
            RelationalPlanner.LoadedTable(name: info.name, path: source, read: read, table: try catalogue.table(info.name, options: read),
                                          databaseTable: info.name)
        }
        let keys = Dictionary(catalogue.tables.compactMap { info in info.primaryKey.map { (info.name, $0) } }, uniquingKeysWith: { first, _ in first })
        return (tables, RelationalPlanner.DeclaredKeys(primaryKeys: keys, foreignKeys: catalogue.foreignKeys))
    }

    /// `doppel plan DIR` or `doppel plan DB.sqlite`: a relational session (to stdout, or -o).
    static func plan(directory: String, options: ReadOptionsArguments, out: String, seed: UInt64, rows: Int?, candidates: [String?],
                     privacy: PrivacySetting = .default) throws {
        let (tables, declared) = try load(directory, options: options)
        let outcome = try relational {
            try RelationalPlanner.plan(tables, declared: declared, seed: seed, rows: rows, candidates: candidates, privacy: privacy,
                                       sessionPath: out, doppelVersion: Doppel.version)
        }
        for note in outcome.notes { Diagnostics.note(note) }
        if out == "-" {
            try StandardOutput.write(Array(try SessionFile.text(outcome.session).utf8))
        } else {
            try SessionFile.save(outcome.session, to: out)
        }
    }

    /// `doppel sample DIR -o OUTDIR`: the default relational plan, generated at once.
    static func sample(directory: String, options: ReadOptionsArguments, out: String, seed: UInt64?, rows: Int?, scale: Double,
                       replace: Bool) throws {
        let target = try outputTarget(out, replace: replace)
        let (tables, declared) = try load(directory, options: options)
        let chosenSeed = seed ?? DefaultPlanner.randomSeed()
        if seed == nil { Diagnostics.note("seed \(chosenSeed) (pass --seed \(chosenSeed) to repeat this output)") }
        let outcome = try relational {
            try RelationalPlanner.plan(tables, declared: declared, seed: chosenSeed, rows: rows, candidates: JointModelChoice.allCandidates,
                                       sessionPath: "-", doppelVersion: Doppel.version)
        }
        let sources = Dictionary(tables.map { ($0.name, $0.table) }, uniquingKeysWith: { first, _ in first })
        try generate(outcome.session, tables: sources, settings: .init(rootRows: rows, scale: scale, environment: ProcessInfo.processInfo.environment),
                     target: target)
    }

    /// `doppel run` on a relational session.
    static func run(_ file: SessionFile, out: String?, seed: UInt64?, rows: Int?, scale: Double, replace: Bool, allowChangedSource: Bool,
                    shard: String? = nil, format: Session.OutputFormat? = nil) throws {
        guard let destination = out ?? file.session.run.output.map(file.resolve), destination != "-" else {
            throw BadInput("a relational session writes a folder of tables: give -o OUTDIR (or run.output in the session)")
        }
        let chosenFormat = format ?? file.session.run.format
        if let format, format != .csv, format != .parquet {
            throw BadInput("--format \(format.rawValue): related tables are written as csv or parquet files")
        }
        var target = try outputTarget(destination, replace: replace, parquet: chosenFormat == .parquet)
        if var folder = target as? OutputFolder, folder.parquet {
            // Parquet tables keep their Parquet sources' column types.
            folder.parquetTypes = ParquetOutput.tableTypes(file)
            target = folder
        }
        let parsedShard = try shard.map(parseShard)
        if parsedShard != nil, !(target is OutputFolder) {
            throw BadInput("--shard writes pieces of CSV tables to concatenate; a database output takes the whole run")
        }
        var catalogues: [String: PostgresCatalogue] = [:]
        let tables = try RelationalPlanner.readTables(file, allowChangedSource: allowChangedSource) { url, name in
            if catalogues[url] == nil { catalogues[url] = try PostgresCatalogue.read(url) }
            return try catalogues[url]!.table(name, options: CSVReadOptions())
        }
        try generate(file.session, tables: tables,
                     settings: .init(seed: seed, rootRows: rows ?? file.session.plan.rows, scale: scale, environment: ProcessInfo.processInfo.environment),
                     target: target, shard: parsedShard)
    }

    /// `doppel report REAL SYNTHETIC` on related tables; keys from the real side (its catalogue,
    /// or inferred from a folder).
    static func report(real: String, synthetic: String, options: ReadOptionsArguments, json: Bool, ascii: Bool,
                       progress: (String) -> Void) throws -> String {
        progress("reading \(real) and \(synthetic)")
        let (realTables, declared) = try load(real, options: options)
        let (syntheticTables, _) = try load(synthetic, options: options)
        let realByName = Dictionary(realTables.map { ($0.name, $0.table) }, uniquingKeysWith: { first, _ in first })
        let syntheticByName = Dictionary(syntheticTables.map { ($0.name, $0.table) }, uniquingKeysWith: { first, _ in first })
        for name in realByName.keys.sorted() where syntheticByName[name] == nil {
            Diagnostics.warning("table \(name) is in \(real) but not in \(synthetic)")
        }
        let keys: [ForeignKey]
        if let declared {
            keys = declared.foreignKeys
        } else {
            var primaryKeys: [String: String] = [:]
            for table in realTables { primaryKeys[table.name] = KeyInference.primaryKey(of: table.table, named: table.name) }
            keys = KeyInference.foreignKeys(tables: realTables.map { ($0.name, $0.table) }, primaryKeys: primaryKeys)
        }
        let report = RelationalReport.compute(real: realByName, synthetic: syntheticByName, keys: keys,
                                              tableOrder: realTables.map(\.name), progress: progress)
        return json ? report.json() : RelationalReportView(report: report, ascii: ascii).text
    }

    /// A SQLite database for a path ending .sqlite, .sqlite3 or .db (or an existing database), else a folder.
    static func outputTarget(_ path: String, replace: Bool, parquet: Bool = false) throws -> any RelationalTarget {
        if PostgresConnection.isURL(path) {
            try PostgresConnection.checkNoPassword(path)
            return PostgresOutput(url: path, replace: replace)
        }
        let lower = path.lowercased()
        if [".sqlite", ".sqlite3", ".db"].contains(where: lower.hasSuffix) || SQLiteCatalogue.isDatabase(path) {
            return SQLiteOutput(path: path, replace: replace)
        }
        return try OutputFolder(path: path, replace: replace, parquet: parquet)
    }

    /// `--shard I/N`, 1-based.
    static func parseShard(_ text: String) throws -> RelationalShard {
        let parts = text.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1, index >= 1, index <= count else {
            throw BadInput("--shard \(text): expected I/N with 1 <= I <= N, e.g. --shard 2/4")
        }
        return RelationalShard(index: index, count: count)
    }

    static func generate(_ session: Session, tables: [String: Table], settings: RelationalSynthesizer.Settings, target: any RelationalTarget,
                         shard: RelationalShard? = nil) throws {
        if !(settings.scale > 0) || !settings.scale.isFinite { throw BadInput("--scale \(settings.scale): expected a number above 0") }
        try relational {
            let (plans, links) = try RelationalPlanner.inputs(session, tables: tables)
            let order = try TableOrder.parentsFirst(plans.map(\.name), links: links)
            let keys = Dictionary(plans.map { ($0.name, $0.primaryKey) }, uniquingKeysWith: { first, _ in first })
            if settings.rootRows != nil, !plans.contains(where: { plan in plan.synthesize && !links.contains { $0.key.child == plan.name && $0.primary } }) {
                Diagnostics.note("--rows applies to root tables and no synthesised table is a root here; the children follow their parents (use --scale to change every table)")
            }
            try target.open(tables: order)
            try RelationalSynthesizer.generate(plans, links: links, settings: settings, shard: shard) { name, table, rows in
                let piece = rows == 0..<table.rowCount ? table : table.slice(rows)
                try target.write(piece, name: name, primaryKey: keys[name] ?? nil, foreignKeys: links.map(\.key),
                                 unvalidated: links.filter(\.keepOrphans).map(\.key), header: (shard?.index ?? 1) == 1)
                Diagnostics.note("wrote \(piece.rowCount) rows of \(name) to \(target.place(of: name))")
            }
            try target.commit()
        }
    }

    /// Relational and plan errors are bad input: exit 2 with the message.
    static func relational<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as RelationalError {
            throw BadInput(error.message)
        } catch let error as PlanError {
            throw BadInput(error.message)
        } catch let error as ParameterError {
            throw BadInput(error.description)
        }
    }
}

/// Where related tables go: a folder of CSV files or a SQLite database.
protocol RelationalTarget {
    /// Called once before anything is generated, with the tables in parents-first order:
    /// refuses tables already there unless --replace.
    func open(tables: [String]) throws
    /// `unvalidated`: keys whose relationship keeps its orphans (`orphans: keep`). PostgreSQL
    /// declares them `NOT VALID` after the rows are in; SQLite checks keys only when asked
    /// (`PRAGMA foreign_key_check`), so it declares them as any other; CSV has no keys.
    func write(_ table: Table, name: String, primaryKey: String?, foreignKeys: [ForeignKey], unvalidated: [ForeignKey], header: Bool) throws
    func commit() throws
    func place(of table: String) -> String
}

/// A SQLite database as output, with the foreign keys declared and enforced.
final class SQLiteOutput: RelationalTarget {
    let path: String
    let replace: Bool
    private var writer: SQLiteTableWriter?

    init(path: String, replace: Bool) {
        self.path = path
        self.replace = replace
    }

    func open(tables: [String]) throws { writer = try SQLiteTableWriter(path: path, tables: tables, replace: replace) }

    func write(_ table: Table, name: String, primaryKey: String?, foreignKeys: [ForeignKey], unvalidated: [ForeignKey], header: Bool) throws {
        let sql = SQLiteTableWriter.createSQL(name: name, table: table, primaryKey: primaryKey, foreignKeys: foreignKeys)
        try writer!.write(SQLiteTableWriter.Target(name: name, table: table, createSQL: sql))
    }

    func commit() throws { try writer?.commit() }
    func place(of table: String) -> String { "\(path) (table \(table))" }
}

/// A PostgreSQL database as output: tables created with their keys, COPY in one transaction each.
final class PostgresOutput: RelationalTarget {
    let url: String
    let replace: Bool
    private var writer: PostgresTableWriter?

    init(url: String, replace: Bool) {
        self.url = url
        self.replace = replace
    }

    func open(tables: [String]) throws { writer = try PostgresTableWriter(url: url, tables: tables, replace: replace) }

    func write(_ table: Table, name: String, primaryKey: String?, foreignKeys: [ForeignKey], unvalidated: [ForeignKey], header: Bool) throws {
        try writer!.write(table, name: name, primaryKey: primaryKey, foreignKeys: foreignKeys, unvalidated: unvalidated)
    }

    func commit() throws {}
    func place(of table: String) -> String { "PostgreSQL table \(table)" }
}

/// A folder of CSV (or Parquet) tables as output: created when missing; a table file already
/// there is refused unless `--replace`; each file written atomically. A Parquet shard is a file
/// of its own (header and footer), whatever `header` says.
struct OutputFolder: RelationalTarget {
    var directory: String
    var replace: Bool
    var parquet = false
    /// Each table's Parquet source types, kept by its Parquet output.
    var parquetTypes: [String: ParquetSchemaHint] = [:]

    init(path: String, replace: Bool, parquet: Bool = false) throws {
        self.parquet = parquet
        guard path != "-" else { throw BadInput("-o -: related tables go to a folder, one CSV per table; give -o OUTDIR") }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw BadInput("-o \(path): a file is there; related tables go to a folder, one CSV per table")
        }
        directory = path
        self.replace = replace
    }

    var fileExtension: String { parquet ? "parquet" : "csv" }
    func path(for table: String) -> String { (directory as NSString).appendingPathComponent("\(table).\(fileExtension)") }
    func place(of table: String) -> String { path(for: table) }
    func commit() throws {}

    /// Refuses, before anything is generated, table files that are already there.
    func open(tables: [String]) throws {
        let present = tables.filter { FileManager.default.fileExists(atPath: path(for: $0)) }
        if !present.isEmpty && !replace {
            throw BadInput("\(directory) already holds \(present.map { "\($0).\(fileExtension)" }.joined(separator: ", ")); pass --replace to overwrite")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw BadInput("-o \(directory): cannot create the folder: \(error.localizedDescription)")
        }
    }

    func write(_ table: Table, name: String, primaryKey: String?, foreignKeys: [ForeignKey], unvalidated: [ForeignKey], header: Bool) throws {
        if parquet {
            var bytes: [UInt8] = []
            try ParquetOutput.write(types: parquetTypes[name] ?? [:]) { bytes = try $0.bytes(table) }
            try AtomicFileWriter.write(bytes, to: path(for: name))
        } else {
            try CSVWriter(writeHeader: header).write(table, to: path(for: name))
        }
    }
}
