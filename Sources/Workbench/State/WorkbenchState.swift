import Fidelity
import Session
import Synthesis
import Tabular
import TerminalUI

/// Everything the workbench shows and remembers, as plain values: `reduce` changes it,
/// `render` draws it.
public struct WorkbenchState: Sendable {
    public enum Phase: Sendable {
        case loading(String)
        case failed(String)
        case ready
    }

    public enum Page: Sendable, Equatable {
        case grid
        case fidelity
    }

    public var width: Int
    public var height: Int
    public var palette: Palette
    public var launch: WorkbenchLaunch
    /// Where relative names typed by the user go (the first save's default folder).
    public var currentDirectory: String
    public var phase: Phase
    public var document: Document?
    public var page: Page = .grid
    public var grid = GridState()
    public var overlay: Overlay?
    /// Rows scrolled on the fidelity page.
    public var fidelityScroll = 0
    public var preview = PreviewState()
    /// The rows are shown and the default plan is being made (`makePlan`): no edits yet.
    public var planning = false
    /// Counts loads, so that a plan made for an earlier file is dropped.
    public var planGeneration = 0
    public var fidelity = FidelityState()
    /// The rules found in the real data (the rules panel, rule adherence).
    public var rules = RulesState()
    public var history = EditHistory()
    public var message: StatusMessage?
    /// The first key of a two-key command (`z` of `z_`), waiting for the second.
    public var pendingPrefix: Key?
    public var autosave = AutosaveState()
    /// Seed for a session made from a bare CSV (tests fix it; nil: a random one).
    public var newSessionSeed: UInt64?
    /// A session made from a bare CSV gets the joint model `doppel plan` would choose.
    public var chooseJointModel: Bool
    /// Set when the workbench should end.
    public var exitRequested = false
    /// Set by Ctrl-Z: the app suspends the program (the terminal given back) and clears it.
    public var suspendRequested = false
    /// Related tables: the table list, and the other tables' workbenches (nil: one table).
    public var relational: RelationalState?

    public init(launch: WorkbenchLaunch, width: Int, height: Int, currentDirectory: String,
                newSessionSeed: UInt64? = nil, chooseJointModel: Bool = true) {
        self.launch = launch
        self.width = width
        self.height = height
        self.currentDirectory = currentDirectory
        self.palette = Palette.forOutput(ascii: launch.ascii, color: launch.color)
        self.phase = .loading("loading")
        self.newSessionSeed = newSessionSeed
        self.chooseJointModel = chooseJointModel
    }

    /// The screen that has the keyboard.
    public var screen: WorkbenchScreen {
        if let overlay { return overlay.screen }
        if let relational, relational.open == nil { return .tables }
        return page == .fidelity ? .fidelity : .grid
    }

    /// The plan column under the cursor.
    public var cursorColumn: ColumnPlan? {
        guard let columns = document?.plan.columns, grid.cursorColumn < columns.count else { return nil }
        return columns[grid.cursorColumn]
    }
}

/// Where the grid is and what it shows.
public struct GridState: Sendable, Equatable {
    public enum View: String, Sendable, CaseIterable {
        case real, synthetic, both
    }

    public var cursorRow = 0
    public var cursorColumn = 0
    public var topRow = 0
    public var leftColumn = 0
    public var view: View = .real
    /// The column panel (profile, chart, score, hints) is open.
    public var inspect = false
    /// The filter and sort the rows are shown with (`|`, `[`, `]`, a frequency level).
    public var query = RowQuery()
    /// The rows each side shows for `query`, kept in step with it and with the preview.
    public var order = RowOrder()
    /// The text `/` last searched for in a column (`n` and `N` search again).
    public var search: String?
    /// The cursor row and top row a reopened session asks for, applied once the rows exist
    /// (synthetic rows come with the first preview, after the load).
    public var restoreRows: RestoredRows?
}

/// Where a session's grid was, waiting for its rows.
public struct RestoredRows: Sendable, Equatable {
    public var cursorRow: Int
    public var topRow: Int
}

/// A modal screen over the page.
public enum Overlay: Sendable {
    case strategyPicker(ListPicker)
    case kindPicker(ListPicker)
    case form(ParameterForm)
    case prompt(Prompt)
    case confirm(Question)
    case help(scroll: Int)
    /// The whole value of a cell.
    case cell(CellView)
    /// A column's frequency table (`F`).
    case frequency(FrequencySheet)
    /// Every column's figures (`I`).
    case describe(DescribeSheet)
    /// The rules found in the real data (`R`).
    case rules(RulesSheet)
    /// The plan-wide settings (`P`), scrolled.
    case planSheet(scroll: Int)

    public var screen: WorkbenchScreen {
        switch self {
        case .strategyPicker, .kindPicker: .picker
        case .form: .form
        case .prompt: .prompt
        case .confirm: .confirm
        case .help: .help
        case .cell: .cell
        case .frequency: .frequency
        case .describe: .describe
        case .rules: .rules
        case .planSheet: .plan
        }
    }
}

/// A list with one highlighted item (strategy ids, kinds).
public struct ListPicker: Sendable, Equatable {
    public var column: String
    public var items: [String]
    public var selected: Int
    public var top = 0

    public init(column: String, items: [String], selected: Int) {
        self.column = column
        self.items = items
        self.selected = max(0, min(selected, items.count - 1))
    }
}

/// A line of text being typed, and what it is for.
public struct Prompt: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable {
        case palette
        case jumpToColumn
        case saveAs(thenQuit: Bool)
        case open
        case columnWidth(column: String)
        case filter
        case searchValue(column: String)
    }

    public var purpose: Purpose
    public var text: String
    /// The highlighted palette match.
    public var selected = 0
    /// What Tab found in a file prompt, shown above it (cleared by typing).
    public var completions: [String] = []

    public init(purpose: Purpose, text: String = "") {
        self.purpose = purpose
        self.text = text
    }

    public var label: String {
        switch purpose {
        case .palette: ":"
        case .jumpToColumn: "column: "
        case .saveAs: "save session as: "
        case .open: "open (CSV or session): "
        case .columnWidth(let column): "width of \(column): "
        case .filter: "filter (formula, empty for all rows): "
        case .searchValue(let column): "search \(column): "
        }
    }
}

/// The values of one cell, whole: the real one, the synthetic one, or both.
public struct CellView: Sendable, Equatable {
    public var column: String
    /// Row number as the gutter shows it (from 1).
    public var row: Int
    /// (side, value) pairs: "real" and/or "synthetic"; a nil value is null or not there.
    public var values: [(side: String, text: String?)]

    public init(column: String, row: Int, values: [(side: String, text: String?)]) {
        self.column = column
        self.row = row
        self.values = values
    }

    public static func == (a: CellView, b: CellView) -> Bool {
        a.column == b.column && a.row == b.row && a.values.map(\.side) == b.values.map(\.side)
            && a.values.map(\.text) == b.values.map(\.text)
    }
}

/// A yes/no question.
public enum Question: Sendable {
    /// `q` with unsaved changes: y saves then quits, n quits without saving.
    case quitUnsaved
    /// An autosave newer than the session: y restores its plan.
    case recoverAutosave(Plan, path: String)
    /// Opening another file with unsaved changes: y discards them.
    case openUnsaved(path: String)
    /// Saving over a file that is not this session's: y replaces it.
    case replaceFile(path: String, thenQuit: Bool)

    public var text: String {
        switch self {
        case .quitUnsaved: "Unsaved changes. Save before quitting? y save, n discard, Esc stay"
        case .recoverAutosave(_, let path): "Recover unsaved edits from \(Self.fileName(path))? y recover, n discard"
        case .openUnsaved: "Unsaved changes will be lost. Open anyway? y open, n stay"
        case .replaceFile(let path, _): "\(Self.fileName(path)) exists. Replace it? y replace, n keep it"
        }
    }

    static func fileName(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? path }
}

/// Plans before and after each edit, each with what the edit did (so that `u` and `U` can
/// say what they undid or redid, and a failed preview can name the edit to undo).
public struct EditHistory: Sendable {
    public struct Entry: Sendable {
        public var plan: Plan
        public var description: String
    }

    public var undo: [Entry] = []
    public var redo: [Entry] = []
}

/// A line for the status bar.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool

    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

/// The autosave, written on every edit.
public struct AutosaveState: Sendable, Equatable {
    /// Counts edits.
    public var generation = 0
    /// The autosave file beside the session (`.NAME.doppel.autosave`).
    public var path: String?
}
