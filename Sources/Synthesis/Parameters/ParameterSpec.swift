/// One parameter of a strategy, declared as data: the plan file, the CLI and the workbench's
/// form are all built from this.
public struct ParameterSpec: Hashable, Sendable {
    public enum ValueType: Hashable, Sendable {
        /// A number in a closed range (either end may be open-ended).
        case number(minimum: Double?, maximum: Double?)
        /// A whole number in a closed range.
        case integer(minimum: Int?, maximum: Int?)
        case boolean
        /// One word from a fixed list.
        case choice([String])
        /// A word from a list, or a number in a range (e.g. a KDE bandwidth: `scott` or 0.5).
        case choiceOrNumber([String], minimum: Double?, maximum: Double?)
        /// Free text (a template, a formula, a date).
        case text
        /// A list of words or numbers (the values of `choice`, their weights).
        case list
    }

    public var name: String
    public var type: ValueType
    public var defaultValue: ParameterValue
    public var help: String

    public init(_ name: String, _ type: ValueType, default defaultValue: ParameterValue, help: String) {
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.help = help
    }

    /// What values are allowed, in words, for error messages and form hints.
    public var allowedDescription: String {
        switch type {
        case .number(let minimum, let maximum): return "a number" + Self.range(minimum, maximum)
        case .integer(let minimum, let maximum): return "a whole number" + Self.range(minimum.map(Double.init), maximum.map(Double.init))
        case .boolean: return "true or false"
        case .choice(let choices): return "one of " + choices.joined(separator: ", ")
        case .choiceOrNumber(let choices, let minimum, let maximum):
            return "one of " + choices.joined(separator: ", ") + ", or a number" + Self.range(minimum, maximum)
        case .text: return "text"
        case .list: return "a list"
        }
    }

    private static func range(_ minimum: Double?, _ maximum: Double?) -> String {
        let low = minimum.map { ParameterValue.number($0).displayText }
        let high = maximum.map { ParameterValue.number($0).displayText }
        switch (low, high) {
        case let (low?, high?): return " from \(low) to \(high)"
        case let (low?, nil): return " of at least \(low)"
        case let (nil, high?): return " of at most \(high)"
        case (nil, nil): return ""
        }
    }

    /// Checks a value against the type; returns the value as it should be stored.
    public func validate(_ value: ParameterValue, column: String) throws -> ParameterValue {
        let failure = ParameterError(column: column, parameter: name, value: value.displayText, allowed: allowedDescription)
        switch type {
        case .number(let minimum, let maximum):
            guard let number = value.number, number.isFinite,
                  number >= (minimum ?? -.infinity), number <= (maximum ?? .infinity) else { throw failure }
        case .integer(let minimum, let maximum):
            guard let number = value.number, number == number.rounded(), number.magnitude < 9e15,
                  Int(number) >= (minimum ?? .min), Int(number) <= (maximum ?? .max) else { throw failure }
        case .boolean:
            guard value.bool != nil else { throw failure }
        case .choice(let choices):
            guard let text = value.text, choices.contains(text) else { throw failure }
        case .choiceOrNumber(let choices, let minimum, let maximum):
            if let text = value.text, choices.contains(text) { return value }
            guard let number = value.number, number.isFinite,
                  number >= (minimum ?? -.infinity), number <= (maximum ?? .infinity) else { throw failure }
        case .text:
            guard value.text != nil else { throw failure }
        case .list:
            if value.list == nil { throw failure }
        }
        return value
    }
}

/// A parameter value outside what the strategy allows; names the column, the parameter and the
/// allowed values.
public struct ParameterError: Error, Hashable, Sendable, CustomStringConvertible {
    public var column: String
    public var parameter: String
    public var value: String
    public var allowed: String

    public var description: String {
        "column '\(column)': parameter '\(parameter)' = \(value) is not allowed; expected \(allowed)"
    }
}
