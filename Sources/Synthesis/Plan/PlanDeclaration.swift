import Declaration
import Tabular

// The plan's keys, declared once: a plan file (`doppel plan -o`) is this record, and a session's
// `plan:` is the same record. Loading, writing and the JSON Schema follow from it.

extension Plan: DeclaredRecord {
    public static let empty = Plan(seed: 0, columns: [])

    public static let declaration = RecordDeclaration<Plan>(name: "plan", doc: "What to generate: the seed, the row count and the output's columns in order, with joint models, constraints and conditions.", [
        .required("seed", \.seed, "The random seed, 0 to 2^64-1: the same plan and seed give the same bytes on any number of threads (--seed overrides)."),
        .optional("rows", \.rows, "Rows to generate (--rows overrides). Default: the source's row count.",
                  shape: .integer(minimum: 0, maximum: nil)),
        .required("columns", \.columns, "Output columns in order, each with its strategy. A column may be one the source lacks (fake, pattern, sequence, choice, constant, uniform, formula...); a `drop` column is read but not written."),
        .defaulted("joint", \.joint, default: [], "Joint models over groups of columns; `doppel plan` proposes one, chosen by quality on the data."),
        .defaulted("constraints", \.constraints, default: [], "Rules every output row satisfies."),
        .optional("conditions", \.conditions, "Conditional sampling: `where` (column: value) and `rebalance` (--where and --rebalance override).",
                  omitted: { $0.isEmpty }),
        .optional("privacy", \.privacy, "The privacy setting `doppel plan` chose the joint model under (--privacy): strict, balanced (the default) or off. A record of the choice; `doppel run` does not re-choose."),
    ])

    public func checkDecoded() throws {
        if let rows, rows < 0 { throw DeclarationError("rows must be 0 or more (found \(rows))") }
    }
}

extension ColumnPlan: DeclaredRecord {
    public static let empty = ColumnPlan(name: "", kind: .text, strategy: "")

    public static let declaration = RecordDeclaration<ColumnPlan>(
        name: "plan_column", doc: "One output column: its kind, the strategy that makes it and the strategy's parameters.", [
            .required("name", \.name, "The output column's name; a source column's name to fit to or transform it.", shape: .text(.nonEmpty)),
            .required("kind", \.kind, "The column's kind; one the strategy supports (`doppel strategies ID` lists them)."),
            .required("strategy", \.strategy, "How the column is made; `doppel strategies` lists the strategies.",
                      shape: .choice(StrategyRegistry.ids, name: "strategy", doc: PlanSchema.strategyDoc)),
            .defaulted("parameters", \.parameters, default: Parameters(), "The strategy's parameters; only what differs from the defaults (`doppel strategies ID` lists them). Every strategy takes null_rate and edge_rate; numeric ones clip and round."),
            .optional("discovered", \.discovered, "true when `doppel plan` derived the column from a rule found in the data (delete the column's plan to model it instead)."),
            .optional("support", \.support, "For a discovered rule: the share of real rows it holds on.", shape: .number(minimum: 0, maximum: 1)),
        ], schemaExtras: [("allOf", PlanSchema.perStrategyRules)])
}

extension Parameters: Declared {
    public static var shape: Shape {
        let scalar: [Shape] = [.boolean, .number(minimum: nil, maximum: nil), .text(.any)]
        return .dictionary(.oneOf(scalar + [.list(.oneOf(scalar))]), keys: "parameter names")
    }
}

extension RealValueExposure: DeclaredChoice {
    public static var schemaName: String? { "real_values" }
    public static var choiceDoc: String? {
        "What a fitted model keeps of the real data. none: nothing; statistics: summary figures (distribution parameters, bin counts); levels: category levels as they occur (rare levels can identify people); values: real values themselves. `doppel fit` refuses to embed models that keep levels or values unless --include-real-values is given."
    }
}

extension FittedConstraint: DeclaredRecord {
    public static let empty = FittedConstraint(plan: .empty, combinations: nil)

    public static let declaration = RecordDeclaration<FittedConstraint>(doc: "A fitted constraint, in plan order.", [
        .required("plan", \.plan, "The constraint as the plan states it."),
        .optional("combinations", \.combinations, "fixed_combinations: the real combinations of levels (real data)."),
    ])
}

/// The JSON Schema parts that come from the strategy registry: each strategy's kinds and
/// parameters, so that editors complete and check `parameters:` per strategy.
public enum PlanSchema {
    static var strategyDoc: String {
        "The strategy that generates the column; `doppel strategies` lists them. " + StrategyRegistry.all.map { strategy in
            let descriptor = strategy.descriptor
            return "\(descriptor.id): \(descriptor.help) (keeps \(descriptor.exposure.rawValue))"
        }.joined(separator: "; ")
    }

    /// `if strategy is X then kind is one X supports and parameters are X's`, for every strategy.
    static var perStrategyRules: JSONDocument {
        .array(StrategyRegistry.all.map { strategy in
            let descriptor = strategy.descriptor
            let kinds = ColumnKind.allCases.filter { descriptor.supportedKinds.contains($0) }.map(\.rawValue)
            return .object([
                ("if", .object([("properties", .object([("strategy", .object([("const", .string(descriptor.id))]))])),
                                ("required", .array([.string("strategy")]))])),
                ("then", .object([("properties", .object([
                    ("kind", .object([("description", .string("The kinds strategy '\(descriptor.id)' supports: " + kinds.joined(separator: ", ") + ".")),
                                      ("enum", .array(kinds.map(JSONDocument.string)))])),
                    ("parameters", .object([("$ref", .string("#/$defs/parameters_\(descriptor.id)"))])),
                ]))])),
            ])
        })
    }

    /// `$defs` entries: the shared options and each strategy's parameter object.
    public static var definitions: [(String, JSONDocument)] {
        var out: [(String, JSONDocument)] = []
        let shared = ColumnOptions.shared + ColumnOptions.numeric
        for spec in shared { out.append(("option_\(spec.name)", schema(of: spec))) }
        for strategy in StrategyRegistry.all {
            let descriptor = strategy.descriptor
            var properties: [(String, JSONDocument)] = descriptor.parameters.map { ($0.name, schema(of: $0)) }
            let options = ColumnOptions.shared + (descriptor.producesNumbers ? ColumnOptions.numeric : [])
            for spec in options where !descriptor.parameters.contains(where: { $0.name == spec.name }) {
                properties.append((spec.name, .object([("$ref", .string("#/$defs/option_\(spec.name)"))])))
            }
            out.append(("parameters_\(descriptor.id)", .object([
                ("title", .string("\(descriptor.id) parameters")),
                ("description", .string("Parameters of strategy '\(descriptor.id)' (\(descriptor.help)). Only what differs from the defaults needs to be written; `doppel strategies \(descriptor.id)` prints them.")),
                ("type", .string("object")), ("additionalProperties", .bool(false)), ("properties", .object(properties)),
            ])))
        }
        for joint in JointRegistry.all {
            let descriptor = joint.descriptor
            out.append(("joint_parameters_\(descriptor.id)", .object([
                ("title", .string("\(descriptor.id) parameters")), ("description", .string(descriptor.help)),
                ("type", .string("object")), ("additionalProperties", .bool(false)),
                ("properties", .object(descriptor.parameters.map { ($0.name, schema(of: $0)) })),
            ])))
        }
        return out
    }

    /// One parameter's schema: its type, range or words, default and help.
    static func schema(of spec: ParameterSpec) -> JSONDocument {
        var out: [(String, JSONDocument)] = [("description", .string("\(spec.help) (\(spec.allowedDescription); default: \(spec.defaultValue.displayText.isEmpty ? "empty" : spec.defaultValue.displayText))"))]
        func bounds(_ minimum: Double?, _ maximum: Double?) -> [(String, JSONDocument)] {
            (minimum.map { [("minimum", JSONDocument.number($0))] } ?? []) + (maximum.map { [("maximum", JSONDocument.number($0))] } ?? [])
        }
        switch spec.type {
        case .number(let minimum, let maximum): out += [("type", .string("number"))] + bounds(minimum, maximum)
        case .integer(let minimum, let maximum): out += [("type", .string("integer"))] + bounds(minimum.map(Double.init), maximum.map(Double.init))
        case .boolean: out.append(("type", .string("boolean")))
        case .choice(let words): out.append(("enum", .array(words.map(JSONDocument.string))))
        case .choiceOrNumber(let words, let minimum, let maximum):
            out.append(("anyOf", .array([.object([("enum", .array(words.map(JSONDocument.string)))]),
                                         .object([("type", .string("number"))] + bounds(minimum, maximum))])))
        case .text: out.append(("type", .string("string")))
        case .list: out.append(("type", .string("array")))
        }
        out.append(("default", document(spec.defaultValue)))
        return .object(out)
    }

    static func document(_ value: ParameterValue) -> JSONDocument {
        switch value {
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(number)
        case .text(let text): .string(text)
        case .list(let items): .array(items.map(document))
        }
    }
}

extension ValueShape: Declared {
    public static var shape: Shape {
        .anything("How the column is stored and written (integer, decimal, boolean, datetime with its layout, text), as doppel encodes it.")
    }
}
