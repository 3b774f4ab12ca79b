import Tabular

/// The text of one value, as the CSV writer writes it (nil for null).
enum CellText {
    static func text(_ values: ColumnValues, validity: NullBitmap, row: Int) -> String? {
        guard row < values.count, validity.isValid(row) else { return nil }
        var bytes: [UInt8] = []
        ValueFormatter.append(values, row: row, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Numbers, dates and flags are right-aligned, text left.
    static func alignsRight(_ values: ColumnValues) -> Bool {
        switch values {
        case .integers, .decimals: true
        default: false
        }
    }
}
