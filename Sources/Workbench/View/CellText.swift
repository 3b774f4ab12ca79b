import Foundation
import Tabular
import TerminalUI

/// The text of one value, as the CSV writer writes it (nil for null), and how it is fitted into
/// a cell without ever reading as a different value.
enum CellText {
    static func text(_ values: ColumnValues, validity: NullBitmap, row: Int) -> String? {
        guard row < values.count, validity.isValid(row) else { return nil }
        var bytes: [UInt8] = []
        ValueFormatter.append(values, row: row, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Numbers, dates and flags are right-aligned, text left.
    static func alignsRight(_ values: ColumnValues) -> Bool {
        switch values {
        case .integers, .decimals: true
        default: false
        }
    }

    /// Digits after the decimal point of a number's text (0 without a point; nil for exponent
    /// forms, which are not aligned).
    static func fractionDigits(_ text: String) -> Int? {
        if text.contains("e") || text.contains("E") { return nil }
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text.distance(from: text.index(after: point), to: text.endIndex)
    }

    /// A number's text padded on the right so that its decimal point lines up with numbers
    /// having `fractionDigits` digits after theirs (`326` → `326   ` for two digits).
    static func aligned(_ text: String, fractionDigits: Int) -> String {
        guard fractionDigits > 0, let own = self.fractionDigits(text) else { return text }
        let missing = own == 0 && !text.contains(".") ? fractionDigits + 1 : fractionDigits - own
        return missing > 0 ? text + String(repeating: " ", count: missing) : text
    }

    /// The widest fraction among the numbers of a column's text (0 for none).
    static func widestFraction(_ texts: some Sequence<String>) -> Int {
        texts.reduce(0) { max($0, fractionDigits($1) ?? 0) }
    }

    /// `text` in exactly `width` columns. Text that does not fit is cut with `ellipsis`
    /// (`Shoulde…`). A number that does not fit is never cut to its leading digits (`195500` is
    /// not `1955`, nor `1955…`): it loses its alignment padding first, then shows as the ellipsis
    /// alone, after its sign when negative (`-…`).
    static func fit(_ text: String, width: Int, number: Bool, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        // Text that reads as a number (a categorical `195500`) is cut like a number, kept left.
        if DisplayWidth.of(text) <= width { return DisplayWidth.pad(text, to: width, alignRight: number) }
        guard number || Self.readsAsNumber(text) else { return DisplayWidth.pad(text, to: width, ellipsis: ellipsis) }
        var trimmed = text
        while trimmed.last == " " { trimmed.removeLast() }
        if DisplayWidth.of(trimmed) <= width { return DisplayWidth.pad(trimmed, to: width, alignRight: number) }
        let mark = trimmed.hasPrefix("-") && width >= 1 + DisplayWidth.of(ellipsis) ? "-" + ellipsis : ellipsis
        return DisplayWidth.pad(String(mark.prefix(width)), to: width, alignRight: number)
    }

    /// True for text a reader would take for a number: digits with an optional sign, point,
    /// grouping commas or exponent.
    static func readsAsNumber(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.contains(where: \.isNumber) else { return false }
        return Double(trimmed.replacingOccurrences(of: ",", with: "")) != nil
    }
}
