import Tabular

/// Keeps k characters of each real value and masks the rest (`************1234`).
public enum MaskStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "mask", family: .partial,
        help: "Keep k characters of each real value, mask the rest",
        supportedKinds: ColumnKind.textual,
        parameters: [
            ParameterSpec("keep", .integer(minimum: 0, maximum: nil), default: 4, help: "Characters left visible"),
            ParameterSpec("keep_from", .choice(["end", "start"]), default: "end", help: "Which end the visible characters are at"),
            ParameterSpec("mask_char", .text, default: "*", help: "The character that replaces the others"),
            ParameterSpec("cycle", .boolean, default: false, help: "Repeat the real rows when more rows are asked for"),
        ],
        exposure: .values, carriesOwnNulls: true, producesText: true)

    public struct Model: RowAlignedModel {
        static let strategyID = "mask"
        public var real: RealColumn
        var storedRows: RealColumn { real }
        public var exposure: RealValueExposure { .values }


    }

    public static func fit(_ input: FitInput) throws -> Model {
        let keep = input.parameters.integer("keep") ?? 4
        let fromEnd = input.parameters.text("keep_from") != "start"
        guard let maskCharacter = input.parameters.text("mask_char"), maskCharacter.count == 1 else {
            throw ParameterError(column: input.columnName, parameter: "mask_char", value: input.parameters["mask_char"].displayText, allowed: "exactly one character")
        }
        var real = RealColumn(try input.requireColumn(strategy: descriptor.id), numeric: false, cycle: input.parameters.bool("cycle"))
        // Masking happens once, at fit time: the model never holds the unmasked text.
        real.levels = real.levels?.map { level in
            let characters = Array(level)
            let visible = min(keep, characters.count)
            let hidden = String(repeating: maskCharacter, count: characters.count - visible)
            return fromEnd ? hidden + String(characters.suffix(visible)) : String(characters.prefix(visible)) + hidden
        }
        return Model(real: real)
    }
}
