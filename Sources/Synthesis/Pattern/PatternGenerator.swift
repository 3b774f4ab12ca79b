/// Draws values from a template's tree: each class member, each alternation branch and each
/// repeat count equally likely (so `(a|[0-9]{5})` makes `a` half the time, as one reads it).
struct PatternGenerator: Sendable {
    let root: PatternNode

    func value(_ random: inout RandomStream) -> String {
        var scalars = String.UnicodeScalarView()
        append(root, to: &scalars, random: &random)
        return String(scalars)
    }

    private func append(_ node: PatternNode, to scalars: inout String.UnicodeScalarView, random: inout RandomStream) {
        switch node {
        case .literal(let scalar):
            scalars.append(scalar)
        case .oneOf(let set):
            scalars.append(set.scalar(at: random.nextIndex(set.count)))
        case .sequence(let parts):
            for part in parts { append(part, to: &scalars, random: &random) }
        case .alternation(let branches):
            append(branches[random.nextIndex(branches.count)], to: &scalars, random: &random)
        case .repetition(let inner, let minimum, let maximum):
            let count = minimum == maximum ? minimum : minimum + random.nextIndex(maximum - minimum + 1)
            for _ in 0..<count { append(inner, to: &scalars, random: &random) }
        }
    }
}
