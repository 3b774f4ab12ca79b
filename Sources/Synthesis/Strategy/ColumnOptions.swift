/// Options every strategy shares, applied around the strategy's own model.
public enum ColumnOptions {
    public static let shared: [ParameterSpec] = [
        ParameterSpec("null_rate", .choiceOrNumber(["auto"], minimum: 0, maximum: 1), default: "auto",
                      help: "Share of nulls: auto learns it from the real column"),
        ParameterSpec("edge_rate", .number(minimum: 0, maximum: 1), default: 0,
                      help: "Share of values replaced by boundary cases (min, max, zero, empty, very long, leap day...) for software tests"),
    ]

    public static let numeric: [ParameterSpec] = [
        ParameterSpec("clip", .boolean, default: true, help: "Keep values inside the real column's range (see extreme_k)"),
        ParameterSpec("extreme_k", .integer(minimum: 1, maximum: 1_000), default: 5,
                      help: "With clip: the range runs from the k-th smallest to the k-th largest real value, so that a lone extreme (which identifies a record) never appears; 1 keeps the real min and max"),
        ParameterSpec("round", .boolean, default: true, help: "Round values to the real column's precision"),
    ]
}
