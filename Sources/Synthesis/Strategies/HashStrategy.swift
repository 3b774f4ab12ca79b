import Crypto
import Tabular

/// Keyed pseudonyms of the real values, row-aligned: HMAC-SHA256 of each value's text under a
/// secret key, as hex. The same value always gets the same pseudonym (for the same key), so
/// counts and joins survive while the values do not. The key is read at fit time and never
/// stored; the model keeps the pseudonyms and a salted, slow check of the key (`KeyCheck`) only.
public enum HashStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "hash", family: .partial,
        help: "Keyed pseudonym of each real value (HMAC-SHA256, hex), row-aligned",
        supportedKinds: ColumnKind.every,
        parameters: [
            ParameterSpec("length", .integer(minimum: 8, maximum: 64), default: 16,
                          help: "Hex digits kept of the 64 (on columns stored as numbers: decimal digits, at most 15)"),
            ParameterSpec("prefix", .text, default: "", help: "Text before each pseudonym (text columns)"),
            ParameterSpec("key_env", .text, default: "DOPPEL_HASH_KEY", help: "Environment variable holding the secret key"),
            ParameterSpec("key_file", .text, default: "", help: "File holding the secret key (used instead of key_env when set)"),
            ParameterSpec("cycle", .boolean, default: false, help: "Repeat the real rows when more rows are asked for"),
        ],
        exposure: .none, carriesOwnNulls: true)

    /// Numbers are written through a Double: up to 15 digits they come back exactly.
    static let maximumDigits = 15

    public struct Model: RowAlignedModel {
        static let strategyID = "hash"
        /// The source rows, with pseudonyms for levels: the model never holds a real value.
        public var pseudonyms: RealColumn
        /// A check of the key the pseudonyms were made with (PBKDF2 under a random salt), for a
        /// session to store and to warn when a later fit uses another key. Models written before
        /// had an unsalted 64-bit fingerprint (`keyFingerprint`) instead; it is dropped when such
        /// a model is read, so it is not written again, and the check is then nil.
        public var keyCheck: KeyCheck?
        var storedRows: RealColumn { pseudonyms }
        public var exposure: RealValueExposure { .none }

        init(pseudonyms: RealColumn, keyCheck: KeyCheck?) {
            self.pseudonyms = pseudonyms
            self.keyCheck = keyCheck
        }

        enum CodingKeys: String, CodingKey {
            case pseudonyms, keyCheck
        }

        public init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            pseudonyms = try container.decode(RealColumn.self, forKey: .pseudonyms)
            // An old model's `keyFingerprint` is ignored: the pseudonyms are unchanged.
            keyCheck = try container.decodeIfPresent(KeyCheck.self, forKey: .keyCheck)
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let source = try input.requireColumn(strategy: descriptor.id)
        let length = input.parameters.integer("length") ?? 16
        let prefix = input.parameters.text("prefix") ?? ""
        let key = try PseudonymKey.load(
            keyFile: input.parameters.text("key_file") ?? "", keyVariable: input.parameters.text("key_env") ?? "",
            environment: input.environment, column: input.columnName)
        let pseudonymizer = Pseudonymizer(key: key)

        // The output takes the source column's shape: hex on text, a whole number on numbers.
        let makePseudonym: (String) -> String
        switch input.shape {
        case .text:
            makePseudonym = { pseudonymizer.hex($0, length: length, prefix: prefix) }
        case .integer, .decimal:
            guard prefix.isEmpty else {
                throw ParameterError(column: input.columnName, parameter: "prefix", value: prefix,
                                     allowed: "no prefix, as the column is stored as numbers (its pseudonyms are numbers)")
            }
            let digits = min(length, maximumDigits)
            makePseudonym = { pseudonymizer.number($0, digits: digits) }
        case .boolean, .datetime:
            throw PlanError.at(column: input.columnName, "strategy 'hash' makes text or number pseudonyms, but the column is stored as flags or dates")
        }

        // Each distinct value is hashed once; the row codes stay as they are.
        var pseudonyms = RealColumn(source, numeric: false, cycle: input.parameters.bool("cycle"))
        pseudonyms.levels = pseudonyms.levels?.map(makePseudonym)
        // The salt comes from the column's name and pseudonyms (already in the model, so it tells
        // nothing new): unique per dataset and key, yet the same on every fit of one session.
        var digest = SHA256()
        digest.update(data: Array("doppel key check\u{0}\(input.columnName)".utf8))
        for level in pseudonyms.levels ?? [] { digest.update(data: Array(level.utf8) + [0]) }
        for number in pseudonyms.numbers ?? [] { withUnsafeBytes(of: number.bitPattern) { digest.update(bufferPointer: $0) } }
        return Model(pseudonyms: pseudonyms, keyCheck: try key.makeCheck(salt: Array(digest.finalize().prefix(16))))
    }
}
