import Crypto

/// Keyed pseudonyms: HMAC-SHA256 of a value's text, written as hex (or as a whole number for
/// columns stored as numbers). The same text gives the same pseudonym under the same key, in
/// any column and any table, so joins between pseudonymised tables still work.
struct Pseudonymizer {
    private let key: SymmetricKey

    init(key: PseudonymKey) { self.key = SymmetricKey(data: key.bytes) }

    func code(_ text: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: key))
    }

    /// `prefix` then the first `length` hex digits (1 ... 64) of the code.
    func hex(_ text: String, length: Int, prefix: String) -> String {
        prefix + String(code(text).hexString.prefix(length))
    }

    /// A whole number of at most `digits` digits (1 ... 15) from the code's first 8 bytes.
    func number(_ text: String, digits: Int) -> String {
        let value = code(text).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        var modulus: UInt64 = 1
        for _ in 0..<digits { modulus *= 10 }
        // The modulo's bias is below 10^15 / 2^64 ≈ 0.005 %.
        return String(value % modulus)
    }
}
