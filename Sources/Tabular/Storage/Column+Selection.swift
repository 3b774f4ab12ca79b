extension Column {
    /// The given rows, in the given order (a row may repeat): filtering and reordering without
    /// going through text.
    public func taking(_ rows: [Int]) -> Column {
        var validity = NullBitmap(count: rows.count, allValid: true)
        for (index, row) in rows.enumerated() where !self.validity.isValid(row) { validity.set(index, valid: false) }
        let values: ColumnValues
        switch self.values {
        case .integers(let v, let style): values = .integers(rows.map { v[$0] }, style)
        case .decimals(let v, let style): values = .decimals(rows.map { v[$0] }, style)
        case .booleans(let v, let style): values = .booleans(rows.map { v[$0] }, style)
        case .datetimes(let v, let format): values = .datetimes(rows.map { v[$0] }, format)
        case .strings(let codes, let levels): values = .strings(codes: rows.map { codes[$0] }, levels: levels)
        }
        return Column(name: name, values: values, validity: validity)
    }
}
