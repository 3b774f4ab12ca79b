import Declaration

/// What a column means, as opposed to how it is stored. Inference proposes one; the user may
/// override it in a session.
public enum ColumnKind: String, Hashable, Sendable, DeclaredChoice {
    case integer, decimal, boolean, categorical, datetime, identifier, text
    /// Values that share a shape: tail numbers (`N14228`), SKUs (`AB-1234-X`), postcodes,
    /// zero-padded numbers kept as text (`00454`). Not unique per row (`identifier`), too many
    /// levels for `categorical`, and not words (`text`).
    case code
    // Personal data: values that point at a person or a device, never to be copied as they are.
    case email, phone, url, ip, uuid
    /// People's names (given, family or full), recognised against the shipped name lists.
    case name

    public var isPersonalData: Bool {
        switch self {
        case .email, .phone, .url, .ip, .uuid, .name: true
        default: false
        }
    }

    /// Numeric kinds have a mean, a spread and a histogram over a number line.
    public var isNumeric: Bool { self == .integer || self == .decimal }
}

extension ColumnKind {
    public static var schemaName: String? { "kind" }
    public static var choiceDoc: String? {
        "The column's kind: integer: whole numbers; decimal: numbers with a fraction; boolean: flags (true/false, yes/no, 1/0...); categorical: a small set of levels; datetime: dates and times, written in the column's own layout; identifier: keys, (nearly) unique per row; text: free text; code: values that share a shape (tail numbers N14228, SKUs AB-1234-X, postcodes, zero-padded numbers kept as text such as 00454), generated in that shape; email, phone, url, ip, uuid: personal data of that form; name: people's names."
    }
}
