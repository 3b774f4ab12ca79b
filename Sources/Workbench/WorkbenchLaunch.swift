import Tabular

/// What the workbench opens: a CSV, a session, related tables, or (nothing given) the embedded
/// demo dataset.
public struct WorkbenchLaunch: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case demo
        case data(path: String)
        case session(path: String)
        /// Related tables: a folder of CSV files, a SQLite file, a PostgreSQL URL, or a relational
        /// session file; they open on the table list.
        case relational(source: String)
    }

    public var target: Target
    /// `--holdout FILE`: real rows kept out of fitting, for DCR overfitting protection.
    public var holdoutPath: String?
    /// `--ascii`: charts and borders without Unicode blocks.
    public var ascii: Bool
    /// False with `NO_COLOR` or a monochrome terminal.
    public var color: Bool
    /// The CSV of `.data(path:)`, already read (the command line reads it to check it before
    /// the terminal is taken): the workbench shows its rows without reading it again.
    public var preloaded: PreloadedCSV?
    /// Reads PostgreSQL URLs for `.relational` (nil: folders and SQLite files only).
    public var database: RelationalDatabaseReader?
    /// The command line's version, written into relational sessions.
    public var doppelVersion: String?
    /// A CSV whose table would take more memory than this (about 1.8 × its size) opens as a
    /// window on its first rows, and streams in the background (`--memory`).
    public var memoryBudget = 1 << 30
    /// Rows of the reservoir a session saved from such a window records (`--reservoir`).
    public var reservoirRows = StreamingSettings.defaultReservoirRows
    /// Bytes of such a file read for the window (tests make it small).
    public var windowBytes = FileHead.defaultBytes

    public init(target: Target, holdoutPath: String? = nil, ascii: Bool = false, color: Bool = true) {
        self.target = target
        self.holdoutPath = holdoutPath
        self.ascii = ascii
        self.color = color
    }

    public static func == (a: WorkbenchLaunch, b: WorkbenchLaunch) -> Bool {
        a.target == b.target && a.holdoutPath == b.holdoutPath && a.ascii == b.ascii && a.color == b.color && a.preloaded == b.preloaded
    }
}

/// A CSV read before the workbench starts: its table and the reader's warnings.
public struct PreloadedCSV: Sendable, Equatable {
    public var path: String
    public var table: Table
    public var warnings: [String]
    /// The name the status line shows (nil: the file's), e.g. a database table's name.
    public var displayName: String?

    public init(path: String, table: Table, warnings: [String], displayName: String? = nil) {
        self.displayName = displayName
        self.path = path
        self.table = table
        self.warnings = warnings
    }
}

/// How the workbench ended.
public enum WorkbenchExit: Sendable, Equatable {
    case quit
}
