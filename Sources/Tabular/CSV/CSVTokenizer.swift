/// Splits bytes into records and fields (RFC 4180), one block at a time.
///
/// It runs on one thread and only finds field boundaries; parsing the fields into typed columns
/// happens afterwards, column by column, on all cores. A block ends at the last complete
/// record, so the reader carries the partial record over to the next block.
struct CSVTokenizer {
    let delimiter: UInt8
    let ragged: CSVReadOptions.RaggedRowPolicy
    let sourceName: String
    /// Fixed by the header (or the first record); nil until then.
    var columnCount: Int?
    /// Rows dropped or changed by the ragged-row policy, for one warning at the end.
    var paddedRows = 0
    var truncatedRows = 0
    var skippedRows = 0
    var firstRaggedLine: Int?

    init(delimiter: UInt8, ragged: CSVReadOptions.RaggedRowPolicy, sourceName: String) {
        self.delimiter = delimiter
        self.ragged = ragged
        self.sourceName = sourceName
    }

    /// Tokenizes the complete records of `block.bytes`.
    ///
    /// - Returns: how many bytes were consumed (the rest is an incomplete record to carry over)
    ///   and how many physical lines they span.
    /// - Parameter isLast: true when no more input follows, so a final record without a newline
    ///   is complete and an open quote is an error.
    mutating func tokenize(_ block: inout TokenizedBlock, isLast: Bool) throws -> (consumed: Int, lines: Int) {
        let delimiter = self.delimiter
        let quote = UInt8(ascii: "\"")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let byteCount = block.bytes.count
        var starts = block.starts
        var ends = block.ends
        starts.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        if let columns = columnCount {
            let estimate = byteCount / max(1, 6 * columns) * columns
            starts.reserveCapacity(estimate)
            ends.reserveCapacity(estimate)
        }
        var consumed = 0
        var lines = 0
        var recordLine = block.baseLine

        try block.bytes.withUnsafeBufferPointer { bytes in
            var index = 0
            var recordFieldStart = starts.count
            var linesInRecord = 0
            recordLoop: while index <= byteCount {
                // At the start of a field.
                var fieldStart: Int
                var fieldEnd: Int
                var flags: UInt32 = 0
                var quoted = false
                var terminator: UInt8 = 0 // delimiter, newline, or 0 at the end of input
                if index < byteCount && bytes[index] == quote {
                    let openedAt = index
                    quoted = true
                    index += 1
                    fieldStart = index
                    while true {
                        while index < byteCount && bytes[index] != quote {
                            if bytes[index] == newline { linesInRecord += 1 }
                            index += 1
                        }
                        if index >= byteCount {
                            if !isLast { break recordLoop }
                            throw DataError(
                                file: sourceName, line: block.line(atByte: openedAt),
                                byteOffset: block.baseOffset + openedAt,
                                message: "unterminated quote: the quoted field opened here never closes")
                        }
                        if index + 1 < byteCount && bytes[index + 1] == quote {
                            flags = TokenizedBlock.escapedQuoteFlag
                            index += 2
                            continue
                        }
                        if index + 1 >= byteCount && !isLast { break recordLoop } // might be a doubled quote split by the block end
                        break
                    }
                    fieldEnd = index
                    index += 1
                    if index < byteCount {
                        let next = bytes[index]
                        if next == delimiter || next == newline {
                            terminator = next
                        } else if next == carriageReturn && index + 1 < byteCount && bytes[index + 1] == newline {
                            index += 1
                            terminator = newline
                        } else if next == carriageReturn && index + 1 >= byteCount && !isLast {
                            break recordLoop
                        } else {
                            throw DataError(
                                file: sourceName, line: block.line(atByte: index),
                                byteOffset: block.baseOffset + index,
                                message: "unexpected character after a closing quote; a quoted field must end at a delimiter or the end of the line")
                        }
                    } else if !isLast {
                        break recordLoop
                    }
                } else {
                    fieldStart = index
                    while index < byteCount {
                        let byte = bytes[index]
                        if byte == delimiter || byte == newline { break }
                        index += 1
                    }
                    if index >= byteCount && !isLast { break recordLoop }
                    fieldEnd = index
                    if index < byteCount {
                        terminator = bytes[index]
                        if terminator == newline && fieldEnd > fieldStart && bytes[fieldEnd - 1] == carriageReturn {
                            fieldEnd -= 1
                        }
                    }
                }
                starts.append(UInt32(truncatingIfNeeded: fieldStart))
                ends.append(UInt32(truncatingIfNeeded: fieldEnd) | flags)

                if terminator == delimiter {
                    index += 1
                    continue
                }
                // End of the record: a newline, or the end of the input.
                if index < byteCount { index += 1 ; linesInRecord += 1 }
                let fieldCount = starts.count - recordFieldStart
                // Blank lines carry no record (as in pandas), except in a one-column file, where
                // an empty line is an empty field: that is how a null is written there.
                let isBlankLine = fieldCount == 1 && !quoted && fieldEnd == fieldStart && (columnCount ?? 0) != 1
                if isBlankLine {
                    starts.removeLast()
                    ends.removeLast()
                } else {
                    try finishRecord(fieldCount: fieldCount, recordFieldStart: recordFieldStart, line: recordLine, starts: &starts, ends: &ends)
                }
                lines += linesInRecord
                recordLine += linesInRecord
                linesInRecord = 0
                recordFieldStart = starts.count
                consumed = index
                if index >= byteCount { break }
            }
            // Drop the fields of an incomplete record; they are tokenized again with the next block.
            if starts.count > recordFieldStart {
                starts.removeSubrange(recordFieldStart...)
                ends.removeSubrange(recordFieldStart...)
            }
        }
        block.starts = starts
        block.ends = ends
        block.columnCount = columnCount ?? 0
        return (consumed, lines)
    }

    private mutating func finishRecord(
        fieldCount: Int, recordFieldStart: Int, line: Int,
        starts: inout [UInt32], ends: inout [UInt32]
    ) throws {
        guard let expected = columnCount else {
            columnCount = fieldCount
            return
        }
        if fieldCount == expected { return }
        if firstRaggedLine == nil { firstRaggedLine = line }
        switch ragged {
        case .error:
            throw DataError(
                file: sourceName, line: line,
                message: "expected \(expected) fields but found \(fieldCount) (use --ragged pad or --ragged skip to accept such rows)")
        case .skip:
            starts.removeSubrange(recordFieldStart...)
            ends.removeSubrange(recordFieldStart...)
            skippedRows += 1
        case .pad:
            if fieldCount < expected {
                for _ in fieldCount..<expected {
                    starts.append(TokenizedBlock.missingField)
                    ends.append(0)
                }
                paddedRows += 1
            } else {
                starts.removeSubrange((recordFieldStart + expected)...)
                ends.removeSubrange((recordFieldStart + expected)...)
                truncatedRows += 1
            }
        }
    }
}
