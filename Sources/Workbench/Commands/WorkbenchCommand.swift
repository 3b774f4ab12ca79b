import TerminalUI

/// Everything a key can do. Keys reach the reducer only as commands, through `CommandTable`.
public enum WorkbenchCommand: String, CaseIterable, Sendable, Hashable {
    // Moving
    case moveLeft, moveRight, moveUp, moveDown, pageUp, pageDown, firstRow, lastRow, firstColumn, lastColumn
    case jumpToColumn, searchValue, searchNext, searchPrevious
    // Looking
    case toggleInspect, cycleView, showFidelity, help, palette, viewCell, frequency, describe, compactHeaders, showRules, showPlan
    // Row order and filter (a view: the data and plan never change)
    case sortAscending, sortDescending, filter
    // The terminal
    case suspend
    // Column widths
    case fitColumnWidth, setColumnWidth
    // Editing the plan
    case chooseStrategy, editParameters, changeKind, toggleJoint, cycleJointModel, reseed, undo, redo
    // Editing the plan from the `:` line (they take an argument)
    case condition, rebalance, constrain, predictors, privacy
    // Editing the plan from the rules panel
    case acceptRule, dropRule, editRule
    // Sessions
    case save, saveAs, open, quit, forceQuit
    // Related tables (the table list)
    case openTable, cardinality, toggleSynthesize
    // Lists, forms, prompts, questions
    case select, close, nextField, previousField, nextChoice, previousChoice, deleteBackward, yes, no, complete
}

/// One row of the command table: a command, its name (for `:` and the help screen), its keys,
/// one line of help, the screens where it applies, and the word shown in the status bar.
public struct CommandBinding: Sendable, Hashable {
    public var command: WorkbenchCommand
    public var name: String
    public var keys: [Key]
    /// A key pressed before any of `keys` (`z` in `z_`); nil for single keys.
    public var prefix: Key?
    public var help: String
    public var screens: Set<WorkbenchScreen>
    /// Shown in the status bar of these screens (nil: not a hint).
    public var hint: String?
    /// Listed in the `:` palette (commands that make sense out of context).
    public var inPalette: Bool

    public init(_ command: WorkbenchCommand, _ name: String, keys: [Key], after prefix: Key? = nil, help: String,
                screens: Set<WorkbenchScreen>, hint: String? = nil, inPalette: Bool = true) {
        self.command = command
        self.name = name
        self.keys = keys
        self.prefix = prefix
        self.help = help
        self.screens = screens
        self.hint = hint
        self.inPalette = inPalette
    }
}

/// The one table every key resolves through; it also writes the help screen, the palette's
/// list and the status-bar hints, so that they cannot disagree with what the keys do.
public enum CommandTable {
    private static let lists: Set<WorkbenchScreen> = [.grid, .picker, .form, .fidelity, .help, .prompt, .frequency, .describe, .rules, .plan, .tables]
    private static let pages: Set<WorkbenchScreen> = [.grid, .picker, .fidelity, .help, .frequency, .describe, .rules, .plan, .tables]

    public static let bindings: [CommandBinding] = [
        CommandBinding(.moveLeft, "left", keys: [.left, .character("h")], help: "Previous column (previous choice in a form)",
                       screens: [.grid], inPalette: false),
        CommandBinding(.moveRight, "right", keys: [.right, .character("l")], help: "Next column",
                       screens: [.grid], inPalette: false),
        CommandBinding(.moveUp, "up", keys: [.up, .character("k")], help: "Previous row, item or field",
                       screens: lists, inPalette: false),
        CommandBinding(.moveDown, "down", keys: [.down, .character("j")], help: "Next row, item or field",
                       screens: lists, inPalette: false),
        CommandBinding(.pageUp, "page-up", keys: [.pageUp, .control("b")], help: "One screen up",
                       screens: pages, inPalette: false),
        CommandBinding(.pageDown, "page-down", keys: [.pageDown, .control("f"), .character(" ")], help: "One screen down",
                       screens: pages, inPalette: false),
        CommandBinding(.firstRow, "top", keys: [.home, .character("g")], help: "First row",
                       screens: pages),
        CommandBinding(.lastRow, "bottom", keys: [.end, .character("G")], help: "Last row",
                       screens: pages),
        CommandBinding(.firstColumn, "first-column", keys: [.character("0")], help: "First column", screens: [.grid]),
        CommandBinding(.lastColumn, "last-column", keys: [.character("$")], help: "Last column", screens: [.grid]),
        CommandBinding(.jumpToColumn, "find-column", keys: [.character("c")], help: "Jump to a column by name",
                       screens: [.grid], hint: "column"),
        CommandBinding(.searchValue, "search", keys: [.character("/")],
                       help: "Search the current column's values for text (ignoring case)", screens: [.grid], hint: "search"),
        CommandBinding(.searchNext, "next-match", keys: [.character("n")], help: "Next row matching the search",
                       screens: [.grid]),
        CommandBinding(.searchPrevious, "previous-match", keys: [.character("N")], help: "Previous row matching the search",
                       screens: [.grid]),
        CommandBinding(.toggleInspect, "inspect", keys: [.enter, .character("i")],
                       help: "Show or hide the column panel: profile, real vs synthetic chart, score, hints",
                       screens: [.grid], hint: "inspect"),
        CommandBinding(.viewCell, "cell", keys: [.character("v")],
                       help: "Show the whole value under the cursor, in a box (both sides in the side-by-side view)",
                       screens: [.grid]),
        CommandBinding(.frequency, "frequency", keys: [.character("F")],
                       help: "Frequency table of the column: count, percent and bar, real and synthetic (Enter filters to a level)",
                       screens: [.grid], hint: "freq"),
        CommandBinding(.describe, "describe", keys: [.character("I")],
                       help: "Describe every column: kind, nulls, distinct, min, max, mean, median, sd, mode; real and synthetic",
                       screens: [.grid]),
        CommandBinding(.sortAscending, "sort", keys: [.character("[")],
                       help: "Sort the rows by the column, ascending (again: unsorted); the data is not changed",
                       screens: [.grid]),
        CommandBinding(.sortDescending, "sort-descending", keys: [.character("]")],
                       help: "Sort the rows by the column, descending (again: unsorted)", screens: [.grid]),
        CommandBinding(.filter, "filter", keys: [.character("|")],
                       help: ":filter FORMULA — only rows where it is true, e.g. price > 1000 (empty: all rows again)",
                       screens: [.grid], hint: "filter"),
        CommandBinding(.compactHeaders, "compact", keys: [.character("b")],
                       help: "Compact headers: only the kind under each name, columns as wide as their values (again: full badges)",
                       screens: [.grid]),
        CommandBinding(.fitColumnWidth, "fit-width", keys: [.character("_")],
                       help: "Fit the column's width to its widest value (sampled rows and the rows shown)", screens: [.grid]),
        CommandBinding(.setColumnWidth, "width", keys: [.character("_")], after: .character("z"),
                       help: "Set the column's width (asks for a number)", screens: [.grid]),
        CommandBinding(.chooseStrategy, "strategy", keys: [.character("s")],
                       help: "Choose the column's generation strategy", screens: [.grid], hint: "strategy"),
        CommandBinding(.editParameters, "parameters", keys: [.character("p")],
                       help: "Edit the strategy's parameters", screens: [.grid], hint: "params"),
        CommandBinding(.changeKind, "kind", keys: [.character("t")], help: "Override the column's kind",
                       screens: [.grid]),
        CommandBinding(.toggleJoint, "joint", keys: [.character("J")],
                       help: "Add the column to the joint group (J in its header: drawn with the group's other columns, so relations survive) or take it out",
                       screens: [.grid]),
        CommandBinding(.cycleJointModel, "joint-model", keys: [.character("M")],
                       help: "Switch the joint group's model: gaussian_copula, cart, bayesian_network, mst (differentially private) (the help's first lines say which is in use)", screens: [.grid]),
        CommandBinding(.cycleView, "view", keys: [.tab],
                       help: "Show real rows, synthetic rows, or both side by side", screens: [.grid], hint: "view"),
        CommandBinding(.reseed, "reseed", keys: [.character("r")], help: "A new seed for the synthetic rows",
                       screens: [.grid, .fidelity]),
        CommandBinding(.showFidelity, "fidelity", keys: [.character("f"), .function(2)],
                       help: "Fidelity dashboard: quality, per-column scores, correlations, privacy",
                       screens: [.grid, .fidelity], hint: "fidelity"),
        CommandBinding(.acceptRule, "accept", keys: [.character("a")],
                       help: "Put the highlighted rule into the plan (a computed column or a constraint), that rule alone",
                       screens: [.rules], hint: "accept", inPalette: false),
        CommandBinding(.dropRule, "drop", keys: [.character("d")],
                       help: "Take the rule out of the plan: its column goes back to the default strategy, or its constraint goes",
                       screens: [.rules], hint: "drop", inPalette: false),
        CommandBinding(.editRule, "edit", keys: [.character("e")],
                       help: "Edit the rule in force: a computed column's parameters, an order's repair (swap or reject)",
                       screens: [.rules], hint: "edit", inPalette: false),
        CommandBinding(.undo, "undo", keys: [.character("u")], help: "Undo the last edit",
                       screens: [.grid, .rules], hint: "undo"),
        CommandBinding(.redo, "redo", keys: [.control("r"), .control("y")], help: "Redo the edit undone",
                       screens: [.grid, .rules]),
        CommandBinding(.openTable, "open-table", keys: [.enter], help: "Open the highlighted table: its grid and plan (q or Esc there comes back here)",
                       screens: [.tables], hint: "open", inPalette: false),
        CommandBinding(.cardinality, "cardinality", keys: [.character("c")],
                       help: "Generate the related tables with the current plans and chart children per parent, real vs synthetic",
                       screens: [.tables], hint: "cardinality", inPalette: false),
        CommandBinding(.toggleSynthesize, "synthesise", keys: [.character("s")],
                       help: "Synthesise the highlighted table, or keep it as it is (reference tables are kept by default)",
                       screens: [.tables], hint: "keep/synth", inPalette: false),
        CommandBinding(.save, "w", keys: [.control("s")], help: "Save the session (asks for a file name the first time)",
                       screens: [.grid, .fidelity, .tables], hint: "save"),
        CommandBinding(.saveAs, "saveas", keys: [.character("S")], help: "Save the session under a new name",
                       screens: [.grid]),
        CommandBinding(.open, "open", keys: [.character("o")], help: "Open a CSV file or a session",
                       screens: [.grid]),
        CommandBinding(.showRules, "rules", keys: [.character("R")],
                       help: "Rules found in the real data: support, in force or not, how often the preview breaks each; accept, drop, edit",
                       screens: [.grid, .fidelity]),
        CommandBinding(.showPlan, "plan", keys: [.character("P")],
                       help: "Plan-wide settings: conditions, rebalancing, constraints and rules in force, with what each does",
                       screens: [.grid, .fidelity, .rules]),
        CommandBinding(.help, "help", keys: [.character("?"), .function(1)], help: "This list of keys",
                       screens: [.grid, .fidelity, .tables], hint: "help"),
        CommandBinding(.palette, "palette", keys: [.character(":")], help: "Run a command by name",
                       screens: [.grid, .fidelity], hint: "cmd", inPalette: false),
        CommandBinding(.quit, "q", keys: [.character("q")], help: "Quit (asks when there are unsaved changes)",
                       screens: [.grid, .tables], hint: "quit"),
        CommandBinding(.forceQuit, "q!", keys: [.control("c")], help: "Quit now; unsaved edits stay in the autosave",
                       screens: Set(WorkbenchScreen.allCases)),
        CommandBinding(.suspend, "suspend", keys: [.control("z")],
                       help: "Suspend to the shell (fg comes back), as in any terminal program",
                       screens: Set(WorkbenchScreen.allCases)),
        CommandBinding(.condition, "where", keys: [],
                       help: ":where COLUMN=VALUE — only rows with that value (again for more columns; :where alone clears)",
                       screens: [.grid]),
        CommandBinding(.rebalance, "rebalance", keys: [],
                       help: ":rebalance COLUMN[=LEVEL:SHARE,...] — uniform or given shares (:rebalance alone clears)",
                       screens: [.grid]),
        CommandBinding(.constrain, "constrain", keys: [],
                       help: ":constrain range C MIN MAX | less_equal A B | fixed_combinations A B.. | unique C | predicate F (alone: clear all)",
                       screens: [.grid]),
        CommandBinding(.privacy, "privacy", keys: [],
                       help: ":privacy strict|balanced|off — choose the joint model again under that setting, measured on rows held back (as doppel plan --privacy)",
                       screens: [.grid, .fidelity]),
        CommandBinding(.predictors, "predictors", keys: [],
                       help: ":predictors COLUMN A,B — the columns a cart member's tree reads (COLUMN alone: all earlier ones)",
                       screens: [.grid]),
        CommandBinding(.select, "select", keys: [.enter], help: "Choose the highlighted item; apply the form; accept the text",
                       screens: [.picker, .form, .prompt], hint: "ok", inPalette: false),
        // Enter on the sheets, named for what it does there.
        CommandBinding(.select, "filter-to-value", keys: [.enter],
                       help: "Filter the grid to the highlighted value (on top of the filter already there)",
                       screens: [.frequency], hint: "filter", inPalette: false),
        CommandBinding(.select, "go-to-column", keys: [.enter], help: "Back to the grid, on the highlighted column",
                       screens: [.describe], hint: "go to", inPalette: false),
        CommandBinding(.close, "close", keys: [.escape, .character("q")], help: "Close this screen without changes",
                       screens: [.picker, .form, .fidelity, .help, .prompt, .confirm, .cell, .frequency, .describe, .rules, .plan],
                       hint: "back", inPalette: false),
        CommandBinding(.nextField, "next-field", keys: [.tab], help: "Next field", screens: [.form], inPalette: false),
        CommandBinding(.complete, "complete", keys: [.tab], help: "Complete the file name (open and save prompts)",
                       screens: [.prompt], inPalette: false),
        CommandBinding(.previousField, "previous-field", keys: [.backTab], help: "Previous field", screens: [.form],
                       inPalette: false),
        CommandBinding(.nextChoice, "next-choice", keys: [.right], help: "Next choice; flip a toggle",
                       screens: [.form], hint: "change", inPalette: false),
        CommandBinding(.previousChoice, "previous-choice", keys: [.left], help: "Previous choice; flip a toggle",
                       screens: [.form], inPalette: false),
        CommandBinding(.deleteBackward, "delete", keys: [.backspace, .delete], help: "Delete the character before the cursor",
                       screens: [.form, .prompt], inPalette: false),
        CommandBinding(.yes, "yes", keys: [.character("y"), .enter], help: "Yes", screens: [.confirm], hint: "yes",
                       inPalette: false),
        CommandBinding(.no, "no", keys: [.character("n")], help: "No", screens: [.confirm], hint: "no", inPalette: false),
    ]

    /// The command a key runs on a screen. On screens that take text, printable characters are
    /// text and never commands (so `q` types a q in a file name).
    public static func command(for key: Key, on screen: WorkbenchScreen) -> WorkbenchCommand? {
        command(for: key, after: nil, on: screen)
    }

    /// The command of a key pressed after `prefix` (nil: a key on its own).
    public static func command(for key: Key, after prefix: Key?, on screen: WorkbenchScreen) -> WorkbenchCommand? {
        if screen.takesText, case .character = key { return nil }
        return bindings.first { $0.prefix == prefix && $0.screens.contains(screen) && $0.keys.contains(key) }?.command
    }

    /// True when `key` starts a two-key command on `screen` (and runs nothing on its own).
    public static func isPrefix(_ key: Key, on screen: WorkbenchScreen) -> Bool {
        if screen.takesText, case .character = key { return false }
        return bindings.contains { $0.prefix == key && $0.screens.contains(screen) }
    }

    public static func binding(_ command: WorkbenchCommand) -> CommandBinding {
        bindings.first { $0.command == command }!
    }

    /// The binding named `name` in the palette (`w`, `q!`, `strategy`, ...).
    public static func binding(named name: String) -> CommandBinding? {
        bindings.first { $0.name == name && $0.inPalette }
    }

    /// Hints in the order they are worth the room on a narrow status bar.
    static let hintOrder: [WorkbenchCommand] = [
        .help, .openTable, .cardinality, .toggleSynthesize, .chooseStrategy, .editParameters, .toggleInspect, .cycleView, .showFidelity, .save, .undo, .quit,
        .acceptRule, .dropRule, .editRule, .palette, .frequency, .searchValue, .filter, .jumpToColumn, .select, .nextChoice, .close,
        .yes, .no,
    ]

    /// Status-bar hints for a screen: `key word` pairs, the most useful first.
    public static func hints(on screen: WorkbenchScreen) -> [(key: String, word: String)] {
        let ordered = bindings.sorted { (hintOrder.firstIndex(of: $0.command) ?? 99) < (hintOrder.firstIndex(of: $1.command) ?? 99) }
        return ordered.compactMap { binding in
            guard let hint = binding.hint, binding.prefix == nil, binding.screens.contains(screen),
                  let key = binding.keys.first(where: { !(screen.takesText && $0.isPrintable) }) else { return nil }
            return (key.label, hint)
        }
    }

    /// Palette entries matching what was typed (by name, then by words of the help), in table order.
    public static func paletteMatches(_ text: String) -> [CommandBinding] {
        let query = text.trimmingCharacters(in: .whitespaces).lowercased()
        let word = query.split(separator: " ").first.map(String.init) ?? ""
        let entries = bindings.filter(\.inPalette)
        guard !word.isEmpty else { return entries }
        let byName = entries.filter { $0.name.hasPrefix(word) }
        let byHelp = entries.filter { !$0.name.hasPrefix(word) && $0.help.lowercased().contains(word) }
        return byName + byHelp
    }
}

extension CommandBinding {
    /// The keys as the help and the palette write them (`z_` for a key after a prefix).
    public func keyLabels(ascii: Bool) -> [String] {
        let prefixLabel = prefix.map { ascii ? $0.asciiLabel : $0.label } ?? ""
        return keys.map { prefixLabel + (ascii ? $0.asciiLabel : $0.label) }
    }
}

extension Key {
    /// How a key is written in the help and the status bar.
    public var label: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "^" + String(c).uppercased()
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let n): "F\(n)"
        }
    }

    /// An ASCII spelling for `--ascii`.
    public var asciiLabel: String {
        switch self {
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        default: label
        }
    }

    var isPrintable: Bool {
        if case .character = self { return true }
        return false
    }
}
