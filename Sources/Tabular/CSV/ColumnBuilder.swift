/// Accumulates one column across blocks, choosing the narrowest storage that holds every value.
///
/// Storage widens as values demand it: undetermined (only nulls so far) → integers → decimals,
/// or → booleans / datetimes, and anything that disagrees → strings. Within a block the raw
/// bytes are at hand, so a widening re-reads the block exactly; values of earlier blocks are
/// converted (integers to doubles, anything to its text, which is exact for every type but
/// decimals written with superfluous zeros such as `1.50`).
final class ColumnBuilder: @unchecked Sendable {
    enum Storage: Equatable {
        case undetermined
        case integers
        case decimals
        case booleans(pair: Int)
        case datetimes(DateTimeFormat)
        case strings
    }

    let name: String
    private let sourceName: String
    private let nulls: NullTokenMatcher
    private(set) var storage: Storage = .undetermined
    private(set) var validity = NullBitmap()
    private var integers: [Int64] = []
    private var integerTrailingZeros: Int?
    private var decimals: [Double] = []
    private var maxFractionDigits = 0
    private var booleans: [Bool] = []
    private var datetimes: [Double] = []
    private var codes: [UInt32] = []
    private var interner = ByteInterner()
    private var scratch: [UInt8] = []

    init(name: String, sourceName: String, nulls: NullTokenMatcher) {
        self.name = name
        self.sourceName = sourceName
        self.nulls = nulls
    }

    var count: Int { validity.count }

    /// Rows expected in all, when the input's size is known: storage is reserved once, so that
    /// large columns are never copied while they grow (the copies would double peak memory).
    private var expectedRows = 0

    func reserveCapacity(_ rows: Int) {
        expectedRows = rows
        validity.reserveCapacity(rows)
        reserveStorage(storage, rows: rows)
    }

    /// Turns the column into text now (earlier values become their text), so that later values
    /// stay text too: JSON Lines uses it for a column where a JSON string reads as a number.
    func widenToText() {
        if storage != .strings { widen(to: .strings) }
    }

    /// Appends column `column` of every record in `block`.
    func append(_ block: TokenizedBlock, column: Int) throws {
        let rowsBefore = validity.count
        try block.bytes.withUnsafeBufferPointer { bytes in
            var widenings = 0
            while true {
                let widening = try appendRows(block, bytes: bytes, column: column)
                guard var widening else { return }
                // Undo this block's partial rows, widen what earlier blocks stored, and read again.
                // Strings hold anything, so a column that keeps changing layout ends there.
                widenings += 1
                if widenings > 6 { widening = .strings }
                truncate(to: rowsBefore)
                widen(to: widening)
            }
        }
    }

    /// Appends the block's rows in the current storage; returns the storage to widen to when a
    /// value does not fit, or nil when all rows went in.
    ///
    /// The buffers are moved into local variables for the loop and back at the end: every access
    /// to a class's stored property is checked for exclusivity at run time (swift_beginAccess),
    /// and with a few per field that check cost more than the parse itself. Locals are checked
    /// at compile time. Measured on the 100 MB diamonds file (issue 12, BENCHMARKS.md): `doppel
    /// load` took 1.9x as long in a checked release build before this change.
    private func appendRows(_ block: TokenizedBlock, bytes: UnsafeBufferPointer<UInt8>, column: Int) throws -> Storage? {
        let stride = block.columnCount
        let records = block.recordCount
        let starts = block.starts
        let ends = block.ends
        var fieldIndex = column
        let current = storage
        let nulls = self.nulls
        var validity = self.validity, integers = self.integers, decimals = self.decimals, booleans = self.booleans
        var datetimes = self.datetimes, codes = self.codes, interner = self.interner, scratch = self.scratch
        var maxFractionDigits = self.maxFractionDigits
        self.validity = NullBitmap(); self.integers = []; self.decimals = []; self.booleans = []
        self.datetimes = []; self.codes = []; self.interner = ByteInterner(); self.scratch = []
        defer {
            self.validity = validity; self.integers = integers; self.decimals = decimals; self.booleans = booleans
            self.datetimes = datetimes; self.codes = codes; self.interner = interner; self.scratch = scratch
            self.maxFractionDigits = maxFractionDigits
        }
        for _ in 0..<records {
            defer { fieldIndex += stride }
            let start = starts[fieldIndex]
            let end = ends[fieldIndex]
            let outcome: Storage? = try FieldText.withField(bytes, start: start, end: end, scratch: &scratch) { field -> Storage? in
                guard let field, !nulls.isNull(field) else {
                    validity.append(false)
                    switch current {
                    case .undetermined: break
                    case .integers: integers.append(0)
                    case .decimals: decimals.append(0)
                    case .booleans: booleans.append(false)
                    case .datetimes: datetimes.append(0)
                    case .strings: codes.append(0)
                    }
                    return nil
                }
                switch current {
                case .integers:
                    switch NumberParser.parse(field) {
                    case .integer(let value, _):
                        integers.append(value)
                    case .decimal:
                        return .decimals
                    case .notNumber:
                        return Self.join(current, classify(field))
                    }
                case .decimals:
                    switch NumberParser.parse(field) {
                    case .integer(let value, let zeros):
                        decimals.append(Double(value))
                        if zeros > maxFractionDigits { maxFractionDigits = zeros }
                    case .decimal(let value, let digits):
                        decimals.append(value)
                        if digits > maxFractionDigits { maxFractionDigits = digits }
                    case .notNumber:
                        return Self.join(current, classify(field))
                    }
                case .booleans(let pair):
                    guard let match = BooleanTokens.match(field), match.pair == pair else {
                        return Self.join(current, classify(field))
                    }
                    booleans.append(match.value)
                case .datetimes(let format):
                    guard let seconds = format.parse(field) else {
                        return Self.join(current, classify(field))
                    }
                    datetimes.append(seconds)
                case .strings:
                    let (code, isNew) = interner.intern(field)
                    if isNew, let bad = UTF8Validation.firstInvalidByte(field) {
                        // Undoubled quotes live in a scratch buffer; there the offset is approximate.
                        let inBlock = end & TokenizedBlock.escapedQuoteFlag == 0
                            ? field.baseAddress! - bytes.baseAddress! + bad : Int(start) + bad
                        throw DataError(
                            file: sourceName, line: block.line(atByte: inBlock), column: name,
                            byteOffset: block.baseOffset + inBlock,
                            message: "invalid UTF-8 (the file must be UTF-8 encoded)")
                    }
                    codes.append(code)
                case .undetermined:
                    return classify(field)
                }
                validity.append(true)
                return nil
            }
            if let outcome { return outcome }
        }
        return nil
    }

    private func reserveStorage(_ current: Storage, rows: Int) {
        switch current {
        case .undetermined: break
        case .integers: integers.reserveCapacity(rows)
        case .decimals: decimals.reserveCapacity(rows)
        case .booleans: booleans.reserveCapacity(rows)
        case .datetimes: datetimes.reserveCapacity(rows)
        case .strings: codes.reserveCapacity(rows)
        }
    }

    /// The narrowest storage for one value on its own.
    private func classify(_ field: UnsafeBufferPointer<UInt8>) -> Storage {
        switch NumberParser.parse(field) {
        case .integer(_, let zeros):
            if integerTrailingZeros == nil { integerTrailingZeros = zeros }
            return .integers
        case .decimal: return .decimals
        case .notNumber: break
        }
        if let match = BooleanTokens.match(field) { return .booleans(pair: match.pair) }
        if field.count >= 8, field.count <= 40, field[0] &- UInt8(ascii: "0") <= 9,
           let format = DateTimeFormat.detect(field) {
            return .datetimes(format)
        }
        return .strings
    }

    /// The storage that holds values of both kinds.
    private static func join(_ current: Storage, _ incoming: Storage) -> Storage {
        switch (current, incoming) {
        case (.undetermined, _): return incoming
        case (.integers, .decimals), (.decimals, .integers), (.decimals, .decimals): return .decimals
        case (.integers, .integers): return .integers
        case (.datetimes(let a), .datetimes(let b)):
            if let unified = a.unified(with: b), unified != a { return .datetimes(unified) }
            return .strings
        default: return .strings
        }
    }

    private func truncate(to rows: Int) {
        let extra = validity.count - rows
        guard extra > 0 else { return }
        validity.removeLast(extra)
        switch storage {
        case .undetermined: break
        case .integers: integers.removeLast(extra)
        case .decimals: decimals.removeLast(extra)
        case .booleans: booleans.removeLast(extra)
        case .datetimes: datetimes.removeLast(extra)
        case .strings: codes.removeLast(extra)
        }
    }

    /// Converts what earlier blocks stored into `target` storage.
    private func widen(to target: Storage) {
        let rows = validity.count
        switch (storage, target) {
        case (.undetermined, _):
            switch target {
            case .integers: integers = Array(repeating: 0, count: rows)
            case .decimals: decimals = Array(repeating: 0, count: rows)
            case .booleans: booleans = Array(repeating: false, count: rows)
            case .datetimes: datetimes = Array(repeating: 0, count: rows)
            case .strings: codes = Array(repeating: 0, count: rows)
            case .undetermined: break
            }
        case (.integers, .decimals):
            decimals = integers.map(Double.init)
            maxFractionDigits = max(maxFractionDigits, integerTrailingZeros ?? 0)
            integers = []
        case (.datetimes(let old), .datetimes(let new)):
            // A layout refined by later values (e.g. dd/MM rather than MM/dd): re-read the text.
            var text: [UInt8] = []
            var converted: [Double] = []
            converted.reserveCapacity(rows)
            for row in 0..<rows {
                guard validity.isValid(row) else { converted.append(0); continue }
                text.removeAll(keepingCapacity: true)
                old.format(datetimes[row], into: &text)
                guard let seconds = text.withUnsafeBufferPointer({ new.parse($0) }) else {
                    widen(to: .strings)
                    return
                }
                converted.append(seconds)
            }
            datetimes = converted
        case (_, .strings):
            let values = currentValues()
            var text: [UInt8] = []
            codes = []
            codes.reserveCapacity(rows)
            for row in 0..<rows {
                guard validity.isValid(row) else { codes.append(0); continue }
                text.removeAll(keepingCapacity: true)
                ValueFormatter.append(values, row: row, to: &text)
                codes.append(text.withUnsafeBufferPointer { interner.intern($0).code })
            }
            integers = []; decimals = []; booleans = []; datetimes = []
        default:
            preconditionFailure("column \(name): cannot widen \(storage) to \(target)")
        }
        storage = target
        if expectedRows > rows { reserveStorage(target, rows: expectedRows) }
    }

    private func currentValues() -> ColumnValues {
        switch storage {
        case .undetermined, .strings:
            return .strings(codes: codes.isEmpty ? Array(repeating: 0, count: validity.count) : codes, levels: interner.levels)
        case .integers:
            return .integers(integers, IntegerStyle(trailingZeroDigits: integerTrailingZeros ?? 0))
        case .decimals:
            return .decimals(decimals, DecimalStyle(maxFractionDigits: maxFractionDigits))
        case .booleans(let pair):
            return .booleans(booleans, BooleanTokens.style(ofPair: pair))
        case .datetimes(let format):
            return .datetimes(datetimes, format)
        }
    }

    /// The finished column. A column with no values at all is an all-null string column.
    func finish() -> Column {
        let values = currentValues()
        integers = []; decimals = []; booleans = []; datetimes = []; codes = []
        return Column(name: name, values: values, validity: validity)
    }
}
