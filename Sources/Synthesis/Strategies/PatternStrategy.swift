import Tabular

/// Values made up from a regex-like template (`[A-Z]{3}-\d{4}` makes `QXF-0412`), optionally
/// unique across the whole output. The grammar is in `PatternParser`.
public enum PatternStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "pattern", family: .synthetic,
        help: #"Values from a template such as [A-Z]{3}-\d{4}, optionally unique"#,
        supportedKinds: ColumnKind.textual.union([.integer]),
        parameters: [
            ParameterSpec("template", .text, default: .text(#"[A-Z]{3}-\d{4}"#),
                          help: #"Literals, \d \w \l \u, classes [A-Z0-9_], . (any visible ASCII), {n} {m,n} ? + * (up to 8), groups (a|b)"#),
            ParameterSpec("unique", .boolean, default: false,
                          help: "Never repeat a value in the whole output (each row's value comes from its row number)"),
        ],
        exposure: .none, needsSourceColumn: false)

    /// Numbers are written through a Double: up to 15 digits they come back exactly.
    static let maximumDigits = 15

    public struct Model: ColumnModel {
        public let template: String
        public let unique: Bool
        /// With the run's seed, keys the unique values' order (so two unique columns with the
        /// same template differ).
        public let column: String
        let generator: PatternGenerator
        /// The template's distinct values, built for `unique` only.
        let space: PatternSpace?
        public var exposure: RealValueExposure { .none }

        init(template: String, unique: Bool, column: String, root: PatternNode, space: PatternSpace?) {
            self.template = template
            self.unique = unique
            self.column = column
            generator = PatternGenerator(root: root)
            self.space = space
        }

        public func check(rows: Int, column: String) throws {
            guard let space, UInt128(rows) > space.uniqueRows else { return }
            throw PlanError.at(column: column, "template '\(template)' makes only \(space.uniqueRows) distinct values, but \(rows) unique rows were asked for; widen the template or set unique: false")
        }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            guard let space else {
                return ModelOutput(.texts((0..<request.count).map { _ in generator.value(&random) }))
            }
            // A chunk is drawn whole and cut to the output's rows: rows past the output's end
            // are never written, so they only need to be some value of the space.
            let limit = min(request.rows.upperBound, request.totalRows)
            try check(rows: limit, column: column)
            // One key for the whole output, whatever the chunk or shard: the run's seed and the column.
            let key = SplitMix64.mix(SplitMix64.mix(request.seed ^ 0x7061_7474_6572_6E21) ^ StableHash.fnv1a(column))
            return ModelOutput(.texts(request.rows.map { row in space.value(row: row < limit ? row : row % max(1, limit), key: key) }))
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let column = input.columnName
        let template = input.parameters.text("template") ?? ""
        let unique = input.parameters.bool("unique")
        func templateError(_ allowed: String) -> ParameterError {
            ParameterError(column: column, parameter: "template", value: template, allowed: allowed)
        }

        let root: PatternNode
        do {
            root = try PatternParser.parse(template)
        } catch {
            throw templateError("a valid template (problem: \(error))")
        }

        switch input.shape {
        case .boolean, .datetime:
            throw PlanError.at(column: column, "strategy 'pattern' makes text or digits, but the source column is stored as flags or dates")
        case .integer, .decimal, .text:
            break
        }
        // Values of an integer column (or one stored as numbers) are read back as numbers.
        let numeric = input.kind == .integer || input.shape.isNumeric
        let lengths = root.lengths
        if numeric {
            guard root.onlyMakes(.digits) else {
                throw templateError(#"a template of digits only (such as [1-9]\d{5}), as the column holds numbers"#)
            }
            guard lengths.lowerBound >= 1 else { throw templateError("a template that always makes at least one digit") }
            guard lengths.upperBound <= maximumDigits else {
                throw templateError("a template of at most \(maximumDigits) digits (numbers hold no more exactly)")
            }
        }

        var space: PatternSpace?
        if unique {
            do {
                space = try PatternSpace(root)
            } catch {
                throw ParameterError(column: column, parameter: "unique", value: "true", allowed: "false for this template: \(error)")
            }
            // 007 and 7 are the same number: unique numbers need one length or no leading zero.
            if numeric, lengths.lowerBound != lengths.upperBound, space!.hasLongerValue(startingWith: "0") {
                throw ParameterError(column: column, parameter: "unique", value: "true",
                                     allowed: #"false for a template of several lengths that can start with 0 (07 and 7 are one number); use [1-9]\d{0,5} or a fixed length"#)
            }
        }
        return Model(template: template, unique: unique, column: column, root: root, space: space)
    }
}

extension PatternStrategy.Model: Codable {
    // The model is stored as its template and re-parsed on decoding: small, readable in a
    // session file, and independent of how the tree and the automaton are laid out.
    private enum CodingKeys: String, CodingKey {
        case template, unique, column
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let template = try container.decode(String.self, forKey: .template)
        let unique = try container.decode(Bool.self, forKey: .unique)
        let column = try container.decode(String.self, forKey: .column)
        do {
            let root = try PatternParser.parse(template)
            self.init(template: template, unique: unique, column: column, root: root, space: unique ? try PatternSpace(root) : nil)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .template, in: container, debugDescription: "pattern template '\(template)': \(error)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(template, forKey: .template)
        try container.encode(unique, forKey: .unique)
        try container.encode(column, forKey: .column)
    }
}
