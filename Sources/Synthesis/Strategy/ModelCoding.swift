import Foundation

/// Encodes fitted models and decodes them by strategy id, so that a session can embed models
/// and replay without the source data.
public enum ModelCoding {
    /// `packed: false` writes number arrays as plain JSON arrays (see `Packed`).
    public static func encode(_ model: any ColumnModel, packed: Bool = true) throws -> Data { try sortedJSON(model, packed: packed) }

    public static func encode(_ model: any JointModel, packed: Bool = true) throws -> Data { try sortedJSON(model, packed: packed) }

    /// Sorted keys: the same model always encodes to the same bytes (sessions diff cleanly).
    private static func sortedJSON(_ value: any Encodable, packed: Bool) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        if !packed { encoder.userInfo[.unpackedNumbers] = true }
        return try encoder.encode(value)
    }

    public static func decode(strategy id: String, from data: Data) throws -> any ColumnModel {
        guard let strategy = StrategyRegistry.strategy(id: id) else {
            throw PlanError("unknown strategy '\(id)'")
        }
        return try decode(strategy, from: data)
    }

    public static func decodeJoint(strategy id: String, from data: Data) throws -> any JointModel {
        guard let strategy = JointRegistry.strategy(id: id) else {
            throw PlanError("unknown joint model '\(id)'")
        }
        return try decodeJoint(strategy, from: data)
    }

    private static func decodeJoint<Strategy: JointStrategy>(_ strategy: Strategy.Type, from data: Data) throws -> any JointModel {
        // A model fitted with datetimes split into day and clock is wrapped (`ClockSplitModel`).
        try JSONDecoder().decode(JointModelEnvelope<Strategy.Model>.self, from: data).model
    }

    private static func decode<Strategy: GenerationStrategy>(_ strategy: Strategy.Type, from data: Data) throws -> any ColumnModel {
        try JSONDecoder().decode(Strategy.Model.self, from: data)
    }
}
