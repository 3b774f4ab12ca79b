/// A template that does not parse: what is wrong, and where (counting characters from 1).
struct PatternSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    var problem: String
    var position: Int

    var description: String { "\(problem) at \(position)" }
}

/// Reads a `pattern` template into a `PatternNode` tree.
///
/// Grammar (a regex subset, every repeat bounded so that values stay short):
///
///     template    := branch ('|' branch)*
///     branch      := (atom quantifier?)*
///     atom        := literal | '\' escape | '[' class ']' | '.' | '(' template ')'
///     escape      := d (digit) | w (word: letter, digit, _) | l (lowercase) | u (uppercase)
///                  | any other character that is not a letter or digit, meant literally
///     class       := ('-' | member ('-' member)? )+      no negation
///     quantifier  := '{' n '}' | '{' m ',' n '}' | '?' | '+' (1 to 8) | '*' (0 to 8)
///
/// `.` is any visible ASCII character. `]`, `}` and `)` outside their construct, and the
/// quantifier characters with nothing before them, must be escaped.
enum PatternParser {
    /// The most repeats one quantifier may ask for.
    static let maximumRepeat = 1000
    /// What `+` and `*` stand for at most.
    static let openRepeat = 8
    /// The longest value a template may make, in characters.
    static let maximumLength = 4096
    /// The longest template, in UTF-8 bytes.
    static let maximumTemplateLength = 64 << 10
    /// The deepest groups may nest: the parser, the generator and the automaton builder
    /// recurse once per group.
    static let maximumDepth = 256

    static func parse(_ template: String) throws(PatternSyntaxError) -> PatternNode {
        let length = template.utf8.count
        if length > maximumTemplateLength {
            throw PatternSyntaxError(problem: "template is \(length) bytes long (the most is \(maximumTemplateLength))", position: 1)
        }
        var parser = Parser(scalars: Array(template.unicodeScalars))
        guard !parser.scalars.isEmpty else { throw PatternSyntaxError(problem: "empty template", position: 1) }
        let node = try parser.alternation()
        if parser.index < parser.scalars.count {
            // `alternation` stops only at the end or at a `)` with no group open.
            throw PatternSyntaxError(problem: "unmatched )", position: parser.index + 1)
        }
        // Each quantifier is checked where it is written; parts in sequence add up.
        let longest = node.lengths.upperBound
        if longest > maximumLength {
            throw PatternSyntaxError(problem: "values up to \(longest) characters long (the most is \(maximumLength))", position: 1)
        }
        return node
    }

    private struct Parser {
        let scalars: [Unicode.Scalar]
        var index = 0
        /// Groups open around the current position.
        var depth = 0

        var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        mutating func alternation() throws(PatternSyntaxError) -> PatternNode {
            var branches = [try sequence()]
            while current == "|" {
                index += 1
                branches.append(try sequence())
            }
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func sequence() throws(PatternSyntaxError) -> PatternNode {
            var parts: [PatternNode] = []
            while let scalar = current, scalar != "|", scalar != ")" {
                var part = try atom()
                if let start = current, Self.isQuantifier(start) {
                    let position = index + 1
                    let (minimum, maximum) = try quantifier()
                    part = .repetition(part, minimum: minimum, maximum: maximum)
                    let longest = part.lengths.upperBound
                    if longest > PatternParser.maximumLength {
                        throw PatternSyntaxError(problem: "values up to \(longest) characters long (the most is \(PatternParser.maximumLength)) from the quantifier", position: position)
                    }
                    if let next = current, Self.isQuantifier(next) {
                        throw PatternSyntaxError(problem: "a quantifier \(next) right after another", position: index + 1)
                    }
                }
                parts.append(part)
            }
            return parts.count == 1 ? parts[0] : .sequence(parts)
        }

        static func isQuantifier(_ scalar: Unicode.Scalar) -> Bool {
            scalar == "?" || scalar == "+" || scalar == "*" || scalar == "{"
        }

        mutating func atom() throws(PatternSyntaxError) -> PatternNode {
            let position = index + 1
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "(":
                depth += 1
                defer { depth -= 1 }
                if depth > PatternParser.maximumDepth {
                    throw PatternSyntaxError(problem: "template nests groups deeper than \(PatternParser.maximumDepth) levels", position: position)
                }
                let group = try alternation()
                guard current == ")" else { throw PatternSyntaxError(problem: "unclosed (", position: position) }
                index += 1
                return group
            case "[":
                return .oneOf(try characterClass(openedAt: position))
            case ".":
                return .oneOf(.printable)
            case "\\":
                switch try escape(at: position) {
                case .scalar(let literal): return .literal(literal)
                case .set(let set): return .oneOf(set)
                }
            case "?", "+", "*", "{":
                throw PatternSyntaxError(problem: "nothing to repeat before \(scalar)", position: position)
            case "]", "}":
                throw PatternSyntaxError(problem: "unmatched \(scalar) (write \\\(scalar) for the character)", position: position)
            default:
                return .literal(scalar)
            }
        }

        enum Escaped {
            case scalar(Unicode.Scalar)
            case set(ScalarSet)
        }

        /// After a backslash at `position`.
        mutating func escape(at position: Int) throws(PatternSyntaxError) -> Escaped {
            guard let scalar = current else { throw PatternSyntaxError(problem: "dangling \\", position: position) }
            index += 1
            switch scalar {
            case "d": return .set(.digits)
            case "w": return .set(.word)
            case "l": return .set(.lowercase)
            case "u": return .set(.uppercase)
            default:
                // Letters and digits are reserved for classes (\s, \1 ... mean something in
                // regexes, and silently taking them literally would surprise).
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                    throw PatternSyntaxError(problem: "unknown escape \\\(scalar)", position: position)
                }
                return .scalar(scalar)
            }
        }

        /// After a `[` at `position`, through the closing `]`.
        mutating func characterClass(openedAt position: Int) throws(PatternSyntaxError) -> ScalarSet {
            if current == "^" { throw PatternSyntaxError(problem: "negated class [^ is not supported", position: position) }
            var members: [ScalarSet] = []
            while true {
                guard let scalar = current else { throw PatternSyntaxError(problem: "unclosed [", position: position) }
                if scalar == "]" {
                    index += 1
                    guard !members.isEmpty else { throw PatternSyntaxError(problem: "empty class []", position: position) }
                    return ScalarSet.union(members)
                }
                let memberPosition = index + 1
                let first = try classMember()
                // A `-` between two single characters is a range; at either end it is literal.
                guard case .scalar(let low) = first, current == "-", index + 1 < scalars.count, scalars[index + 1] != "]" else {
                    switch first {
                    case .scalar(let literal): members.append(ScalarSet(literal))
                    case .set(let set): members.append(set)
                    }
                    continue
                }
                index += 1
                let endPosition = index + 1
                guard case .scalar(let high) = try classMember() else {
                    throw PatternSyntaxError(problem: "range ending in a class escape", position: endPosition)
                }
                guard low.value <= high.value else {
                    throw PatternSyntaxError(problem: "range \(low)-\(high) out of order", position: memberPosition)
                }
                members.append(ScalarSet(low, through: high))
            }
        }

        mutating func classMember() throws(PatternSyntaxError) -> Escaped {
            let position = index + 1
            let scalar = scalars[index]
            index += 1
            return scalar == "\\" ? try escape(at: position) : .scalar(scalar)
        }

        /// `?`, `+`, `*` or `{n}` / `{m,n}` at the current position.
        mutating func quantifier() throws(PatternSyntaxError) -> (Int, Int) {
            let position = index + 1
            let scalar = scalars[index]
            index += 1
            switch scalar {
            case "?": return (0, 1)
            case "+": return (1, PatternParser.openRepeat)
            case "*": return (0, PatternParser.openRepeat)
            default: break
            }
            let shape = "expected {n} or {m,n}"
            guard let minimum = number() else { throw PatternSyntaxError(problem: "bad quantifier { (\(shape))", position: position) }
            var maximum = minimum
            if current == "," {
                index += 1
                guard let upper = number() else {
                    if current == "}" { throw PatternSyntaxError(problem: "open-ended quantifier {\(minimum),} (give the most repeats)", position: position) }
                    throw PatternSyntaxError(problem: "bad quantifier { (\(shape))", position: position)
                }
                maximum = upper
            }
            guard current == "}" else {
                if current == nil { throw PatternSyntaxError(problem: "unclosed {", position: position) }
                throw PatternSyntaxError(problem: "bad quantifier { (\(shape))", position: position)
            }
            index += 1
            guard minimum <= maximum else {
                throw PatternSyntaxError(problem: "quantifier {\(minimum),\(maximum)} has its minimum above its maximum", position: position)
            }
            guard maximum <= PatternParser.maximumRepeat else {
                throw PatternSyntaxError(problem: "quantifier repeats more than \(PatternParser.maximumRepeat) times", position: position)
            }
            return (minimum, maximum)
        }

        /// Decimal digits at the current position (capped in length, so that they cannot overflow).
        mutating func number() -> Int? {
            var value = 0
            var digits = 0
            while let scalar = current, ("0"..."9").contains(scalar) {
                if digits < 9 { value = value * 10 + Int(scalar.value - 48) } else { value = Int.max / 2 }
                digits += 1
                index += 1
            }
            return digits > 0 ? value : nil
        }
    }
}
