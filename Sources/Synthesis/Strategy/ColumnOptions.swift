/// Options every strategy shares, applied around the strategy's own model.
public enum ColumnOptions {
    public static let shared: [ParameterSpec] = [
        ParameterSpec("null_rate", .choiceOrNumber(["auto"], minimum: 0, maximum: 1), default: "auto",
                      help: "Share of nulls: auto learns it from the real column"),
        ParameterSpec("edge_rate", .number(minimum: 0, maximum: 1), default: 0,
                      help: "Share of values replaced by boundary cases (min, max, zero, empty, very long, leap day...) for software tests"),
    ]

    public static let numeric: [ParameterSpec] = [
        ParameterSpec("clip", .boolean, default: true, help: "Keep values inside the real column's min and max"),
        ParameterSpec("round", .boolean, default: true, help: "Round values to the real column's precision"),
    ]
}
