/// The shape of a value in a file Doppel reads: what a loader checks before decoding and what
/// the JSON Schema says. Declared once per type (see `DeclaredRecord`); the checks, the schema
/// and the encoding all follow from that one declaration.
public indirect enum Shape: Sendable {
    /// Any text; `pattern` (a regular expression, for the schema) and `meaning` (for messages).
    case text(TextRule)
    /// One word of a fixed list, e.g. a column kind; `name` gives it a `$defs` entry in the schema.
    case choice([String], name: String?, doc: String?)
    /// A whole number within bounds.
    case integer(minimum: Int64?, maximum: Int64?)
    /// A whole number from 0 to 2^64 − 1 (seeds).
    case unsigned
    case number(minimum: Double?, maximum: Double?)
    case boolean
    case list(Shape)
    /// A mapping with free keys (column names, metric names); `keys` says what they are.
    case dictionary(Shape, keys: String)
    /// A mapping with declared keys.
    case record(RecordShape)
    /// Any value; its owner validates it (a fitted model, by its strategy).
    case anything(String)
    /// One of several shapes (a parameter value: a flag, a number, a word or a list).
    case oneOf([Shape])

    public struct TextRule: Sendable {
        public var pattern: String?
        public var meaning: String?
        public var nonEmpty: Bool

        public init(pattern: String? = nil, meaning: String? = nil, nonEmpty: Bool = false) {
            self.pattern = pattern
            self.meaning = meaning
            self.nonEmpty = nonEmpty
        }

        public static let any = TextRule()
        public static let nonEmpty = TextRule(nonEmpty: true)
    }

    /// The shape as a person reads it in a message: "a whole number from 1 to 10".
    public var phrase: String {
        switch self {
        case .text(let rule): return rule.meaning ?? (rule.nonEmpty ? "non-empty text" : "text")
        case .choice(let words, _, _): return "one of " + words.joined(separator: ", ")
        case .integer(let minimum, let maximum):
            switch (minimum, maximum) {
            case let (low?, high?): return "a whole number from \(low) to \(high)"
            case let (low?, nil): return "a whole number of at least \(low)"
            case let (nil, high?): return "a whole number of at most \(high)"
            case (nil, nil): return "a whole number"
            }
        case .unsigned: return "a whole number from 0 to \(UInt64.max)"
        case .number(let minimum, let maximum):
            switch (minimum, maximum) {
            case let (low?, high?): return "a number from \(Self.plain(low)) to \(Self.plain(high))"
            case let (low?, nil): return "a number of at least \(Self.plain(low))"
            case let (nil, high?): return "a number of at most \(Self.plain(high))"
            case (nil, nil): return "a number"
            }
        case .boolean: return "true or false"
        case .list: return "a list"
        case .dictionary(_, let keys): return "a mapping of \(keys)"
        case .record(let record):
            let keys = record.fields.filter(\.required).map { "'\($0.key)'" }
            return keys.isEmpty ? "a mapping" : "a mapping with " + keys.joined(separator: ", ")
        case .anything: return "any value"
        case .oneOf(let shapes): return shapes.map(\.phrase).joined(separator: " or ")
        }
    }

    static func plain(_ value: Double) -> String {
        value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// A mapping's declared keys, in the order they are written.
public struct RecordShape: Sendable {
    /// The `$defs` name in the JSON Schema (e.g. `plan_column`); nil inlines the record.
    public var name: String?
    public var doc: String
    public var fields: [FieldShape]
    /// Extra JSON Schema keywords (conditional subschemas), for what the fields alone cannot say.
    public var schemaExtras: [(String, JSONDocument)]

    public init(name: String?, doc: String, fields: [FieldShape], schemaExtras: [(String, JSONDocument)] = []) {
        self.name = name
        self.doc = doc
        self.fields = fields
        self.schemaExtras = schemaExtras
    }

    public func field(_ key: String) -> FieldShape? { fields.first { $0.key == key } }
}

/// One declared key of a mapping.
public struct FieldShape: Sendable {
    public var key: String
    public var doc: String
    public var required: Bool
    public var shape: Shape
    /// The value used when the key is absent, for the schema's `default`.
    public var defaultValue: JSONDocument?

    public init(key: String, doc: String, required: Bool, shape: Shape, defaultValue: JSONDocument? = nil) {
        self.key = key
        self.doc = doc
        self.required = required
        self.shape = shape
        self.defaultValue = defaultValue
    }
}
