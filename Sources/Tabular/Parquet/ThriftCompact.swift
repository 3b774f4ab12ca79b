/// Thrift's compact protocol, the encoding of Parquet's footer and page headers: only the
/// wire format (field headers, zigzag varints, binaries, lists, nested structs), read with
/// bounds checks so that a corrupt file gives an error, never a crash. The structs Parquet
/// needs are in `ParquetMetadata.swift`; fields they do not know are skipped.
struct ThriftReader {
    struct Failure: Error { var message: String }

    enum WireType: UInt8 {
        case stop = 0, boolTrue = 1, boolFalse = 2, byte = 3, i16 = 4, i32 = 5, i64 = 6, double = 7
        case binary = 8, list = 9, set = 10, map = 11, structure = 12
    }

    private let bytes: UnsafeRawBufferPointer
    private(set) var position: Int
    private var lastFieldIDs: [Int16] = []
    private var lastFieldID: Int16 = 0

    init(_ bytes: UnsafeRawBufferPointer, position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    mutating func byte() throws -> UInt8 {
        guard position < bytes.count else { throw Failure(message: "metadata ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            result |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw Failure(message: "a varint longer than 10 bytes") }
        }
    }

    mutating func zigzag() throws -> Int64 {
        let raw = try varint()
        return Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1)))
    }

    mutating func i32() throws -> Int32 {
        let value = try zigzag()
        guard let narrow = Int32(exactly: value) else { throw Failure(message: "a 32-bit integer out of range") }
        return narrow
    }

    mutating func binary() throws -> [UInt8] {
        let length = try varint()
        guard length <= UInt64(bytes.count - position) else { throw Failure(message: "a string longer than the metadata") }
        defer { position += Int(length) }
        return Array(bytes[position..<position + Int(length)])
    }

    mutating func string() throws -> String { String(decoding: try binary(), as: UTF8.self) }

    /// The next field of the current struct: its id and wire type, or nil at the struct's end.
    mutating func field() throws -> (id: Int16, type: WireType)? {
        let header = try byte()
        guard let type = WireType(rawValue: header & 0x0F) else { throw Failure(message: "unknown field type \(header & 0x0F)") }
        if type == .stop { return nil }
        let delta = Int16(header >> 4)
        if delta != 0 {
            lastFieldID &+= delta
        } else {
            guard let id = Int16(exactly: try zigzag()) else { throw Failure(message: "a field id out of range") }
            lastFieldID = id
        }
        return (lastFieldID, type)
    }

    /// Enters a nested struct (field ids restart), to be left with `endStruct`.
    mutating func beginStruct() throws {
        guard lastFieldIDs.count < 64 else { throw Failure(message: "structs nested too deeply") }
        lastFieldIDs.append(lastFieldID)
        lastFieldID = 0
    }

    mutating func endStruct() { lastFieldID = lastFieldIDs.popLast() ?? 0 }

    /// Reads a struct's fields with `body`, which reads the fields it knows and returns false
    /// for the others (skipped here).
    mutating func readStruct(_ body: (inout ThriftReader, Int16, WireType) throws -> Bool) throws {
        try beginStruct()
        while let (id, type) = try field() {
            if try !body(&self, id, type) { try skip(type) }
        }
        endStruct()
    }

    mutating func listHeader() throws -> (count: Int, element: WireType) {
        let header = try byte()
        var count = Int(header >> 4)
        if count == 15 {
            let long = try varint()
            // Each element takes at least one byte (or none for empty structs, which Parquet never lists).
            guard long <= UInt64(bytes.count - position) else { throw Failure(message: "a list longer than the metadata") }
            count = Int(long)
        }
        guard let element = WireType(rawValue: header & 0x0F) else { throw Failure(message: "unknown list element type") }
        return (count, element)
    }

    /// Reads a list of structs, each with `body` (called with the reader positioned in the element).
    mutating func readList<T>(_ body: (inout ThriftReader) throws -> T) throws -> [T] {
        let (count, element) = try listHeader()
        var values: [T] = []
        values.reserveCapacity(min(count, 4096))
        for _ in 0..<count {
            _ = element
            values.append(try body(&self))
        }
        return values
    }

    func bool(_ type: WireType) -> Bool { type == .boolTrue }

    mutating func skip(_ type: WireType, depth: Int = 0) throws {
        guard depth < 64 else { throw Failure(message: "values nested too deeply") }
        switch type {
        case .stop: break
        case .boolTrue, .boolFalse: break
        case .byte: position += 1
        case .i16, .i32, .i64: _ = try varint()
        case .double: position += 8
        case .binary: _ = try binary()
        case .list, .set:
            let (count, element) = try listHeader()
            for _ in 0..<count {
                if element == .boolTrue || element == .boolFalse { _ = try byte() } else { try skip(element, depth: depth + 1) }
            }
        case .map:
            let count = try varint()
            guard count <= UInt64(bytes.count - position) else { throw Failure(message: "a map longer than the metadata") }
            if count > 0 {
                let types = try byte()
                guard let key = WireType(rawValue: types >> 4), let value = WireType(rawValue: types & 0x0F) else {
                    throw Failure(message: "unknown map types")
                }
                for _ in 0..<count {
                    try skip(key, depth: depth + 1)
                    try skip(value, depth: depth + 1)
                }
            }
        case .structure:
            try beginStruct()
            while let (_, fieldType) = try field() { try skip(fieldType, depth: depth + 1) }
            endStruct()
        }
        guard position <= bytes.count else { throw Failure(message: "metadata ends early") }
    }
}

/// Writes Thrift compact-protocol structs (for the footer and page headers Doppel writes).
struct ThriftWriter {
    var bytes: [UInt8] = []
    private var lastFieldIDs: [Int16] = []
    private var lastFieldID: Int16 = 0

    mutating func varint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    mutating func zigzag(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    mutating func fieldHeader(_ id: Int16, _ type: ThriftReader.WireType) {
        let delta = id - lastFieldID
        if delta > 0 && delta <= 15 {
            bytes.append(UInt8(delta) << 4 | type.rawValue)
        } else {
            bytes.append(type.rawValue)
            zigzag(Int64(id))
        }
        lastFieldID = id
    }

    mutating func byte(_ id: Int16, _ value: Int8) { fieldHeader(id, .byte); bytes.append(UInt8(bitPattern: value)) }
    mutating func i32(_ id: Int16, _ value: Int32) { fieldHeader(id, .i32); zigzag(Int64(value)) }
    mutating func i64(_ id: Int16, _ value: Int64) { fieldHeader(id, .i64); zigzag(value) }
    mutating func bool(_ id: Int16, _ value: Bool) { fieldHeader(id, value ? .boolTrue : .boolFalse) }

    mutating func binary(_ id: Int16, _ value: [UInt8]) {
        fieldHeader(id, .binary)
        varint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func string(_ id: Int16, _ value: String) { binary(id, Array(value.utf8)) }

    mutating func listHeader(_ id: Int16, count: Int, element: ThriftReader.WireType) {
        fieldHeader(id, .list)
        if count < 15 {
            bytes.append(UInt8(count) << 4 | element.rawValue)
        } else {
            bytes.append(0xF0 | element.rawValue)
            varint(UInt64(count))
        }
    }

    /// A struct-valued field; `body` writes its fields.
    mutating func structure(_ id: Int16, _ body: (inout ThriftWriter) -> Void) {
        fieldHeader(id, .structure)
        element(body)
    }

    /// A struct as a list element (no field header).
    mutating func element(_ body: (inout ThriftWriter) -> Void) {
        lastFieldIDs.append(lastFieldID)
        lastFieldID = 0
        body(&self)
        bytes.append(0)
        lastFieldID = lastFieldIDs.removeLast()
    }

    /// Ends the top-level struct.
    mutating func stop() { bytes.append(0) }
}
