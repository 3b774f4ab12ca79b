import Fidelity
import Session
import Synthesis
import Tabular
import TerminalUI

/// The dataset being worked on and the plan being edited: what a session saves.
public struct Document: Sendable {
    /// The real rows.
    public var table: Table
    /// Shown in the status line (`penguins.csv`).
    public var displayName: String
    /// The CSV on disk; nil for the embedded demo data.
    public var dataPath: String?
    public var readOptions: CSVReadOptions
    /// One profile per table column, in table order.
    public var profiles: [ColumnProfile]
    /// Rows kept out of fitting (`--holdout`), for DCR overfitting protection.
    public var holdout: Table?
    /// At most `Document.fidelityRows` real rows, the side fidelity is scored against.
    public var realSample: Table
    /// The session as loaded or first made: source, run settings, gates; plan and view are
    /// replaced from `plan` and the grid when saving.
    public var session: Session
    /// Where the session is saved; nil until the first save of a session opened on a CSV.
    public var sessionPath: String?
    /// The plan being edited.
    public var plan: Plan
    /// The plan at the last save or load (the session on disk); edits are unsaved when `plan` differs.
    public var savedPlan: Plan?
    /// Display columns per plan column name, fitted to a sample of the content.
    public var widths: [String: Int]
    /// Widths set by hand (`z_`) or fitted to the content (`_`), per plan column name; they
    /// outlast edits and are not capped.
    public var widthOverrides: [String: Int] = [:]
    /// Widest value among the sampled rows, per source column (measured once; decimals aligned
    /// on the point).
    private var contentWidths: [String: Int]
    /// Widest fraction (digits after the point) among the sampled rows, per decimal column.
    public private(set) var fractionDigits: [String: Int]

    /// Compact headers (`b`): only the kind under a name, and widths fitted to the values with
    /// names cut at `compactNameWidth`, so that about twice as many columns fit.
    public var compactHeaders = false
    public static let compactNameWidth = 8

    /// True for the embedded demo data, which has no file until a session is saved.
    public var isDemo = false

    /// Set when the file is too large to load: `table` holds its first rows.
    public var window: FileWindow?

    /// Rows of each side that fidelity is computed on.
    public static let fidelityRows = 10_000

    public init(table: Table, displayName: String, dataPath: String?, readOptions: CSVReadOptions,
                profiles: [ColumnProfile], holdout: Table?, session: Session, sessionPath: String?,
                plan: Plan, savedPlan: Plan?) {
        self.table = table
        self.displayName = displayName
        self.dataPath = dataPath
        self.readOptions = readOptions
        self.profiles = profiles
        self.holdout = holdout
        self.realSample = Document.sample(table, rows: Document.fidelityRows)
        self.session = session
        self.sessionPath = sessionPath
        self.plan = plan
        self.savedPlan = savedPlan
        self.widths = [:]
        (self.contentWidths, self.fractionDigits) = Document.sampledContentWidths(table)
        refitWidths()
    }

    public var isDirty: Bool { plan != savedPlan }

    /// The widest sampled text of a source column (0 for columns not in the source).
    public func sampledWidth(of name: String) -> Int { contentWidths[name] ?? 0 }

    /// The profile of a table column by name.
    public func profile(named name: String) -> ColumnProfile? {
        guard let index = table.columnNames.firstIndex(of: name), index < profiles.count else { return nil }
        return profiles[index]
    }

    /// Rows a replay writes by default: the session's, else the source's.
    public var totalRows: Int { plan.rows ?? table.rowCount }

    /// Widths from the names, the badges and the sampled content (cheap: run after every edit).
    public mutating func refitWidths() {
        widths = [:]
        for column in plan.columns {
            let joint = plan.jointGroup(of: column.name) != nil ? 2 : 0
            let width = compactHeaders
                ? max(min(DisplayWidth.of(column.name), Self.compactNameWidth), ColumnBadge.kind(column.kind).count + joint,
                      contentWidths[column.name] ?? 0)
                : max(DisplayWidth.of(column.name), ColumnBadge.text(kind: column.kind, strategy: column.strategy).count + joint,
                      contentWidths[column.name] ?? 0)
            widths[column.name] = widthOverrides[column.name] ?? min(max(width, 4), 32)
        }
    }

    /// The widest text among up to 200 rows spread over the table, per column, with decimals
    /// aligned on the point; and the widest fraction of each decimal column.
    static func sampledContentWidths(_ table: Table) -> (widths: [String: Int], fractions: [String: Int]) {
        let rows = table.rowCount
        let probes = rows <= 200 ? Array(0..<rows) : (0..<200).map { $0 * (rows - 1) / 199 }
        var widths: [String: Int] = [:]
        var fractions: [String: Int] = [:]
        for column in table.columns {
            let texts = probes.compactMap { column.text(at: $0) }
            guard case .decimals = column.values else {
                widths[column.name] = texts.reduce(0) { max($0, DisplayWidth.of($1)) }
                continue
            }
            let fraction = CellText.widestFraction(texts)
            fractions[column.name] = fraction
            widths[column.name] = texts.reduce(0) { max($0, DisplayWidth.of(CellText.aligned($1, fractionDigits: fraction))) }
        }
        return (widths, fractions)
    }

    /// An evenly spread, order-keeping sample (the whole table when it is small enough).
    static func sample(_ table: Table, rows: Int) -> Table {
        guard table.rowCount > rows else { return table }
        let picks = (0..<rows).map { $0 * table.rowCount / rows }
        return Table(columns: table.columns.map { gather($0, rows: picks) })
    }

    /// The given rows of a column, in that order.
    static func gather(_ column: Column, rows: [Int]) -> Column {
        var validity = NullBitmap()
        validity.reserveCapacity(rows.count)
        for row in rows { validity.append(column.validity.isValid(row)) }
        let values: ColumnValues = switch column.values {
        case .integers(let v, let style): .integers(rows.map { v[$0] }, style)
        case .decimals(let v, let style): .decimals(rows.map { v[$0] }, style)
        case .booleans(let v, let style): .booleans(rows.map { v[$0] }, style)
        case .datetimes(let v, let format): .datetimes(rows.map { v[$0] }, format)
        case .strings(let codes, let levels): .strings(codes: rows.map { codes[$0] }, levels: levels)
        }
        return Column(name: column.name, values: values, validity: validity)
    }
}
