/// Key values as text, the one form in which keys of different storage are compared (an integer
/// parent key `7` matches a child's `7`, and a decimal `7.0` is written `7.0`, so it does not).
public enum KeyValues {
    /// Each row's key as the CSV writer writes it; nil for null.
    public static func texts(_ column: Column) -> [String?] {
        if case .strings(let codes, let levels) = column.values {
            return codes.indices.map { column.isNull($0) ? nil : levels[Int(codes[$0])] }
        }
        return (0..<column.count).map { column.text(at: $0) }
    }

    /// Key text → row, for a column whose non-null values are unique (the first row wins otherwise).
    public static func index(_ column: Column) -> [String: Int] {
        var index: [String: Int] = [:]
        index.reserveCapacity(column.count)
        for (row, key) in texts(column).enumerated() {
            if let key, index[key] == nil { index[key] = row }
        }
        return index
    }

    /// True when the column has no nulls and no repeated value.
    public static func isUnique(_ column: Column) -> Bool {
        guard column.nullCount == 0 else { return false }
        switch column.values {
        case .strings(let codes, _): return Set(codes).count == codes.count
        case .integers(let values, _): return Set(values).count == values.count
        default: return Set(texts(column).compactMap { $0 }).count == column.count
        }
    }

    /// A column of text values (nil for null), for keys rewritten row by row.
    public static func column(named name: String, texts: [String?]) -> Column {
        var levels: [String] = []
        var codeOf: [String: UInt32] = [:]
        var codes: [UInt32] = []
        codes.reserveCapacity(texts.count)
        var validity = NullBitmap(count: texts.count, allValid: true)
        for (row, text) in texts.enumerated() {
            guard let text else {
                validity.set(row, valid: false)
                codes.append(0)
                continue
            }
            if let code = codeOf[text] {
                codes.append(code)
            } else {
                let code = UInt32(levels.count)
                codeOf[text] = code
                levels.append(text)
                codes.append(code)
            }
        }
        if levels.isEmpty { levels = [""] }
        return Column(name: name, values: .strings(codes: codes, levels: levels), validity: validity)
    }

    /// Key texts back in `template`'s storage when every one reads so (integer keys stay
    /// integers, so that a database column keeps its type and its foreign key can be declared);
    /// text otherwise.
    public static func column(named name: String, texts: [String?], like template: Column) -> Column {
        guard case .integers(_, let style) = template.values else { return column(named: name, texts: texts) }
        var values: [Int64] = []
        values.reserveCapacity(texts.count)
        var validity = NullBitmap(count: texts.count, allValid: true)
        for (row, text) in texts.enumerated() {
            guard let text else {
                validity.set(row, valid: false)
                values.append(0)
                continue
            }
            guard let value = Int64(text) else { return column(named: name, texts: texts) }
            values.append(value)
        }
        return Column(name: name, values: .integers(values, style), validity: validity)
    }
}
