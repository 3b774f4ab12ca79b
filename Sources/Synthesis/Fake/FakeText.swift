import Tabular

/// Sentences of list words, as many words as a real column's values have: the word-count
/// distribution is learned (as quantiles), the words never are.
enum FakeText {
    static func text(_ length: TextLength?, _ random: inout RandomStream) -> String {
        let words = (length ?? .standard).draw(&random)
        var remaining = words
        var sentences: [String] = []
        while remaining > 0 {
            // Sentences of 5 to 14 words; only a text of fewer than 5 words is a fragment.
            var count: Int
            if remaining <= 14 {
                count = remaining
            } else {
                count = 5 + random.nextIndex(10)
                if remaining - count < 5 { count = remaining - 5 }
            }
            sentences.append(sentence(words: count, &random))
            remaining -= count
        }
        return sentences.joined(separator: " ")
    }

    private enum Slot { case determiner, adjective, noun, verb, adverb, preposition }

    /// A sentence of exactly `words` words: `The quiet harbour lent a lamp near the old mill.`
    static func sentence(words: Int, _ random: inout RandomStream) -> String {
        var slots: [Slot]
        switch words {
        case 1: slots = [.noun]
        case 2: slots = [.adjective, .noun]
        case 3: slots = [.determiner, .adjective, .noun]
        case 4: slots = [.determiner, .noun, .verb, .adverb]
        default:
            // Subject, verb, object; then phrases (3 words each) and single words (an adjective
            // before a noun, an adverb at the end) make up the rest.
            let extra = words - 5
            // Up to 3 single words fit without a phrase, and each phrase makes room for one more
            // adjective, so ⌈(extra − 3) / 4⌉ = extra / 4 phrases always leave room.
            let phrases = extra > 3 ? extra / 4 : (extra == 3 && random.chance(0.5) ? 1 : 0)
            let singles = extra - 3 * phrases
            // Places for single words: one adjective per noun (2 + phrases nouns), one adverb.
            var places = Array(0..<(3 + phrases))
            for index in 0..<singles {
                places.swapAt(index, index + random.nextIndex(places.count - index))
            }
            let chosen = Set(places.prefix(singles))
            func noun(_ number: Int) -> [Slot] { chosen.contains(number) ? [.determiner, .adjective, .noun] : [.determiner, .noun] }
            slots = noun(0) + [.verb] + noun(1)
            for phrase in 0..<phrases { slots += [.preposition] + noun(2 + phrase) }
            if chosen.contains(2 + phrases) { slots.append(.adverb) }
        }
        var texts = slots.map { slot -> String in
            switch slot {
            case .determiner: return random.pick(determiners)
            case .adjective: return random.pick(Words.textAdjectives)
            case .noun: return random.pick(Words.textNouns)
            case .verb: return random.pick(Words.textVerbs)
            case .adverb: return random.pick(Words.textAdverbs)
            case .preposition: return random.pick(Words.textPrepositions)
            }
        }
        for index in texts.indices.dropLast() where texts[index] == "a" && "aeiou".contains(texts[index + 1].first!) {
            texts[index] = "an"
        }
        texts[0] = texts[0].prefix(1).uppercased() + texts[0].dropFirst()
        return texts.joined(separator: " ") + (slots.contains(.verb) ? "." : "")
    }

    private static let determiners = ["the", "the", "the", "a", "a", "this", "that", "every", "each", "one", "another", "our", "their", "its"]
}

/// How many words a column's texts have: 21 quantiles (0%, 5%, …, 100%) of the word count.
struct TextLength: Codable, Hashable, Sendable {
    var quantiles: [Double]

    /// 5 to 30 words, evenly spread, when nothing was learned.
    static let standard = TextLength(quantiles: (0...20).map { 5 + 25 * Double($0) / 20 })

    init(quantiles: [Double]) { self.quantiles = quantiles }

    /// The word-count quantiles of `levels` weighted by `counts` (at most `limit` distinct
    /// values); nil when none has a word.
    init?(levels: [String], counts: [Int], limit: Int = 20_000) {
        var pairs: [(words: Int, count: Int)] = []
        for (level, count) in zip(levels.prefix(limit), counts) {
            let words = Words.count(in: level, separatedBy: [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t")])
            if words > 0 { pairs.append((words, count)) }
        }
        guard !pairs.isEmpty else { return nil }
        pairs.sort { $0.words < $1.words }
        let total = Double(pairs.reduce(0) { $0 + $1.count })
        var result: [Double] = []
        var position = 0
        var cumulative = Double(pairs[0].count)
        for step in 0...20 {
            // The smallest count whose cumulative share reaches step/20 (the first value at 0%).
            let target = total * Double(step) / 20
            while cumulative < target && position < pairs.count - 1 {
                position += 1
                cumulative += Double(pairs[position].count)
            }
            result.append(Double(pairs[position].words))
        }
        quantiles = result
    }

    /// A word count, interpolated between quantiles (so counts between them occur too).
    func draw(_ random: inout RandomStream) -> Int {
        let scaled = random.nextUnit() * Double(quantiles.count - 1)
        let index = Int(scaled)
        let fraction = scaled - Double(index)
        let value = quantiles[index] + (quantiles[min(index + 1, quantiles.count - 1)] - quantiles[index]) * fraction
        return max(1, Int(value.rounded()))
    }
}
