import Declaration
import Foundation

/// Any JSON-shaped value, so that a fitted model (each strategy's own Codable type) can sit
/// inside a session file as ordinary YAML and be decoded later by its strategy id.
public enum JSONValue: Hashable, Sendable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSONValue].self) { self = .array(value) }
        else if let value = try? container.decode([String: JSONValue].self) { self = .object(value) }
        else { throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a JSON-like value") }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            // Whole numbers as integers: a model's Int fields must read them back.
            if value == value.rounded() && value.magnitude < 9e15 && !(value == 0 && value.sign == .minus) {
                try container.encode(Int64(value))
            } else {
                try container.encode(value)
            }
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let values):
            var container = encoder.unkeyedContainer()
            for value in values { try container.encode(value) }
        case .object(let members):
            // Sorted keys: the same model always writes the same bytes.
            var container = encoder.container(keyedBy: AnyKey.self)
            for key in members.keys.sorted() { try container.encode(members[key]!, forKey: AnyKey(key)) }
        }
    }

    /// From JSON bytes (a model encoded by `ModelCoding`).
    public init(json data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// To JSON bytes (for `ModelCoding.decode`). Numbers that are whole are written as integers,
    /// which every model's Codable reads back as the same value.
    public func json() throws -> Data {
        try JSONEncoder().encode(self)
    }
}
