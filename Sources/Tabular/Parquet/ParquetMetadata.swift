/// The parts of Parquet's Thrift metadata (parquet.thrift) that Doppel reads and writes: the
/// footer's `FileMetaData` with its schema and row groups, and each page's `PageHeader`.
/// Field numbers are parquet.thrift's; fields not listed here are skipped on read.
enum ParquetPhysicalType: Int32 {
    case boolean = 0, int32 = 1, int64 = 2, int96 = 3, float = 4, double = 5, byteArray = 6, fixedLenByteArray = 7
}

enum ParquetCodec: Int32 {
    case uncompressed = 0, snappy = 1, gzip = 2, lzo = 3, brotli = 4, lz4 = 5, zstd = 6, lz4Raw = 7
}

enum ParquetEncoding: Int32 {
    case plain = 0, plainDictionary = 2, rle = 3, bitPacked = 4, deltaBinaryPacked = 5, deltaLengthByteArray = 6
    case deltaByteArray = 7, rleDictionary = 8, byteStreamSplit = 9
}

public enum ParquetTimeUnit: Hashable, Sendable { case millis, micros, nanos }

/// The logical type of a leaf column, from `logicalType` or the older `converted_type`.
enum ParquetLogicalType: Equatable {
    case none
    case string
    case date
    case timestamp(unit: ParquetTimeUnit, utc: Bool)
    case decimal(scale: Int, precision: Int)
    /// INTEGER(bitWidth, isSigned): int8 to int64 and their unsigned kin.
    case integer(bitWidth: Int, signed: Bool)
    case uuid
    /// Lists, maps, intervals and others Doppel does not read.
    case unsupported(String)
}

struct ParquetSchemaElement {
    var name = ""
    var type: ParquetPhysicalType?
    var typeLength: Int32 = 0
    /// 0 required, 1 optional, 2 repeated.
    var repetition: Int32 = 0
    var numChildren: Int32 = 0
    var convertedType: Int32?
    var scale: Int32 = 0
    var precision: Int32 = 0
    var logical: ParquetLogicalType?

    init(name: String = "", type: ParquetPhysicalType? = nil, typeLength: Int32 = 0, repetition: Int32 = 0, numChildren: Int32 = 0,
         convertedType: Int32? = nil, logical: ParquetLogicalType? = nil) {
        self.name = name
        self.type = type
        self.typeLength = typeLength
        self.repetition = repetition
        self.numChildren = numChildren
        self.convertedType = convertedType
        self.logical = logical
    }

    /// The logical type, reconciling the new and the legacy annotation.
    var logicalType: ParquetLogicalType {
        if let logical { return logical }
        switch convertedType {
        case 0?: return .string
        case 1?, 2?: return .unsupported("MAP")
        case 3?: return .unsupported("LIST")
        case 4?: return .string  // ENUM
        case 5?: return .decimal(scale: Int(scale), precision: Int(precision))
        case 6?: return .date
        case 9?: return .timestamp(unit: .millis, utc: true)
        case 10?: return .timestamp(unit: .micros, utc: true)
        case 7?, 8?: return .unsupported("TIME")
        case 21?: return .unsupported("INTERVAL")
        case 11?: return .integer(bitWidth: 8, signed: false)
        case 12?: return .integer(bitWidth: 16, signed: false)
        case 13?: return .integer(bitWidth: 32, signed: false)
        case 14?: return .integer(bitWidth: 64, signed: false)
        case 15?: return .integer(bitWidth: 8, signed: true)
        case 16?: return .integer(bitWidth: 16, signed: true)
        case 17?: return .integer(bitWidth: 32, signed: true)
        case 18?: return .integer(bitWidth: 64, signed: true)
        case 19?: return .string  // JSON
        default: return .none
        }
    }
}

struct ParquetColumnMetaData {
    var type: ParquetPhysicalType = .int32
    var encodings: [Int32] = []
    var path: [String] = []
    var codec: Int32 = 0
    var numValues: Int64 = 0
    var totalUncompressedSize: Int64 = 0
    var totalCompressedSize: Int64 = 0
    var dataPageOffset: Int64 = 0
    var dictionaryPageOffset: Int64?
}

struct ParquetRowGroup {
    var columns: [ParquetColumnMetaData] = []
    var totalByteSize: Int64 = 0
    var numRows: Int64 = 0
}

struct ParquetFileMetaData {
    var version: Int32 = 1
    var schema: [ParquetSchemaElement] = []
    var numRows: Int64 = 0
    var rowGroups: [ParquetRowGroup] = []
    var createdBy: String?
}

enum ParquetPageType: Int32 { case dataPage = 0, indexPage = 1, dictionaryPage = 2, dataPageV2 = 3 }

struct ParquetPageHeader {
    var type: Int32 = 0
    var uncompressedSize: Int32 = 0
    var compressedSize: Int32 = 0
    // Data page (v1 and v2) and dictionary page fields.
    var numValues: Int32 = 0
    var encoding: Int32 = 0
    var definitionLevelEncoding: Int32 = 3
    // v2 only.
    var numNulls: Int32 = 0
    var numRows: Int32 = 0
    var definitionLevelsByteLength: Int32 = 0
    var repetitionLevelsByteLength: Int32 = 0
    var isCompressed = true
}

// MARK: - Reading

extension ParquetFileMetaData {
    init(reading reader: inout ThriftReader) throws {
        self.init()
        var metadata = self
        try reader.readStruct { r, id, type in
            switch (id, type) {
            case (1, .i32): metadata.version = try r.i32()
            case (2, .list): metadata.schema = try r.readList { try ParquetSchemaElement(reading: &$0) }
            case (3, .i64): metadata.numRows = try r.zigzag()
            case (4, .list): metadata.rowGroups = try r.readList { try ParquetRowGroup(reading: &$0) }
            case (6, .binary): metadata.createdBy = try r.string()
            default: return false
            }
            return true
        }
        self = metadata
    }
}

extension ParquetSchemaElement {
    init(reading reader: inout ThriftReader) throws {
        var element = ParquetSchemaElement()
        try reader.readStruct { r, id, type in
            switch (id, type) {
            case (1, .i32):
                let raw = try r.i32()
                guard let physical = ParquetPhysicalType(rawValue: raw) else { throw ThriftReader.Failure(message: "unknown physical type \(raw)") }
                element.type = physical
            case (2, .i32): element.typeLength = try r.i32()
            case (3, .i32): element.repetition = try r.i32()
            case (4, .binary): element.name = try r.string()
            case (5, .i32): element.numChildren = try r.i32()
            case (6, .i32): element.convertedType = try r.i32()
            case (7, .i32): element.scale = try r.i32()
            case (8, .i32): element.precision = try r.i32()
            case (10, .structure): element.logical = try Self.readLogicalType(&r)
            default: return false
            }
            return true
        }
        self = element
    }

    /// The `LogicalType` union: one field set, naming the type.
    private static func readLogicalType(_ reader: inout ThriftReader) throws -> ParquetLogicalType {
        var result = ParquetLogicalType.none
        try reader.readStruct { r, id, type in
            guard type == .structure else { return false }
            switch id {
            case 1: result = .string
            case 4: result = .string  // ENUM
            case 12: result = .string  // JSON
            case 5:
                var scale = 0, precision = 0
                try r.readStruct { r, id, type in
                    switch (id, type) {
                    case (1, .i32): scale = Int(try r.i32())
                    case (2, .i32): precision = Int(try r.i32())
                    default: return false
                    }
                    return true
                }
                result = .decimal(scale: scale, precision: precision)
                return true
            case 6: result = .date
            case 8:
                var utc = false
                var unit = ParquetTimeUnit.micros
                try r.readStruct { r, id, type in
                    switch (id, type) {
                    case (1, .boolTrue), (1, .boolFalse): utc = r.bool(type)
                    case (2, .structure):
                        try r.readStruct { _, id, _ in
                            switch id {
                            case 1: unit = .millis
                            case 2: unit = .micros
                            case 3: unit = .nanos
                            default: break
                            }
                            return false
                        }
                    default: return false
                    }
                    return true
                }
                result = .timestamp(unit: unit, utc: utc)
                return true
            case 2: result = .unsupported("MAP")
            case 3: result = .unsupported("LIST")
            case 7: result = .unsupported("TIME")
            case 10:
                var bitWidth = 0, signed = true
                try r.readStruct { r, id, type in
                    switch (id, type) {
                    case (1, .byte): bitWidth = Int(Int8(bitPattern: try r.byte()))
                    case (2, .boolTrue), (2, .boolFalse): signed = r.bool(type)
                    default: return false
                    }
                    return true
                }
                result = [8, 16, 32, 64].contains(bitWidth) ? .integer(bitWidth: bitWidth, signed: signed) : .none
                return true
            case 11: result = .none  // UNKNOWN (always null)
            case 13: result = .unsupported("BSON")
            case 14: result = .uuid
            case 15: result = .unsupported("FLOAT16")
            default: result = .unsupported("logical type \(id)")
            }
            return false  // the (empty or unused) struct is skipped
        }
        return result
    }
}

extension ParquetRowGroup {
    init(reading reader: inout ThriftReader) throws {
        var group = ParquetRowGroup()
        try reader.readStruct { r, id, type in
            switch (id, type) {
            case (1, .list):
                group.columns = try r.readList { element in
                    var metadata: ParquetColumnMetaData?
                    var external = false
                    try element.readStruct { r, id, type in
                        switch (id, type) {
                        case (1, .binary): external = !(try r.binary()).isEmpty
                        case (3, .structure): metadata = try ParquetColumnMetaData(reading: &r)
                        default: return false
                        }
                        return true
                    }
                    if external { throw ThriftReader.Failure(message: "a column chunk stored in another file (file_path) is not supported") }
                    guard let metadata else { throw ThriftReader.Failure(message: "a column chunk without metadata (encrypted files are not supported)") }
                    return metadata
                }
            case (2, .i64): group.totalByteSize = try r.zigzag()
            case (3, .i64): group.numRows = try r.zigzag()
            default: return false
            }
            return true
        }
        self = group
    }
}

extension ParquetColumnMetaData {
    init(reading reader: inout ThriftReader) throws {
        var metadata = ParquetColumnMetaData()
        try reader.readStruct { r, id, type in
            switch (id, type) {
            case (1, .i32):
                let raw = try r.i32()
                guard let physical = ParquetPhysicalType(rawValue: raw) else { throw ThriftReader.Failure(message: "unknown physical type \(raw)") }
                metadata.type = physical
            case (2, .list):
                let (count, _) = try r.listHeader()
                for _ in 0..<count { metadata.encodings.append(try r.i32()) }
            case (3, .list):
                let (count, _) = try r.listHeader()
                for _ in 0..<count { metadata.path.append(try r.string()) }
            case (4, .i32): metadata.codec = try r.i32()
            case (5, .i64): metadata.numValues = try r.zigzag()
            case (6, .i64): metadata.totalUncompressedSize = try r.zigzag()
            case (7, .i64): metadata.totalCompressedSize = try r.zigzag()
            case (9, .i64): metadata.dataPageOffset = try r.zigzag()
            case (11, .i64): metadata.dictionaryPageOffset = try r.zigzag()
            default: return false
            }
            return true
        }
        self = metadata
    }
}

extension ParquetPageHeader {
    init(reading reader: inout ThriftReader) throws {
        var header = ParquetPageHeader()
        try reader.readStruct { r, id, type in
            switch (id, type) {
            case (1, .i32): header.type = try r.i32()
            case (2, .i32): header.uncompressedSize = try r.i32()
            case (3, .i32): header.compressedSize = try r.i32()
            case (5, .structure), (7, .structure):
                // DataPageHeader and DictionaryPageHeader share their first two fields.
                let isData = id == 5
                try r.readStruct { r, id, type in
                    switch (id, type) {
                    case (1, .i32): header.numValues = try r.i32()
                    case (2, .i32): header.encoding = try r.i32()
                    case (3, .i32) where isData: header.definitionLevelEncoding = try r.i32()
                    default: return false
                    }
                    return true
                }
            case (8, .structure):
                try r.readStruct { r, id, type in
                    switch (id, type) {
                    case (1, .i32): header.numValues = try r.i32()
                    case (2, .i32): header.numNulls = try r.i32()
                    case (3, .i32): header.numRows = try r.i32()
                    case (4, .i32): header.encoding = try r.i32()
                    case (5, .i32): header.definitionLevelsByteLength = try r.i32()
                    case (6, .i32): header.repetitionLevelsByteLength = try r.i32()
                    case (7, .boolTrue), (7, .boolFalse): header.isCompressed = r.bool(type)
                    default: return false
                    }
                    return true
                }
            default: return false
            }
            return true
        }
        self = header
    }
}

// MARK: - Writing

extension ParquetFileMetaData {
    func write(to writer: inout ThriftWriter) {
        writer.i32(1, version)
        writer.listHeader(2, count: schema.count, element: .structure)
        for element in schema { writer.element { element.write(to: &$0) } }
        writer.i64(3, numRows)
        writer.listHeader(4, count: rowGroups.count, element: .structure)
        for group in rowGroups { writer.element { group.write(to: &$0) } }
        if let createdBy { writer.string(6, createdBy) }
        writer.stop()
    }
}

extension ParquetSchemaElement {
    func write(to writer: inout ThriftWriter) {
        if let type { writer.i32(1, type.rawValue) }
        if type == .fixedLenByteArray { writer.i32(2, typeLength) }
        if type != nil { writer.i32(3, repetition) }
        writer.string(4, name)
        if type == nil { writer.i32(5, numChildren) }
        if let convertedType { writer.i32(6, convertedType) }
        if case .decimal(let scale, let precision)? = logical {
            writer.i32(7, Int32(scale))
            writer.i32(8, Int32(precision))
        }
        guard let logical else { return }
        writer.structure(10) { w in
            switch logical {
            case .string: w.structure(1) { _ in }
            case .date: w.structure(6) { _ in }
            case .decimal(let scale, let precision):
                w.structure(5) { w in
                    w.i32(1, Int32(scale))
                    w.i32(2, Int32(precision))
                }
            case .timestamp(let unit, let utc):
                w.structure(8) { w in
                    w.bool(1, utc)
                    w.structure(2) { w in
                        switch unit {
                        case .millis: w.structure(1) { _ in }
                        case .micros: w.structure(2) { _ in }
                        case .nanos: w.structure(3) { _ in }
                        }
                    }
                }
            case .integer(let bitWidth, let signed):
                w.structure(10) { w in
                    w.byte(1, Int8(bitWidth))
                    w.bool(2, signed)
                }
            case .uuid: w.structure(14) { _ in }
            case .none, .unsupported: break
            }
        }
    }
}

extension ParquetRowGroup {
    func write(to writer: inout ThriftWriter) {
        writer.listHeader(1, count: columns.count, element: .structure)
        for column in columns {
            writer.element { w in
                w.i64(2, column.dictionaryPageOffset ?? column.dataPageOffset)
                w.structure(3) { column.write(to: &$0) }
            }
        }
        writer.i64(2, totalByteSize)
        writer.i64(3, numRows)
    }
}

extension ParquetColumnMetaData {
    func write(to writer: inout ThriftWriter) {
        writer.i32(1, type.rawValue)
        writer.listHeader(2, count: encodings.count, element: .i32)
        for encoding in encodings { writer.zigzag(Int64(encoding)) }
        writer.listHeader(3, count: path.count, element: .binary)
        for part in path {
            writer.varint(UInt64(part.utf8.count))
            writer.bytes.append(contentsOf: part.utf8)
        }
        writer.i32(4, codec)
        writer.i64(5, numValues)
        writer.i64(6, totalUncompressedSize)
        writer.i64(7, totalCompressedSize)
        writer.i64(9, dataPageOffset)
        if let dictionaryPageOffset { writer.i64(11, dictionaryPageOffset) }
    }
}

extension ParquetPageHeader {
    /// A v1 data page or a dictionary page header.
    func write(to writer: inout ThriftWriter) {
        writer.i32(1, type)
        writer.i32(2, uncompressedSize)
        writer.i32(3, compressedSize)
        if type == ParquetPageType.dictionaryPage.rawValue {
            writer.structure(7) { w in
                w.i32(1, numValues)
                w.i32(2, encoding)
            }
        } else {
            writer.structure(5) { w in
                w.i32(1, numValues)
                w.i32(2, encoding)
                w.i32(3, ParquetEncoding.rle.rawValue)
                w.i32(4, ParquetEncoding.rle.rawValue)
            }
        }
        writer.stop()
    }
}
