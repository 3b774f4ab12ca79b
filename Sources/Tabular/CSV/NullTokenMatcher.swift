/// Recognises the configured null tokens (`--null`) in a field's bytes.
struct NullTokenMatcher: Sendable {
    private let tokens: [[UInt8]]
    private let emptyIsNull: Bool
    private let maximumLength: Int

    init(tokens: [String]) {
        self.tokens = tokens.map { Array($0.utf8) }.filter { !$0.isEmpty }
        emptyIsNull = tokens.contains("")
        maximumLength = self.tokens.map(\.count).max() ?? 0
    }

    @inline(__always)
    func isNull(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = bytes.count
        if count == 0 { return emptyIsNull }
        if count > maximumLength { return false }
        for token in tokens where token.count == count {
            if bytes.elementsEqual(token) { return true }
        }
        return false
    }
}
