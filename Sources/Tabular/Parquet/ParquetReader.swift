#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a flat Parquet file into the same `Table` the CSV reader makes.
///
/// Hand-written because no Swift Parquet library is available here: apache/arrow-swift needs
/// flatbuffers and gRPC packages the package mirror lacks, and the one other Swift reader we
/// know of is Apple-only. It covers what pyarrow, DuckDB and Spark write by default: the Thrift
/// compact footer, data pages v1 and v2, dictionary pages, the encodings in `ParquetDecoding`,
/// the codecs in `ParquetCompression`, and the types in `ParquetTarget`. Nested columns
/// (groups, lists, maps) are refused, naming the column.
///
/// The file is memory-mapped; columns are decoded in parallel, each on its own (the result does
/// not depend on the thread count), straight into storage allocated once for the row count.
public enum ParquetReader {
    static let magic: [UInt8] = Array("PAR1".utf8)

    /// Whether a path names Parquet by its extension.
    public static func isParquetPath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".parquet") || lower.hasSuffix(".pq")
    }

    /// Whether bytes start with Parquet's magic number.
    static func startsWithMagic(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count >= 4 && Array(bytes.prefix(4)) == magic
    }

    /// Reads a Parquet file at `path`.
    public static func read(path: String) throws -> CSVReadResult {
        try CSVInput.checkRegularFile(path)
        let mapping = try MappedFile(path: path)
        return try withExtendedLifetime(mapping) { try read(mapping.bytes, name: path) }
    }

    /// Reads Parquet bytes held in memory (standard input, tests).
    public static func read(bytes: [UInt8], name: String) throws -> CSVReadResult {
        try bytes.withUnsafeBytes { try read($0, name: name) }
    }

    static func read(_ file: UnsafeRawBufferPointer, name: String) throws -> CSVReadResult {
        let metadata = try footer(file, name: name)
        let leaves = try flatColumns(metadata.metadata.schema, name: name)
        let rows = Int(clamping: metadata.metadata.numRows)
        let groups = metadata.metadata.rowGroups
        guard rows >= 0, groups.reduce(0, { $0 + Int(clamping: $1.numRows) }) == rows else {
            throw DataError(file: name, message: "corrupt Parquet metadata: the row groups' rows do not add up to the file's \(rows)")
        }
        for (index, group) in groups.enumerated() where group.columns.count != leaves.count {
            throw DataError(file: name, message: "corrupt Parquet metadata: row group \(index + 1) has \(group.columns.count) columns, the schema \(leaves.count)")
        }
        if rows == 0 { throw DataError(file: name, message: "the file has no data rows") }
        // Storage is allocated for the claimed rows up front: a corrupt count must not reserve
        // terabytes. 65,536 rows a byte is far beyond what run-length encoding reaches in practice.
        guard rows / 65_536 <= file.count else {
            throw DataError(file: name, message: "corrupt Parquet metadata: \(rows) rows in a file of \(file.count) bytes")
        }
        let shared = SharedBytes(file)
        let dataRange = 4..<metadata.footerStart
        let results = Parallel.map(leaves.count) { index -> Result<Column, Error> in
            Result {
                try ParquetColumnDecoder(leaf: leaves[index], column: index, file: shared.bytes, dataRange: dataRange,
                                         rowGroups: groups, rows: rows).decode()
            }
        }
        var columns: [Column] = []
        for (index, result) in results.enumerated() {
            do {
                columns.append(try result.get())
            } catch {
                throw DataError(file: name, column: leaves[index].name, message: describe(error))
            }
        }
        let uniqued = ColumnNames.uniqued(columns.map(\.name))
        for index in columns.indices { columns[index].name = uniqued.names[index] }
        return CSVReadResult(table: Table(columns: columns), warnings: uniqued.warnings, delimiter: UInt8(ascii: ","), byteCount: file.count,
                             parquetTypes: types(leaves, names: uniqued.names))
    }

    /// The column types of the Parquet file at `path`, from its footer alone (a session replayed
    /// from embedded models does not read its source, but its output keeps the source's types).
    public static func columnTypes(path: String) throws -> ParquetSchemaHint {
        try CSVInput.checkRegularFile(path)
        let mapping = try MappedFile(path: path)
        return try withExtendedLifetime(mapping) {
            let metadata = try footer(mapping.bytes, name: path)
            let leaves = try flatColumns(metadata.metadata.schema, name: path)
            return types(leaves, names: ColumnNames.uniqued(leaves.map(\.name)).names)
        }
    }

    private static func types(_ leaves: [ParquetLeaf], names: [String]) -> ParquetSchemaHint {
        var types: ParquetSchemaHint = [:]
        for (leaf, name) in zip(leaves, names) {
            types[name] = ParquetColumnType(physical: leaf.physical, typeLength: leaf.typeLength, logical: leaf.logical)
        }
        return types
    }

    private static func describe(_ error: Error) -> String {
        switch error {
        case let failure as ParquetColumnDecoder.Failure: failure.message
        case let failure as ParquetDecoding.Failure: failure.message
        case let failure as ParquetCompression.Failure: failure.message
        case let failure as ThriftReader.Failure: "corrupt metadata: \(failure.message)"
        default: "\(error)"
        }
    }

    /// Checks the magic numbers at both ends and the footer's length, then decodes the footer.
    static func footer(_ file: UnsafeRawBufferPointer, name: String) throws -> (metadata: ParquetFileMetaData, footerStart: Int) {
        let size = file.count
        guard size >= 12 else { throw DataError(file: name, message: "not a Parquet file: \(size) bytes is too short (a Parquet file has at least 12)") }
        guard startsWithMagic(UnsafeRawBufferPointer(rebasing: file[0..<4])) else {
            throw DataError(file: name, message: "not a Parquet file: it does not start with PAR1")
        }
        let tail = Array(file[(size - 4)...])
        if tail == Array("PARE".utf8) { throw DataError(file: name, message: "encrypted Parquet files are not supported") }
        guard tail == magic else { throw DataError(file: name, message: "not a Parquet file: it does not end with PAR1 (is it truncated?)") }
        let length = Int(UInt32(littleEndian: file.loadUnaligned(fromByteOffset: size - 8, as: UInt32.self)))
        guard length <= size - 12 else {
            throw DataError(file: name, message: "not a Parquet file: footer length \(length) exceeds the file size (\(size) bytes)")
        }
        let footerStart = size - 8 - length
        var reader = ThriftReader(UnsafeRawBufferPointer(rebasing: file[footerStart..<(size - 8)]))
        do {
            return (try ParquetFileMetaData(reading: &reader), footerStart)
        } catch let failure as ThriftReader.Failure {
            throw DataError(file: name, message: "corrupt Parquet footer: \(failure.message)")
        }
    }

    /// The leaf columns of a flat schema; a group (struct, list, map) or a repeated field is refused.
    static func flatColumns(_ schema: [ParquetSchemaElement], name: String) throws -> [ParquetLeaf] {
        guard let root = schema.first else { throw DataError(file: name, message: "corrupt Parquet footer: an empty schema") }
        var leaves: [ParquetLeaf] = []
        for element in schema.dropFirst() {
            guard element.numChildren == 0, let physical = element.type else {
                throw DataError(file: name, column: element.name, message: "nested columns (structs, lists, maps) are not supported; Doppel reads flat tables")
            }
            guard element.repetition != 2 else {
                throw DataError(file: name, column: element.name, message: "repeated columns (lists) are not supported; Doppel reads flat tables")
            }
            let logical = element.logicalType
            let target: ParquetTarget
            switch (physical, logical) {
            case (_, .decimal(let scale, _)):
                var divisor = 1.0
                for _ in 0..<max(0, scale) { divisor *= 10 }
                target = .decimals(divisor: divisor)
            case (.int32, .date): target = .dates
            case (.int64, .timestamp(let unit, let utc)):
                target = .timestamps(perSecond: unit == .millis ? 1000 : unit == .micros ? 1_000_000 : 1_000_000_000, utc: utc)
            case (.int96, _): target = .timestamps(perSecond: 1_000_000_000, utc: false)
            case (.int32, _), (.int64, _): target = .integers
            case (.float, _), (.double, _): target = .decimals(divisor: 1)
            case (.boolean, _): target = .booleans
            case (.byteArray, _), (.fixedLenByteArray, _): target = .strings
            }
            if physical == .fixedLenByteArray, element.typeLength <= 0 {
                throw DataError(file: name, column: element.name, message: "corrupt Parquet schema: a fixed-length column of length \(element.typeLength)")
            }
            leaves.append(ParquetLeaf(name: element.name, physical: physical, typeLength: Int(element.typeLength),
                                      isOptional: element.repetition == 1, logical: logical, target: target))
        }
        guard Int(root.numChildren) == leaves.count else {
            throw DataError(file: name, message: "corrupt Parquet schema: the root has \(root.numChildren) children, the schema \(leaves.count) columns")
        }
        guard !leaves.isEmpty else { throw DataError(file: name, message: "the file has no columns") }
        return leaves
    }
}

/// The file's bytes, shared read-only with the threads that decode columns.
private final class SharedBytes: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }
}

/// A read-only memory mapping of a whole file, unmapped when released.
final class MappedFile {
    let bytes: UnsafeRawBufferPointer
    private let base: UnsafeMutableRawPointer?
    private let length: Int

    init(path: String) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw DataError(file: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw DataError(file: path, message: "cannot read: \(String(cString: strerror(errno)))") }
        length = Int(info.st_size)
        if length == 0 {
            base = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let mapped = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw DataError(file: path, message: "cannot map the file: \(String(cString: strerror(errno)))")
        }
        #if os(Linux)
        _ = madvise(mapped, length, MADV_WILLNEED)
        #endif
        base = mapped
        bytes = UnsafeRawBufferPointer(start: mapped, count: length)
    }

    deinit {
        if let base { munmap(base, length) }
    }
}
