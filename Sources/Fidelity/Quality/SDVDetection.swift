import Foundation
import Tabular

/// Which columns SDV 2.0's metadata detection (`Metadata.detect_from_dataframes`,
/// `_SingleTableMetadata._detect_columns`) gives an sdtype that SDMetrics' QualityReport skips:
/// personal data or an id by the column's name, or the primary key it picks from the data.
/// Doppel decides by the values instead; this port exists only to name the columns where the
/// two choices differ, so that a figure compared with SDMetrics-with-detected-metadata can be
/// explained. Every other column SDV scores (numerical, datetime, categorical, ordinal, boolean).
public enum SDVDetection {
    /// Why SDV's detected metadata keeps a column out of the QualityReport.
    public enum Skip: Sendable, Codable, Equatable {
        /// A PII sdtype from the name (`email`, `city`, `latitude`...).
        case personalData(sdtype: String)
        /// A token of the name is `id` (`customer_id`, `ID`, `userId`).
        case idByName
        /// The first unique, null-free column of whole non-negative numbers or non-date text:
        /// the primary key, sdtype `id`.
        case primaryKey
    }

    /// The skipped columns of `table` (the real data, as SDMetrics is given it) by name.
    public static func skipped(_ table: Table) -> [String: Skip] {
        var skips: [String: Skip] = [:]
        var primaryKeyCandidates: [String] = []
        for column in table.columns {
            let unique = isUniqueWithoutNulls(column)
            if let sdtype = personalDataSDType(column.name) {
                skips[column.name] = .personalData(sdtype: sdtype)
            } else if isIdByName(column.name) {
                skips[column.name] = .idByName
                if unique { primaryKeyCandidates.append(column.name) }
            } else if unique && table.rowCount > minimumRows && couldBeKey(column) {
                primaryKeyCandidates.append(column.name)
            }
        }
        // Only the first candidate becomes the key; later unique columns keep their sdtype and
        // are scored. (A name-PII key stays PII: skipped already.)
        if let key = primaryKeyCandidates.first, skips[key] == nil { skips[key] = .primaryKey }
        return skips
    }

    /// SDV's `_MIN_ROWS_FOR_PREDICTION`: keys are only guessed in tables longer than this.
    static let minimumRows = 5

    /// `_REFERENCE_TO_SDTYPE`, in SDV's order: a reference found in the lower-cased name with
    /// everything but letters and digits removed gives its sdtype.
    static let substringReferences: [(String, String)] = [
        ("phonenumber", "phone_number"), ("email", "email"), ("firstname", "first_name"),
        ("lastname", "last_name"), ("countrycode", "country_code"), ("stateabbr", "state_abbr"),
        ("postalcode", "postcode"), ("zipcode", "postcode"), ("postcode", "postcode"),
        ("streetaddress", "street_address"), ("line1", "street_address"),
        ("secondaryaddress", "secondary_address"), ("line2", "secondary_address"),
        ("latitude", "latitude"), ("longitude", "longitude"), ("ipv4", "ipv4_address"),
        ("ipv4address", "ipv4_address"), ("ipv6", "ipv6_address"), ("ipv6address", "ipv6_address"),
        ("ipaddress", "ipv6_address"), ("macaddress", "mac_address"), ("useragent", "user_agent_string"),
        ("useragentstring", "user_agent_string"), ("iban", "iban"), ("swift", "swift11"),
        ("swift11", "swift11"), ("swift8", "swift8"), ("creditcardnumber", "credit_card_number"),
        ("licenseplate", "license_plate"), ("license", "license_plate"),
    ]

    /// The references that are parts of other words (`state` in `statement`, `city` in
    /// `ethnicity`): SDV matches them against whole tokens of the name only.
    static let tokenReferences: [(String, String)] = [
        ("ssn", "ssn"), ("administativeunit", "administrative_unit"), ("state", "administrative_unit"),
        ("province", "administrative_unit"), ("city", "city"), ("vin", "vin"),
    ]

    static func personalDataSDType(_ name: String) -> String? {
        let cleaned = String(String.UnicodeScalarView(name.lowercased().unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0)
        }))
        if let match = substringReferences.first(where: { cleaned.contains($0.0) }) { return match.1 }
        let tokens = Set(tokenize(name))
        return tokenReferences.first(where: { tokens.contains($0.0) })?.1
    }

    static func isIdByName(_ name: String) -> Bool {
        tokenize(name).contains("id")
    }

    /// SDV's `_tokenize_column_name`: split on `_`, space and `-`; a name with no separator is
    /// split at capitals when it mixes cases (`userId` → `Id`: the lower-case head is dropped,
    /// as SDV's `[A-Z][^A-Z]*` does).
    static func tokenize(_ name: String) -> [String] {
        var tokens = name.split(separator: "_", omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: " ", omittingEmptySubsequences: false) }
            .flatMap { $0.split(separator: "-", omittingEmptySubsequences: false) }
            .map(String.init)
        if tokens.count == 1 {
            tokens = []
            let tail = String(name.dropFirst())
            if name.uppercased() != name && tail.lowercased() != tail {
                var current: String?
                for character in name {
                    if character.isASCII && character.isUppercase {
                        if let word = current { tokens.append(word) }
                        current = String(character)
                    } else if current != nil {
                        current! += String(character)
                    }
                }
                if let word = current { tokens.append(word) }
            }
        }
        if tokens.isEmpty { tokens = [name] }
        return tokens.map { $0.lowercased() }
    }

    /// pandas' `is_unique` with no null, over the values as pandas reads them.
    static func isUniqueWithoutNulls(_ column: Column) -> Bool {
        guard column.count > 0, column.validity.nullCount == 0 else { return false }
        switch column.values {
        case .strings(let codes, let levels):
            // Fewer levels than rows cannot be unique: most columns stop here.
            return levels.count >= codes.count && Set(codes).count == codes.count
        case .booleans(let flags, _):
            return Set(flags).count == flags.count
        default:
            var seen = Set<UInt64>()
            for value in NumberLine.values(column) where !seen.insert((value == 0 ? 0.0 : value).bitPattern).inserted {
                return false
            }
            return true
        }
    }

    /// SDV proposes a key only among whole non-negative numbers and text that is not a date.
    static func couldBeKey(_ column: Column) -> Bool {
        switch column.values {
        case .strings: return true
        case .booleans, .datetimes: return false
        default: return NumberLine.values(column).allSatisfy { $0 >= 0 && $0 == $0.rounded() }
        }
    }
}
