import Foundation

/// An array of numbers in a fitted model, encoded as one base64 string of its little-endian
/// bytes instead of one JSON number per element. Fitted CART trees and resampled columns hold
/// 10^5–10^6 numbers; Foundation's JSON coders spend seconds on them one by one, and the
/// session's compact model encoding deflates the bytes anyway. The bits are kept exactly.
/// A plain JSON array (models written before, or by hand) is still read.
@propertyWrapper
public struct Packed<Element: PackableNumber>: Hashable, Sendable {
    public var wrappedValue: [Element]

    public init(wrappedValue: [Element]) { self.wrappedValue = wrappedValue }
}

/// Numbers `Packed` can store: fixed-width, little-endian.
public protocol PackableNumber: Codable, Hashable, Sendable {
    static var byteWidth: Int { get }
    var littleEndianBits: UInt64 { get }
    init(littleEndianBits: UInt64)
}

extension Double: PackableNumber {
    public static var byteWidth: Int { 8 }
    public var littleEndianBits: UInt64 { bitPattern }
    public init(littleEndianBits: UInt64) { self.init(bitPattern: littleEndianBits) }
}

extension Int32: PackableNumber {
    public static var byteWidth: Int { 4 }
    public var littleEndianBits: UInt64 { UInt64(UInt32(bitPattern: self)) }
    public init(littleEndianBits: UInt64) { self.init(bitPattern: UInt32(truncatingIfNeeded: littleEndianBits)) }
}

extension UInt32: PackableNumber {
    public static var byteWidth: Int { 4 }
    public var littleEndianBits: UInt64 { UInt64(self) }
    public init(littleEndianBits: UInt64) { self.init(truncatingIfNeeded: littleEndianBits) }
}

extension UInt8: PackableNumber {
    public static var byteWidth: Int { 1 }
    public var littleEndianBits: UInt64 { UInt64(self) }
    public init(littleEndianBits: UInt64) { self.init(truncatingIfNeeded: littleEndianBits) }
}

extension Bool: PackableNumber {
    public static var byteWidth: Int { 1 }
    public var littleEndianBits: UInt64 { self ? 1 : 0 }
    public init(littleEndianBits: UInt64) { self = littleEndianBits != 0 }
}

/// `Packed` for an optional array: absent stays absent.
@propertyWrapper
public struct PackedIfPresent<Element: PackableNumber>: Hashable, Sendable {
    public var wrappedValue: [Element]?

    public init(wrappedValue: [Element]?) { self.wrappedValue = wrappedValue }
}

extension PackedIfPresent: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        wrappedValue = container.decodeNil() ? nil : try Packed<Element>(from: decoder).wrappedValue
    }

    public func encode(to encoder: any Encoder) throws {
        if let wrappedValue {
            try Packed(wrappedValue: wrappedValue).encode(to: encoder)
        } else {
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }
}

// Synthesized Codable asks for a wrapped optional by `decode` and writes it with `encode`;
// these overloads keep an absent key absent, as for a plain optional.
extension KeyedDecodingContainer {
    public func decode<Element>(_ type: PackedIfPresent<Element>.Type, forKey key: Key) throws -> PackedIfPresent<Element> {
        try decodeIfPresent(type, forKey: key) ?? PackedIfPresent(wrappedValue: nil)
    }
}

extension KeyedEncodingContainer {
    public mutating func encode<Element>(_ value: PackedIfPresent<Element>, forKey key: Key) throws {
        if value.wrappedValue != nil { try encodeIfPresent(value, forKey: key) }
    }
}

extension CodingUserInfoKey {
    /// Set to true, `Packed` arrays are written as plain JSON arrays (tests that edit models
    /// field by field; people reading a model).
    public static let unpackedNumbers = CodingUserInfoKey(rawValue: "doppel.unpackedNumbers")!
}

extension Packed: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let text = try? container.decode(String.self) else {
            wrappedValue = try container.decode([Element].self)
            return
        }
        guard let data = Data(base64Encoded: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "packed numbers must be base64 text")
        }
        let width = Element.byteWidth
        guard data.count % width == 0 else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "packed numbers hold \(data.count) bytes, not a multiple of \(width)")
        }
        #if _endian(little)
        // In memory the numbers already are their little-endian bytes: one copy. (Bool is
        // checked per byte: only 0 and 1 are Bools.)
        if Element.self != Bool.self, MemoryLayout<Element>.stride == width {
            var values = [Element](repeating: Element(littleEndianBits: 0), count: data.count / width)
            values.withUnsafeMutableBytes { target in data.withUnsafeBytes { source in target.copyMemory(from: source) } }
            wrappedValue = values
            return
        }
        #endif
        wrappedValue = data.withUnsafeBytes { raw in
            (0..<(raw.count / width)).map { index in
                var bits: UInt64 = 0
                for byte in 0..<width { bits |= UInt64(raw[index * width + byte]) << (8 * byte) }
                return Element(littleEndianBits: bits)
            }
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if encoder.userInfo[.unpackedNumbers] as? Bool == true {
            var container = encoder.singleValueContainer()
            try container.encode(wrappedValue)
            return
        }
        var container = encoder.singleValueContainer()
        try container.encode(Self.bytes(of: wrappedValue).base64EncodedString())
    }

    static func bytes(of values: [Element]) -> Data {
        let width = Element.byteWidth
        #if _endian(little)
        if MemoryLayout<Element>.stride == width {
            return values.withUnsafeBytes { Data($0) }
        }
        #endif
        var bytes = [UInt8](repeating: 0, count: values.count * width)
        var offset = 0
        for value in values {
            let bits = value.littleEndianBits
            for byte in 0..<width { bytes[offset + byte] = UInt8(truncatingIfNeeded: bits >> (8 * byte)) }
            offset += width
        }
        return Data(bytes)
    }
}
