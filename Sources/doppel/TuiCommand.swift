import ArgumentParser
import Foundation
import NcursesScreen
import Postgres
import Session
import Tabular
import TerminalUI
import Workbench

/// `doppel [FILE]`: the curses workbench, the command that runs when no other is named.
///
/// With a terminal on stdin and stdout it opens the workbench on FILE (a CSV file or a session
/// file) or, with no FILE, on the embedded demo dataset; related tables (a folder of CSV
/// files, a SQLite file, a PostgreSQL URL, a relational session) open on the table list. Without a terminal it never starts
/// curses: `doppel` alone prints help and the demo dataset's inspect table, `doppel data.csv`
/// that file's inspect table.
struct TuiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tui",
        abstract: "Open the workbench on a CSV file, a session file, or the demo dataset.",
        discussion: """
            doppel data.csv and doppel tui data.csv are the same. A file ending in .yaml or .yml \
            is a session (see doppel run); a folder, a SQLite file or a postgresql:// URL holds \
            related tables, opened on a table list; anything else is read as CSV (plain or gzip). \
            Press ? in the workbench for its keys. NO_COLOR=1 turns colour off.
            """
    )

    @Argument(help: ArgumentHelp("A CSV file, a session file (.yaml), a folder of CSV files, a SQLite file or a postgresql:// URL; none: the demo dataset.", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Real rows kept out of fitting, to check that synthetic rows are not copies (DCR).", valueName: "file"))
    var holdout: String?

    @Flag(help: "Draw charts and borders with ASCII characters only.")
    var ascii = false

    @Flag(help: "Use the mouse: the wheel scrolls, a click selects a cell (the terminal's own selection then needs Shift).")
    var mouse = false

    @OptionGroup var streaming: StreamingArguments

    func run() throws {
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        var launch = WorkbenchLaunch(target: .demo, holdoutPath: holdout, ascii: ascii)
        launch.database = Self.postgresReader
        launch.doppelVersion = Doppel.version
        var frameLog: FrameLog?
        var largeFile = false
        try failingWithStatus2 {
            launch.target = try Self.target(file)
            // A CSV past the budget opens on its first rows and streams in the background.
            launch.memoryBudget = try streaming.budget()
            launch.reservoirRows = streaming.reservoir
            if case .data(let path) = launch.target, try streaming.shouldStream(path) { largeFile = true }
            if let holdout { try Self.checkReadable(holdout, what: "holdout file") }
            if interactive {
                // The CSV read to check it is handed over: the workbench shows it without a second read.
                launch.preloaded = largeFile ? nil : try Self.validate(launch.target)
                frameLog = try FrameLog.fromEnvironment()
            } else {
                try Self.describeWithoutTerminal(launch.target)
            }
        }
        guard interactive else { return }
        let noColor = ColorCapability.noColorRequested(environment: ProcessInfo.processInfo.environment)
        launch.color = ColorCapability(colorCount: NcursesScreen.terminalColorCount(), noColor: noColor).hasColor
        let app = try WorkbenchApp(launch: launch)
        do {
            _ = try NcursesScreen.withScreen(noColor: !launch.color, mouse: mouse) { terminal in
                try app.run(on: frameLog?.wrap(terminal) ?? terminal)
            }
        } catch let error as NcursesScreenError {
            Diagnostics.error(error.description)
            throw ExitCode(badInputStatus)
        }
    }

    /// What FILE names: the demo (none), a session (.yaml/.yml) or a CSV file. Fails, naming
    /// the file, when it cannot be read.
    static func target(_ file: String?) throws -> WorkbenchLaunch.Target {
        guard let file else { return .demo }
        if RelationalCommands.isRelationalSource(file) {
            if PostgresConnection.isURL(file) { try PostgresConnection.checkNoPassword(file) }
            return .relational(source: file)
        }
        let isSession = [".yaml", ".yml"].contains { file.lowercased().hasSuffix($0) }
        if !FileManager.default.fileExists(atPath: file), !file.contains("."), !file.contains("/") {
            throw BadInput("'\(file)' is neither a file nor a command (see doppel --help)")
        }
        try checkReadable(file, what: isSession ? "session file" : "data file")
        if isSession, try SessionFile.load(file).session.isRelational { return .relational(source: file) }
        return isSession ? .session(path: file) : .data(path: file)
    }

    /// CSV files up to this size are read once before curses starts, so that a malformed one is
    /// reported on a normal terminal with exit status 2; larger ones only have to be readable
    /// (reading them twice would delay the workbench), and their errors show in the workbench.
    /// The table read is handed to the workbench (`WorkbenchLaunch.preloaded`): it is read once.
    static let validatedCSVBytes = 64 << 20

    /// Fails, naming the file, when the session file does not parse or a small CSV file does not read.
    @discardableResult
    static func validate(_ target: WorkbenchLaunch.Target) throws -> PreloadedCSV? {
        switch target {
        case .demo:
            return nil
        case .session(let path):
            _ = try SessionFile.load(path)
            return nil
        case .relational(let source):
            // A folder with no table file is refused before the terminal is taken.
            if RelationalPlanner.isDirectory(source) { _ = try RelationalPlanner.tableFiles(in: source) }
            return nil
        case .data(let path):
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
            guard let size, size <= validatedCSVBytes else { return nil }
            let result = try CSVReader.read(path: path)
            return PreloadedCSV(path: path, table: result.table, warnings: result.warnings)
        }
    }

    static func checkReadable(_ path: String, what: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BadInput("\(path): cannot open \(what): no such file")
        }
        guard !isDirectory.boolValue else { throw BadInput("\(path): is a directory, not a \(what)") }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw BadInput("\(path): cannot open \(what): permission denied")
        }
    }

    /// Without a terminal (a pipe, a file, a CI log): what `doppel` printed before the workbench.
    static func describeWithoutTerminal(_ target: WorkbenchLaunch.Target) throws {
        switch target {
        case .demo:
            let result = try CSVReader.read(DemoDataset.input)
            let report = InspectReport(source: DemoDataset.input.displayName, table: result.table)
            try StandardOutput.write(Array((Doppel.helpMessage() + "\n\n" + report.text).utf8))
        case .data(let path):
            let input = CSVInput(argument: path)
            let result = try CSVReader.read(input)
            for warning in result.warnings { Diagnostics.warning("\(input.displayName): \(warning)") }
            try StandardOutput.write(Array(InspectReport(source: input.displayName, table: result.table).text.utf8))
        case .session(let path):
            throw BadInput("\(path): the workbench needs a terminal; to replay a session without one, use doppel run \(path)")
        case .relational(let source):
            // The table list as text: the tables and the relationship graph.
            try StandardOutput.write(Array(try Workbench.tableListText(source: source, database: postgresReader).utf8))
        }
    }

    /// PostgreSQL for the workbench's table list (the workbench does not link libpq itself).
    static let postgresReader = RelationalDatabaseReader(
        database: { url in
            let catalogue = try PostgresCatalogue.read(url)
            let tables = try catalogue.tables.map { name in
                RelationalPlanner.LoadedTable(name: name, path: url, table: try catalogue.table(name, options: CSVReadOptions()), databaseTable: name)
            }
            return (tables, RelationalPlanner.DeclaredKeys(primaryKeys: catalogue.primaryKeys, foreignKeys: catalogue.foreignKeys))
        },
        table: { url, name in try PostgresCatalogue.read(url).table(name, options: CSVReadOptions()) })
}
