/// A parameter's value as it appears in a plan file: a flag, a number, a word, or a list.
public enum ParameterValue: Hashable, Sendable {
    case bool(Bool)
    case number(Double)
    case text(String)
    case list([ParameterValue])

    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    public var text: String? {
        if case .text(let value) = self { return value }
        return nil
    }

    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var list: [ParameterValue]? {
        if case .list(let values) = self { return values }
        return nil
    }

    /// How the value reads in a message or a form field.
    public var displayText: String {
        switch self {
        case .bool(let value): return value ? "true" : "false"
        case .number(let value):
            if value == value.rounded(), value.magnitude < 1e15 { return String(Int64(value)) }
            return String(value)
        case .text(let value): return value
        case .list(let values): return "[" + values.map(\.displayText).joined(separator: ", ") + "]"
        }
    }
}

extension ParameterValue: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .number(Double(value))
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else if let values = try? container.decode([ParameterValue].self) {
            self = .list(values)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a flag, a number, a word or a list")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .bool(let value): try container.encode(value)
        case .number(let value):
            // Whole numbers are written as integers, so that a plan reads `bins: 20`, not `20.0`.
            if value == value.rounded(), value.magnitude < 9e15 {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .text(let value): try container.encode(value)
        case .list(let values): try container.encode(values)
        }
    }
}

extension ParameterValue: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
