import Fidelity
import Session
import Synthesis
import Tabular

/// Related tables (a folder of CSV files, a SQLite or PostgreSQL database, or a relational
/// session): the table list above one single-table workbench per table. The workbench of the
/// table being shown is the `WorkbenchState` itself; the others wait in `stashed`, whole, so
/// that going back and forth keeps their edits, previews and scroll positions.
public struct RelationalState: Sendable {
    /// One table of the source.
    public struct TableInfo: Sendable {
        public var loaded: RelationalPlanner.LoadedTable
        public var primaryKey: String?
        /// False: kept as it is (a small reference table), as `doppel plan DIR` decides.
        public var synthesize: Bool

        public var name: String { loaded.name }
        public var rows: Int { loaded.table.rowCount }
    }

    /// A foreign key with what the source says about it.
    public struct Link: Sendable {
        public var key: ForeignKey
        /// The relationship that drives the number of children of its child table.
        public var primary: Bool
        /// Non-null child keys, and how many match no parent row.
        public var integrity: ReferentialIntegrity.Tally
        /// `orphans: keep`: unmatched keys are written as they are (else as nulls).
        public var keepsOrphans = false
    }

    /// Children per parent, real against synthetic, per foreign key (`c` on the table list).
    public enum Cardinality: Sendable {
        case notComputed
        case computing
        case failed(String)
        case computed(RelationalReport)
    }

    /// The folder, database or session file, as given.
    public var source: String
    public var tables: [TableInfo]
    public var links: [Link]
    public var seed: UInt64
    /// The relational session the list was opened from, or last saved to.
    public var session: Session?
    public var sessionPath: String?
    /// Notes from reading the source (catalogue notes, CSV warnings).
    public var notes: [String]
    /// What the workbench was launched on (the list's own launch; each table has its own).
    public var launch: WorkbenchLaunch?
    /// The highlighted table of the list.
    public var selected = 0
    /// Rows scrolled on the table list (the graph and the cardinality charts below the list).
    public var scroll = 0
    /// The table whose workbench is shown; nil: the table list.
    public var open: String?
    /// The workbenches of tables opened before and not shown now.
    public var stashed: [String: WorkbenchState] = [:]
    public var cardinality: Cardinality = .notComputed
    /// Counts cardinality requests, so that a result computed before an edit is dropped.
    public var cardinalityGeneration = 0
    /// A table was switched between kept and synthesised since the last save.
    public var keptChanged = false
    /// `q` with unsaved edits warned once; a second `q` quits.
    public var quitWarned = false
    /// Each opened table's default plan, before any edit: the columns that differ from it are
    /// what a save carries into the relational session.
    public var defaultPlans: [String: Plan] = [:]

    public init(source: String, tables: [TableInfo], links: [Link], seed: UInt64, session: Session? = nil,
                sessionPath: String? = nil, notes: [String] = []) {
        self.source = source
        self.tables = tables
        self.links = links
        self.seed = seed
        self.session = session
        self.sessionPath = sessionPath
        self.notes = notes
    }

    public func table(named name: String) -> TableInfo? { tables.first { $0.name == name } }

    /// The source's short name: a folder's or a file's last component, a database URL's database
    /// (`postgresql:///shop?host=/run/postgresql` → `shop`).
    public var shortName: String {
        if RelationalPlanner.isDatabaseURL(source) {
            // scheme://authority/database?parameters
            let afterScheme = source.components(separatedBy: "://").dropFirst().joined(separator: "://")
            let withoutQuery = afterScheme.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            guard let slash = withoutQuery.firstIndex(of: "/") else { return "database" }
            let database = String(withoutQuery[withoutQuery.index(after: slash)...])
            return database.isEmpty ? "database" : database
        }
        return source.split(separator: "/").last.map(String.init) ?? source
    }

    /// What the column panel says about a key column: the relation it is part of.
    public func relationLines(table: String, column: String) -> [String] {
        var lines: [String] = []
        if self.table(named: table)?.primaryKey == column {
            let children = links.filter { $0.key.parent == table && $0.key.parentColumn == column }
                .map { "\($0.key.child).\($0.key.childColumn)" }
            lines.append("primary key" + (children.isEmpty ? "" : ", referenced by " + children.joined(separator: ", ")))
        }
        for link in links where link.key.child == table && link.key.childColumn == column {
            var text = "foreign key → \(link.key.parent).\(link.key.parentColumn)"
            if link.primary { text += " (primary parent: drives the children per parent)" }
            let tally = link.integrity
            if tally.orphans > 0 {
                let share = String(format: "%.1f", Double(tally.orphans) * 100 / Double(max(1, tally.keys)))
                text += "; \(RelationalState.grouped(tally.orphans)) values (\(share)%) match no parent row (\(link.keepsOrphans ? "kept as they are: orphans: keep" : "nulls in the output"))"
            } else {
                text += "; every value matches a parent row"
            }
            lines.append(text)
        }
        return lines
    }

    /// True when some table's plan has edits not saved in a relational session.
    public func hasUnsavedEdits(current: WorkbenchState?) -> Bool {
        if keptChanged || current?.document?.isDirty == true { return true }
        return stashed.values.contains { $0.document?.isDirty == true }
    }

    /// 1234567 as 1,234,567 (the status bar's form).
    static func grouped(_ number: Int) -> String { StatusBar.grouped(number) }
}
