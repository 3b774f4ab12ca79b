/// A table's columns in the shapes rule checks read: numbers (datetimes as seconds) with a
/// presence flag per row, and dense value codes for functional dependencies. Built once per
/// table and shared by every rule checked on it.
public final class RuleColumns: @unchecked Sendable {
    public let table: Table
    public let rowCount: Int
    private var numberCache: [String: NumericView] = [:]
    private var codeCache: [String: CodedView] = [:]

    public init(_ table: Table) {
        self.table = table
        self.rowCount = table.rowCount
    }

    /// A numeric column's values and presence (text columns have none).
    struct NumericView {
        var values: [Double]
        var present: [Bool]
        /// Half a unit of the column's last written digit: the tolerance of an equality.
        var tolerance: Double
        var isDatetime: Bool
    }

    /// A column's values as dense codes; missing values share one code of their own.
    struct CodedView {
        var codes: [UInt32]
        var present: [Bool]
        /// Distinct codes, missing included.
        var distinct: Int
    }

    func numbers(_ name: String) -> NumericView? {
        if let known = numberCache[name] { return known }
        guard let column = table.column(named: name) else { return nil }
        let view: NumericView
        switch column.values {
        case .integers(let values, _):
            view = NumericView(values: values.map(Double.init), present: Self.presence(column), tolerance: 0.5, isDatetime: false)
        case .decimals(let values, let style):
            view = NumericView(values: values, present: Self.presence(column), tolerance: Self.halfUnit(digits: style.maxFractionDigits), isDatetime: false)
        case .datetimes(let values, _):
            view = NumericView(values: values, present: Self.presence(column), tolerance: 0.5, isDatetime: true)
        case .booleans, .strings:
            return nil
        }
        numberCache[name] = view
        return view
    }

    func codes(_ name: String) -> CodedView? {
        if let known = codeCache[name] { return known }
        guard let column = table.column(named: name) else { return nil }
        let present = Self.presence(column)
        var codes = [UInt32](repeating: 0, count: column.count)
        var distinct = 1 // code 0 is "missing"
        switch column.values {
        case .strings(let stringCodes, let levels):
            for row in 0..<column.count where present[row] { codes[row] = stringCodes[row] + 1 }
            distinct = levels.count + 1
        case .booleans(let values, _):
            for row in 0..<column.count where present[row] { codes[row] = values[row] ? 2 : 1 }
            distinct = 3
        default:
            var seen: [UInt64: UInt32] = [:]
            for row in 0..<column.count where present[row] {
                let value = column.values.numericValue(at: row) ?? 0
                let key = (value == 0 ? 0 : value).bitPattern // -0 and 0 are one value
                if let code = seen[key] {
                    codes[row] = code
                } else {
                    let code = UInt32(distinct)
                    seen[key] = code
                    distinct += 1
                    codes[row] = code
                }
            }
        }
        let view = CodedView(codes: codes, present: present, distinct: distinct)
        codeCache[name] = view
        return view
    }

    static func presence(_ column: Column) -> [Bool] {
        (0..<column.count).map { column.validity.isValid($0) }
    }

    static func halfUnit(digits: Int) -> Double {
        var unit = 1.0
        for _ in 0..<min(max(digits, 0), 15) { unit /= 10 }
        return unit / 2
    }
}
