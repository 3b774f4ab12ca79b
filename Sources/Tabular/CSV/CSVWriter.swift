/// Writes a `Table` as CSV (RFC 4180): quotes only fields that need it, numbers and dates in
/// the source's style (see `ValueFormatter`), nulls as empty fields, LF line ends.
///
/// In a one-column file a null is written `""`: an empty field would be an empty line, which
/// many CSV readers skip, losing the row.
public struct CSVWriter: Sendable {
    public var delimiter: UInt8
    public var writeHeader: Bool
    /// What a null is written as; empty by default, which every reader takes as missing.
    public var nullText: String
    /// For files opened in Excel, LibreOffice or Google Sheets: text cells (and header names)
    /// starting with `=`, `+`, `-`, `@`, a tab or a carriage return get a leading `'`, so the
    /// spreadsheet shows them as text instead of evaluating a formula (OWASP's advice on CSV
    /// injection). Numbers are left alone, in number columns and in text columns alike.
    public var spreadsheetSafe: Bool

    public init(delimiter: UInt8 = UInt8(ascii: ","), writeHeader: Bool = true, nullText: String = "", spreadsheetSafe: Bool = false) {
        self.delimiter = delimiter
        self.writeHeader = writeHeader
        self.nullText = nullText
        self.spreadsheetSafe = spreadsheetSafe
    }

    /// The whole table as bytes.
    public func bytes(_ table: Table) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(table.rowCount * table.columnCount * 8)
        if writeHeader { appendHeader(table, to: &output) }
        appendRows(table, rows: 0..<table.rowCount, to: &output)
        return output
    }

    /// Writes to a path atomically, or to standard output for `-`, in slices of rows so that
    /// the text of a large table never sits in memory whole.
    public func write(_ table: Table, to path: String) throws {
        let file = path == "-" ? nil : try AtomicFileWriter(path: path)
        let sink: ([UInt8]) throws -> Void = { bytes in
            if let file { try file.write(bytes) } else { try StandardOutput.write(bytes) }
        }
        var output: [UInt8] = []
        if writeHeader { appendHeader(table, to: &output) }
        var start = 0
        repeat {
            let end = min(table.rowCount, start + 65_536)
            appendRows(table, rows: start..<end, to: &output)
            try sink(output)
            output.removeAll(keepingCapacity: true)
            start = end
        } while start < table.rowCount
        try file?.commit()
    }

    public func appendHeader(_ table: Table, to output: inout [UInt8]) {
        for (index, column) in table.columns.enumerated() {
            if index > 0 { output.append(delimiter) }
            appendText(column.name, to: &output)
        }
        output.append(UInt8(ascii: "\n"))
    }

    public func appendRows(_ table: Table, rows: Range<Int>, to output: inout [UInt8]) {
        // One column: an empty null field would make an empty line, which readers drop.
        let nullBytes = nullText.isEmpty && table.columnCount == 1 ? Array("\"\"".utf8) : Array(nullText.utf8)
        let cells = table.columns.map { CSVCellWriter.make(for: $0, writer: self) }
        // Unretained references: `cells` keeps the writers alive, and skipping a retain and a
        // release per cell is a third of the writer's time.
        let unretained = cells.map { Unmanaged.passUnretained($0) }
        withExtendedLifetime(cells) {
            for row in rows {
                for index in unretained.indices {
                    if index > 0 { output.append(delimiter) }
                    unretained[index]._withUnsafeGuaranteedRef { $0.appendCell(row, null: nullBytes, to: &output) }
                }
                output.append(UInt8(ascii: "\n"))
            }
        }
    }

    /// Appends a text cell: made spreadsheet-safe when asked, then quoted as needed.
    func appendText(_ text: String, to output: inout [UInt8]) {
        var field = Array(text.utf8)
        if spreadsheetSafe, Self.looksLikeFormula(field) { field.insert(UInt8(ascii: "'"), at: 0) }
        appendField(field, to: &output)
    }

    /// True for text a spreadsheet would evaluate: it starts with `=`, `+`, `-`, `@`, a tab or
    /// a carriage return, and is not a number (`-5`, `+1.5e3` are shown as numbers, safely).
    static func looksLikeFormula(_ field: [UInt8]) -> Bool {
        guard let first = field.first else { return false }
        switch first {
        case UInt8(ascii: "="), UInt8(ascii: "@"), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
            return true
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            return !isPlainNumber(field)
        default:
            return false
        }
    }

    /// A sign, digits with at most one decimal point, and an optional exponent: what a
    /// spreadsheet reads as a number. (Not `Double(_:)`, which also takes `-inf`, `-nan` and
    /// hexadecimal.)
    static func isPlainNumber(_ field: [UInt8]) -> Bool {
        var index = 0
        func isDigit(_ i: Int) -> Bool { i < field.count && field[i] >= UInt8(ascii: "0") && field[i] <= UInt8(ascii: "9") }
        if index < field.count, field[index] == UInt8(ascii: "+") || field[index] == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while isDigit(index) { index += 1; digits += 1 }
        if index < field.count, field[index] == UInt8(ascii: ".") {
            index += 1
            while isDigit(index) { index += 1; digits += 1 }
        }
        guard digits > 0 else { return false }
        if index < field.count, field[index] == UInt8(ascii: "e") || field[index] == UInt8(ascii: "E") {
            index += 1
            if index < field.count, field[index] == UInt8(ascii: "+") || field[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { return false }
            while isDigit(index) { index += 1 }
        }
        return index == field.count
    }

    /// Appends a field, quoted only if it holds the delimiter, a quote, a line break, leading or
    /// trailing spaces, or is empty text (so that it is not read back as a null).
    @inline(__always)
    func appendField(_ field: [UInt8], to output: inout [UInt8]) {
        var needsQuotes = field.isEmpty
        for byte in field where byte == delimiter || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            needsQuotes = true
            break
        }
        if !needsQuotes, let first = field.first, let last = field.last, first == UInt8(ascii: " ") || last == UInt8(ascii: " ") {
            needsQuotes = true
        }
        guard needsQuotes else {
            output.append(contentsOf: field)
            return
        }
        output.append(UInt8(ascii: "\""))
        for byte in field {
            if byte == UInt8(ascii: "\"") { output.append(byte) }
            output.append(byte)
        }
        output.append(UInt8(ascii: "\""))
    }
}
