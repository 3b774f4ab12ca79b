import Tabular

/// start, start + step, start + 2·step, ... by global row index, so that shards never collide.
/// On text columns, an optional prefix and zero-padding make keys such as `ID-000042`.
public enum SequenceStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "sequence", family: .synthetic,
        help: "start, start+step, ... (unique keys by row number)",
        supportedKinds: [.identifier, .integer, .decimal, .datetime, .text, .categorical],
        parameters: [
            ParameterSpec("start", .number(minimum: nil, maximum: nil), default: 1, help: "The first value"),
            ParameterSpec("step", .number(minimum: nil, maximum: nil), default: 1, help: "The difference between consecutive values"),
            ParameterSpec("prefix", .text, default: "", help: "Text before the number (text columns)"),
            ParameterSpec("width", .integer(minimum: 0, maximum: 30), default: 0, help: "Zero-pad the number to this many digits (text columns)"),
        ],
        exposure: .none, needsSourceColumn: false)

    public struct Model: ColumnModel {
        public var start: Double
        public var step: Double
        public var prefix: String
        public var width: Int
        public var asText: Bool
        public var exposure: RealValueExposure { .none }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            let numbers = request.rows.map { start + Double($0) * step }
            guard asText else { return ModelOutput(.numbers(numbers)) }
            return ModelOutput(.texts(numbers.map { number in
                var digits = number == number.rounded() && number.magnitude < 1e15 ? String(Int64(number)) : String(number)
                if digits.count < width { digits = String(repeating: "0", count: width - digits.count) + digits }
                return prefix + digits
            }))
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        Model(start: input.parameters.number("start") ?? 1, step: input.parameters.number("step") ?? 1,
              prefix: input.parameters.text("prefix") ?? "", width: input.parameters.integer("width") ?? 0,
              asText: !input.shape.isNumeric)
    }
}
