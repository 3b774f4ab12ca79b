/// A columnar dataset: equal-length named columns.
public struct Table: Sendable, Equatable {
    public private(set) var columns: [Column]
    public let rowCount: Int

    public init(columns: [Column]) {
        let rows = columns.first?.count ?? 0
        for column in columns {
            precondition(column.count == rows, "column \(column.name) has \(column.count) rows, expected \(rows)")
        }
        self.columns = columns
        self.rowCount = rows
    }

    public var columnCount: Int { columns.count }
    public var columnNames: [String] { columns.map(\.name) }

    public func column(named name: String) -> Column? {
        columns.first { $0.name == name }
    }

    public subscript(index: Int) -> Column { columns[index] }
}
