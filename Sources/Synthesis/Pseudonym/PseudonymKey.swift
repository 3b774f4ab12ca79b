import Crypto
import _CryptoExtras
import Foundation

/// The secret behind `hash` pseudonyms. It is read at fit time from an environment variable or
/// a file, and never stored: a plan names where the key is, a model keeps only its fingerprint.
public struct PseudonymKey: Sendable {
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// A new check of this key: a random salt, and PBKDF2 over the key with it.
    /// A check of this key under `salt` (fits derive the salt from what the model already holds,
    /// so that two fits of one session write the same bytes).
    public func makeCheck(salt: [UInt8]) throws -> KeyCheck { try KeyCheck(key: bytes, salt: salt) }

    /// The key from `keyFile` when it is set, else from the environment variable `keyVariable`.
    /// A missing, unreadable or empty key is an error naming the column and where it looked.
    public static func load(keyFile: String, keyVariable: String, environment: [String: String], column: String) throws -> PseudonymKey {
        func failure(_ problem: String) -> PlanError {
            PlanError.at(column: column, "strategy 'hash' needs a secret key, but \(problem)")
        }
        if !keyFile.isEmpty {
            let path = NSString(string: keyFile).expandingTildeInPath
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw failure("the key file '\(keyFile)' does not exist")
            }
            guard !isDirectory.boolValue else { throw failure("the key file '\(keyFile)' is a directory") }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw failure("the key file '\(keyFile)' cannot be read")
            }
            var bytes = [UInt8](data)
            // One trailing newline, as `echo` and editors leave it; anything else is the key.
            if bytes.last == 0x0A {
                bytes.removeLast()
                if bytes.last == 0x0D { bytes.removeLast() }
            }
            guard !bytes.isEmpty else { throw failure("the key file '\(keyFile)' is empty") }
            return PseudonymKey(bytes: bytes)
        }
        guard !keyVariable.isEmpty else { throw failure("neither key_env nor key_file is set") }
        guard let value = environment[keyVariable] else {
            throw failure("the environment variable \(keyVariable) is not set (set it, or give key_file)")
        }
        guard !value.isEmpty else { throw failure("the environment variable \(keyVariable) is empty") }
        return PseudonymKey(bytes: Array(value.utf8))
    }

}

extension Sequence where Element == UInt8 {
    /// Lowercase hexadecimal, two digits a byte.
    var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

/// What a model stores about the key its pseudonyms were made with, so that a later fit can
/// tell whether it uses the same key: PBKDF2-HMAC-SHA256 of the key under a per-model salt, with
/// OWASP's work factor for it. An unsalted fast hash (what models stored before) lets anyone
/// with the model test a billion guesses a second against a weak key; this costs each guess the
/// full derivation, and a table of precomputed guesses is useless against a fresh salt.
public struct KeyCheck: Codable, Sendable, Equatable {
    public static let algorithmName = "pbkdf2-hmac-sha256"
    /// OWASP's Password Storage Cheat Sheet figure for PBKDF2-HMAC-SHA256.
    public static let defaultRounds = 600_000
    /// Fewer rounds are refused when a check is read back (a model edited to be cheap to attack).
    public static let minimumRounds = 100_000

    public var algorithm: String
    public var rounds: Int
    /// 16 random bytes, hex.
    public var salt: String
    /// 32 bytes, hex.
    public var derived: String

    init(key: [UInt8], salt saltBytes: [UInt8], rounds: Int = KeyCheck.defaultRounds) throws {
        algorithm = Self.algorithmName
        self.rounds = rounds
        salt = saltBytes.hexString
        derived = try Self.derive(key: key, salt: saltBytes, rounds: rounds).hexString
    }

    /// True when `key` is the key this check was made from.
    public func matches(_ key: PseudonymKey) throws -> Bool {
        guard algorithm == Self.algorithmName, rounds >= Self.minimumRounds, let saltBytes = Self.bytes(hex: salt) else {
            throw PlanError("a key check must be \(Self.algorithmName) with at least \(Self.minimumRounds) rounds and a hex salt")
        }
        let candidate = try Self.derive(key: key.bytes, salt: saltBytes, rounds: rounds).hexString
        // Compared whole, not stopping at the first difference.
        return candidate.utf8.count == derived.utf8.count && zip(candidate.utf8, derived.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func derive(key: [UInt8], salt: [UInt8], rounds: Int) throws -> [UInt8] {
        let symmetric = try KDF.Insecure.PBKDF2.deriveKey(from: key, salt: salt, using: .sha256, outputByteCount: 32, unsafeUncheckedRounds: rounds)
        return symmetric.withUnsafeBytes { Array($0) }
    }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0, !digits.isEmpty else { return nil }
        func value(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var result: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
        }
        return result
    }
}
