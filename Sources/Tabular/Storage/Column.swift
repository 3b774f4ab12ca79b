/// One named column of a `Table`: typed contiguous storage plus a validity bitmap.
public struct Column: Sendable, Equatable {
    public var name: String
    public var values: ColumnValues
    public var validity: NullBitmap

    public init(name: String, values: ColumnValues, validity: NullBitmap) {
        precondition(values.count == validity.count, "column \(name): \(values.count) values but \(validity.count) validity bits")
        self.name = name
        self.values = values
        self.validity = validity
    }

    /// A column with no nulls.
    public init(name: String, values: ColumnValues) {
        self.init(name: name, values: values, validity: NullBitmap(count: values.count, allValid: true))
    }

    public var count: Int { values.count }
    public var nullCount: Int { validity.nullCount }

    @inline(__always)
    public func isNull(_ row: Int) -> Bool { validity.isNull(row) }

    /// The value of a row as text, written the way the CSV writer writes it; nil for null.
    public func text(at row: Int) -> String? {
        if validity.isNull(row) { return nil }
        var bytes: [UInt8] = []
        ValueFormatter.append(values, row: row, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
