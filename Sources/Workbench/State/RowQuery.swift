/// What the grid shows of the rows: a filter and a sort. Only a view of row order: the data,
/// the plan and the session never change with it.
public struct RowQuery: Sendable, Equatable {
    /// Rows must pass every one (a frequency level narrows the filter already there).
    public var filters: [RowFilter]
    public var sort: RowSort?

    public init(filters: [RowFilter] = [], sort: RowSort? = nil) {
        self.filters = filters
        self.sort = sort
    }

    public var isEmpty: Bool { filters.isEmpty && sort == nil }

    /// `price > 1000 and species = Adelie`; nil without a filter.
    public var filterDescription: String? {
        filters.isEmpty ? nil : filters.map(\.description).joined(separator: " and ")
    }
}

/// Which rows the grid keeps.
public enum RowFilter: Sendable, Equatable {
    /// Rows where a formula (`price > 1000`) is true.
    case formula(String)
    /// Rows whose value, as the grid writes it, is `text` (nil: null): a frequency table's level.
    /// Compared as text so that a level always matches the rows it counted.
    case level(column: String, text: String?)

    /// How the header and the status bar name it.
    public var description: String {
        switch self {
        case .formula(let text): text
        case .level(let column, let text?): "\(column) = \(text)"
        case .level(let column, nil): "\(column) is null"
        }
    }
}

/// The grid's row order by one column's values; nulls last either way.
public struct RowSort: Sendable, Equatable {
    public var column: String
    public var descending: Bool

    public init(column: String, descending: Bool) {
        self.column = column
        self.descending = descending
    }
}

/// The rows each side shows, in order, as indices into its data (nil: every row, in file order).
public struct RowOrder: Sendable, Equatable {
    public var real: [Int]?
    public var synthetic: [Int]?

    public init(real: [Int]? = nil, synthetic: [Int]? = nil) {
        self.real = real
        self.synthetic = synthetic
    }

    public func rows(synthetic isSynthetic: Bool) -> [Int]? { isSynthetic ? synthetic : real }
}
