import Crypto
import Foundation

/// The secret behind `hash` pseudonyms. It is read at fit time from an environment variable or
/// a file, and never stored: a plan names where the key is, a model keeps only its fingerprint.
public struct PseudonymKey: Sendable {
    let bytes: [UInt8]

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The first 16 hex digits of SHA-256 over `doppel-key-fingerprint:` + key: enough for a
    /// session to notice that a later run uses another key, useless for finding the key.
    public var fingerprint: String { Self.fingerprint(of: bytes) }

    public static func fingerprint(of key: [UInt8]) -> String {
        let digest = SHA256.hash(data: Array("doppel-key-fingerprint:".utf8) + key)
        return String(digest.hexString.prefix(16))
    }

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
