/// How a value is laid out when it is a person's name.
public enum PersonNameShape: String, Hashable, Codable, Sendable, CaseIterable {
    /// A given name alone: `Ada`.
    case first
    /// A family name alone: `Lovelace`, `van der Meer`.
    case last
    /// Given and family name without a comma: `Ada Lovelace`, `Ada M. Lovelace`, `Jan van der
    /// Meer`, and family-name-first `Zhang Wei`.
    case firstLast
    /// Family name first, then a comma: `Lovelace, Ada`.
    case lastCommaFirst
}

/// Recognises person names against the shipped lists (`Words.firstNames`, `Words.lastNames`).
///
/// Lookups ignore case and accents (`JOSE` matches `José`). A single word must be a known name;
/// a value of two to four name-like words needs a known given name in front or a known family
/// name at the end, so that the many names missing from any list still count, while places such
/// as `Central Park` or `Maple Lane` do not.
public enum PersonName {
    public static func isKnownFirstName(_ word: String) -> Bool { firstKeys.contains(key(word)) }
    public static func isKnownLastName(_ word: String) -> Bool { lastKeys.contains(key(word)) }

    /// The layout of `value` if it reads as a person's name, else nil.
    public static func shape(of value: String) -> PersonNameShape? {
        if let comma = value.firstIndex(of: ",") {
            let family = words(value[..<comma])
            let given = words(value[value.index(after: comma)...])
            guard let family, let given, !family.isEmpty, !given.isEmpty, family.count + given.count <= 4 else { return nil }
            guard let first = given.first, !isInitial(first) else { return nil }
            let known = isKnownFirstName(first) || lastKeys.contains(key(family.joined(separator: " ")))
            return known ? .lastCommaFirst : nil
        }
        var body = value[...]
        if let space = body.firstIndex(of: " "), titles.contains(key(String(body[..<space]))) {
            body = body[body.index(after: space)...]
        }
        guard let tokens = words(body), !tokens.isEmpty else { return nil }
        switch tokens.count {
        case 1:
            if isInitial(tokens[0]) { return nil }
            if isKnownFirstName(tokens[0]) { return .first }
            if isKnownLastName(tokens[0]) { return .last }
            return nil
        case 2...4:
            // A family name may span several words (`van der Meer`, `De Luca`).
            if lastKeys.contains(key(tokens.joined(separator: " "))) { return .last }
            let given = tokens[0]
            let last = tokens[tokens.count - 1]
            if particles.contains(key(given)) || isInitial(last) { return nil }
            let familyKnown = (1..<tokens.count).contains { lastKeys.contains(key(tokens[$0...].joined(separator: " "))) }
            let givenKnown = !isInitial(given) && isKnownFirstName(given)
            if givenKnown && familyKnown { return .firstLast }
            // Family name first, as in East Asian usage (`Zhang Wei`); still one person's name.
            if tokens.count == 2 && isKnownLastName(given) && isKnownFirstName(last) { return .firstLast }
            // One known part is enough, unless the other part is a word places are named with, or
            // a middle word is neither an initial, a particle nor a known name (`Grace Hopper
            // Memorial Fund`).
            let placeLike = placeWords.contains(key(last)) || placeWords.contains(key(given))
            let middlesFit = tokens.dropFirst().dropLast().allSatisfy {
                isInitial($0) || particles.contains(key($0)) || isKnownFirstName($0) || isKnownLastName($0)
            }
            return (givenKnown || familyKnown) && !placeLike && middlesFit ? .firstLast : nil
        default:
            return nil
        }
    }

    /// The words of `text` split on spaces, or nil when one of them cannot be part of a name
    /// (digits, symbols, a stray period).
    private static func words(_ text: Substring) -> [String]? {
        var result: [String] = []
        for word in text.split(separator: " ") {
            guard isNameWord(word) else { return nil }
            result.append(String(word))
        }
        return result
    }

    /// Letters, with inner apostrophes and hyphens (`O'Brien`, `Jean-Luc`), or an initial (`M.`).
    private static func isNameWord(_ word: Substring) -> Bool {
        guard let first = word.first, first.isLetter else { return false }
        if word.count == 2, word.last == "." { return true }
        var previousWasMark = false
        for character in word.dropFirst() {
            if character.isLetter {
                previousWasMark = false
            } else if character == "'" || character == "’" || character == "-" {
                if previousWasMark { return false }
                previousWasMark = true
            } else {
                return false
            }
        }
        return !previousWasMark
    }

    private static func isInitial(_ word: String) -> Bool {
        word.count == 1 || (word.count == 2 && word.last == ".")
    }

    /// Lower-case ASCII, so that case and accents do not matter.
    static func key(_ word: String) -> String {
        Words.foldedToASCII(word.replacingApostrophes).lowercased()
    }

    private static let firstKeys = Set(Words.firstNames.map(key))
    private static let lastKeys = Set(Words.lastNames.map(key))

    private static let titles: Set<String> = ["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "dr", "dr.", "prof", "prof.", "sir", "dame"]
    /// Lower-case words inside family names (`de`, `van der`); they never start a name.
    private static let particles: Set<String> = ["de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "dos", "das", "le", "la", "bin", "binti", "al", "el", "ter", "ten", "y"]
    /// Words that name places and streets; some are also family names (`Park`, `Hill`, `Lane`).
    private static let placeWords: Set<String> = Set(
        ["park", "hill", "hills", "green", "wood", "woods", "lane", "street", "road", "avenue", "square", "city", "town", "bay",
         "beach", "falls", "river", "lake", "island", "station", "airport", "bridge", "valley", "mountain", "hall", "house",
         "court", "place", "way", "drive", "close", "gardens", "church", "castle", "port", "fort", "mount", "saint", "st", "st.",
         "san", "santa", "new", "north", "south", "east", "west", "upper", "lower", "great", "little", "old", "cape", "point",
         "heights", "springs", "harbor", "harbour", "center", "centre", "college", "university", "school", "hospital", "market"]
        + Words.streetSuffixes.map(key))
}

private extension String {
    /// Typographic apostrophes as ASCII ones (`O’Brien` is `O'Brien`).
    var replacingApostrophes: String {
        contains("’") ? String(map { $0 == "’" ? "'" : $0 }) : self
    }
}
