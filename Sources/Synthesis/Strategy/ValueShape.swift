import Tabular

/// How a column's values are stored and written. Synthetic values take the source column's
/// shape, so that the output looks like the input (`42.0`, `Yes`, `01/31/2024`).
public enum ValueShape: Hashable, Sendable, Codable {
    case integer(IntegerStyle)
    case decimal(DecimalStyle)
    case boolean(BooleanStyle)
    case datetime(DateTimeFormat)
    case text

    public init(of values: ColumnValues) {
        switch values {
        case .integers(_, let style): self = .integer(style)
        case .decimals(_, let style): self = .decimal(style)
        case .booleans(_, let style): self = .boolean(style)
        case .datetimes(_, let format): self = .datetime(format)
        case .strings: self = .text
        }
    }

    /// True when values live on a number line (datetimes as seconds, booleans as 0/1).
    public var isNumeric: Bool {
        if case .text = self { return false }
        return true
    }

    /// Digits after the point that values are rounded to, when the shape has a precision.
    public var precision: Int? {
        switch self {
        case .integer: 0
        case .decimal(let style): style.maxFractionDigits
        default: nil
        }
    }
}
