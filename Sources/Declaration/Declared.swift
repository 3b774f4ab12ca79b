/// A type whose values have a declared shape in Doppel's files.
public protocol Declared {
    static var shape: Shape { get }
}

/// An enum written as one of its words (`kind: decimal`). The shape lists the words, and a
/// wrong word is an error that lists them.
public protocol DeclaredChoice: Declared, Codable, CaseIterable, RawRepresentable where RawValue == String {
    /// Names the list in the JSON Schema's `$defs` (nil: inlined).
    static var schemaName: String? { get }
    /// What the words mean, for the schema.
    static var choiceDoc: String? { get }
}

extension DeclaredChoice {
    public static var schemaName: String? { nil }
    public static var choiceDoc: String? { nil }
    public static var shape: Shape { .choice(allCases.map(\.rawValue), name: schemaName, doc: choiceDoc) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "'\(text)' is not " + Self.shape.phrase)
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension String: Declared { public static var shape: Shape { .text(.any) } }
extension Bool: Declared { public static var shape: Shape { .boolean } }
extension Int: Declared { public static var shape: Shape { .integer(minimum: nil, maximum: nil) } }
extension UInt64: Declared { public static var shape: Shape { .unsigned } }
extension Double: Declared { public static var shape: Shape { .number(minimum: nil, maximum: nil) } }
extension Array: Declared where Element: Declared { public static var shape: Shape { .list(Element.shape) } }
extension Dictionary: Declared where Key == String, Value: Declared {
    public static var shape: Shape { .dictionary(Value.shape, keys: "names") }
}
