import Tabular

/// How one member's values look to the sequential model: a point on a number line, or one of a
/// fixed list of classes.
///
/// Values travel between members as `Double`s: the number itself, or the class code; `nan` is
/// null. A class the model never saw (a marginal's edge case, a new level) gets the code
/// `classCount`, which trees send to the larger side of a split.
struct CARTValueCoding: Codable, Sendable, Hashable {
    enum Scale: String, Codable, Sendable {
        /// Integers, decimals, datetimes (seconds): regression targets, split on thresholds.
        case numeric
        /// Categories and flags: classification targets, split on sets of classes.
        case categorical
    }

    var scale: Scale
    var shape: ValueShape
    /// Class labels of a categorical member stored as text, in order of first appearance.
    var levels: [String]
    /// Class values of a categorical member stored as numbers (flags as 0/1), ascending.
    var levelValues: [Double]

    var classCount: Int { shape.isNumeric ? levelValues.count : levels.count }
    var isCategorical: Bool { scale == .categorical }

    /// Decides the scale from the member's kind and collects its classes from the real column.
    init(member: JointMember) throws {
        shape = member.shape
        levels = []
        levelValues = []
        switch member.kind {
        case .integer, .decimal, .datetime:
            guard member.shape.isNumeric else {
                throw PlanError.at(column: member.name, "joint model 'cart' reads kind '\(member.kind.rawValue)' as numbers, but the column holds text")
            }
            scale = .numeric
        case .boolean, .categorical:
            scale = .categorical
            let column = member.column
            switch column.values {
            case .strings(let codes, let allLevels):
                var seen = [Bool](repeating: false, count: allLevels.count)
                for (row, code) in codes.enumerated() where column.validity.isValid(row) && !seen[Int(code)] {
                    seen[Int(code)] = true
                    levels.append(allLevels[Int(code)])
                }
            default:
                var distinct = Set<Double>()
                for row in 0..<column.count where column.validity.isValid(row) {
                    if let value = column.values.numericValue(at: row) { distinct.insert(value) }
                }
                levelValues = distinct.sorted()
            }
            guard classCount < Int(UInt16.max) - 1 else {
                throw PlanError.at(column: member.name, "joint model 'cart' handles at most \(UInt16.max - 2) categories; the column has \(classCount)")
            }
        default:
            throw PlanError.at(column: member.name, "joint model 'cart' does not model kind '\(member.kind.rawValue)' (it models integer, decimal, datetime, boolean and categorical columns)")
        }
    }

    /// The real column, row by row.
    func encode(_ column: Column) -> [Double] {
        encode(values: column.values, validity: column.validity)
    }

    /// A synthetic column (a marginal's output), row by row.
    func encode(_ column: SyntheticColumn) -> [Double] {
        encode(values: column.values, validity: column.validity)
    }

    private func encode(values: ColumnValues, validity: NullBitmap) -> [Double] {
        let count = values.count
        var encoded = [Double](repeating: .nan, count: count)
        switch (scale, values) {
        case (.categorical, .strings(let codes, let valueLevels)):
            let index = Dictionary(levels.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let unseen = Double(classCount)
            let mapped = valueLevels.map { level in index[level].map(Double.init) ?? unseen }
            for row in 0..<count where validity.isValid(row) { encoded[row] = mapped[Int(codes[row])] }
        case (.categorical, _):
            let index = Dictionary(levelValues.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
            let unseen = Double(classCount)
            for row in 0..<count where validity.isValid(row) {
                guard let value = values.numericValue(at: row) else { continue }
                encoded[row] = index[value].map(Double.init) ?? unseen
            }
        case (.numeric, _):
            for row in 0..<count where validity.isValid(row) {
                if let value = values.numericValue(at: row) { encoded[row] = value }
            }
        }
        return encoded
    }

    /// Encoded values as the member's output: numbers on the number line, or level codes.
    func output(_ encoded: [Double]) -> ModelOutput {
        var validity = NullBitmap(count: encoded.count, allValid: true)
        for (row, value) in encoded.enumerated() where value.isNaN { validity.set(row, valid: false) }
        switch scale {
        case .numeric:
            return ModelOutput(.numbers(encoded.map { $0.isNaN ? 0 : $0 }), validity: validity)
        case .categorical where shape.isNumeric:
            return ModelOutput(.numbers(encoded.map { $0.isNaN ? 0 : levelValues[Int($0)] }), validity: validity)
        case .categorical:
            return ModelOutput(.codes(encoded.map { $0.isNaN ? 0 : UInt32($0) }, levels: levels), validity: validity)
        }
    }

    /// A synthetic column in the shape every member's output takes.
    static func output(_ column: SyntheticColumn) -> ModelOutput {
        switch column.values {
        case .strings(let codes, let levels):
            return ModelOutput(.codes(codes, levels: levels), validity: column.validity)
        default:
            let numbers = (0..<column.values.count).map { column.values.numericValue(at: $0) ?? 0 }
            return ModelOutput(.numbers(numbers), validity: column.validity)
        }
    }
}
