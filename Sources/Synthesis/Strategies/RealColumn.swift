import Tabular

/// A copy of a real column inside a model (kept, shuffled, perturbed or masked columns), with
/// row-aligned access and the `cycle` rule shared by those strategies.
public struct RealColumn: Codable, Sendable, Hashable {
    /// Numbers for numeric shapes.
    @PackedIfPresent public var numbers: [Double]?
    /// Text values for text shapes (dictionary-encoded).
    @PackedIfPresent public var codes: [UInt32]?
    public var levels: [String]?
    /// Row validity, one flag per row.
    @Packed public var valid: [Bool]
    /// Whether rows past the end start again from the first.
    public var cycle: Bool

    init(_ column: Column, numeric: Bool, cycle: Bool) {
        valid = (0..<column.count).map { column.validity.isValid($0) }
        self.cycle = cycle
        if numeric {
            numbers = (0..<column.count).map { column.validity.isValid($0) ? column.values.numericValue(at: $0) ?? 0 : 0 }
        } else {
            let counts = LevelCounts(column)
            let index = Dictionary(uniqueKeysWithValues: counts.levels.enumerated().map { ($1, UInt32($0)) })
            levels = counts.levels
            codes = (0..<column.count).map { row in column.text(at: row).flatMap { index[$0] } ?? 0 }
        }
    }

    public var count: Int { valid.count }

    /// The error for asking more rows than the source has without `cycle`.
    func check(rows: Int, column: String, strategy: String) throws {
        if rows > count && !cycle {
            throw PlanError.at(column: column, "strategy '\(strategy)' has \(count) real rows but \(rows) were asked for; set cycle: true to repeat them")
        }
    }

    /// Values and validity for the given source rows, in order.
    func values(at sourceRows: [Int]) -> ModelOutput {
        var validity = NullBitmap()
        for row in sourceRows { validity.append(valid[row]) }
        if let numbers {
            return ModelOutput(.numbers(sourceRows.map { numbers[$0] }), validity: validity)
        }
        return ModelOutput(.codes(sourceRows.map { codes![$0] }, levels: levels!), validity: validity)
    }
}

/// A model that replays stored rows in order (kept, masked, pseudonymised columns), with the
/// `cycle` rule for outputs longer than the source.
protocol RowAlignedModel: ColumnModel {
    /// The stored rows.
    var storedRows: RealColumn { get }
    static var strategyID: String { get }
}

extension RowAlignedModel {
    public func check(rows: Int, column: String) throws {
        try storedRows.check(rows: rows, column: column, strategy: Self.strategyID)
    }

    public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
        storedRows.values(at: request.rows.map { $0 % storedRows.count })
    }
}

/// A keyed permutation of 0..<count: a small Feistel network with cycle-walking. It maps any row
/// on its own, so every chunk (and every shard) agrees on the one permutation.
struct KeyedPermutation {
    let count: Int
    let key: UInt64
    private let halfBits: Int

    init(count: Int, key: UInt64) {
        self.count = count
        self.key = key
        var bits = 2
        while (1 << bits) < count { bits += 1 }
        halfBits = (bits + 1) / 2
    }

    func apply(_ index: Int) -> Int {
        var value = UInt64(index)
        repeat { value = encrypt(value) } while value >= UInt64(count)
        return Int(value)
    }

    private func encrypt(_ value: UInt64) -> UInt64 {
        let mask: UInt64 = (1 << UInt64(halfBits)) - 1
        var left = value >> UInt64(halfBits)
        var right = value & mask
        for round in 0..<4 {
            let f = SplitMix64.mix(key ^ (UInt64(round) << 56) ^ right) & mask
            (left, right) = (right, left ^ f)
        }
        return (left << UInt64(halfBits)) | right
    }
}
