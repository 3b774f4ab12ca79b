/// A type written as a mapping whose keys are declared once, in `declaration`: decoding,
/// encoding (in declaration order), the loader's key and shape checks and the JSON Schema all
/// follow from that list. Adding a key is one line there.
public protocol DeclaredRecord: Declared, Codable {
    static var declaration: RecordDeclaration<Self> { get }
    /// The value decoding starts from; every required field overwrites its placeholder.
    static var empty: Self { get }
    /// Checks across fields after decoding (a range's min below its max), as a message.
    func checkDecoded() throws
}

extension DeclaredRecord {
    public static var shape: Shape { .record(declaration.shape) }
    public func checkDecoded() throws {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyKey.self)
        var value = Self.empty
        for field in Self.declaration.fields { try field.decode(&value, container) }
        do {
            try value.checkDecoded()
        } catch let error as DeclarationError {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath + error.keys.map(AnyKey.init), debugDescription: error.message))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for field in Self.declaration.fields { try field.encode(self, &container) }
    }
}

/// A problem a record finds in itself after decoding, in the user's terms.
public struct DeclarationError: Error, Sendable {
    public var message: String
    /// The keys below the record that are at fault (`parameters`, `epsilon`), so that the error
    /// names them and points at their line.
    public var keys: [String]
    public init(_ message: String, at keys: [String] = []) {
        self.message = message
        self.keys = keys
    }
}

/// The declared keys of a record type, in the order they are written.
public struct RecordDeclaration<Root>: @unchecked Sendable {
    public let fields: [Field<Root>]
    public let shape: RecordShape

    /// `name` is the record's `$defs` entry in the JSON Schema (nil: inlined where used).
    public init(name: String? = nil, doc: String, _ fields: [Field<Root>], schemaExtras: [(String, JSONDocument)] = []) {
        self.fields = fields
        shape = RecordShape(name: name, doc: doc, fields: fields.map(\.shape), schemaExtras: schemaExtras)
    }
}

/// One key of a record: its shape and doc, and how it is read into and written from the value.
public struct Field<Root>: @unchecked Sendable {
    public let shape: FieldShape
    let decode: (inout Root, KeyedDecodingContainer<AnyKey>) throws -> Void
    let encode: (Root, inout KeyedEncodingContainer<AnyKey>) throws -> Void

    /// A key that must be present.
    public static func required<V: Codable & Declared>(_ key: String, _ path: WritableKeyPath<Root, V>, _ doc: String,
                                                         shape: Shape? = nil) -> Field {
        Field(shape: FieldShape(key: key, doc: doc, required: true, shape: shape ?? V.shape),
              decode: { root, container in root[keyPath: path] = try container.decode(V.self, forKey: AnyKey(key)) },
              encode: { root, container in try container.encode(root[keyPath: path], forKey: AnyKey(key)) })
    }

    /// A key that may be absent (nil); written when present and not `omitted`.
    public static func optional<V: Codable & Declared>(_ key: String, _ path: WritableKeyPath<Root, V?>, _ doc: String,
                                                         shape: Shape? = nil, omitted: (@Sendable (V) -> Bool)? = nil) -> Field {
        Field(shape: FieldShape(key: key, doc: doc, required: false, shape: shape ?? V.shape),
              decode: { root, container in root[keyPath: path] = try container.decodeIfPresent(V.self, forKey: AnyKey(key)) },
              encode: { root, container in
                  guard let value = root[keyPath: path], omitted?(value) != true else { return }
                  try container.encode(value, forKey: AnyKey(key))
              })
    }

    /// A key with a default when absent; written only when it differs from the default,
    /// unless `alwaysWritten`.
    public static func defaulted<V: Codable & Declared & Equatable>(
        _ key: String, _ path: WritableKeyPath<Root, V>, default defaultValue: V, _ doc: String,
        shape: Shape? = nil, schemaDefault: JSONDocument? = nil, alwaysWritten: Bool = false
    ) -> Field {
        Field(shape: FieldShape(key: key, doc: doc, required: false, shape: shape ?? V.shape, defaultValue: schemaDefault),
              decode: { root, container in
                  root[keyPath: path] = try container.decodeIfPresent(V.self, forKey: AnyKey(key)) ?? defaultValue
              },
              encode: { root, container in
                  let value = root[keyPath: path]
                  guard alwaysWritten || value != defaultValue else { return }
                  try container.encode(value, forKey: AnyKey(key))
              })
    }

    /// A key read and written by hand (a value stored in another form than it is written).
    public static func custom(_ shape: FieldShape, decode: @escaping (inout Root, KeyedDecodingContainer<AnyKey>) throws -> Void,
                              encode: @escaping (Root, inout KeyedEncodingContainer<AnyKey>) throws -> Void) -> Field {
        Field(shape: shape, decode: decode, encode: encode)
    }
}
