import Synthesis
import Tabular

/// Whether a kind override fits the real column's values: a kind that reads values as numbers,
/// dates or true/false cannot be laid over text (every strategy of that kind would fail in the
/// preview, or draw values of another type than the column holds), so `t` refuses it here.
enum KindFit {
    /// Why `kind` does not fit `column`, or nil when it does.
    static func refusal(_ kind: ColumnKind, column: Column) -> String? {
        let shape = ValueShape(of: column.values)
        let needed: String?
        switch kind {
        case .integer, .decimal: needed = shape.isNumeric ? nil : "numbers"
        case .datetime:
            if case .datetime = shape { needed = nil } else { needed = "dates or times" }
        case .boolean:
            if case .boolean = shape { needed = nil } else { needed = "true/false values" }
        default: needed = nil
        }
        guard let needed else { return nil }
        let example = (0..<column.count).lazy.compactMap { column.text(at: $0) }.first
        return "\(column.name): kind \(kind.rawValue) reads \(needed), but the column holds " + describe(shape)
            + (example.map { " (e.g. '\($0)')" } ?? "") + "; the kind stays as it is"
    }

    private static func describe(_ shape: ValueShape) -> String {
        switch shape {
        case .integer, .decimal: "numbers"
        case .boolean: "true/false values"
        case .datetime: "dates"
        case .text: "text"
        }
    }
}
