import Tabular

/// The evaluated columns of a `FidelityData` encoded once for every privacy metric.
///
/// Categorical and boolean columns compare by value text, so that codes mean the same level in
/// the real, synthetic and holdout tables even when their CSVs listed levels in different
/// orders; booleans compare by truth, whatever their spelling. Integer, decimal and datetime
/// columns compare as numbers (datetimes in epoch seconds); a cell that does not read as a
/// number (a synthetic column that came back as text) counts as null.
struct PrivacyEncoding: Sendable {
    let categoricalColumns: [String]
    let numericColumns: [String]
    /// Level text by code, per categorical column.
    let levels: [[String]]
    /// Whether the real table stores each numeric column as whole numbers.
    let wholeNumbers: [Bool]
    let real: PrivacyRows
    let synthetic: PrivacyRows
    let holdout: PrivacyRows?

    /// Columns in the distance: SDMetrics averages the per-cell distances over all of them.
    var columnCount: Int { categoricalColumns.count + numericColumns.count }

    init(_ data: FidelityData) {
        var categorical: [String] = []
        var numeric: [String] = []
        for name in data.columns {
            if let kind = data.kinds[name], FidelityData.isContinuous(kind) { numeric.append(name) } else { categorical.append(name) }
        }
        categoricalColumns = categorical
        numericColumns = numeric

        let tables = [data.real, data.synthetic] + (data.holdout.map { [$0] } ?? [])
        var codesByTable = Array(repeating: [[UInt32]](), count: tables.count)
        var allLevels: [[String]] = []
        for name in categorical {
            let isBoolean = data.kinds[name] == .boolean
            var dictionary: [String: UInt32] = [:]
            var columnLevels: [String] = []
            for (position, table) in tables.enumerated() {
                let (local, keys) = Self.localCategories(table.column(named: name), rows: table.rowCount, boolean: isBoolean)
                let remap = keys.map { key -> UInt32 in
                    if let code = dictionary[key] { return code }
                    let code = UInt32(columnLevels.count)
                    dictionary[key] = code
                    columnLevels.append(key)
                    return code
                }
                codesByTable[position].append(local.map { $0 == PrivacyRows.nullCode ? $0 : remap[Int($0)] })
            }
            allLevels.append(columnLevels)
        }
        levels = allLevels
        wholeNumbers = numeric.map { name in
            if case .integers = data.real.column(named: name)?.values { return true }
            return false
        }
        let encoded = tables.enumerated().map { position, table in
            PrivacyRows(count: table.rowCount, categories: codesByTable[position],
                        numbers: numeric.map { Self.numbers(table.column(named: $0), rows: table.rowCount) })
        }
        real = encoded[0]
        synthetic = encoded[1]
        holdout = encoded.count > 2 ? encoded[2] : nil
    }

    /// Per-row codes into this column's own list of value texts (null as `nullCode`). Texts are
    /// made once per distinct value, not per cell.
    private static func localCategories(_ column: Column?, rows: Int, boolean: Bool) -> ([UInt32], [String]) {
        guard let column else { return (Array(repeating: PrivacyRows.nullCode, count: rows), []) }
        var codes: [UInt32]
        var keys: [String]
        switch column.values {
        case .strings(let stringCodes, let stringLevels):
            codes = stringCodes
            keys = boolean ? stringLevels.map(canonicalBoolean) : stringLevels
        case .booleans(let values, _):
            codes = values.map { $0 ? 1 : 0 }
            keys = ["false", "true"]
        case .integers(let values, _):
            var index: [Int64: UInt32] = [:]
            keys = []
            codes = values.map { value in
                if let code = index[value] { return code }
                let code = UInt32(keys.count)
                index[value] = code
                keys.append(String(value))
                return code
            }
        case .decimals(let values, _), .datetimes(let values, _):
            var index: [UInt64: UInt32] = [:]
            keys = []
            codes = values.map { value in
                let bits = (value == 0 ? 0 : value).bitPattern
                if let code = index[bits] { return code }
                let code = UInt32(keys.count)
                index[bits] = code
                keys.append(canonicalNumber(value))
                return code
            }
        }
        for row in 0..<rows where column.validity.isNull(row) { codes[row] = PrivacyRows.nullCode }
        return (codes, keys)
    }

    /// A number stored in a categorical column, as text that matches its whole-number spelling.
    private static func canonicalNumber(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 0x1p53 { return String(Int64(value)) }
        return String(value)
    }

    private static func canonicalBoolean(_ level: String) -> String {
        switch level.lowercased() {
        case "true", "t", "yes", "y": "true"
        case "false", "f", "no", "n": "false"
        default: level
        }
    }

    /// The column's values as doubles, NaN for null (and for text that is not a number).
    private static func numbers(_ column: Column?, rows: Int) -> [Double] {
        guard let column else { return Array(repeating: .nan, count: rows) }
        var values: [Double]
        switch column.values {
        case .integers(let integers, _): values = integers.map { Double($0) }
        case .decimals(let decimals, _), .datetimes(let decimals, _): values = decimals
        case .booleans(let booleans, _): values = booleans.map { $0 ? 1 : 0 }
        case .strings(let codes, let levels):
            let parsed = levels.map { Double($0) ?? .nan }
            values = codes.map { parsed[Int($0)] }
        }
        for row in 0..<rows where column.validity.isNull(row) { values[row] = .nan }
        return values
    }
}
