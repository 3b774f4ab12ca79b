import Tabular

/// What a model generates for a slice of rows, before it takes the column's shape.
public enum GeneratedValues: Sendable {
    /// Numbers on the column's number line: integers, decimals, datetimes (seconds), booleans (0/1).
    case numbers([Double])
    /// Indices into a list of level texts (categorical-style models).
    case codes([UInt32], levels: [String])
    /// Free-standing texts.
    case texts([String])

    public var count: Int {
        switch self {
        case .numbers(let values): values.count
        case .codes(let codes, _): codes.count
        case .texts(let values): values.count
        }
    }
}

/// One column of synthetic rows: values in the column's shape, plus nulls.
public struct SyntheticColumn: Sendable {
    public var values: ColumnValues
    public var validity: NullBitmap

    public init(values: ColumnValues, validity: NullBitmap) {
        self.values = values
        self.validity = validity
    }

    /// The value of a row as a number, for formulas and derived values; nil for text or null.
    public func number(at row: Int) -> Double? {
        validity.isValid(row) ? values.numericValue(at: row) : nil
    }

    /// The value of a row as text, as the CSV writer writes it; nil for null.
    public func text(at row: Int) -> String? {
        guard validity.isValid(row) else { return nil }
        var bytes: [UInt8] = []
        ValueFormatter.append(values, row: row, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension ValueShape {
    /// Puts generated values into this shape. Numbers are rounded for integers, thresholded at
    /// 0.5 for booleans; levels and texts are read as numbers, flags or dates when the shape
    /// needs them (a level that does not read becomes a null).
    public func column(from generated: GeneratedValues, validity: NullBitmap) -> SyntheticColumn {
        var validity = validity
        switch self {
        case .text:
            switch generated {
            case .codes(let codes, let levels):
                return SyntheticColumn(values: .strings(codes: codes, levels: levels), validity: validity)
            case .texts(let texts):
                var levels: [String] = []
                var index: [String: UInt32] = [:]
                let codes = texts.map { text -> UInt32 in
                    if let code = index[text] { return code }
                    let code = UInt32(levels.count)
                    index[text] = code
                    levels.append(text)
                    return code
                }
                return SyntheticColumn(values: .strings(codes: codes, levels: levels), validity: validity)
            case .numbers(let numbers):
                var bytes: [UInt8] = []
                let texts = numbers.map { number -> String in
                    bytes.removeAll(keepingCapacity: true)
                    ValueFormatter.appendDecimal(number, to: &bytes)
                    return String(decoding: bytes, as: UTF8.self)
                }
                return column(from: .texts(texts), validity: validity)
            }
        default:
            let numbers: [Double]
            switch generated {
            case .numbers(let values):
                numbers = values
            case .codes(let codes, let levels):
                let parsed = levels.map(parse)
                numbers = codes.enumerated().map { row, code in
                    guard let value = parsed[Int(code)] else { validity.set(row, valid: false); return 0 }
                    return value
                }
            case .texts(let texts):
                numbers = texts.enumerated().map { row, text in
                    guard let value = parse(text) else { validity.set(row, valid: false); return 0 }
                    return value
                }
            }
            for (row, number) in numbers.enumerated() where !number.isFinite { validity.set(row, valid: false) }
            return SyntheticColumn(values: columnValues(numbers), validity: validity)
        }
    }

    /// Numbers into this shape's storage.
    func columnValues(_ numbers: [Double]) -> ColumnValues {
        switch self {
        case .integer(let style):
            return .integers(numbers.map { $0.isFinite ? Int64(clamping: $0.rounded()) : 0 }, style)
        case .decimal(let style):
            return .decimals(numbers, style)
        case .boolean(let style):
            return .booleans(numbers.map { $0 >= 0.5 }, style)
        case .datetime(let format):
            return .datetimes(numbers, format)
        case .text:
            preconditionFailure("text has no numeric storage")
        }
    }

    /// A level's text as a number in this shape, or nil.
    func parse(_ text: String) -> Double? {
        switch self {
        case .integer, .decimal:
            return Double(text)
        case .boolean(let style):
            if text == style.trueToken { return 1 }
            if text == style.falseToken { return 0 }
            return nil
        case .datetime(let format):
            return format.parse(text)
        case .text:
            return nil
        }
    }
}

extension Int64 {
    /// The nearest Int64, saturating at the ends instead of trapping.
    init(clamping value: Double) {
        if value >= 9.2233720368547748e18 { self = .max } else if value <= -9.2233720368547758e18 { self = .min } else { self = Int64(value) }
    }
}
