/// A Parquet source column's type (physical and logical), remembered from the file so that
/// output written as Parquet keeps it: an INT32 stays INT32, a FLOAT a FLOAT, a DECIMAL(10, 2)
/// a DECIMAL(10, 2) in the same storage, a TIMESTAMP its unit and UTC flag. Column storage
/// alone cannot say this (INT32 and INT64 are both `.integers`, FLOAT and DECIMAL `.decimals`).
public enum ParquetColumnType: Hashable, Sendable, CustomStringConvertible {
    case boolean
    case int32
    case int64
    /// An INTEGER-annotated column other than plain INT32/INT64: INT8, INT16, UINT8 to UINT64
    /// (stored as INT32 up to 32 bits, else INT64).
    case integer(bits: Int, signed: Bool)
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
        case .integer(let bits, let signed): "\(signed ? "" : "U")INT\(bits)"
        case .float: "FLOAT"
        case .double: "DOUBLE"
        case .string: "STRING"
        case .date: "DATE"
        case .timestamp(let unit, let utc): "TIMESTAMP(\(unit), \(utc ? "UTC" : "local"))"
        case .decimal(let precision, let scale, _): "DECIMAL(\(precision), \(scale))"
        }
    }

    /// How a session file writes the type (`source.columns[].parquet_type`): `INT32`, `FLOAT`,
    /// `DATE`, `TIMESTAMP(MICROS, UTC)`, `TIMESTAMP(MILLIS, LOCAL)`, `DECIMAL(10, 2) FIXED(5)`,
    /// `DECIMAL(9, 2) INT32`, ... A session replayed from embedded models, without its source,
    /// takes its output's Parquet types from there.
    public var sessionText: String {
        switch self {
        case .timestamp(let unit, let utc):
            let word = switch unit { case .millis: "MILLIS"; case .micros: "MICROS"; case .nanos: "NANOS" }
            return "TIMESTAMP(\(word), \(utc ? "UTC" : "LOCAL"))"
        case .decimal(let precision, let scale, let storage):
            let where_ = switch storage {
            case .int32: "INT32"
            case .int64: "INT64"
            case .fixed(let length): "FIXED(\(length))"
            case .bytes: "BYTES"
            }
            return "DECIMAL(\(precision), \(scale)) \(where_)"
        default:
            return description
        }
    }

    /// The pattern `sessionText` follows (the session's declaration checks it).
    public static let sessionTextPattern =
        #"^(BOOLEAN|INT32|INT64|INT8|INT16|UINT8|UINT16|UINT32|UINT64|FLOAT|DOUBLE|STRING|DATE|TIMESTAMP\((MILLIS|MICROS|NANOS), (UTC|LOCAL)\)|DECIMAL\([0-9]{1,2}, [0-9]{1,2}\) (INT32|INT64|BYTES|FIXED\([0-9]{1,2}\)))$"#

    /// Reads `sessionText`; nil when the text is not one, or a DECIMAL's precision (1 to 38),
    /// scale (0 to the precision) or byte length (1 to 16) is out of range.
    public init?(sessionText text: String) {
        let integers = [8, 16, 32, 64].map { ParquetColumnType.integer(bits: $0, signed: false) } + [8, 16].map { .integer(bits: $0, signed: true) }
        if let simple = ([ParquetColumnType.boolean, .int32, .int64, .float, .double, .string, .date] + integers).first(where: { $0.sessionText == text }) {
            self = simple
            return
        }
        for unit in [ParquetTimeUnit.millis, .micros, .nanos] {
            for utc in [true, false] where ParquetColumnType.timestamp(unit: unit, utc: utc).sessionText == text {
                self = .timestamp(unit: unit, utc: utc)
                return
            }
        }
        let parts = text.split(whereSeparator: { "(), ".contains($0) }).map(String.init)
        guard parts.count >= 4, parts[0] == "DECIMAL", let precision = Int(parts[1]), let scale = Int(parts[2]),
              (1...38).contains(precision), (0...precision).contains(scale) else { return nil }
        let storage: DecimalStorage
        switch (parts.count, parts[3]) {
        case (4, "INT32"): storage = .int32
        case (4, "INT64"): storage = .int64
        case (4, "BYTES"): storage = .bytes
        case (5, "FIXED"):
            guard let length = Int(parts[4]), (1...16).contains(length) else { return nil }
            storage = .fixed(length: length)
        default: return nil
        }
        self = .decimal(precision: precision, scale: scale, storage: storage)
        guard sessionText == text else { return nil }
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
        case (.int32, .none), (.int32, .integer(32, true)): self = .int32
        case (.int64, .none), (.int64, .integer(64, true)): self = .int64
        case (.int32, .integer(let bits, let signed)) where bits <= 32, (.int64, .integer(let bits, let signed)) where bits == 64:
            self = .integer(bits: bits, signed: signed)
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
        case .int32, .integer: .int64
        case .float, .decimal: .double
        default: nil
        }
    }
}

/// The Parquet types of a source's columns, by column name: what output written as Parquet
/// keeps. Empty for a source that was not Parquet.
public typealias ParquetSchemaHint = [String: ParquetColumnType]
