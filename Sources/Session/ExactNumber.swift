import Synthesis
import Tabular
import Yams

/// A Double that a session file writes exactly. Yams writes ordinary-sized doubles with 15
/// significant digits (and in scientific style, `2e-1`), which loses the last bits of fitted
/// models and made replay from a fitted session differ from replay from the source. This writes
/// the shortest text that reads back to the same Double, in plain notation where it can.
struct ExactNumber: Codable, YAMLEncodable, Hashable, Sendable {
    var value: Double

    init(_ value: Double) { self.value = value }

    init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Double.self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if isWhole {
            try container.encode(Int64(value))
        } else {
            try container.encode(value)
        }
    }

    /// Whole numbers are written as integers; -0.0 is not one (it must come back negative).
    private var isWhole: Bool {
        value == value.rounded() && value.magnitude < 9e15 && !(value == 0 && value.sign == .minus)
    }

    func box() -> Node {
        if isWhole { return Node(String(Int64(value)), Tag(.int)) }
        if value.isNaN { return Node(".nan", Tag(.float)) }
        if value.isInfinite { return Node(value < 0 ? "-.inf" : ".inf", Tag(.float)) }
        var bytes: [UInt8] = []
        ValueFormatter.appendDecimal(value, to: &bytes)
        return Node(String(decoding: bytes, as: UTF8.self), Tag(.float))
    }
}

/// A plan's parameters as a session writes them: numbers exact and readable (`0.2`, not `2e-1`).
struct ExactParameters: Codable, Hashable, Sendable {
    var parameters: Parameters

    init(_ parameters: Parameters) { self.parameters = parameters }

    init(from decoder: any Decoder) throws {
        parameters = try Parameters(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: AnyKey.self)
        for name in parameters.values.keys.sorted() {
            try container.encode(ExactParameterValue(parameters.values[name]!), forKey: AnyKey(name))
        }
    }
}

struct ExactParameterValue: Encodable {
    var value: ParameterValue

    init(_ value: ParameterValue) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .number(let number):
            var container = encoder.singleValueContainer()
            try container.encode(ExactNumber(number))
        case .list(let values):
            var container = encoder.unkeyedContainer()
            for item in values { try container.encode(ExactParameterValue(item)) }
        default:
            try value.encode(to: encoder)
        }
    }
}

/// A joint plan written with exact parameter numbers.
struct ExactJointPlan: Encodable {
    var plan: JointPlan

    init(_ plan: JointPlan) { self.plan = plan }

    enum CodingKeys: String, CodingKey { case name, model, columns, parameters, memberParameters = "member_parameters" }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plan.name, forKey: .name)
        try container.encode(plan.model, forKey: .model)
        try container.encode(plan.columns, forKey: .columns)
        if !plan.parameters.isEmpty { try container.encode(ExactParameters(plan.parameters), forKey: .parameters) }
        if !plan.memberParameters.isEmpty {
            var members = container.nestedContainer(keyedBy: AnyKey.self, forKey: .memberParameters)
            for name in plan.memberParameters.keys.sorted() {
                try members.encode(ExactParameters(plan.memberParameters[name]!), forKey: AnyKey(name))
            }
        }
    }
}

/// A constraint written with exact, readable numbers.
struct ExactConstraintPlan: Encodable {
    var plan: ConstraintPlan

    init(_ plan: ConstraintPlan) { self.plan = plan }

    enum CodingKeys: String, CodingKey { case type, column, columns, min, max, formula, enforce }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plan.type, forKey: .type)
        try container.encodeIfPresent(plan.column, forKey: .column)
        try container.encodeIfPresent(plan.columns, forKey: .columns)
        try container.encodeIfPresent(plan.min.map(ExactNumber.init), forKey: .min)
        try container.encodeIfPresent(plan.max.map(ExactNumber.init), forKey: .max)
        try container.encodeIfPresent(plan.formula, forKey: .formula)
        try container.encodeIfPresent(plan.enforce, forKey: .enforce)
    }
}

/// A fitted constraint (in `model.constraints`) written with exact numbers.
struct ExactFittedConstraint: Encodable {
    var fitted: FittedConstraint

    enum CodingKeys: String, CodingKey { case plan, combinations }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ExactConstraintPlan(fitted.plan), forKey: .plan)
        try container.encodeIfPresent(fitted.combinations, forKey: .combinations)
    }
}

/// Sampling conditions written with exact shares.
struct ExactConditions: Encodable {
    var conditions: SamplingConditions

    enum CodingKeys: String, CodingKey { case equals = "where", rebalance }
    enum RebalanceKeys: String, CodingKey { case column, proportions }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !conditions.equals.isEmpty { try container.encode(conditions.equals, forKey: .equals) }
        if let rebalance = conditions.rebalance {
            var nested = container.nestedContainer(keyedBy: RebalanceKeys.self, forKey: .rebalance)
            try nested.encode(rebalance.column, forKey: .column)
            if let proportions = rebalance.proportions {
                var shares = nested.nestedContainer(keyedBy: AnyKey.self, forKey: .proportions)
                for level in proportions.keys.sorted() { try shares.encode(ExactNumber(proportions[level]!), forKey: AnyKey(level)) }
            }
        }
    }
}
