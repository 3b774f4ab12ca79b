
/// A table read from CSV, with what the reader noticed on the way.
public struct CSVReadResult: Sendable {
    public var table: Table
    /// Things a person should know but that did not stop the read (renamed columns, padded rows).
    public var warnings: [String]
    /// The delimiter used (given or sniffed).
    public var delimiter: UInt8
    /// Bytes read (after decompression).
    public var byteCount: Int
}

/// Reads CSV into a columnar `Table`.
///
/// The input streams through in blocks of complete records: one thread splits a block into
/// fields, then the block's columns are parsed in parallel, each into its own `ColumnBuilder`.
/// Only one block of raw bytes is alive at a time, so memory stays near the size of the
/// typed columns, not the file.
public enum CSVReader {
    /// The default block size: large enough that per-block costs vanish, small enough to keep
    /// memory flat. Tests use tiny blocks to exercise every boundary case.
    public static let defaultBlockSize = 4 << 20

    public static func read(_ input: CSVInput, options: CSVReadOptions = CSVReadOptions(), blockSize: Int = defaultBlockSize) throws -> CSVReadResult {
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
        let nulls = NullTokenMatcher(tokens: options.nullTokens)
        var warnings: [String] = []

        var carry: [UInt8] = []
        var target = blockSize
        var baseOffset = 0
        var baseLine = 1
        var totalBytes = 0
        var endOfInput = false
        var tokenizer: CSVTokenizer?
        var builders: [ColumnBuilder] = []
        var delimiter = options.delimiter ?? UInt8(ascii: ",")
        var firstBlock = true

        while true {
            // Fill a block: the carried partial record, then fresh bytes.
            var bytes = carry
            bytes.reserveCapacity(target)
            while bytes.count < target && !endOfInput {
                let wanted = target - bytes.count
                let start = bytes.count
                var got = 0
                bytes.append(contentsOf: repeatElement(0, count: wanted))
                got = try bytes.withUnsafeMutableBytes { buffer in
                    try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
                }
                bytes.removeLast(wanted - got)
                if got == 0 { endOfInput = true }
                totalBytes += got
            }

            if firstBlock {
                if bytes.isEmpty { throw DataError(file: name, message: "the file is empty") }
                // A UTF-8 byte order mark is not part of the first column's name.
                if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
                    bytes.removeFirst(3)
                    baseOffset = 3
                }
                if options.delimiter == nil {
                    delimiter = bytes.withUnsafeBufferPointer { DelimiterSniffer.sniff($0) }
                }
                tokenizer = CSVTokenizer(delimiter: delimiter, ragged: options.ragged, sourceName: name)
            }

            var block = TokenizedBlock(bytes: bytes, baseOffset: baseOffset, baseLine: baseLine, columnCount: 0)
            let (consumed, lines) = try tokenizer!.tokenize(&block, isLast: endOfInput)
            if consumed == 0 && !endOfInput {
                // One record longer than the block: grow the block and try again.
                carry = bytes
                target *= 2
                continue
            }
            carry = consumed < bytes.count ? Array(bytes[consumed...]) : []
            baseOffset += consumed
            baseLine += lines

            if firstBlock {
                firstBlock = false
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
                builders = uniqued.names.map { ColumnBuilder(name: $0, sourceName: name, nulls: nulls) }
                if !endOfInput, !source.isCompressed, let size = input.sizeHint, block.recordCount > 0 {
                    // Estimate the row count from the first block's record length, with a margin.
                    let bytesPerRecord = Double(consumed) / Double(block.recordCount + (options.hasHeader ? 1 : 0))
                    let expected = Int(Double(size) / bytesPerRecord * 1.05) + 1024
                    for builder in builders { builder.reserveCapacity(expected) }
                }
            }

            try parseColumns(block, into: builders)
            if endOfInput { break }
        }

        if let tokenizer {
            if tokenizer.paddedRows > 0 {
                warnings.append("\(tokenizer.paddedRows) short rows were padded with nulls (first at line \(tokenizer.firstRaggedLine ?? 0))")
            }
            if tokenizer.truncatedRows > 0 {
                warnings.append("\(tokenizer.truncatedRows) long rows lost their extra fields (first at line \(tokenizer.firstRaggedLine ?? 0))")
            }
            if tokenizer.skippedRows > 0 {
                warnings.append("\(tokenizer.skippedRows) rows of the wrong length were skipped (first at line \(tokenizer.firstRaggedLine ?? 0))")
            }
        }
        let columns = builders.map { $0.finish() }
        if columns.first?.count ?? 0 == 0 {
            throw DataError(file: name, line: 2, message: options.hasHeader ? "the file has a header but no data rows" : "the file has no data rows")
        }
        return CSVReadResult(table: Table(columns: columns), warnings: warnings, delimiter: delimiter, byteCount: totalBytes)
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
    private static func parseColumns(_ block: TokenizedBlock, into builders: [ColumnBuilder]) throws {
        guard block.recordCount > 0 else { return }
        if builders.count == 1 || block.recordCount < 4096 {
            for (index, builder) in builders.enumerated() { try builder.append(block, column: index) }
            return
        }
        let errors = ParallelSlots<Error?>.map(builders.count) { index in
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

