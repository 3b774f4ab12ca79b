/// UUIDs, payment card numbers and IBANs: valid in form and checksum, made up in content.
enum FakeIdentifiers {
    // MARK: UUID

    /// A version-4 UUID (RFC 9562): 122 random bits, version nibble 4, variant bits 10.
    static func uuid(_ random: inout RandomStream) -> String {
        var bytes = [UInt8]()
        bytes.reserveCapacity(16)
        for _ in 0..<2 {
            let word = random.next()
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hexDigits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append("-") }
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return text
    }

    // MARK: Payment cards

    /// A card brand's number prefixes and length.
    struct CardBrand: Sendable {
        var name: String
        var prefixes: ClosedRange<Int>
        var length: Int
    }

    /// Visa, Mastercard (both its ranges) and American Express, weighted roughly by use.
    static let cardBrands: [(brand: CardBrand, weight: Int)] = [
        (CardBrand(name: "visa", prefixes: 4...4, length: 16), 10),
        (CardBrand(name: "mastercard", prefixes: 51...55, length: 16), 5),
        (CardBrand(name: "mastercard", prefixes: 2221...2720, length: 16), 2),
        (CardBrand(name: "amex", prefixes: 34...34, length: 15), 1),
        (CardBrand(name: "amex", prefixes: 37...37, length: 15), 2),
    ]

    /// A Luhn-valid number of a random brand, digits only.
    static func creditCard(_ random: inout RandomStream) -> String {
        var draw = random.nextIndex(cardBrands.reduce(0) { $0 + $1.weight })
        var brand = cardBrands[0].brand
        for entry in cardBrands {
            if draw < entry.weight { brand = entry.brand; break }
            draw -= entry.weight
        }
        var number = String(brand.prefixes.lowerBound + random.nextIndex(brand.prefixes.count))
        number += random.digits(brand.length - 1 - number.count)
        return number + String(luhnCheckDigit(number))
    }

    /// The digit that makes `payload` + digit pass the Luhn check.
    static func luhnCheckDigit(_ payload: String) -> Int {
        var sum = 0
        for (position, character) in payload.reversed().enumerated() {
            var digit = Int(character.asciiValue! - 48)
            // The check digit will sit at position 0, so the payload's last digit is doubled.
            if position % 2 == 0 {
                digit *= 2
                if digit > 9 { digit -= 9 }
            }
            sum += digit
        }
        return (10 - sum % 10) % 10
    }

    // MARK: IBAN

    /// A country's IBAN layout: total length and the BBAN's characters in order, where `n` is a
    /// digit, `a` an upper-case letter and `c` either (ISO 13616 registry notation, expanded).
    struct IBANFormat: Sendable {
        var country: String
        var length: Int
        var bban: String
    }

    static let ibanFormats: [IBANFormat] = [
        IBANFormat(country: "AT", length: 20, bban: "16n"),
        IBANFormat(country: "BE", length: 16, bban: "12n"),
        IBANFormat(country: "CH", length: 21, bban: "5n12c"),
        IBANFormat(country: "CZ", length: 24, bban: "20n"),
        IBANFormat(country: "DE", length: 22, bban: "18n"),
        IBANFormat(country: "DK", length: 18, bban: "14n"),
        IBANFormat(country: "ES", length: 24, bban: "20n"),
        IBANFormat(country: "FI", length: 18, bban: "14n"),
        IBANFormat(country: "FR", length: 27, bban: "10n11c2n"),
        IBANFormat(country: "GB", length: 22, bban: "4a14n"),
        IBANFormat(country: "GR", length: 27, bban: "7n16c"),
        IBANFormat(country: "IE", length: 22, bban: "4a14n"),
        IBANFormat(country: "IT", length: 27, bban: "1a10n12c"),
        IBANFormat(country: "LU", length: 20, bban: "3n13c"),
        IBANFormat(country: "NL", length: 18, bban: "4a10n"),
        IBANFormat(country: "NO", length: 15, bban: "11n"),
        IBANFormat(country: "PL", length: 28, bban: "24n"),
        IBANFormat(country: "PT", length: 25, bban: "21n"),
        IBANFormat(country: "SE", length: 24, bban: "20n"),
    ]

    /// An IBAN in electronic form (no spaces) with valid ISO 13616 check digits (mod 97 = 1).
    /// National check digits inside the BBAN are random, except Belgium's, which are computed.
    static func iban(_ random: inout RandomStream) -> String {
        let format = random.pick(ibanFormats)
        var bban = ""
        var count = 0
        for character in format.bban {
            if let digit = character.wholeNumberValue {
                count = count * 10 + digit
                continue
            }
            for _ in 0..<count {
                switch character {
                case "n": bban.append(random.digit())
                case "a": bban.append(letter(&random))
                default: bban.append(random.chance(0.5) ? letter(&random) : random.digit())
                }
            }
            count = 0
        }
        if format.country == "BE" {
            // Belgian account numbers end in (first ten digits mod 97), 97 for zero.
            let remainder = Int(bban.prefix(10))! % 97
            bban = String(bban.prefix(10)) + twoDigits(remainder == 0 ? 97 : remainder)
        }
        let check = 98 - mod97(bban + format.country + "00")
        return format.country + twoDigits(check) + bban
    }

    /// The ISO 7064 mod-97 remainder of a text whose letters count as 10…35.
    static func mod97(_ text: String) -> Int {
        var remainder = 0
        for character in text.utf8 {
            if character >= 48 && character <= 57 {
                remainder = (remainder * 10 + Int(character - 48)) % 97
            } else {
                remainder = (remainder * 100 + Int(character - 55)) % 97
            }
        }
        return remainder
    }

    private static func letter(_ random: inout RandomStream) -> Character {
        Character(Unicode.Scalar(UInt8(65 + random.nextIndex(26))))
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : String(value)
    }
}
