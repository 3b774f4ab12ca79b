import Declaration
import Yams

/// A mistake in a file, found against the declared format: where (key path and line) and what,
/// in the user's terms ("must be a mapping with 'columns' (found a list)").
struct FormatProblem: Error {
    var path: [String]
    var line: Int?
    var message: String
}

/// Checks a YAML tree against a declared shape before anything is decoded, so that every
/// mistake is reported with its key path and line, and no decoder's wording reaches the user.
/// It also bounds the work a file can cause: YAML aliases can make a small file expand to
/// billions of values, so the walk stops at `budget` nodes.
struct FormatCheck {
    static let defaultBudget = 20_000_000
    private var budget: Int

    init(budget: Int = FormatCheck.defaultBudget) { self.budget = budget }

    static func check(_ node: Node, against shape: Shape, budget: Int = FormatCheck.defaultBudget) throws {
        var checker = FormatCheck(budget: budget)
        try checker.check(node, shape, path: [], line: node.mark?.line)
    }

    private mutating func spend(_ path: [String], _ line: Int?) throws {
        budget -= 1
        if budget < 0 {
            throw FormatProblem(path: path, line: line, message: "the file expands to more than \(Self.defaultBudget) values (YAML aliases repeated inside each other?); refusing to read it")
        }
    }

    private mutating func check(_ node: Node, _ shape: Shape, path: [String], line: Int?) throws {
        try spend(path, line)
        // The key's line where there is a key; a list item's own line otherwise.
        let line = line ?? node.mark?.line
        func fail(_ message: String) -> FormatProblem { FormatProblem(path: path, line: line, message: message) }
        func mismatch() -> FormatProblem { fail("must be \(shape.phrase) (found \(Self.found(node)))") }
        switch shape {
        case .anything:
            try count(node, path: path, line: line)
        case .oneOf(let shapes):
            var lastProblem: FormatProblem?
            for candidate in shapes {
                var trial = self
                do {
                    try trial.check(node, candidate, path: path, line: line)
                    self = trial
                    return
                } catch let problem as FormatProblem {
                    if problem.message.hasPrefix("the file expands") { throw problem }
                    lastProblem = problem
                }
            }
            if case .scalar = node { throw mismatch() }
            throw lastProblem ?? mismatch()
        case .record(let record):
            guard case .mapping(let mapping) = node else { throw mismatch() }
            for (key, value) in mapping {
                let name = key.string ?? ""
                guard let field = record.field(name) else {
                    let allowed = record.fields.map(\.key)
                    let hint = Self.closest(to: name, in: allowed).map { "did you mean '\($0)'? " } ?? ""
                    throw FormatProblem(path: path + [name], line: key.mark?.line ?? line,
                                        message: "unknown key; \(hint)allowed here: " + allowed.joined(separator: ", "))
                }
                if Self.isNull(value) && !field.required { continue }
                try check(value, field.shape, path: path + [name], line: key.mark?.line ?? line)
            }
            for field in record.fields where field.required {
                guard let value = mapping[field.key] else {
                    throw fail("missing key '\(field.key)' (\(Self.firstSentence(field.doc)))")
                }
                _ = value
            }
        case .dictionary(let valueShape, _):
            guard case .mapping(let mapping) = node else { throw mismatch() }
            for (key, value) in mapping {
                try check(value, valueShape, path: path + [key.string ?? ""], line: key.mark?.line ?? line)
            }
        case .list(let itemShape):
            guard case .sequence(let sequence) = node else { throw mismatch() }
            for (index, item) in sequence.enumerated() {
                try check(item, itemShape, path: path + [String(index)], line: item.mark?.line ?? line)
            }
        case .text(let rule):
            guard let scalar = node.scalar, !Self.isNull(node) else {
                if Self.isNull(node) { throw fail("must be \(shape.phrase) (found nothing; quote it if you mean the word: 'null')") }
                throw mismatch()
            }
            if rule.nonEmpty && scalar.string.isEmpty { throw fail("must be \(shape.phrase) (found an empty value)") }
        case .choice(let words, _, _):
            guard let scalar = node.scalar, words.contains(scalar.string) else {
                let hint = node.scalar.flatMap { Self.closest(to: $0.string, in: words) }.map { "; did you mean '\($0)'?" } ?? ""
                throw fail("must be \(shape.phrase) (found \(Self.found(node)))\(hint)")
            }
        case .integer(let minimum, let maximum):
            guard let scalar = node.scalar, let value = Int64.construct(from: scalar),
                  value >= (minimum ?? .min), value <= (maximum ?? .max) else { throw mismatch() }
        case .unsigned:
            guard let scalar = node.scalar, UInt64.construct(from: scalar) != nil else { throw mismatch() }
        case .number(let minimum, let maximum):
            guard let scalar = node.scalar, scalar.style == .plain || scalar.style == .any,
                  let value = Double.construct(from: scalar) else { throw mismatch() }
            if let minimum, !(value >= minimum) { throw mismatch() }
            if let maximum, !(value <= maximum) { throw mismatch() }
        case .boolean:
            guard let scalar = node.scalar, Bool.construct(from: scalar) != nil else { throw mismatch() }
        }
    }

    /// Counts a free subtree's nodes against the budget (fitted models are checked by their strategy).
    private mutating func count(_ node: Node, path: [String], line: Int?) throws {
        switch node {
        case .scalar, .alias: return
        case .mapping(let mapping):
            for (_, value) in mapping {
                try spend(path, line)
                try count(value, path: path, line: line)
            }
        case .sequence(let sequence):
            for item in sequence {
                try spend(path, line)
                try count(item, path: path, line: line)
            }
        }
    }

    static func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar else { return false }
        return (scalar.style == .plain || scalar.style == .any) && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// What was found, in a person's words: "a list", "a mapping", "'abc'", "nothing".
    static func found(_ node: Node) -> String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar):
            if isNull(node) { return "nothing" }
            let text = scalar.string
            return "'" + (text.count > 40 ? String(text.prefix(40)) + "…" : text) + "'"
        }
    }

    static func firstSentence(_ doc: String) -> String {
        let end = doc.firstIndex { $0 == "." || $0 == ":" || $0 == ";" } ?? doc.endIndex
        return String(doc[..<end]).lowercasedFirst
    }

    /// The allowed word nearest a misspelling (edit distance at most 2, or a case difference).
    static func closest(to word: String, in words: [String]) -> String? {
        let lowered = word.lowercased()
        var best: (String, Int)?
        for candidate in words {
            let distance = candidate.lowercased() == lowered ? 0 : editDistance(lowered, candidate.lowercased())
            if distance <= 2, distance < (best?.1 ?? .max) { best = (candidate, distance) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        if abs(a.count - b.count) > 2 || a.count > 64 || b.count > 64 { return 3 }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}

private extension String {
    var lowercasedFirst: String { prefix(1).lowercased() + dropFirst() }
}
