/// Reads JSON Lines (one flat JSON object per line) into the same `Table` the CSV reader makes.
///
/// The columns are the union of the keys, in order of first appearance; a missing key or `null`
/// is a null. Each value's text goes through the CSV reader's `ColumnBuilder`, so storage,
/// number styles, dates and the kinds inference proposes come out as for the same data in CSV:
/// numbers as numbers, `true`/`false` as the CSV reader's true/false booleans, dates and times
/// as the CSV reader finds them in text. A JSON string that would read as a number or boolean
/// (`"00123"` aside, `"42"`, `"yes"`) makes its column text, since the file said it was text.
/// Null tokens (`--null`) do not apply: only `null` and a missing key are null.
///
/// A hand-written scanner, not `JSONSerialization` per line: on 100,000 lines of diamonds
/// (10 keys, 14 MB) `doppel load` reads the file into columns in 0.27 s, whole process, while
/// `JSONSerialization` alone took 0.53 s just to parse the lines into dictionaries (release
/// builds, a busy 2-core machine), before any value went into column storage. The
/// scanner also knows the line and column of every error, which `JSONSerialization` does not
/// report reliably.
///
/// The input streams in chunks of whole lines, so memory stays near the columns plus one chunk.
public enum JSONLinesReader {
    public static let defaultChunkSize = 4 << 20

    /// Whether a path names JSON Lines by its extension (gzip is recognised by content anyway).
    public static func isJSONLinesPath(_ path: String) -> Bool {
        let lower = path.lowercased()
        return [".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"].contains { lower.hasSuffix($0) }
    }

    /// Reads JSON Lines from `input`; errors name the file, the line and, for a bad token, the
    /// column (in bytes, 1-based).
    public static func read(_ input: CSVInput, chunkSize: Int = defaultChunkSize) throws -> CSVReadResult {
        let name = input.displayName
        do {
            return try readUnchecked(input, chunkSize: max(16, chunkSize))
        } catch let error as ByteSourceError {
            switch error {
            case .readFailed(let reason): throw DataError(file: name, message: "read failed: \(reason)")
            case .corruptGzip(let reason): throw DataError(file: name, message: "corrupt gzip data: \(reason)")
            }
        }
    }

    private static func readUnchecked(_ input: CSVInput, chunkSize: Int) throws -> CSVReadResult {
        try read(opened: input.open(), name: input.displayName, chunkSize: chunkSize)
    }

    /// Reads from a source already opened (the CSV reader's, once it has seen JSON by content).
    static func read(opened source: GzipDetectingSource, name: String, chunkSize: Int = defaultChunkSize) throws -> CSVReadResult {
        var reader = LinesToColumns(name: name)
        var pending: [UInt8] = []
        var scratch = [UInt8](repeating: 0, count: chunkSize)
        var total = 0
        var ended = false
        var first = true
        var wanted = chunkSize
        while !ended {
            while pending.count < wanted {
                let count = try scratch.withUnsafeMutableBytes { try source.read(into: $0) }
                if count == 0 { ended = true; break }
                pending.append(contentsOf: scratch[0..<count])
                total += count
            }
            if first {
                first = false
                // A UTF-8 byte order mark is not part of the first key.
                if pending.count >= 3 && pending[0] == 0xEF && pending[1] == 0xBB && pending[2] == 0xBF {
                    pending.removeFirst(3)
                }
            }
            let end = ended ? pending.count : (pending.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0)
            // A line longer than the chunk: read more before looking again.
            guard end > 0 else { wanted = pending.count + chunkSize; continue }
            wanted = chunkSize
            let chunk = end == pending.count ? pending : Array(pending[0..<end])
            pending.removeFirst(end)
            try reader.append(chunk)
        }
        let table = try reader.finish()
        return CSVReadResult(table: table, warnings: [], delimiter: UInt8(ascii: ","), byteCount: total)
    }
}

/// Scans chunks of whole lines and feeds each key's values to its column's builder.
private struct LinesToColumns {
    let name: String
    private var names: [String] = []
    private var keys: [[UInt8]] = []
    private var index: [[UInt8]: Int] = [:]
    private var builders: [ColumnBuilder] = []
    /// Columns already turned into text (a JSON string in them read as a number or boolean).
    private var isText: [Bool] = []
    private var rows = 0
    private var line = 1
    private var offset = 0
    private let nulls = NullTokenMatcher(tokens: [])

    init(name: String) { self.name = name }

    private static let missing = TokenizedBlock.missingField

    mutating func append(_ chunk: [UInt8]) throws {
        let baseLine = line
        let baseOffset = offset
        var starts: [[UInt32]] = keys.map { _ in [] }
        var ends: [[UInt32]] = keys.map { _ in [] }
        // Strings with escapes are unescaped here, and placed after the chunk's bytes.
        var unescaped: [UInt8] = []
        var needsText = [Bool](repeating: false, count: keys.count)
        var rowStarts = [UInt32](repeating: Self.missing, count: keys.count)
        var rowEnds = [UInt32](repeating: Self.missing, count: keys.count)
        var rowsInChunk = 0
        let count = chunk.count

        try chunk.withUnsafeBufferPointer { p in
            var i = 0
            while i < count {
                var lineEnd = i
                while lineEnd < count && p[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                defer { i = lineEnd + 1; line += 1 }
                let lineStart = i
                func fail(_ at: Int, _ message: String) -> DataError {
                    let what = at >= lineEnd ? "unexpected end of line" : "unexpected \(Self.describe(p[at]))"
                    return DataError(file: name, line: line, message: "column \(at - lineStart + 1): \(what), \(message)")
                }
                var j = Self.skipSpace(p, i, lineEnd)
                if j == lineEnd { continue }  // a blank line
                guard p[j] == UInt8(ascii: "{") else {
                    throw DataError(file: name, line: line, message: "expected an object (one flat JSON object per line)")
                }
                for c in 0..<rowStarts.count { rowStarts[c] = Self.missing; rowEnds[c] = Self.missing }
                j = Self.skipSpace(p, j + 1, lineEnd)
                var expected = 0
                if j < lineEnd && p[j] == UInt8(ascii: "}") {
                    j += 1
                } else {
                    while true {
                        guard j < lineEnd, p[j] == UInt8(ascii: "\"") else { throw fail(j, "expected a key in double quotes") }
                        let key = try Self.scanString(p, &j, lineEnd, unescaped: &unescaped, base: count, fail: fail)
                        let column = try Self.withField(p, key, unescaped, base: count) { keyBytes -> Int in
                            if expected < keys.count, keyBytes.elementsEqual(keys[expected]) { return expected }
                            let array = Array(keyBytes)
                            if let known = index[array] { return known }
                            // A new key: a new column, null in every row before this one.
                            let column = keys.count
                            keys.append(array)
                            index[array] = column
                            let keyName = String(decoding: array, as: UTF8.self)
                            names.append(keyName)
                            let builder = ColumnBuilder(name: keyName, sourceName: name, nulls: nulls)
                            if rows > 0 {
                                let padding = TokenizedBlock(bytes: [], baseOffset: baseOffset, baseLine: baseLine, columnCount: 1,
                                                             starts: Array(repeating: Self.missing, count: rows),
                                                             ends: Array(repeating: Self.missing, count: rows))
                                try builder.append(padding, column: 0)
                            }
                            builders.append(builder)
                            isText.append(false)
                            needsText.append(false)
                            starts.append(Array(repeating: Self.missing, count: rowsInChunk))
                            ends.append(Array(repeating: Self.missing, count: rowsInChunk))
                            rowStarts.append(Self.missing)
                            rowEnds.append(Self.missing)
                            return column
                        }
                        expected = column + 1
                        j = Self.skipSpace(p, j, lineEnd)
                        guard j < lineEnd, p[j] == UInt8(ascii: ":") else { throw fail(j, "expected ':' after key '\(names[column])'") }
                        j = Self.skipSpace(p, j + 1, lineEnd)
                        guard j < lineEnd else { throw fail(j, "expected a value for key '\(names[column])'") }
                        let valueStart = j
                        switch p[j] {
                        case UInt8(ascii: "\""):
                            let value = try Self.scanString(p, &j, lineEnd, unescaped: &unescaped, base: count, fail: fail)
                            rowStarts[column] = value.start
                            rowEnds[column] = value.end
                            if !isText[column] && !needsText[column] {
                                needsText[column] = Self.withField(p, value, unescaped, base: count) { text in
                                    NumberParser.parse(text) != .notNumber || BooleanTokens.match(text) != nil
                                }
                            }
                        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                            guard let end = Self.scanNumber(p, j, lineEnd) else { throw fail(j, "expected a JSON number") }
                            rowStarts[column] = UInt32(j)
                            rowEnds[column] = UInt32(end)
                            j = end
                        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                            let literal: StaticString = p[j] == UInt8(ascii: "t") ? "true" : p[j] == UInt8(ascii: "f") ? "false" : "null"
                            let length = literal.utf8CodeUnitCount
                            guard lineEnd - j >= length,
                                  UnsafeBufferPointer(rebasing: p[j..<(j + length)]).elementsEqual(UnsafeBufferPointer(start: literal.utf8Start, count: length))
                            else { throw fail(j, "expected a JSON value") }
                            if p[j] != UInt8(ascii: "n") {
                                rowStarts[column] = UInt32(j)
                                rowEnds[column] = UInt32(j + length)
                            } else {
                                rowStarts[column] = Self.missing
                                rowEnds[column] = Self.missing
                            }
                            j += length
                        case UInt8(ascii: "{"), UInt8(ascii: "["):
                            throw DataError(file: name, line: line,
                                            message: "key '\(names[column])': nested objects and arrays are not supported (flatten them first)")
                        default:
                            throw fail(valueStart, "expected a JSON value")
                        }
                        j = Self.skipSpace(p, j, lineEnd)
                        if j < lineEnd && p[j] == UInt8(ascii: ",") {
                            j = Self.skipSpace(p, j + 1, lineEnd)
                            continue
                        }
                        if j < lineEnd && p[j] == UInt8(ascii: "}") { j += 1; break }
                        throw fail(j, "expected ',' or '}'")
                    }
                }
                j = Self.skipSpace(p, j, lineEnd)
                guard j == lineEnd else { throw fail(j, "expected the end of the line after the object") }
                for c in 0..<rowStarts.count {
                    starts[c].append(rowStarts[c])
                    ends[c].append(rowEnds[c])
                }
                rowsInChunk += 1
            }
        }
        offset += count
        guard rowsInChunk > 0 else { return }
        var bytes = chunk
        bytes.append(contentsOf: unescaped)
        for column in builders.indices where needsText[column] && !isText[column] {
            builders[column].widenToText()
            isText[column] = true
        }
        let blocks = builders.indices.map { column in
            TokenizedBlock(bytes: bytes, baseOffset: baseOffset, baseLine: baseLine, columnCount: 1,
                           starts: starts[column], ends: ends[column])
        }
        let parsers = builders
        if parsers.count == 1 || rowsInChunk * parsers.count < 16_384 {
            for column in parsers.indices { try parsers[column].append(blocks[column], column: 0) }
        } else {
            let errors = Parallel.map(parsers.count) { column -> Error? in
                do { try parsers[column].append(blocks[column], column: 0); return nil } catch { return error }
            }
            if let first = errors.compactMap({ $0 }).first { throw first }
        }
        rows += rowsInChunk
    }

    func finish() throws -> Table {
        guard rows > 0, !builders.isEmpty else { throw DataError(file: name, message: "the file has no data rows (no JSON objects with keys)") }
        let columns = builders.map { builder in
            let column = builder.finish()
            return EncodedDates.recognise(column) ?? column
        }
        return Table(columns: columns)
    }

    // MARK: Scanning

    @inline(__always)
    private static func skipSpace(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> Int {
        var j = from
        while j < end {
            let byte = p[j]
            guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") else { break }
            j += 1
        }
        return j
    }

    /// The end of a number in JSON's grammar, `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    private static func scanNumber(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> Int? {
        var j = from
        func digits() -> Int {
            let start = j
            while j < end && p[j] &- UInt8(ascii: "0") <= 9 { j += 1 }
            return j - start
        }
        if p[j] == UInt8(ascii: "-") { j += 1 }
        guard j < end else { return nil }
        if p[j] == UInt8(ascii: "0") { j += 1 } else if digits() == 0 { return nil }
        if j < end && p[j] == UInt8(ascii: ".") {
            j += 1
            guard digits() > 0 else { return nil }
        }
        if j < end && (p[j] | 0x20) == UInt8(ascii: "e") {
            j += 1
            if j < end && (p[j] == UInt8(ascii: "+") || p[j] == UInt8(ascii: "-")) { j += 1 }
            guard digits() > 0 else { return nil }
        }
        return j
    }

    /// A string's content as a range: into the chunk when it has no escapes, else into
    /// `unescaped` (offsets from `base`, where it will sit after the chunk). `j` moves past the
    /// closing quote.
    private static func scanString(
        _ p: UnsafeBufferPointer<UInt8>, _ j: inout Int, _ end: Int, unescaped: inout [UInt8], base: Int,
        fail: (Int, String) -> DataError
    ) throws -> (start: UInt32, end: UInt32) {
        let open = j
        var k = j + 1
        var escaped = false
        while true {
            guard k < end else { throw fail(k, "unterminated string") }
            let byte = p[k]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") { escaped = true; k += 2; continue }
            if byte < 0x20 { throw fail(k, "control characters in a string must be escaped") }
            k += 1
        }
        j = k + 1
        guard escaped else { return (UInt32(open + 1), UInt32(k)) }
        let start = unescaped.count
        var m = open + 1
        while m < k {
            let byte = p[m]
            guard byte == UInt8(ascii: "\\") else { unescaped.append(byte); m += 1; continue }
            let code = p[m + 1]
            switch code {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(code)
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "u"):
                guard var scalar = Self.hex4(p, m + 2, k) else { throw fail(m, "expected four hex digits after \\u") }
                m += 6
                if (0xD800..<0xDC00).contains(scalar), m + 1 < k, p[m] == UInt8(ascii: "\\"), p[m + 1] == UInt8(ascii: "u"),
                   let low = Self.hex4(p, m + 2, k), (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    m += 6
                }
                let character = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                unescaped.append(contentsOf: Array(String(character).utf8))
                continue
            default:
                throw fail(m, "unknown escape in a string")
            }
            m += 2
        }
        return (UInt32(base + start), UInt32(base + unescaped.count))
    }

    private static func hex4(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ end: Int) -> UInt32? {
        guard from + 4 <= end else { return nil }
        var value: UInt32 = 0
        for m in from..<(from + 4) {
            let byte = p[m]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    /// Calls `body` with a scanned string's bytes, wherever they are.
    private static func withField<R>(
        _ p: UnsafeBufferPointer<UInt8>, _ field: (start: UInt32, end: UInt32), _ unescaped: [UInt8], base: Int,
        _ body: (UnsafeBufferPointer<UInt8>) throws -> R
    ) rethrows -> R {
        let start = Int(field.start), end = Int(field.end)
        if start < base { return try body(UnsafeBufferPointer(rebasing: p[start..<end])) }
        return try unescaped.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[(start - base)..<(end - base)])) }
    }

    private static func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
