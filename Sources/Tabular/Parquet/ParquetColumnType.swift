/// A Parquet source column's type (physical and logical), remembered from the file so that
/// output written as Parquet keeps it: an INT32 stays INT32, a FLOAT a FLOAT, a DECIMAL(10, 2)
/// a DECIMAL(10, 2) in the same storage, a TIMESTAMP its unit and UTC flag. Column storage
/// alone cannot say this (INT32 and INT64 are both `.integers`, FLOAT and DECIMAL `.decimals`).
public enum ParquetColumnType: Hashable, Sendable, CustomStringConvertible {
    case boolean
    case int32
    case int64
    case float
    case double
    /// BYTE_ARRAY annotated as UTF-8 text.
    case string
    /// INT32 days since 1970-01-01.
    case date
    /// INT64 in `unit`s since 1970-01-01T00:00:00 (UTC when `utc`).
    case timestamp(unit: ParquetTimeUnit, utc: Bool)
    /// The unscaled value in `storage`; precision and scale as declared.
    case decimal(precision: Int, scale: Int, storage: DecimalStorage)

    /// Where a DECIMAL's unscaled integer lives.
    public enum DecimalStorage: Hashable, Sendable {
        case int32, int64
        /// Big-endian two's complement in FIXED_LEN_BYTE_ARRAY of `length` bytes (pyarrow's default).
        case fixed(length: Int)
        /// Big-endian two's complement in a BYTE_ARRAY (Doppel writes 16 bytes).
        case bytes
    }

    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int32: "INT32"
        case .int64: "INT64"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .string: "STRING"
        case .date: "DATE"
        case .timestamp(let unit, let utc): "TIMESTAMP(\(unit), \(utc ? "UTC" : "local"))"
        case .decimal(let precision, let scale, _): "DECIMAL(\(precision), \(scale))"
        }
    }

    /// The type a leaf column of a Parquet file maps to; nil for types Doppel does not write
    /// back as they were (fixed-length bytes that are not decimals, UUIDs).
    init?(physical: ParquetPhysicalType, typeLength: Int, logical: ParquetLogicalType) {
        switch (physical, logical) {
        case (_, .decimal(let scale, let precision)):
            guard precision >= 1, precision <= 38, scale >= 0, scale <= precision else { return nil }
            let storage: DecimalStorage
            switch physical {
            case .int32: storage = .int32
            case .int64: storage = .int64
            case .fixedLenByteArray where typeLength >= 1 && typeLength <= 16: storage = .fixed(length: typeLength)
            case .byteArray: storage = .bytes
            default: return nil
            }
            self = .decimal(precision: precision, scale: scale, storage: storage)
        case (.int32, .date): self = .date
        case (.int64, .timestamp(let unit, let utc)): self = .timestamp(unit: unit, utc: utc)
        // Impala and Spark's INT96 nanoseconds: pyarrow reads them as timestamp[ns].
        case (.int96, _): self = .timestamp(unit: .nanos, utc: false)
        case (.int32, .none): self = .int32
        case (.int64, .none): self = .int64
        case (.float, _): self = .float
        case (.double, _): self = .double
        case (.boolean, _): self = .boolean
        case (.byteArray, .string), (.byteArray, .none): self = .string
        default: return nil
        }
    }

    /// The type a value that does not fit this one is written as instead (INT32 → INT64,
    /// FLOAT and DECIMAL → DOUBLE); nil when there is nothing wider.
    public var widened: ParquetColumnType? {
        switch self {
        case .int32: .int64
        case .float, .decimal: .double
        default: nil
        }
    }
}

/// The Parquet types of a source's columns, by column name: what output written as Parquet
/// keeps. Empty for a source that was not Parquet.
public typealias ParquetSchemaHint = [String: ParquetColumnType]
