/// Rows of one table in the privacy metrics' common encoding: categories as codes shared by
/// every table of a report, numbers and datetimes as doubles with NaN for null.
///
/// Columns are split by role (categorical first, then numeric), each in the evaluated order.
struct PrivacyRows: Sendable, Equatable {
    /// The code of a null category. Null equals null, and differs from every value.
    static let nullCode = UInt32.max

    var count: Int
    /// One array per categorical column, one code per row.
    var categories: [[UInt32]]
    /// One array per numeric or datetime column, one value per row; NaN is null.
    var numbers: [[Double]]

    init(count: Int, categories: [[UInt32]], numbers: [[Double]]) {
        self.count = count
        self.categories = categories
        self.numbers = numbers
    }

    /// The given rows, in the given order.
    func selecting(_ rows: [Int]) -> PrivacyRows {
        PrivacyRows(count: rows.count,
                    categories: categories.map { codes in rows.map { codes[$0] } },
                    numbers: numbers.map { values in rows.map { values[$0] } })
    }
}
