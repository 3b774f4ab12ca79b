/// Writes a JSON Schema (draft 2020-12) from declared shapes. Named records and word lists go
/// to `$defs` once and are referenced; the rest is inlined where it is used.
public struct JSONSchemaWriter {
    private var definitions: [(String, JSONDocument)] = []
    private var defined: Set<String> = []

    public init() {}

    /// The whole schema document for a root record.
    public static func document(title: String, root: RecordShape, extraDefinitions: [(String, JSONDocument)] = []) -> JSONDocument {
        var writer = JSONSchemaWriter()
        for (name, schema) in extraDefinitions where writer.defined.insert(name).inserted {
            writer.definitions.append((name, schema))
        }
        let body = writer.inlineRecord(root)
        return .object([("$schema", .string("https://json-schema.org/draft/2020-12/schema")), ("title", .string(title))]
                       + body + [("$defs", .object(writer.definitions))])
    }

    /// The keywords of one shape.
    public mutating func keywords(_ shape: Shape) -> [(String, JSONDocument)] {
        switch shape {
        case .text(let rule):
            var out: [(String, JSONDocument)] = [("type", .string("string"))]
            if rule.nonEmpty { out.append(("minLength", .integer(1))) }
            if let pattern = rule.pattern { out.append(("pattern", .string(pattern))) }
            return out
        case .choice(let words, let name, let doc):
            let body: [(String, JSONDocument)] = (doc.map { [("description", JSONDocument.string($0))] } ?? [])
                + [("enum", .array(words.map(JSONDocument.string)))]
            guard let name else { return body }
            define(name, .object(body))
            return [("$ref", .string("#/$defs/\(name)"))]
        case .integer(let minimum, let maximum):
            return [("type", .string("integer"))] + (minimum.map { [("minimum", JSONDocument.integer($0))] } ?? [])
                + (maximum.map { [("maximum", JSONDocument.integer($0))] } ?? [])
        case .unsigned:
            return [("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .literal(String(UInt64.max)))]
        case .number(let minimum, let maximum):
            return [("type", .string("number"))] + (minimum.map { [("minimum", JSONDocument.number($0))] } ?? [])
                + (maximum.map { [("maximum", JSONDocument.number($0))] } ?? [])
        case .boolean:
            return [("type", .string("boolean"))]
        case .list(let item):
            return [("type", .string("array")), ("items", .object(keywords(item)))]
        case .dictionary(let value, _):
            return [("type", .string("object")), ("additionalProperties", .object(keywords(value)))]
        case .record(let record):
            guard let name = record.name else { return inlineRecord(record) }
            if !defined.contains(name) {
                defined.insert(name)
                let index = definitions.count
                definitions.append((name, .null))
                definitions[index].1 = .object(inlineRecord(record))
            }
            return [("$ref", .string("#/$defs/\(name)"))]
        case .anything:
            return []
        case .oneOf(let shapes):
            return [("anyOf", .array(shapes.map { .object(keywords($0)) }))]
        }
    }

    /// Registers a `$defs` entry (first one wins).
    public mutating func define(_ name: String, _ schema: JSONDocument) {
        guard defined.insert(name).inserted else { return }
        definitions.append((name, schema))
    }

    private mutating func inlineRecord(_ record: RecordShape) -> [(String, JSONDocument)] {
        var out: [(String, JSONDocument)] = [("description", .string(record.doc)), ("type", .string("object")),
                                             ("additionalProperties", .bool(false))]
        let required = record.fields.filter(\.required).map { JSONDocument.string($0.key) }
        if !required.isEmpty { out.append(("required", .array(required))) }
        var properties: [(String, JSONDocument)] = []
        for field in record.fields {
            var schema: [(String, JSONDocument)] = [("description", .string(field.doc))]
            schema += keywords(field.shape)
            if let value = field.defaultValue { schema.append(("default", value)) }
            properties.append((field.key, .object(schema)))
        }
        out.append(("properties", .object(properties)))
        return out + record.schemaExtras
    }
}
