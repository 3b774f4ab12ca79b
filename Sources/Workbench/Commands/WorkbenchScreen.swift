/// Which screen has the keyboard: the command table binds keys per screen.
public enum WorkbenchScreen: String, CaseIterable, Sendable, Hashable {
    /// The data grid (with or without the column panel).
    case grid
    /// A list to choose from: strategies, kinds.
    case picker
    /// The parameter form of the column's strategy.
    case form
    /// The fidelity dashboard.
    case fidelity
    /// The key list.
    case help
    /// A line of text: the `:` palette, a file name, a column to jump to.
    case prompt
    /// A yes/no question (quit with unsaved changes, recover an autosave).
    case confirm
    /// The whole value of the cell under the cursor.
    case cell
    /// The frequency table of a column (`F`).
    case frequency
    /// One row per column: kind, nulls, distinct, min, max, mean, ... (`I`).
    case describe
    /// The rules found in the real data, in force or not (`R`).
    case rules
    /// The plan-wide settings: conditions, rebalancing, constraints, rules in force (`P`).
    case plan
    /// The list of related tables with their relationship graph.
    case tables

    /// Screens where printable characters are typed text rather than commands.
    public var takesText: Bool { self == .prompt || self == .form }
}
