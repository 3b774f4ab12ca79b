/// Writes one column's cells for the CSV writer.
///
/// Made once per column for a run of rows, so that the per-cell work is a virtual call on a
/// class that owns its arrays: matching on `ColumnValues` per cell copied (retained and
/// released) the payload arrays, which was 40% of the writer's time. Text levels are quoted
/// once per level, not once per row.
class CSVCellWriter {
    let validity: NullBitmap

    init(validity: NullBitmap) { self.validity = validity }

    /// Appends the cell of `row`, or `null` when the row is null.
    @inline(__always)
    final func appendCell(_ row: Int, null: [UInt8], to output: inout [UInt8]) {
        if validity.isNull(row) {
            output.append(contentsOf: null)
        } else {
            append(row, to: &output)
        }
    }

    /// Appends the (non-null) value of `row`.
    func append(_ row: Int, to output: inout [UInt8]) {}

    static func make(for column: Column, writer: CSVWriter) -> CSVCellWriter {
        switch column.values {
        case .integers(let values, let style):
            return IntegerCells(values, style: style, validity: column.validity)
        case .decimals(let values, _):
            return DecimalCells(values, validity: column.validity)
        case .datetimes(let values, let format):
            return DatetimeCells(values, format: format, validity: column.validity)
        case .booleans(let values, let style):
            return LevelCells(codes: values.map { $0 ? 1 : 0 }, levels: [style.falseToken, style.trueToken], writer: writer, text: false, validity: column.validity)
        case .strings(let codes, let levels):
            return LevelCells(codes: codes, levels: levels, writer: writer, text: true, validity: column.validity)
        }
    }
}

private final class IntegerCells: CSVCellWriter {
    let values: [Int64]
    let suffix: [UInt8]

    init(_ values: [Int64], style: IntegerStyle, validity: NullBitmap) {
        self.values = values
        suffix = style.trailingZeroDigits > 0 ? [UInt8(ascii: ".")] + Array(repeating: UInt8(ascii: "0"), count: style.trailingZeroDigits) : []
        super.init(validity: validity)
    }

    override func append(_ row: Int, to output: inout [UInt8]) {
        ValueFormatter.appendInteger(values[row], to: &output)
        if !suffix.isEmpty { output.append(contentsOf: suffix) }
    }
}

private final class DecimalCells: CSVCellWriter {
    let values: [Double]

    init(_ values: [Double], validity: NullBitmap) {
        self.values = values
        super.init(validity: validity)
    }

    override func append(_ row: Int, to output: inout [UInt8]) {
        ValueFormatter.appendDecimal(values[row], to: &output)
    }
}

private final class DatetimeCells: CSVCellWriter {
    let values: [Double]
    let format: DateTimeFormat

    init(_ values: [Double], format: DateTimeFormat, validity: NullBitmap) {
        self.values = values
        self.format = format
        super.init(validity: validity)
    }

    override func append(_ row: Int, to output: inout [UInt8]) {
        format.format(values[row], into: &output)
    }
}

/// Dictionary-encoded text (and booleans as two levels): each level's field bytes, quoted as
/// needed (and made spreadsheet-safe for text when the writer asks), are prepared once.
private final class LevelCells: CSVCellWriter {
    let codes: [UInt32]
    let arena: [UInt8]
    let offsets: [Int]

    init(codes: [UInt32], levels: [String], writer: CSVWriter, text: Bool, validity: NullBitmap) {
        self.codes = codes
        var arena: [UInt8] = []
        var offsets = [0]
        for level in levels {
            if text {
                writer.appendText(level, to: &arena)
            } else {
                writer.appendField(Array(level.utf8), to: &arena)
            }
            offsets.append(arena.count)
        }
        self.arena = arena
        self.offsets = offsets
        super.init(validity: validity)
    }

    override func append(_ row: Int, to output: inout [UInt8]) {
        let code = Int(codes[row])
        output.append(contentsOf: arena[offsets[code]..<offsets[code + 1]])
    }
}
