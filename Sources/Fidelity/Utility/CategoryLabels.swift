import Tabular

/// A column read as categories: a label per distinct value and a label index per row, so that
/// the real and the synthetic table can be matched by label whatever their storage (the same
/// category may be read as integers in one file and as decimals or text in another).
///
/// Labels are made once per distinct value, never per row.
struct CategoryLabels {
    /// The label index of each requested row, or -1 for null.
    var codes: [Int32]
    var labels: [String]

    init(_ column: Column, rows: [Int]) {
        var codes = [Int32](repeating: -1, count: rows.count)
        switch column.values {
        case .strings(let storedCodes, let levels):
            labels = levels
            for (index, row) in rows.enumerated() where column.validity.isValid(row) {
                codes[index] = Int32(storedCodes[row])
            }
        case .booleans(let flags, _):
            // Canonical spellings: "Yes"/"No" in one file and "true"/"false" in another agree.
            labels = ["false", "true"]
            for (index, row) in rows.enumerated() where column.validity.isValid(row) {
                codes[index] = flags[row] ? 1 : 0
            }
        case .integers(let numbers, _):
            var indices: [Int64: Int32] = [:]
            var found: [String] = []
            for (index, row) in rows.enumerated() where column.validity.isValid(row) {
                let value = numbers[row]
                if let code = indices[value] {
                    codes[index] = code
                } else {
                    let code = Int32(found.count)
                    indices[value] = code
                    found.append(String(value))
                    codes[index] = code
                }
            }
            labels = found
        case .decimals(let numbers, _), .datetimes(let numbers, _):
            var indices: [UInt64: Int32] = [:]
            var found: [String] = []
            for (index, row) in rows.enumerated() where column.validity.isValid(row) {
                let value = numbers[row]
                if let code = indices[value.bitPattern] {
                    codes[index] = code
                } else {
                    let code = Int32(found.count)
                    indices[value.bitPattern] = code
                    found.append(Self.label(of: column, row: row, value: value))
                    codes[index] = code
                }
            }
            labels = found
        }
        self.codes = codes
    }

    /// Whole-valued decimals read as integers ("3.0" → "3"), so that they match integer storage.
    private static func label(of column: Column, row: Int, value: Double) -> String {
        if case .decimals = column.values, value.isFinite, value == value.rounded(), abs(value) < 9e15 {
            return String(Int64(value))
        }
        return column.text(at: row) ?? ""
    }
}
