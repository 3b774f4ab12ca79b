extension Table {
    /// Stacks tables with the same columns (same names, same storage) row-wise. String columns
    /// are re-encoded against one merged list of levels.
    public static func concatenating(_ tables: [Table], columnNames: [String]) -> Table {
        guard let first = tables.first else {
            return Table(columns: columnNames.map { Column(name: $0, values: .strings(codes: [], levels: [])) })
        }
        if tables.count == 1 { return first }
        return Table(columns: first.columns.indices.map { index in
            Column.concatenating(tables.map { $0.columns[index] })
        })
    }
}

extension Column {
    /// Stacks columns of the same storage. Differing storage is a programming error.
    public static func concatenating(_ parts: [Column]) -> Column {
        let name = parts[0].name
        var validity = NullBitmap()
        validity.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { validity.append(contentsOf: part.validity) }
        func mismatch() -> Never { preconditionFailure("column \(name): cannot stack different storage") }
        let values: ColumnValues
        switch parts[0].values {
        case .integers(_, let style):
            values = .integers(parts.flatMap { if case .integers(let v, _) = $0.values { return v } else { mismatch() } }, style)
        case .decimals(_, let style):
            values = .decimals(parts.flatMap { if case .decimals(let v, _) = $0.values { return v } else { mismatch() } }, style)
        case .booleans(_, let style):
            values = .booleans(parts.flatMap { if case .booleans(let v, _) = $0.values { return v } else { mismatch() } }, style)
        case .datetimes(_, let format):
            values = .datetimes(parts.flatMap { if case .datetimes(let v, _) = $0.values { return v } else { mismatch() } }, format)
        case .strings:
            var levels: [String] = []
            var index: [String: UInt32] = [:]
            var codes: [UInt32] = []
            for part in parts {
                guard case .strings(let partCodes, let partLevels) = part.values else { mismatch() }
                let remap = partLevels.map { level -> UInt32 in
                    if let code = index[level] { return code }
                    let code = UInt32(levels.count)
                    index[level] = code
                    levels.append(level)
                    return code
                }
                codes += partCodes.map { remap.isEmpty ? 0 : remap[Int($0)] }
            }
            values = .strings(codes: codes, levels: levels)
        }
        return Column(name: name, values: values, validity: validity)
    }
}

extension Table {
    /// The rows in `range`, as a new table.
    public func slice(_ range: Range<Int>) -> Table {
        Table(columns: columns.map { $0.slice(range) })
    }
}

extension Column {
    public func slice(_ range: Range<Int>) -> Column {
        var validity = NullBitmap()
        validity.reserveCapacity(range.count)
        for row in range { validity.append(self.validity.isValid(row)) }
        let values: ColumnValues
        switch self.values {
        case .integers(let v, let style): values = .integers(Array(v[range]), style)
        case .decimals(let v, let style): values = .decimals(Array(v[range]), style)
        case .booleans(let v, let style): values = .booleans(Array(v[range]), style)
        case .datetimes(let v, let format): values = .datetimes(Array(v[range]), format)
        case .strings(let codes, let levels): values = .strings(codes: Array(codes[range]), levels: levels)
        }
        return Column(name: name, values: values, validity: validity)
    }
}
