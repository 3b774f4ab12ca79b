import Tabular

/// A member column as the network sees it while fitting: its states and the state of each row.
struct EncodedColumn: Sendable {
    var states: ColumnStates
    /// One state per real row; nulls have the missing state.
    var codes: [Int32]

    var stateCount: Int { states.stateCount }
}

/// Turns member columns into states: text levels (rare ones merged), the distinct values of
/// few-valued numeric columns, or bins over the number line.
enum StateEncoder {
    /// The level that rare levels are merged into.
    static let otherLevel = "Other"

    static func encode(_ member: JointMember, settings: BayesianNetworkSettings) throws -> EncodedColumn {
        if member.shape.isNumeric { return try encodeNumbers(member, settings: settings) }
        return try encodeLevels(member, settings: settings)
    }

    /// Text levels. Beyond `max_levels`, the most frequent `max_levels − 1` are kept and the
    /// rest become one `Other` level: rare levels can identify people, and each level multiplies
    /// the cells of every table the column takes part in.
    private static func encodeLevels(_ member: JointMember, settings: BayesianNetworkSettings) throws -> EncodedColumn {
        let column = member.column
        guard case .strings(let codes, let levels) = column.values else {
            throw PlanError.at(column: member.name, "holds \(column.values.physicalTypeName) values but its shape is text")
        }
        var counts = [Int](repeating: 0, count: levels.count)
        for row in 0..<codes.count where column.validity.isValid(row) { counts[Int(codes[row])] += 1 }
        let used = levels.indices.filter { counts[$0] > 0 }
        var kept = used
        if used.count > settings.maxLevels {
            let ranked = used.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
            kept = ranked.prefix(settings.maxLevels - 1).sorted()
        }
        // Rare levels merge too, unless every level is rare (a tiny table: nothing to protect).
        let common = kept.filter { counts[$0] >= settings.rareK }
        if !common.isEmpty { kept = common }
        let merging = kept.count < used.count
        var stateLevels = kept.map { levels[$0] }
        var stateOfCode = [Int32](repeating: -1, count: levels.count)
        for (state, code) in kept.enumerated() { stateOfCode[code] = Int32(state) }
        if merging {
            let other: Int
            if let existing = stateLevels.firstIndex(of: otherLevel) {
                other = existing
            } else {
                other = stateLevels.count
                stateLevels.append(otherLevel)
            }
            for code in used where stateOfCode[code] < 0 { stateOfCode[code] = Int32(other) }
        }
        let states = ColumnStates(name: member.name, values: .levels(stateLevels), hasMissing: column.nullCount > 0)
        let missing = Int32(stateLevels.count)
        var rowStates = [Int32](repeating: missing, count: codes.count)
        for row in 0..<codes.count where column.validity.isValid(row) { rowStates[row] = stateOfCode[Int(codes[row])] }
        return EncodedColumn(states: states, codes: rowStates)
    }

    /// Numbers: exact values when there are at most `bins` of them (or, for categorical and
    /// boolean columns stored as numbers, at most `max_levels`), else bins.
    private static func encodeNumbers(_ member: JointMember, settings: BayesianNetworkSettings) throws -> EncodedColumn {
        let column = member.column
        var values: [Double] = []
        values.reserveCapacity(column.count - column.nullCount)
        for row in 0..<column.count where column.validity.isValid(row) {
            guard let value = column.values.numericValue(at: row), value.isFinite else {
                throw PlanError.at(column: member.name, "holds a value that is not a finite number at row \(row + 1)")
            }
            values.append(value)
        }
        let hasMissing = column.nullCount > 0
        let sorted = values.sorted()
        var distinct: [Double] = []
        for value in sorted where distinct.last != value { distinct.append(value) }

        let levelLike = member.kind == .categorical || member.kind == .boolean
        if distinct.count <= settings.bins || (levelLike && distinct.count <= settings.maxLevels) {
            let states = ColumnStates(name: member.name, values: .numbers(distinct), hasMissing: hasMissing)
            let missing = Int32(distinct.count)
            var rowStates = [Int32](repeating: missing, count: column.count)
            for row in 0..<column.count where column.validity.isValid(row) {
                rowStates[row] = Int32(firstIndex(atLeast: column.values.numericValue(at: row)!, in: distinct))
            }
            return EncodedColumn(states: states, codes: rowStates)
        }

        var resolution: Double?
        var whole = true
        if case .datetime(let format) = member.shape {
            resolution = format.hasTime ? 1 : 86_400
            whole = false
        } else {
            whole = sorted.allSatisfy { $0 == $0.rounded() }
        }
        let edges = settings.binning == .quantile
            ? BinEdges.quantile(sorted, bins: settings.bins, whole: whole)
            : BinEdges.equalWidth(sorted, bins: settings.bins, whole: whole)
        var bins = NumericBins(sorted: sorted, edges: edges, whole: whole, resolution: resolution)
        if settings.withinBin == .marginal, let marginal = WithinBinShape.usableMarginal(member.marginal.model) {
            bins.shapes = WithinBinShape.shapes(bins, marginal: marginal)
        }
        let missing = Int32(bins.count)
        var rowStates = [Int32](repeating: missing, count: column.count)
        for row in 0..<column.count where column.validity.isValid(row) {
            rowStates[row] = Int32(bins.bin(of: column.values.numericValue(at: row)!))
        }
        return EncodedColumn(states: ColumnStates(name: member.name, values: .bins(bins), hasMissing: hasMissing), codes: rowStates)
    }

    private static func firstIndex(atLeast value: Double, in sorted: [Double]) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
