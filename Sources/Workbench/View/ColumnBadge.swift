import Tabular

/// The short texts under a column name: its kind and its strategy.
public enum ColumnBadge {
    public static func kind(_ kind: ColumnKind) -> String {
        switch kind {
        case .integer: "int"
        case .decimal: "dec"
        case .boolean: "bool"
        case .categorical: "cat"
        case .datetime: "date"
        case .identifier: "id"
        case .text: "text"
        case .code: "code"
        case .email: "email"
        case .phone: "phone"
        case .url: "url"
        case .ip: "ip"
        case .uuid: "uuid"
        case .name: "name"
        }
    }

    public static func text(kind: ColumnKind, strategy: String) -> String {
        "\(Self.kind(kind)) \(strategy)"
    }
}
