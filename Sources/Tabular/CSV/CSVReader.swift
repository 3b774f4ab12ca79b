/// A table read from CSV, with what the reader noticed on the way.
public struct CSVReadResult: Sendable {
    public var table: Table
    /// Things a person should know but that did not stop the read (renamed columns, padded rows).
    public var warnings: [String]
    /// The delimiter used (given or sniffed).
    public var delimiter: UInt8
    /// Bytes read (after decompression).
    public var byteCount: Int
    /// A Parquet source's column types, for output written as Parquet to keep; empty otherwise.
    public var parquetTypes: ParquetSchemaHint = [:]
}

/// Reads CSV into a columnar `Table` (and JSON Lines through `JSONLinesReader`, Parquet through
/// `ParquetReader`, each by extension or content).
///
/// The input streams through in blocks of complete records: a producer thread reads and splits
/// each block into fields (`BlockProducer`) while the previous block's columns are parsed in
/// parallel, each into its own `ColumnBuilder`. Only a few blocks of raw bytes are alive at a
/// time, so memory stays near the size of the typed columns, not the file.
public enum CSVReader {
    /// The default block size: large enough that per-block costs vanish, small enough to keep
    /// memory flat. Tests use tiny blocks to exercise every boundary case.
    public static let defaultBlockSize = 2 << 20

    public static func read(_ input: CSVInput, options: CSVReadOptions = CSVReadOptions(), blockSize: Int = defaultBlockSize) throws -> CSVReadResult {
        // JSON Lines by extension: every command that reads a table comes through here.
        if case .path(let path) = input, JSONLinesReader.isJSONLinesPath(path) {
            return try JSONLinesReader.read(input)
        }
        // Parquet by extension: every command that reads a table comes through here too.
        if case .path(let path) = input, ParquetReader.isParquetPath(path) {
            return try ParquetReader.read(path: path)
        }
        let name = input.displayName
        do {
            return try readUnchecked(input, options: options, blockSize: max(16, blockSize))
        } catch let error as ByteSourceError {
            switch error {
            case .readFailed(let reason): throw DataError(file: name, message: "read failed: \(reason)")
            case .corruptGzip(let reason): throw DataError(file: name, message: "corrupt gzip data: \(reason)")
            }
        }
    }

    /// Reads a file given as it is on the command line (`-` for stdin).
    public static func read(path: String, options: CSVReadOptions = CSVReadOptions()) throws -> CSVReadResult {
        try read(CSVInput(argument: path), options: options)
    }

    private static func readUnchecked(_ input: CSVInput, options: CSVReadOptions, blockSize: Int) throws -> CSVReadResult {
        let name = input.displayName
        let source = try input.open()
        // Parquet by content (the magic PAR1), for standard input and names that do not say CSV.
        if source.startsWithParquetMagic, !isCSVPath(input) {
            if case .path(let path) = input { return try ParquetReader.read(path: path) }
            return try ParquetReader.read(bytes: try source.readAll(), name: name)
        }
        // JSON Lines by content, for standard input and names that do not say CSV.
        if source.startsLikeJSONObject, !isCSVPath(input) {
            return try JSONLinesReader.read(opened: source, name: name)
        }
        let nulls = NullTokenMatcher(tokens: options.nullTokens)
        var warnings: [String] = []
        var builders: [ColumnBuilder] = []
        var firstBlock = true

        let producer = BlockProducer(source: source, options: options, name: name, blockSize: blockSize,
                                     sizeHint: source.isCompressed ? nil : input.sizeHint)
        producer.start()
        loop: while true {
            switch producer.next() {
            case .failure(let error):
                throw error
            case .block(var block):
                do {
                    if firstBlock {
                        firstBlock = false
                        builders = try makeBuilders(&block, options: options, nulls: nulls, name: name, warnings: &warnings)
                        if let size = input.sizeHint, !source.isCompressed, block.consumedBytes < size {
                            // Estimate the row count from the first block's record length, with a margin,
                            // so that columns are allocated once.
                            let records = block.recordCount + (options.hasHeader ? 1 : 0)
                            let bytesPerRecord = Double(block.consumedBytes) / Double(max(1, records))
                            let expected = Int(Double(size) / bytesPerRecord * 1.05) + 1024
                            for builder in builders { builder.reserveCapacity(expected) }
                        }
                    }
                    try parseColumns(block, into: builders)
                } catch {
                    producer.cancel()
                    throw error
                }
                producer.recycle(block)
            case .end(let tokenizer, let totalBytes, let delimiter):
                if let tokenizer { warnings += raggedWarnings(tokenizer) }
                // Dates written as digits (20130815) are recognised per column, never per value.
                let columns = builders.map { builder in
                    let column = builder.finish()
                    return EncodedDates.recognise(column) ?? column
                }
                if columns.first?.count ?? 0 == 0 {
                    throw DataError(file: name, line: 2, message: options.hasHeader ? "the file has a header but no data rows" : "the file has no data rows")
                }
                return CSVReadResult(table: Table(columns: columns), warnings: warnings, delimiter: delimiter, byteCount: totalBytes)
            }
        }
    }

    static func isCSVPath(_ input: CSVInput) -> Bool {
        guard case .path(let path) = input else { return false }
        let lower = path.lowercased()
        return [".csv", ".tsv", ".csv.gz", ".tsv.gz"].contains { lower.hasSuffix($0) }
    }

    /// Takes the column names from the first block (removing the header record) and makes a
    /// builder per column.
    static func makeBuilders(
        _ block: inout TokenizedBlock, options: CSVReadOptions, nulls: NullTokenMatcher, name: String, warnings: inout [String]
    ) throws -> [ColumnBuilder] {
        guard block.recordCount > 0 else { throw DataError(file: name, message: "the file has no records (only blank lines)") }
        let columnCount = block.columnCount
        var names: [String]
        if options.hasHeader {
            names = try headerNames(block, sourceName: name)
            block.starts.removeFirst(columnCount)
            block.ends.removeFirst(columnCount)
        } else {
            names = ColumnNames.generated(count: columnCount)
        }
        let uniqued = ColumnNames.uniqued(names)
        warnings += uniqued.warnings
        return uniqued.names.map { ColumnBuilder(name: $0, sourceName: name, nulls: nulls) }
    }

    static func raggedWarnings(_ tokenizer: CSVTokenizer) -> [String] {
        let line = tokenizer.firstRaggedLine ?? 0
        var warnings: [String] = []
        if tokenizer.paddedRows > 0 { warnings.append("\(tokenizer.paddedRows) short rows were padded with nulls (first at line \(line))") }
        if tokenizer.truncatedRows > 0 { warnings.append("\(tokenizer.truncatedRows) long rows lost their extra fields (first at line \(line))") }
        if tokenizer.skippedRows > 0 { warnings.append("\(tokenizer.skippedRows) rows of the wrong length were skipped (first at line \(line))") }
        return warnings
    }

    private static func headerNames(_ block: TokenizedBlock, sourceName: String) throws -> [String] {
        var scratch: [UInt8] = []
        return try block.bytes.withUnsafeBufferPointer { bytes in
            try (0..<block.columnCount).map { column in
                try FieldText.withField(bytes, start: block.starts[column], end: block.ends[column], scratch: &scratch) { field in
                    guard let field else { return "" }
                    if let bad = UTF8Validation.firstInvalidByte(field) {
                        let offset = Int(block.starts[column]) + bad
                        throw DataError(file: sourceName, line: block.line(atByte: offset), byteOffset: block.baseOffset + offset,
                                        message: "invalid UTF-8 in the header (the file must be UTF-8 encoded)")
                    }
                    return String(decoding: field, as: UTF8.self)
                }
            }
        }
    }

    /// Parses each column of the block on its own thread; reports the earliest error in the file.
    static func parseColumns(_ block: TokenizedBlock, into builders: [ColumnBuilder]) throws {
        guard block.recordCount > 0 else { return }
        // Small blocks are not worth waking other threads for.
        if builders.count == 1 || block.recordCount * builders.count < 16_384 {
            for (index, builder) in builders.enumerated() { try builder.append(block, column: index) }
            return
        }
        let errors = Parallel.map(builders.count) { index -> Error? in
            do {
                try builders[index].append(block, column: index)
                return nil
            } catch {
                return error
            }
        }
        let earliest = errors.compactMap { $0 }.min {
            ($0 as? DataError)?.byteOffset ?? .max < ($1 as? DataError)?.byteOffset ?? .max
        }
        if let earliest { throw earliest }
    }
}

