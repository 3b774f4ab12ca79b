import Tabular

/// A joint model over a group of the plan's columns. Members keep their own column plan (its
/// strategy supplies the marginal the copula maps through, and its shared options).
public struct JointPlan: Hashable, Sendable, Codable {
    /// Names the group in errors, random streams and sessions (`joint` unless there are several).
    public var name: String
    /// A joint strategy id from `JointRegistry`.
    public var model: String
    /// Member columns, in visit order.
    public var columns: [String]
    /// Only what differs from the model's defaults.
    public var parameters: Parameters
    /// Per-member parameters (`method`, `predictors`), only for members that set any.
    public var memberParameters: [String: Parameters]

    public init(name: String = "joint", model: String, columns: [String], parameters: Parameters = Parameters(),
                memberParameters: [String: Parameters] = [:]) {
        self.name = name
        self.model = model
        self.columns = columns
        self.parameters = parameters
        self.memberParameters = memberParameters
    }

    private enum CodingKeys: String, CodingKey {
        case name, model, columns, parameters
        case memberParameters = "member_parameters"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? "joint"
        model = try container.decode(String.self, forKey: .model)
        columns = try container.decode([String].self, forKey: .columns)
        parameters = try container.decodeIfPresent(Parameters.self, forKey: .parameters) ?? Parameters()
        memberParameters = try container.decodeIfPresent([String: Parameters].self, forKey: .memberParameters) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(model, forKey: .model)
        try container.encode(columns, forKey: .columns)
        if !parameters.isEmpty { try container.encode(parameters, forKey: .parameters) }
        if !memberParameters.isEmpty { try container.encode(memberParameters, forKey: .memberParameters) }
    }
}
