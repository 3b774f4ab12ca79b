import Declaration
import Foundation
import Tabular

/// A fitted model inside a session: its strategy's own JSON (sorted keys, exact numbers), written
/// compactly as one base64 string of the deflated JSON. One YAML node per number made a fitted
/// CART hundreds of thousands of nodes (slow to write, slower to read, and larger than its
/// data); the intent above `model:` stays readable YAML. Format-1 sessions, and anyone writing a
/// model by hand, may give the model as a YAML mapping instead: both are read.
public struct FittedModelData: Hashable, Sendable {
    /// The model's JSON, as `ModelCoding` encodes and decodes it.
    public var json: Data

    /// Inflated models larger than this are refused (a model is untrusted input).
    public static let maximumBytes = 1 << 30

    public init(json: Data) { self.json = json }
}

extension FittedModelData: Codable, Declared {
    public static var shape: Shape {
        .anything("The fitted model: its strategy's JSON, deflated (zlib) and base64-encoded; or the model as a mapping.")
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let deflated = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "the compact model is not base64 text")
            }
            do {
                json = Data(try Deflate.decompress(Array(deflated), limit: Self.maximumBytes))
            } catch let failure as Deflate.Failure {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "the compact model is \(failure.description)")
            }
        } else {
            json = try container.decode(JSONValue.self).json()
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Deflate.compress(Array(json)).base64EncodedString())
    }
}

private extension Array where Element == UInt8 {
    func base64EncodedString() -> String { Data(self).base64EncodedString() }
}
