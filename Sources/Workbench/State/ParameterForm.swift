import Synthesis

/// The form of a strategy's parameters, built from its schema; every field is checked as it is
/// typed with the schema's own validation, and the form applies only when all are valid.
public struct ParameterForm: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var spec: ParameterSpec
        /// The value as typed; empty means the default.
        public var text: String
        public var error: String?
        /// The error came from a check across fields (cleared when they change).
        var crossError = false
    }

    public var column: String
    public var strategy: String
    public var fields: [Field]
    public var selected = 0
    /// The column's storage, for checks across fields (`FormChecks`).
    public var shape: ValueShape

    public init(column: String, strategy: String, schema: [ParameterSpec], parameters: Parameters, shape: ValueShape = .text) {
        self.column = column
        self.strategy = strategy
        self.shape = shape
        fields = schema.map { spec in
            Field(spec: spec, text: parameters[spec.name].map(Self.editText) ?? "", error: nil)
        }
        for index in fields.indices { validate(index) }
    }

    public var isValid: Bool { fields.allSatisfy { $0.error == nil } }

    /// The parameters the form describes: only values that differ from the defaults.
    public var parameters: Parameters {
        var result = Parameters()
        for field in fields {
            guard let value = Self.value(field.text, for: field.spec), value != field.spec.defaultValue else { continue }
            result[field.spec.name] = value
        }
        return result
    }

    /// Re-checks one field against its spec, then the checks across fields.
    public mutating func validate(_ index: Int) {
        validateField(index)
        let values = fields.map { Self.value($0.text, for: $0.spec) ?? $0.spec.defaultValue }
        let names = fields.map(\.spec.name)
        let cross = FormChecks.errors(strategy: strategy, shape: shape) { name in names.firstIndex(of: name).map { values[$0] } }
        for other in fields.indices where cross[fields[other].spec.name] != nil || fields[other].crossError {
            validateField(other)
            if let error = cross[fields[other].spec.name], fields[other].error == nil {
                fields[other].error = error
                fields[other].crossError = true
            }
        }
    }

    private mutating func validateField(_ index: Int) {
        fields[index].crossError = false
        let field = fields[index]
        guard let value = Self.value(field.text, for: field.spec) else {
            fields[index].error = field.text.isEmpty ? nil : "expected \(field.spec.allowedDescription)"
            return
        }
        do {
            _ = try field.spec.validate(value, column: column)
            fields[index].error = nil
        } catch {
            fields[index].error = "expected \(field.spec.allowedDescription)"
        }
    }

    /// True when the field is edited by choosing (toggles and word lists), not by typing.
    public static func isChoice(_ spec: ParameterSpec) -> Bool {
        switch spec.type {
        case .boolean, .choice: true
        default: false
        }
    }

    /// The words a choice field cycles through.
    public static func choices(_ spec: ParameterSpec) -> [String] {
        switch spec.type {
        case .boolean: ["true", "false"]
        case .choice(let words): words
        default: []
        }
    }

    /// Moves a choice field to the next (or previous) word.
    public mutating func cycle(_ index: Int, by step: Int) {
        let spec = fields[index].spec
        let words = Self.choices(spec)
        guard !words.isEmpty else { return }
        let current = fields[index].text.isEmpty ? spec.defaultValue.displayText : fields[index].text
        let position = words.firstIndex(of: current) ?? 0
        let next = words[(position + step + words.count * 2) % words.count]
        fields[index].text = next == spec.defaultValue.displayText ? "" : next
        validate(index)
    }

    /// A typed text read as the spec's type; nil for an empty field (the default) or a field
    /// that does not parse.
    public static func value(_ text: String, for spec: ParameterSpec) -> ParameterValue? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        switch spec.type {
        case .number, .integer:
            return Double(trimmed).map(ParameterValue.number)
        case .boolean:
            return trimmed == "true" ? .bool(true) : trimmed == "false" ? .bool(false) : nil
        case .choice:
            return .text(trimmed)
        case .choiceOrNumber:
            return Double(trimmed).map(ParameterValue.number) ?? .text(trimmed)
        case .text:
            return .text(text)
        case .list:
            return .list(trimmed.split(separator: ",").map { part in
                let item = part.trimmingCharacters(in: .whitespaces)
                return Double(item).map(ParameterValue.number) ?? .text(item)
            })
        }
    }

    /// How a stored value is shown for editing (lists without brackets).
    static func editText(_ value: ParameterValue) -> String {
        if case .list(let items) = value { return items.map(\.displayText).joined(separator: ", ") }
        return value.displayText
    }
}
