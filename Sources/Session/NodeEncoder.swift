import Declaration
import Tabular
import Yams

/// Encodes any Encodable value as a YAML node tree, for the files Doppel writes.
///
/// Why not Yams' YAMLEncoder: it writes doubles with 15 significant digits (and `2e-1`), which
/// loses the last bits of fitted models, so replay from a fitted session differed from replay
/// from the source. Here every number is written as the shortest text that reads back to the
/// same bits, whole numbers as integers, so no type has to list its keys again to get exact
/// numbers. Declared records (keyed by `AnyKey`) keep their declaration order; other mappings
/// (dictionaries) are written with sorted keys, so the same value always gives the same bytes.
enum NodeEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> Node {
        let slot = Slot()
        try TreeEncoder(slot: slot, codingPath: []).encodeValue(value)
        return slot.node()
    }

    /// YAML text for a value: block style, flow style for lists of scalars, no line folding.
    static func yaml<T: Encodable>(_ value: T) throws -> String {
        let text = try Yams.serialize(node: encode(value), width: -1, allowUnicode: true, sortKeys: false)
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    // MARK: Scalars

    static func scalar(_ value: Double) -> Node {
        if value == value.rounded() && value.magnitude < 9e15 && !(value == 0 && value.sign == .minus) {
            return Node(String(Int64(value)), Tag(.int))
        }
        if value.isNaN { return Node(".nan", Tag(.float)) }
        if value.isInfinite { return Node(value < 0 ? "-.inf" : ".inf", Tag(.float)) }
        var bytes: [UInt8] = []
        ValueFormatter.appendDecimal(value, to: &bytes)
        var text = String(decoding: bytes, as: UTF8.self)
        // `1e-09` is a float in YAML 1.2 but a string to YAML 1.1 readers (PyYAML); `1.0e-09` is a float to both.
        if let exponent = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<exponent].contains(".") {
            text.insert(contentsOf: ".0", at: exponent)
        }
        return Node(text, Tag(.float))
    }

    static func scalar(_ text: String) -> Node {
        .scalar(text.represented())
    }

    /// Where one value of the tree goes; containers fill it in as they are encoded. A class with
    /// its own arrays, so that appending stays O(1) (fitted models hold 10^5 numbers).
    final class Slot {
        enum Kind { case empty, scalar, mapping, sequence }
        var kind = Kind.empty
        var scalarNode = Node("null", Tag(.null))
        var keepOrder = true
        var pairs: [(String, Slot)] = []
        var items: [Slot] = []

        func node() -> Node {
            switch kind {
            case .empty: return Node("null", Tag(.null))
            case .scalar: return scalarNode
            case .mapping:
                let ordered = keepOrder ? pairs : pairs.sorted { $0.0 < $1.0 }
                return .mapping(Node.Mapping(ordered.map { (NodeEncoder.scalar($0.0), $0.1.node()) }))
            case .sequence:
                let nodes = items.map { $0.node() }
                let flat = nodes.allSatisfy { if case .scalar = $0 { true } else { false } }
                return .sequence(Node.Sequence(nodes, Tag(.implicit), flat && !nodes.isEmpty ? .flow : .block))
            }
        }

        func set(_ node: Node) {
            kind = .scalar
            scalarNode = node
        }
    }
}

private struct TreeEncoder: Encoder {
    let slot: NodeEncoder.Slot
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(slot: NodeEncoder.Slot, codingPath: [any CodingKey]) {
        self.slot = slot
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if slot.kind != .mapping {
            slot.kind = .mapping
            slot.keepOrder = Key.self == AnyKey.self
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if slot.kind != .sequence { slot.kind = .sequence }
        return UnkeyedContainer(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleContainer(slot: slot, codingPath: codingPath) }

    /// Scalars directly; anything else through its own `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        switch value {
        case let number as Double: slot.set(NodeEncoder.scalar(number))
        case let number as Float: slot.set(NodeEncoder.scalar(Double(number)))
        case let text as String: slot.set(NodeEncoder.scalar(text))
        case let flag as Bool: slot.set(Node(flag ? "true" : "false", Tag(.bool)))
        case let number as any BinaryInteger: slot.set(Node(String(describing: number), Tag(.int)))
        default: try value.encode(to: self)
        }
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: NodeEncoder.Slot
    var codingPath: [any CodingKey]

    private func child(_ key: Key) -> NodeEncoder.Slot {
        let child = NodeEncoder.Slot()
        slot.pairs.append((key.stringValue, child))
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { child(key).set(Node("null", Tag(.null))) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try TreeEncoder(slot: child(key), codingPath: codingPath + [key]).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        TreeEncoder(slot: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(slot: slot, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { TreeEncoder(slot: child(key), codingPath: codingPath + [key]) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let slot: NodeEncoder.Slot
    var codingPath: [any CodingKey]

    var count: Int { slot.items.count }

    private func append() -> NodeEncoder.Slot {
        let child = NodeEncoder.Slot()
        slot.items.append(child)
        return child
    }

    mutating func encodeNil() throws { append().set(Node("null", Tag(.null))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try TreeEncoder(slot: append(), codingPath: codingPath + [AnyKey(String(count))]).encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        TreeEncoder(slot: append(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        TreeEncoder(slot: append(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(slot: append(), codingPath: codingPath) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let slot: NodeEncoder.Slot
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.set(Node("null", Tag(.null))) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try TreeEncoder(slot: slot, codingPath: codingPath).encodeValue(value)
    }
}
