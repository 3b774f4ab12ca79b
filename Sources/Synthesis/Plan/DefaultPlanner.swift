import Tabular

/// Proposes a plan from each column's kind: a sensible starting point a person then edits.
public enum DefaultPlanner {
    public static func plan(for table: Table, kinds: [ColumnKind], seed: UInt64, rows: Int? = nil) -> Plan {
        // Columns are independent (a numeric column's family fit is the slow part): on all cores.
        let count = min(table.columnCount, kinds.count)
        let columns = Parallel.map(count) { index in
            let column = table[index]
            let (strategy, parameters) = choose(column, kind: kinds[index])
            return ColumnPlan(name: column.name, kind: kinds[index], strategy: strategy, parameters: parameters)
        }
        return Plan(seed: seed, rows: rows, columns: columns)
    }

    /// A fresh seed for a new plan (below 2^53, so that it survives JSON tools that read numbers as doubles).
    public static func randomSeed() -> UInt64 {
        UInt64.random(in: 0..<(1 << 53))
    }

    static func choose(_ column: Column, kind: ColumnKind) -> (String, Parameters) {
        switch kind {
        case .identifier:
            return identifierSequence(column)
        case .email, .phone, .url, .ip, .uuid, .name:
            return ("fake", Parameters(["provider": .text(kind.rawValue)]))
        case .boolean:
            return ("boolean", Parameters())
        case .datetime:
            return ("datetime", Parameters())
        case .integer, .decimal:
            return numericChoice(column)
        case .categorical:
            return ("categorical", Parameters())
        case .text:
            return ("fake", Parameters(["provider": "text"]))
        case .code:
            return codeChoice(column)
        }
    }

    /// Codes that repeat a lot (at most one distinct value per `codeRepeatRatio` rows, and at
    /// most 1% of the rows in codes seen fewer than `codeRareCount` times: 4,044 tail numbers
    /// in 336,776 flights) are drawn as real levels, rare ones dropped; other codes are made up
    /// in the learned shape (`code`). Either way every value has the real shape.
    static let codeRepeatRatio = 20
    static let codeRareCount = 5

    static func codeChoice(_ column: Column) -> (String, Parameters) {
        guard case .strings = column.values else { return ("code", Parameters()) }
        let counts = LevelCounts(column)
        let rows = counts.counts.reduce(0, +)
        let rareRows = counts.counts.lazy.filter { $0 < codeRareCount }.reduce(0, +)
        if rows > 0, counts.levels.count * codeRepeatRatio <= rows, rareRows * 100 <= rows {
            return ("categorical", Parameters(["rare_threshold": .number(Double(codeRareCount)), "rare_action": "drop"]))
        }
        return ("code", Parameters())
    }

    /// Keys that look like the real ones (`U000001` for `U10042`) without copying any.
    static func identifierSequence(_ column: Column) -> (String, Parameters) {
        guard case .strings(let codes, let levels) = column.values, let firstCode = codes.first, !levels.isEmpty else {
            return ("sequence", Parameters())
        }
        let sample = levels[Int(firstCode)]
        let prefix = String(sample.prefix { !$0.isNumber })
        let digits = sample.dropFirst(prefix.count)
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber) else { return ("sequence", Parameters()) }
        return ("sequence", Parameters(["prefix": .text(prefix), "width": .number(Double(digits.count))]))
    }

    /// A distribution family when one fits well (Kolmogorov–Smirnov statistic at most 0.05),
    /// else a kernel density estimate, which follows any shape (several modes, spikes).
    static func numericChoice(_ column: Column) -> (String, Parameters) {
        var values: [Double] = []
        values.reserveCapacity(column.count - column.nullCount)
        var whole = true
        for row in 0..<column.count where column.validity.isValid(row) {
            guard let value = column.values.numericValue(at: row) else { continue }
            values.append(value)
            if whole && value != value.rounded() { whole = false }
        }
        if let best = ParametricStrategy.bestFit(values, integerValued: whole), best.ks <= 0.05 {
            return ("parametric", Parameters(["family": "auto"]))
        }
        return ("kde", Parameters())
    }
}
