import Tabular

/// A column computed from other columns of the same synthetic row, e.g. `price * quantity`.
/// The formula language is described on `Formula`.
///
/// The formula's nulls are the column's nulls (no learned null rate on top), and its numbers
/// are written as they come (no clip or round: write `round(x, 2)` in the formula).
public enum FormulaStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "formula", family: .derived,
        help: "Computed from other columns of the row, e.g. price * quantity",
        supportedKinds: ColumnKind.every,
        parameters: [
            ParameterSpec("expression", .text, default: "",
                          help: "The formula, e.g. round(price / carat, 2); columns by name, `quoted name` for any name"),
        ],
        exposure: .none, needsSourceColumn: false, carriesOwnNulls: true)

    public struct Model: ColumnModel {
        public var formula: Formula
        /// The column's shape, which decides how results are handed over.
        public var shape: ValueShape
        public var exposure: RealValueExposure { .none }
        public var dependencies: [String] { formula.references }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            var columns: [String: FormulaColumn] = [:]
            for name in formula.references {
                guard let column = request.generated[name] else {
                    throw PlanError("strategy 'formula' reads column '\(name)', which was not generated before it")
                }
                columns[name] = FormulaColumn(column)
            }
            let result = try formula.compile(columns: columns).evaluate(rows: 0..<request.count)
            return FormulaStrategy.output(result, shape: shape)
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let text = input.parameters.text("expression") ?? ""
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw PlanError.at(column: input.columnName, "strategy 'formula' needs an expression, e.g. expression: price * quantity")
        }
        do {
            let formula = try Formula(text)
            // Columns of the source keep their storage in the output, so their types are known
            // now; columns the plan adds are checked when they have been generated.
            var types: [String: FormulaType] = [:]
            for name in formula.references {
                if let column = input.table.column(named: name) { types[name] = FormulaType(of: column.values) }
            }
            let type = try formula.check(columns: types)
            if let problem = problem(type, shape: input.shape) {
                throw PlanError.at(column: input.columnName, "formula '\(text)' \(problem)")
            }
            return Model(formula: formula, shape: input.shape)
        } catch let error as FormulaError {
            throw PlanError.at(column: input.columnName, error.description)
        }
    }

    /// Why a result of this type cannot fill a column of this shape, or nil when it can.
    static func problem(_ type: FormulaType, shape: ValueShape) -> String? {
        switch (type, shape) {
        case (.text, .integer), (.text, .decimal), (.text, .datetime), (.text, .boolean):
            return "gives text, which \(shape.noun) column cannot hold (convert with num(), or compare to get true/false)"
        case (.boolean, .datetime):
            return "gives true/false, which a datetime column cannot hold"
        default:
            return nil
        }
    }

    /// Results in the column's terms: numbers for numeric shapes (true/false as 1/0), texts for
    /// text columns (numbers written as `str()` writes them). A result the shape cannot hold
    /// (its type was unknown at fit time) is null.
    static func output(_ result: FormulaResult, shape: ValueShape) -> ModelOutput {
        let count = result.count
        let allNull = ModelOutput(.numbers(Array(repeating: 0, count: count)), validity: NullBitmap(count: count, allValid: false))
        switch (result, shape) {
        case (.numbers(let values, let validity), .text):
            return ModelOutput(.texts(values.map(FormulaValue.text(of:))), validity: validity)
        case (.numbers(let values, let validity), _):
            return ModelOutput(.numbers(values), validity: validity)
        case (.booleans(let values, let validity), .text):
            return ModelOutput(.texts(values.map { $0 ? "true" : "false" }), validity: validity)
        case (.booleans, .datetime):
            return allNull
        case (.booleans(let values, let validity), _):
            return ModelOutput(.numbers(values.map { $0 ? 1 : 0 }), validity: validity)
        case (.texts(let values, let validity), .text):
            return ModelOutput(.texts(values), validity: validity)
        case (.texts, _):
            return allNull
        }
    }
}

extension ValueShape {
    /// The shape in words, for messages.
    fileprivate var noun: String {
        switch self {
        case .integer: "an integer"
        case .decimal: "a decimal"
        case .boolean: "a boolean"
        case .datetime: "a datetime"
        case .text: "a text"
        }
    }
}
