// Byte-level recognisers for personal-data kinds (email, phone, URL, IP, UUID).
//
// Type inference runs these over every distinct value of a column, so they are
// hand-written state machines over UTF-8 bytes: no regular expressions, no
// Foundation, no allocation. Every matcher answers "is the whole value an
// instance of this pattern"; surrounding whitespace never matches.

/// A kind of personal data that a string column may hold.
public enum PersonalDataPattern: String, CaseIterable, Sendable {
    case email, phone, url, ip, uuid

    /// The order in which `firstMatch` tries the patterns: most specific first.
    static let matchOrder: [PersonalDataPattern] = [.uuid, .ip, .email, .url, .phone]

    /// True when `value` as a whole is an instance of this pattern.
    public func matches(_ value: String) -> Bool {
        PersonalDataPattern.withBytes(value) { matches($0) }
    }

    /// True when the UTF-8 `bytes` as a whole are an instance of this pattern.
    public func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        switch self {
        case .email: return PatternScan.isEmail(bytes)
        case .phone: return PatternScan.isPhone(bytes)
        case .url: return PatternScan.isURL(bytes)
        case .ip: return PatternScan.isIPv4(bytes, 0, bytes.count) || PatternScan.isIPv6(bytes)
        case .uuid: return PatternScan.isUUID(bytes)
        }
    }

    /// The first pattern that matches, checked in a fixed order
    /// (uuid, ip, email, url, phone), or nil.
    public static func firstMatch(_ value: String) -> PersonalDataPattern? {
        withBytes(value) { firstMatch($0) }
    }

    /// Byte-level `firstMatch(_:)` for callers that already hold UTF-8.
    public static func firstMatch(_ bytes: UnsafeBufferPointer<UInt8>) -> PersonalDataPattern? {
        // Spelled out (not a loop over `matchOrder`) to keep the hot path trivial.
        if PatternScan.isUUID(bytes) { return .uuid }
        if PatternScan.isIPv4(bytes, 0, bytes.count) || PatternScan.isIPv6(bytes) { return .ip }
        if PatternScan.isEmail(bytes) { return .email }
        if PatternScan.isURL(bytes) { return .url }
        if PatternScan.isPhone(bytes) { return .phone }
        return nil
    }

    @inline(__always)
    private static func withBytes<R>(_ value: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // Native and small strings expose contiguous UTF-8 without copying.
        if let result = value.utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = value
        return copy.withUTF8(body)
    }
}

// MARK: - Scanners

/// The matchers proper. Each takes the whole value's bytes; helpers that take
/// `start`/`end` work on the half-open slice `start..<end`.
enum PatternScan {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    // ASCII code points used below.
    static let dot: UInt8 = 0x2E, colon: UInt8 = 0x3A, hyphen: UInt8 = 0x2D, at: UInt8 = 0x40
    static let slash: UInt8 = 0x2F, question: UInt8 = 0x3F, hash: UInt8 = 0x23, plus: UInt8 = 0x2B
    static let space: UInt8 = 0x20, lparen: UInt8 = 0x28, rparen: UInt8 = 0x29
    static let lbrace: UInt8 = 0x7B, rbrace: UInt8 = 0x7D

    @inline(__always) static func isDigit(_ c: UInt8) -> Bool { c &- 0x30 < 10 }
    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) &- 0x61 < 26 }
    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool { isDigit(c) || isLetter(c) }
    @inline(__always) static func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20) &- 0x61 < 6 }
    @inline(__always) static func lower(_ c: UInt8) -> UInt8 { isLetter(c) ? c | 0x20 : c }

    /// Case-insensitive comparison of `b[start...]` with a lowercase ASCII literal.
    static func hasPrefix(_ b: Bytes, _ start: Int, _ lit: StaticString) -> Bool {
        let n = lit.utf8CodeUnitCount
        guard b.count - start >= n else { return false }
        let p = lit.utf8Start
        for k in 0..<n where lower(b[start + k]) != p[k] { return false }
        return true
    }

    // MARK: UUID

    /// `8-4-4-4-12` hex digits, optionally in braces, or 32 bare hex digits.
    static func isUUID(_ b: Bytes) -> Bool {
        switch b.count {
        case 32:
            for c in b where !isHex(c) { return false }
            return true
        case 36:
            return isHyphenatedUUID(b, 0)
        case 38:
            return b[0] == lbrace && b[37] == rbrace && isHyphenatedUUID(b, 1)
        default:
            return false
        }
    }

    private static func isHyphenatedUUID(_ b: Bytes, _ start: Int) -> Bool {
        for k in 0..<36 {
            let c = b[start + k]
            if k == 8 || k == 13 || k == 18 || k == 23 {
                if c != hyphen { return false }
            } else if !isHex(c) {
                return false
            }
        }
        return true
    }

    // MARK: IP

    /// Dotted-quad IPv4 in `start..<end`: four octets 0–255, no leading zeros.
    static func isIPv4(_ b: Bytes, _ start: Int, _ end: Int) -> Bool {
        var i = start
        var octets = 0
        while true {
            let first = i
            var value = 0
            while i < end, i - first < 4, isDigit(b[i]) {
                value = value * 10 + Int(b[i] &- 0x30)
                i += 1
            }
            let len = i - first
            if len == 0 || len > 3 || value > 255 || (len > 1 && b[first] == 0x30) { return false }
            octets += 1
            if i == end { return octets == 4 }
            if b[i] != dot || octets == 4 { return false }
            i += 1
        }
    }

    /// IPv6: eight groups of 1–4 hex digits, or fewer with one `::`, optionally
    /// ending in an embedded IPv4 address (which counts as two groups).
    static func isIPv6(_ b: Bytes) -> Bool {
        let n = b.count
        guard n >= 2, n <= 45 else { return false }
        var i = 0
        var groups = 0
        var compressed = false
        if b[0] == colon {
            guard b[1] == colon else { return false }
            compressed = true
            i = 2
            if i == n { return true }  // "::"
        }
        while true {
            let first = i
            while i < n, i - first < 5, isHex(b[i]) { i += 1 }
            if i < n, b[i] == dot {
                // Embedded IPv4 tail: must run to the end of the value.
                guard isIPv4(b, first, n) else { return false }
                groups += 2
                break
            }
            let len = i - first
            if len == 0 || len > 4 { return false }
            groups += 1
            if groups > 8 { return false }
            if i == n { break }
            if b[i] != colon { return false }
            i += 1
            if i == n { return false }  // trailing single colon
            if b[i] == colon {
                if compressed { return false }  // a second "::"
                compressed = true
                i += 1
                if i == n { break }
            }
        }
        return compressed ? groups <= 7 : groups == 8
    }

    // MARK: Domain names

    /// Dot-separated labels of letters, digits and inner hyphens (1–63 bytes
    /// each), at least two labels, the last (TLD) being two or more letters.
    static func isDomain(_ b: Bytes, _ start: Int, _ end: Int) -> Bool {
        let total = end - start
        guard total >= 4, total <= 253 else { return false }  // "a.bc" is the shortest
        var labels = 0
        var labelStart = start
        var allLetters = true
        var i = start
        while true {
            if i == end || b[i] == dot {
                let len = i - labelStart
                if len == 0 || len > 63 { return false }
                if b[labelStart] == hyphen || b[i - 1] == hyphen { return false }
                labels += 1
                if i == end { return labels >= 2 && allLetters && len >= 2 }
                labelStart = i + 1
                allLetters = true
            } else {
                let c = b[i]
                if isLetter(c) {
                    // fine
                } else if isDigit(c) || c == hyphen {
                    allLetters = false
                } else {
                    return false
                }
            }
            i += 1
        }
    }

    // MARK: Email

    /// `local@domain.tld`; see `isLocalPartByte` for the local-part alphabet.
    static func isEmail(_ b: Bytes) -> Bool {
        let n = b.count
        guard n >= 6, n <= 254 else { return false }  // "a@b.cc" is the shortest
        var atIndex = -1
        var prev: UInt8 = 0
        for i in 0..<n {
            let c = b[i]
            if c == at {
                if atIndex >= 0 { return false }
                atIndex = i
            } else if atIndex < 0 {
                // Local part.
                if c == dot {
                    if i == 0 || prev == dot { return false }
                } else if !isLocalPartByte(c) {
                    return false
                }
            }
            prev = c
        }
        guard atIndex >= 1, atIndex <= 64, b[atIndex - 1] != dot else { return false }
        return isDomain(b, atIndex + 1, n)
    }

    /// Letters, digits and ``!#$%&'*+/=?^_`{|}~-`` (the dot is handled separately).
    @inline(__always)
    static func isLocalPartByte(_ c: UInt8) -> Bool {
        if isAlnum(c) { return true }
        switch c {
        case 0x21, 0x23, 0x24, 0x25, 0x26, 0x27, 0x2A, 0x2B, 0x2D, 0x2F,  // ! # $ % & ' * + - /
             0x3D, 0x3F, 0x5E, 0x5F, 0x60, 0x7B, 0x7C, 0x7D, 0x7E:  // = ? ^ _ ` { | } ~
            return true
        default:
            return false
        }
    }

    // MARK: URL

    /// `http(s)://host[:port][/path][?query][#fragment]` with host a domain,
    /// `localhost` or IPv4; or `www.domain.tld[...]` without a scheme.
    static func isURL(_ b: Bytes) -> Bool {
        let n = b.count
        var i: Int
        let schemeless: Bool
        if hasPrefix(b, 0, "https://") {
            i = 8; schemeless = false
        } else if hasPrefix(b, 0, "http://") {
            i = 7; schemeless = false
        } else if hasPrefix(b, 0, "www.") {
            i = 0; schemeless = true
        } else {
            return false
        }

        let hostStart = i
        while i < n {
            let c = b[i]
            if c == colon || c == slash || c == question || c == hash { break }
            i += 1
        }
        let hostEnd = i
        let hostOK: Bool
        if schemeless {
            // What follows "www." must itself be a domain: "www.example.com", not "www.example".
            hostOK = isDomain(b, hostStart + 4, hostEnd)
        } else {
            hostOK = (hostEnd - hostStart == 9 && hasPrefix(b, hostStart, "localhost"))
                || isIPv4(b, hostStart, hostEnd)
                || isDomain(b, hostStart, hostEnd)
        }
        guard hostOK else { return false }

        if i < n, b[i] == colon {
            i += 1
            let first = i
            var port = 0
            while i < n, i - first < 6, isDigit(b[i]) {
                port = port * 10 + Int(b[i] &- 0x30)
                i += 1
            }
            let len = i - first
            if len == 0 || len > 5 || port == 0 || port > 65535 { return false }
            if i < n, b[i] != slash, b[i] != question, b[i] != hash { return false }
        }

        // Path, query and fragment: anything printable except `"`, `<`, `>`.
        // Bytes >= 0x80 (UTF-8 in IRIs) are accepted.
        while i < n {
            let c = b[i]
            if c <= space || c == 0x7F || c == 0x22 || c == 0x3C || c == 0x3E { return false }
            i += 1
        }
        return true
    }

    // MARK: Phone

    /// An optional leading `+`, then digits with single separators (space,
    /// `-`, `.`) and at most one parenthesised area code; 7–15 digits; at least
    /// one separator or the `+`. Shapes that are really dates, decimals,
    /// thousands-grouped numbers or IPv4 addresses are rejected.
    static func isPhone(_ b: Bytes) -> Bool {
        let n = b.count
        guard n >= 7, n <= 32 else { return false }

        enum Prev { case start, digit, separator, open, close }
        var i = 0
        let plus = b[0] == plus
        if plus { i = 1 }

        var prev = Prev.start
        var digits = 0
        var separators = 0  // space, hyphen, dot
        var sepChar: UInt8 = 0
        var uniformSep = true
        var dotCount = 0
        var parenUsed = false
        var inParen = false
        var parenDigits = 0
        // Digit-run ("group") shape, for the date/thousands checks.
        var groups = 0
        var g0 = 0, g1 = 0, g2 = 0
        var tailAllThree = true  // every group after the first has exactly 3 digits
        var runLen = 0

        @inline(__always) func closeGroup() {
            switch groups {
            case 0: g0 = runLen
            case 1: g1 = runLen
            case 2: g2 = runLen
            default: break
            }
            if groups > 0 && runLen != 3 { tailAllThree = false }
            groups += 1
            runLen = 0
        }

        while i < n {
            let c = b[i]
            if isDigit(c) {
                digits += 1
                runLen += 1
                if inParen { parenDigits += 1 }
                prev = .digit
            } else {
                if prev == .digit { closeGroup() }
                switch c {
                case space, hyphen, dot:
                    guard !inParen, prev == .digit || prev == .close else { return false }
                    separators += 1
                    if c == dot { dotCount += 1 }
                    if sepChar == 0 { sepChar = c } else if sepChar != c { uniformSep = false }
                    prev = .separator
                case lparen:
                    guard !parenUsed, prev != .close else { return false }
                    parenUsed = true
                    inParen = true
                    parenDigits = 0
                    prev = .open
                case rparen:
                    guard inParen, prev == .digit, parenDigits <= 5 else { return false }
                    inParen = false
                    prev = .close
                default:
                    return false
                }
            }
            i += 1
        }
        guard prev == .digit else { return false }
        closeGroup()
        guard digits >= 7, digits <= 15, plus || parenUsed || separators > 0 else { return false }

        if !plus && !parenUsed {
            // Dates: dddd-dd-dd, dd-dd-dddd (and the same with `.` or space).
            if groups == 3 && ((g0 == 4 && g1 == 2 && g2 == 2) || (g0 == 2 && g1 == 2 && g2 == 4)) {
                return false
            }
            // Decimals: a single dot, e.g. "3.14159265" or "1234567.89".
            if separators == 1 && dotCount == 1 { return false }
            // Thousands grouping with dots or spaces: "1.234.567", "12 345 678".
            if uniformSep && (sepChar == dot || sepChar == space) && g0 <= 3 && tailAllThree {
                return false
            }
            // Dotted quads are IP addresses.
            if groups == 4 && dotCount == 3 && isIPv4(b, 0, n) { return false }
        }
        return true
    }
}
