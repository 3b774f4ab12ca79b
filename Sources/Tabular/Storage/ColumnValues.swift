/// The physical storage of one column, decided by what the reader could parse.
///
/// The semantic kind (categorical, identifier, email, ...) is a separate proposal made by
/// `TypeInference`; a low-cardinality integer column, for example, stays `.integers` here.
/// Null rows hold a placeholder (0, false, code 0) and are marked in the column's `NullBitmap`.
public enum ColumnValues: Sendable, Equatable {
    case integers([Int64], IntegerStyle)
    case decimals([Double], DecimalStyle)
    case booleans([Bool], BooleanStyle)
    /// Seconds since 1970-01-01T00:00:00Z, written back in the source's layout.
    case datetimes([Double], DateTimeFormat)
    /// Dictionary-encoded strings: `levels[codes[row]]`. Levels are in order of first appearance.
    case strings(codes: [UInt32], levels: [String])

    public var count: Int {
        switch self {
        case .integers(let values, _): values.count
        case .decimals(let values, _): values.count
        case .booleans(let values, _): values.count
        case .datetimes(let values, _): values.count
        case .strings(let codes, _): codes.count
        }
    }

    /// The storage's name as shown to people ("int64", "double", ...).
    public var physicalTypeName: String {
        switch self {
        case .integers: "int64"
        case .decimals: "double"
        case .booleans: "bool"
        case .datetimes: "datetime"
        case .strings: "string"
        }
    }

    /// The value of a row as a Double, for numeric and datetime storage; nil for others.
    @inline(__always)
    public func numericValue(at row: Int) -> Double? {
        switch self {
        case .integers(let values, _): Double(values[row])
        case .decimals(let values, _): values[row]
        case .datetimes(let values, _): values[row]
        case .booleans(let values, _): values[row] ? 1 : 0
        case .strings: nil
        }
    }
}

/// How the source wrote whole numbers, so that output looks like input.
public struct IntegerStyle: Hashable, Codable, Sendable {
    /// Digits after the point in a whole number written as `517.0` (0 for plain `517`).
    /// Data tools such as pandas write integer columns that have gaps as floats.
    public var trailingZeroDigits: Int

    public init(trailingZeroDigits: Int = 0) { self.trailingZeroDigits = trailingZeroDigits }

    public static let plain = IntegerStyle()
}

/// What the reader learned about how decimals were written.
public struct DecimalStyle: Hashable, Codable, Sendable {
    /// The most digits after the point seen in the source (its precision), used later to round
    /// synthetic values like the source's.
    public var maxFractionDigits: Int

    public init(maxFractionDigits: Int = 0) { self.maxFractionDigits = maxFractionDigits }
}

/// The spelling of true and false in the source (`true`/`false`, `Yes`/`No`, `T`/`F`, ...).
public struct BooleanStyle: Hashable, Codable, Sendable {
    public var trueToken: String
    public var falseToken: String

    public init(trueToken: String = "true", falseToken: String = "false") {
        self.trueToken = trueToken
        self.falseToken = falseToken
    }
}
