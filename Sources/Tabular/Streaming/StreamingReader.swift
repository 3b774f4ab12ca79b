import Foundation

/// What to keep of a file read as a stream.
public struct StreamingSettings: Sendable, Hashable {
    /// Rows in the uniform sample the joint model and the rules are fitted on.
    public var reservoirRows: Int
    /// Draws the reservoir and the sketches' coin flips: a fit on the same file and seed is the same.
    public var seed: UInt64
    public var exactLimit: Int
    public var sketchK: Int

    /// 1,000,000 rows: quantiles of the sample within about 0.1% of rank, in about 100 MB for a
    /// table of ten columns.
    public static let defaultReservoirRows = 1_000_000

    public init(reservoirRows: Int = StreamingSettings.defaultReservoirRows, seed: UInt64,
                exactLimit: Int = ColumnMarginal.defaultExactLimit, sketchK: Int = QuantileSketch.defaultK) {
        self.reservoirRows = reservoirRows
        self.seed = seed
        self.exactLimit = exactLimit
        self.sketchK = sketchK
    }
}

/// A file read in one pass in bounded memory: each column's marginal over every row, and a
/// uniform reservoir sample of the rows, read as a table.
public struct StreamedTable: Sendable {
    /// The sampled rows, in file order, typed as a file of those rows would be.
    public let reservoir: Table
    /// One per column of `reservoir`, in the same order, over every row of the file.
    public let marginals: [ColumnMarginal]
    /// Data rows in the file.
    public var rowCount: Int
    public var byteCount: Int
    public var warnings: [String]
    public var settings: StreamingSettings
    /// How each column's marginal is known; found once (it reads every sampled value).
    public let marginalSources: [MarginalSource]

    init(reservoir: Table, marginals: [ColumnMarginal], rowCount: Int, byteCount: Int, warnings: [String], settings: StreamingSettings) {
        self.reservoir = reservoir
        self.marginals = marginals
        self.rowCount = rowCount
        self.byteCount = byteCount
        self.warnings = warnings
        self.settings = settings
        marginalSources = zip(reservoir.columns, marginals).map { Self.source(of: $1, like: $0) }
    }
}

/// Reads a CSV file (plain or gzip) block by block, keeping only the marginals and the reservoir:
/// memory stays near the reservoir's size, whatever the file's.
///
/// Each block is tokenized on the producer's thread, as `CSVReader` does, then parsed into typed
/// columns (one thread per column) that feed the marginals and are dropped. Rows the reservoir
/// keeps are written back as CSV records, and at the end those records are read as one small
/// file, so the sample's column types are decided over all of its rows at once.
public enum StreamingReader {
    /// - Parameters:
    ///   - progress: called after each block with the bytes read so far and the input's size
    ///     when known (compressed input: nil).
    ///   - rawBytes: sees every byte of the file in order, as read (before decompression), on
    ///     the reading thread: a caller hashes the file in the same pass.
    public static func read(_ input: CSVInput, options: CSVReadOptions = CSVReadOptions(), settings: StreamingSettings,
                            blockSize: Int = CSVReader.defaultBlockSize,
                            progress: ((_ bytes: Int, _ total: Int?) -> Void)? = nil,
                            rawBytes: ((UnsafeRawBufferPointer) -> Void)? = nil) throws -> StreamedTable {
        let name = input.displayName
        do {
            return try readUnchecked(input, options: options, settings: settings, blockSize: max(16, blockSize), progress: progress,
                                     rawBytes: rawBytes)
        } catch let error as ByteSourceError {
            switch error {
            case .readFailed(let reason): throw DataError(file: name, message: "read failed: \(reason)")
            case .corruptGzip(let reason): throw DataError(file: name, message: "corrupt gzip data: \(reason)")
            }
        }
    }

    /// About how much memory a CSV file's table takes when loaded whole: 1.8 times its size (8 times
    /// a gzip file's); nil for what is not streamed (not a regular file, Parquet, JSON Lines).
    public static func estimatedTableBytes(_ path: String) -> Int? {
        var info = stat()
        guard path != "-", stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, canStream(.path(path)) else { return nil }
        let factor = path.lowercased().hasSuffix(".gz") ? 8.0 : 1.8
        return Int(Double(info.st_size) * factor)
    }

    /// Whether the input can be streamed: CSV, plain or gzip (Parquet and JSON Lines are read whole).
    public static func canStream(_ input: CSVInput) -> Bool {
        if case .path(let path) = input {
            if JSONLinesReader.isJSONLinesPath(path) || ParquetReader.isParquetPath(path) { return false }
            if CSVReader.isCSVPath(input) { return true }
        }
        guard let source = try? input.open() else { return false }
        return !source.startsWithParquetMagic && !source.startsLikeJSONObject
    }

    private static func readUnchecked(_ input: CSVInput, options: CSVReadOptions, settings: StreamingSettings, blockSize: Int,
                                      progress: ((Int, Int?) -> Void)?, rawBytes: ((UnsafeRawBufferPointer) -> Void)?) throws -> StreamedTable {
        let name = input.displayName
        let source = try input.open(tap: rawBytes)
        if source.startsWithParquetMagic || source.startsLikeJSONObject, !CSVReader.isCSVPath(input) {
            throw DataError(file: name, message: "only CSV files (plain or gzip) are read as a stream; this one is Parquet or JSON Lines, which is read whole")
        }
        let nulls = NullTokenMatcher(tokens: options.nullTokens)
        let total = source.isCompressed ? nil : input.sizeHint
        var warnings: [String] = []
        var names: [String] = []
        var marginals: [MarginalBox] = []
        let reservoir = ReservoirBox(RowReservoir(capacity: settings.reservoirRows, seed: settings.seed))
        var rowsSeen = 0
        var firstBlock = true

        let producer = BlockProducer(source: source, options: options, name: name, blockSize: blockSize, sizeHint: total)
        producer.start()
        while true {
            switch producer.next() {
            case .failure(let error):
                throw error
            case .block(var block):
                do {
                    let builders: [ColumnBuilder]
                    if firstBlock {
                        firstBlock = false
                        builders = try CSVReader.makeBuilders(&block, options: options, nulls: nulls, name: name, warnings: &warnings)
                        names = builders.map(\.name)
                        marginals = names.map { MarginalBox(ColumnMarginal(name: $0, exactLimit: settings.exactLimit,
                                                                           sketchK: settings.sketchK, seed: settings.seed)) }
                    } else {
                        builders = names.map { ColumnBuilder(name: $0, sourceName: name, nulls: nulls) }
                    }
                    // One task per column (parse, then count into its marginal) and one for the
                    // reservoir: each touches only its own box, so none waits for another.
                    let boxes = marginals, first = rowsSeen, parsed = block
                    let errors = Parallel.map(builders.count + 1) { index -> Error? in
                        guard index < builders.count else {
                            keepRows(of: parsed, from: first, in: &reservoir.reservoir)
                            return nil
                        }
                        do {
                            try builders[index].append(parsed, column: index)
                        } catch {
                            return error
                        }
                        let column = builders[index].finish()
                        boxes[index].marginal.add(EncodedDates.recognise(column) ?? column)
                        return nil
                    }
                    // The earliest error in the file, as the whole-file reader reports it.
                    if let earliest = errors.compactMap({ $0 }).min(by: {
                        ($0 as? DataError)?.byteOffset ?? .max < ($1 as? DataError)?.byteOffset ?? .max
                    }) { throw earliest }
                    rowsSeen += block.recordCount
                } catch {
                    producer.cancel()
                    throw error
                }
                progress?(block.baseOffset + block.consumedBytes, total)
                producer.recycle(block)
            case .end(let tokenizer, let totalBytes, _):
                if let tokenizer { warnings += CSVReader.raggedWarnings(tokenizer) }
                if rowsSeen == 0 {
                    throw DataError(file: name, line: 2, message: options.hasHeader ? "the file has a header but no data rows" : "the file has no data rows")
                }
                let sample = try readReservoir(reservoir.reservoir, names: names, options: options, name: name)
                return StreamedTable(reservoir: sample, marginals: marginals.map(\.marginal), rowCount: rowsSeen, byteCount: totalBytes,
                                     warnings: warnings, settings: settings)
            }
        }
    }

    /// Offers the block's rows to the reservoir, writing the kept ones as CSV records.
    private static func keepRows(of block: TokenizedBlock, from firstRow: Int, in reservoir: inout RowReservoir) {
        let columns = block.columnCount
        var scratch: [UInt8] = []
        block.bytes.withUnsafeBufferPointer { bytes in
            for record in 0..<block.recordCount where reservoir.wants(firstRow + record) {
                reservoir.keep(firstRow + record) { line in
                    for column in 0..<columns {
                        if column > 0 { line.append(UInt8(ascii: ",")) }
                        let field = record * columns + column
                        FieldText.withField(bytes, start: block.starts[field], end: block.ends[field], scratch: &scratch) { content in
                            if let content { appendQuoted(content, to: &line) }
                        }
                    }
                }
            }
        }
    }

    /// A field as CSV: quoted when it holds a comma, a quote, a line break, or space at an end.
    private static func appendQuoted(_ field: UnsafeBufferPointer<UInt8>, to line: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        let needsQuotes = field.contains { $0 == UInt8(ascii: ",") || $0 == quote || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
            || field.first == UInt8(ascii: " ") || field.last == UInt8(ascii: " ")
        guard needsQuotes else {
            line.append(contentsOf: field)
            return
        }
        line.append(quote)
        for byte in field {
            if byte == quote { line.append(quote) }
            line.append(byte)
        }
        line.append(quote)
    }

    /// The kept records, in file order, read as one CSV file with the source's null tokens.
    private static func readReservoir(_ reservoir: RowReservoir, names: [String], options: CSVReadOptions, name: String) throws -> Table {
        var bytes: [UInt8] = []
        var scratch: [UInt8] = []
        for (index, column) in names.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            scratch = Array(column.utf8)
            scratch.withUnsafeBufferPointer { appendQuoted($0, to: &bytes) }
        }
        bytes.append(UInt8(ascii: "\n"))
        for row in reservoir.inFileOrder {
            bytes.append(contentsOf: row.record)
            bytes.append(UInt8(ascii: "\n"))
        }
        let sampleOptions = CSVReadOptions(delimiter: UInt8(ascii: ","), hasHeader: true, nullTokens: options.nullTokens, ragged: .error)
        return try CSVReader.read(.bytes(bytes, name: name + " (reservoir sample)"), options: sampleOptions).table
    }
}

/// The reservoir, updated by one task while the columns are parsed by others.
private final class ReservoirBox: @unchecked Sendable {
    var reservoir: RowReservoir
    init(_ reservoir: RowReservoir) { self.reservoir = reservoir }
}

/// A marginal that one thread updates in place while other threads update theirs.
private final class MarginalBox: @unchecked Sendable {
    var marginal: ColumnMarginal
    init(_ marginal: ColumnMarginal) { self.marginal = marginal }
}
