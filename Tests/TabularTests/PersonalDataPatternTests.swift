import Testing
@testable import Tabular

/// Positive and negative examples for each recogniser, plus `firstMatch` ordering.
struct PersonalDataPatternTests {

    // MARK: Email

    @Test(arguments: [
        "user@example.com",
        "first.last@example.co.uk",
        "a@b.cc",
        "user+tag@sub.example.org",
        "o'brien@example.ie",
        "x_y-z@my-host.example.com",
        "!#$%&'*+/=?^_`{|}~-@example.com",
        "USER@EXAMPLE.COM",
        "user123@host123.io",
    ])
    func emailMatches(_ value: String) {
        #expect(PersonalDataPattern.email.matches(value))
    }

    @Test(arguments: [
        "a@b",
        "user@@x.com",
        "user@x@y.com",
        "@example.com",
        "user@",
        "user@example",
        "user@example.c",
        "user@example.c0m",
        ".user@example.com",
        "user.@example.com",
        "us..er@example.com",
        "us er@example.com",
        "user@exa mple.com",
        " user@example.com",
        "user@example.com ",
        "user@-example.com",
        "user@example..com",
        "user@.example.com",
        "user@example.com.",
        "user(x)@example.com",
        "",
    ])
    func emailRejects(_ value: String) {
        #expect(!PersonalDataPattern.email.matches(value))
    }

    // MARK: Phone

    @Test(arguments: [
        "+1 415 555 2671",
        "(415) 555-2671",
        "415-555-2671",
        "415.555.2671",
        "+44 20 7946 0958",
        "+14155552671",
        "+1 (415) 555-2671",
        "020 7946 0958",
        "+44 (0)20 7946 0958",
        "(415)555-2671",
        "+1234567",
        "+123 456 789 012 345",
    ])
    func phoneMatches(_ value: String) {
        #expect(PersonalDataPattern.phone.matches(value))
    }

    @Test(arguments: [
        "2024-01-31",
        "31/01/2024",
        "01/31/2024",
        "31-01-2024",
        "31.01.2024",
        "2024.01.31",
        "1.5",
        "12-34",
        "3.14159265",
        "1234567.89",
        "1234567",
        "14155552671",
        "-1234567",
        "+1 415 555 2671 12345",  // 16 digits
        "+1234567890123456",  // 16 digits
        "+123456",  // 6 digits
        "415--555-2671",
        "415-555-2671-",
        "-415-555-2671",
        " 415-555-2671",
        "415-555-2671 ",
        "+ 415 555 2671",
        "(415 555-2671",
        "415) 555-2671",
        "() 415-555-2671",
        "(415) (555) 2671",
        "(41-5) 555-2671",
        "415-555-CALL",
        "1.234.567",
        "12 345 678",
        "192.168.100.200",
        "2024-01-31 12:30",
        "415/555/2671",
    ])
    func phoneRejects(_ value: String) {
        #expect(!PersonalDataPattern.phone.matches(value))
    }

    // MARK: URL

    @Test(arguments: [
        "http://example.com",
        "https://example.com/",
        "HTTPS://Example.COM/Path",
        "https://sub.example.co.uk:8443/a/b?c=d&e=f#frag",
        "http://localhost:3000/api",
        "http://LOCALHOST",
        "http://192.168.0.1/admin",
        "http://127.0.0.1:8080",
        "www.example.com",
        "www.example.com/path?q=1",
        "https://example.com?q=1",
        "https://example.com#top",
        "https://en.wikipedia.org/wiki/Caf%C3%A9_(disambiguation)",
    ])
    func urlMatches(_ value: String) {
        #expect(PersonalDataPattern.url.matches(value))
    }

    @Test(arguments: [
        "http//x",
        "http://",
        "https://x",
        "http://example",
        "ftp://example.com",
        "example.com",
        "www.example",
        "www.com",
        "wwwexample.com",
        "http://exa mple.com",
        "http://example.com/a b",
        " http://example.com",
        "http://example.com ",
        "http://example.com:",
        "http://example.com:99999",
        "http://example.com:0",
        "http://example.com:80x",
        "http://256.1.1.1/",
        "http://-example.com",
        "http://example.com/\"quoted\"",
        "mailto:user@example.com",
    ])
    func urlRejects(_ value: String) {
        #expect(!PersonalDataPattern.url.matches(value))
    }

    // MARK: IP

    @Test(arguments: [
        "0.0.0.0",
        "192.168.1.1",
        "255.255.255.255",
        "10.0.0.1",
        "8.8.8.8",
        "::",
        "::1",
        "2001:db8::1",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "2001:DB8:85A3::8A2E:370:7334",
        "::ffff:192.0.2.1",
        "fe80::",
        "1:2:3:4:5:6:7::",
        "1:2:3:4:5:6:192.0.2.1",
    ])
    func ipMatches(_ value: String) {
        #expect(PersonalDataPattern.ip.matches(value))
    }

    @Test(arguments: [
        "256.1.1.1",
        "010.1.1.1",
        "1.1.1.01",
        "1.2.3",
        "1.2.3.4.5",
        "1.2.3.4.",
        ".1.2.3.4",
        "1..2.3",
        "1.2.3.-4",
        "1234.1.1.1",
        ":::",
        ":",
        "1:2",
        "1::2::3",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "12345::1",
        "2001:db8::g",
        ":1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7:",
        "::ffff:256.0.2.1",
        "::ffff:192.0.2.1:1",
        " 192.168.1.1",
        "192.168.1.1 ",
    ])
    func ipRejects(_ value: String) {
        #expect(!PersonalDataPattern.ip.matches(value))
    }

    // MARK: UUID

    @Test(arguments: [
        "123e4567-e89b-12d3-a456-426614174000",
        "123E4567-E89B-12D3-A456-426614174000",
        "{123e4567-e89b-12d3-a456-426614174000}",
        "00000000-0000-0000-0000-000000000000",
        "123e4567e89b12d3a456426614174000",
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF",
        "f47ac10b-58cc-4372-a567-0e02b2c3d479",
        "{F47AC10B-58CC-4372-A567-0E02B2C3D479}",
    ])
    func uuidMatches(_ value: String) {
        #expect(PersonalDataPattern.uuid.matches(value))
    }

    @Test(arguments: [
        "123e4567-e89b-12d3-a456-42661417400g",
        "123e4567-e89b-12d3-a456-42661417400",
        "123e4567-e89b-12d3-a456-4266141740000",
        "123e4567e89b-12d3-a456-426614174000-",
        "123e4567-e89b12d3-a456-426614174000",
        "{123e4567-e89b-12d3-a456-426614174000",
        "123e4567-e89b-12d3-a456-426614174000}",
        "(123e4567-e89b-12d3-a456-426614174000)",
        "123e4567e89b12d3a45642661417400z",
        "123e4567e89b12d3a45642661417400",
        " 123e4567-e89b-12d3-a456-426614174000",
        "123e4567-e89b-12d3-a456-426614174000 ",
    ])
    func uuidRejects(_ value: String) {
        #expect(!PersonalDataPattern.uuid.matches(value))
    }

    // MARK: firstMatch

    @Test func firstMatchClassifiesEachKind() {
        #expect(PersonalDataPattern.firstMatch("123e4567-e89b-12d3-a456-426614174000") == .uuid)
        #expect(PersonalDataPattern.firstMatch("192.168.1.1") == .ip)
        #expect(PersonalDataPattern.firstMatch("2001:db8::1") == .ip)
        #expect(PersonalDataPattern.firstMatch("user@example.com") == .email)
        #expect(PersonalDataPattern.firstMatch("https://example.com/x") == .url)
        #expect(PersonalDataPattern.firstMatch("(415) 555-2671") == .phone)
    }

    @Test(arguments: ["", "hello", "1234567", "2024-01-31", "3.14159265", "a@b", "true", " "])
    func firstMatchNilForOrdinaryValues(_ value: String) {
        #expect(PersonalDataPattern.firstMatch(value) == nil)
    }

    @Test func firstMatchPrefersEarlierPatternOnOverlap() {
        // Both an email (local part "www.example.com/a") and a schemeless URL.
        let both = "www.example.com/a@b.co"
        #expect(PersonalDataPattern.email.matches(both))
        #expect(PersonalDataPattern.url.matches(both))
        #expect(PersonalDataPattern.firstMatch(both) == .email)
    }

    @Test func firstMatchFollowsDocumentedOrder() {
        #expect(PersonalDataPattern.matchOrder == [.uuid, .ip, .email, .url, .phone])
        // For every sample, firstMatch equals the first pattern in that order that matches.
        let samples = [
            "123e4567e89b12d3a456426614174000", "::1", "8.8.8.8", "a.b@c.de",
            "www.x.com/a@b.co", "http://localhost", "+44 20 7946 0958", "nothing",
        ]
        for s in samples {
            let expected = PersonalDataPattern.matchOrder.first { $0.matches(s) }
            #expect(PersonalDataPattern.firstMatch(s) == expected, "\(s)")
        }
    }

    // MARK: Byte-level entry point and other plumbing

    @Test func byteBufferAgreesWithString() {
        let samples = ["user@example.com", "415-555-2671", "::1", "http://x.io", "nope"]
        for s in samples {
            let bytes = Array(s.utf8)
            for p in PersonalDataPattern.allCases {
                let viaBytes = bytes.withUnsafeBufferPointer { p.matches($0) }
                #expect(viaBytes == p.matches(s), "\(p) \(s)")
            }
            let first = bytes.withUnsafeBufferPointer { PersonalDataPattern.firstMatch($0) }
            #expect(first == PersonalDataPattern.firstMatch(s))
        }
    }

    @Test func emptyBufferMatchesNothing() {
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        for p in PersonalDataPattern.allCases {
            #expect(!p.matches(empty))
        }
    }

    @Test func nonASCIIIsRejectedOutsideURLPaths() {
        #expect(!PersonalDataPattern.email.matches("josé@example.com"))
        #expect(!PersonalDataPattern.email.matches("user@exämple.com"))
        #expect(!PersonalDataPattern.phone.matches("415–555–2671"))  // en dashes
        #expect(PersonalDataPattern.url.matches("https://example.com/café"))
    }

    @Test func rawValuesAndCases() {
        #expect(PersonalDataPattern.allCases.map(\.rawValue) == ["email", "phone", "url", "ip", "uuid"])
        #expect(PersonalDataPattern(rawValue: "ip") == .ip)
    }
}
