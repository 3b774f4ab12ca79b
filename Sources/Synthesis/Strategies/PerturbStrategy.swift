import RealModule
import Tabular

/// The real values, row-aligned, plus Gaussian or Laplace noise.
public enum PerturbStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "perturb", family: .partial,
        help: "Real values plus Gaussian or Laplace noise",
        supportedKinds: ColumnKind.numeric.union([.datetime]),
        parameters: [
            ParameterSpec("noise", .choice(["gaussian", "laplace"]), default: "gaussian", help: "The noise distribution"),
            ParameterSpec("scale", .number(minimum: 0, maximum: nil), default: 0.1,
                          help: "Noise scale (standard deviation for gaussian, b for laplace)"),
            ParameterSpec("scale_type", .choice(["relative", "absolute"]), default: "relative",
                          help: "relative: scale × the column's standard deviation; absolute: scale as is"),
            ParameterSpec("cycle", .boolean, default: false, help: "Repeat the real rows when more rows are asked for"),
        ],
        exposure: .values, carriesOwnNulls: true, producesNumbers: true)

    public struct Model: RowAlignedModel {
        static let strategyID = "perturb"
        public var real: RealColumn
        public var laplace: Bool
        /// The noise scale in the column's units.
        public var scale: Double
        var storedRows: RealColumn { real }
        public var exposure: RealValueExposure { .values }


        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            var output = real.values(at: request.rows.map { $0 % real.count })
            guard case .numbers(let numbers) = output.values else { return output }
            output.values = .numbers(numbers.map { value in
                let noise: Double
                if laplace {
                    let u = random.nextOpenUnit() - 0.5
                    noise = -scale * (u < 0 ? -1 : 1) * Double.log(1 - 2 * abs(u))
                } else {
                    noise = scale * random.nextNormal()
                }
                return value + noise
            })
            return output
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let column = try input.requireColumn(strategy: descriptor.id)
        var scale = input.parameters.number("scale") ?? 0.1
        if input.parameters.text("scale_type") == "relative" {
            let values = try input.numericValues(strategy: descriptor.id)
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, values.count - 1))
            scale *= variance.squareRoot()
        }
        return Model(real: RealColumn(column, numeric: true, cycle: input.parameters.bool("cycle")),
                     laplace: input.parameters.text("noise") == "laplace", scale: scale)
    }
}

