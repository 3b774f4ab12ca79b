import Tabular

/// Codes in the real column's shape: `N14228` and `N619AA` make `N`-prefixed codes of the real
/// lengths, `00454` makes five-digit codes with the real leading zeros.
///
/// Fitting reads each value's shape — one symbol per character: `9` a digit, `A` an upper-case
/// letter, `a` a lower-case letter, any other character itself (`AB-1234-X` is `AA-9999-A`) —
/// and keeps the shapes with their frequencies. For every length, position and class it keeps
/// the characters seen there and how often (so a constant prefix such as `N` stays constant and
/// a leading digit that is never 0 is never 0). A value is made by drawing a shape, then each
/// character from its cell. Cells seen in fewer than `min_support` distinct values draw from
/// the whole class instead, so that a rare code is not rebuilt character by character.
public enum CodeStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "code", family: .statistical,
        help: "Codes in the real shape: characters per position and length (N14228 makes N-prefixed codes)",
        supportedKinds: [.code, .identifier, .text, .categorical],
        parameters: [
            ParameterSpec("min_support", .integer(minimum: 1, maximum: nil), default: 3,
                          help: "A position's characters are kept only if at least this many distinct values show them; else any character of the class"),
        ],
        exposure: .statistics)

    /// The class symbols of a shape.
    static let digit: Character = "9"
    static let upper: Character = "A"
    static let lower: Character = "a"
    static let digits = "0123456789"
    static let uppers = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    static let lowers = "abcdefghijklmnopqrstuvwxyz"
    /// Longer values are cut to this many characters when shapes are learned (codes are short).
    static let maximumLength = 64

    /// The characters of one class at one position of the values of one length.
    public struct Cell: Codable, Hashable, Sendable {
        public var length: Int
        public var position: Int
        /// `9`, `A` or `a`.
        public var symbol: String
        /// The characters drawn, one per weight.
        public var characters: String
        public var weights: [Double]
    }

    public struct Model: ColumnModel {
        /// Value shapes (`A999AA`), one symbol per character.
        public var shapes: [String]
        public var probabilities: [Double]
        public var cells: [Cell]
        public var exposure: RealValueExposure { .statistics }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            let plan = sampler()
            let shapeIndex = WeightedIndex(weights: probabilities)
            var output: [String] = []
            output.reserveCapacity(request.count)
            for _ in 0..<request.count {
                var value = ""
                for step in plan[shapeIndex.draw(&random)] {
                    switch step {
                    case .literal(let character):
                        value.append(character)
                    case .cell(let characters, let index):
                        value.append(characters[index.draw(&random)])
                    }
                }
                output.append(value)
            }
            return ModelOutput(.texts(output))
        }

        enum Step {
            case literal(Character)
            case cell([Character], WeightedIndex)
        }

        /// Each shape as its steps, the cells looked up once per chunk.
        func sampler() -> [[Step]] {
            var byKey: [String: (characters: [Character], index: WeightedIndex)] = [:]
            for cell in cells {
                byKey["\(cell.length):\(cell.position):\(cell.symbol)"] = (Array(cell.characters), WeightedIndex(weights: cell.weights))
            }
            return shapes.map { shape in
                let symbols = Array(shape)
                return symbols.enumerated().map { position, symbol in
                    guard CodeStrategy.isClass(symbol), let cell = byKey["\(symbols.count):\(position):\(symbol)"] else {
                        return .literal(symbol)
                    }
                    return .cell(cell.characters, cell.index)
                }
            }
        }
    }

    static func isClass(_ symbol: Character) -> Bool { symbol == digit || symbol == upper || symbol == lower }

    static func symbol(of character: Character) -> Character {
        guard character.isASCII, let byte = character.asciiValue else { return character }
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return upper
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return lower
        default: return character
        }
    }

    static func alphabet(of symbol: Character) -> String {
        symbol == digit ? digits : symbol == upper ? uppers : lowers
    }

    /// The shape of one value: `N619AA` → `A999AA`.
    public static func shape(of value: String) -> String {
        String(value.prefix(maximumLength).map(symbol(of:)))
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let column = try input.requireColumn(strategy: descriptor.id)
        guard input.shape == .text else {
            throw PlanError.at(column: input.columnName, "strategy 'code' makes text, but the source column is stored as \(input.shape.isNumeric ? "numbers" : "flags or dates"); use kind integer or a numeric strategy")
        }
        let counts = LevelCounts(column)
        guard !counts.levels.isEmpty else {
            throw PlanError.at(column: input.columnName, "strategy 'code' needs at least one value, but the column is all null")
        }
        let minimumSupport = input.parameters.integer("min_support") ?? 3

        var shapeWeights: [String: Double] = [:]
        var shapeOrder: [String] = []
        struct Key: Hashable { var length: Int, position: Int, symbol: Character }
        struct Tally { var characters: [Character: Double] = [:]; var support = 0 }
        var tallies: [Key: Tally] = [:]
        for (level, count) in zip(counts.levels, counts.counts) {
            let characters = Array(level.prefix(maximumLength))
            guard !characters.isEmpty else { continue }
            let symbols = characters.map(symbol(of:))
            let shape = String(symbols)
            if shapeWeights[shape] == nil { shapeOrder.append(shape) }
            shapeWeights[shape, default: 0] += Double(count)
            for (position, (character, symbol)) in zip(characters, symbols).enumerated() where isClass(symbol) {
                let key = Key(length: characters.count, position: position, symbol: symbol)
                tallies[key, default: Tally()].characters[character, default: 0] += Double(count)
                tallies[key]!.support += 1
            }
        }
        guard !shapeOrder.isEmpty else {
            throw PlanError.at(column: input.columnName, "strategy 'code' needs at least one non-empty value")
        }
        let total = shapeOrder.reduce(0) { $0 + shapeWeights[$1]! }
        let cells = tallies.keys.sorted { ($0.length, $0.position, String($0.symbol)) < ($1.length, $1.position, String($1.symbol)) }
            .map { key -> Cell in
                let tally = tallies[key]!
                if tally.support < minimumSupport {
                    let alphabet = alphabet(of: key.symbol)
                    return Cell(length: key.length, position: key.position, symbol: String(key.symbol),
                                characters: alphabet, weights: [Double](repeating: 1, count: alphabet.count))
                }
                let characters = tally.characters.keys.sorted()
                return Cell(length: key.length, position: key.position, symbol: String(key.symbol),
                            characters: String(characters), weights: characters.map { tally.characters[$0]! })
            }
        return Model(shapes: shapeOrder, probabilities: shapeOrder.map { shapeWeights[$0]! / total }, cells: cells)
    }
}

extension CodeStrategy.Model: Codable {}

extension CodeStrategy.Model {
    public func validate() throws {
        try Check.nonEmpty(shapes.count, "shapes", "shapes")
        try Check.sameCount(probabilities.count, "probabilities", as: shapes.count, "one per shape")
        try Check.distribution(probabilities, "probabilities")
        var keys = Set<String>()
        for (index, cell) in cells.enumerated() {
            try Check.within("cells", String(index)) {
                guard cell.symbol.count == 1, let symbol = cell.symbol.first, CodeStrategy.isClass(symbol) else {
                    throw Check.fail(["symbol"], "'\(cell.symbol)' is not a class: 9 (digit), A (upper-case letter) or a (lower-case letter)")
                }
                guard cell.length >= 1, cell.length <= CodeStrategy.maximumLength, cell.position >= 0, cell.position < cell.length else {
                    throw Check.fail(["position"], "position \(cell.position) of length \(cell.length) is out of range (lengths 1...\(CodeStrategy.maximumLength))")
                }
                try Check.nonEmpty(cell.characters.count, "characters", "characters")
                try Check.sameCount(cell.weights.count, "weights", as: cell.characters.count, "one per character")
                try Check.weights(cell.weights, "weights")
                let alphabet = CodeStrategy.alphabet(of: symbol)
                if let stray = cell.characters.first(where: { !alphabet.contains($0) }) {
                    throw Check.fail(["characters"], "'\(stray)' is not of class \(symbol)")
                }
                guard keys.insert("\(cell.length):\(cell.position):\(symbol)").inserted else {
                    throw Check.fail(["position"], "a second cell for length \(cell.length), position \(cell.position), class \(symbol)")
                }
            }
        }
        for (index, shape) in shapes.enumerated() {
            let symbols = Array(shape)
            guard !symbols.isEmpty, symbols.count <= CodeStrategy.maximumLength else {
                throw Check.fail(["shapes", String(index)], "a shape has 1 to \(CodeStrategy.maximumLength) symbols, not \(symbols.count)")
            }
            for (position, symbol) in symbols.enumerated() where CodeStrategy.isClass(symbol) {
                guard keys.contains("\(symbols.count):\(position):\(symbol)") else {
                    throw Check.fail(["shapes", String(index)], "no cell for length \(symbols.count), position \(position), class \(symbol)")
                }
            }
        }
    }
}
