/// The parameters a plan gives one column's strategy. Only what differs from the defaults needs
/// to be written; `resolved` fills in the rest from the strategy's schema.
public struct Parameters: Hashable, Sendable, Codable {
    public var values: [String: ParameterValue]

    public init(_ values: [String: ParameterValue] = [:]) { self.values = values }

    public subscript(name: String) -> ParameterValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    public init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: ParameterValue].self)
    }

    /// Names in sorted order, so that the same parameters always write the same bytes
    /// (a dictionary's own order differs from process to process).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: NameKey.self)
        for name in values.keys.sorted() { try container.encode(values[name]!, forKey: NameKey(name)) }
    }

    private struct NameKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ name: String) { stringValue = name }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Parameters checked against a schema, with defaults filled in; what a strategy's `fit` reads.
public struct ResolvedParameters: Sendable {
    public let column: String
    private let values: [String: ParameterValue]
    /// The names the plan gave (the others took their defaults).
    private let given: Set<String>

    /// Validates `given` against `schema`: unknown names and bad values are errors naming the
    /// column and the parameter.
    public init(_ given: Parameters, schema: [ParameterSpec], column: String) throws {
        var resolved: [String: ParameterValue] = [:]
        for spec in schema {
            resolved[spec.name] = try given[spec.name].map { try spec.validate($0, column: column) } ?? spec.defaultValue
        }
        for name in given.values.keys.sorted() where !schema.contains(where: { $0.name == name }) {
            throw ParameterError(
                column: column, parameter: name, value: given[name]!.displayText,
                allowed: "one of the strategy's parameters: " + schema.map(\.name).joined(separator: ", "))
        }
        self.column = column
        values = resolved
        self.given = Set(given.values.keys)
    }

    /// Whether the plan gave the parameter, rather than leaving it to its default.
    public func isExplicit(_ name: String) -> Bool { given.contains(name) }

    public subscript(name: String) -> ParameterValue {
        guard let value = values[name] else { preconditionFailure("parameter '\(name)' is not in the schema") }
        return value
    }

    public func number(_ name: String) -> Double? { self[name].number }
    public func integer(_ name: String) -> Int? { self[name].number.map { Int($0) } }
    public func text(_ name: String) -> String? { self[name].text }
    public func bool(_ name: String) -> Bool { self[name].bool ?? false }
}
