import Foundation
import Testing
@testable import Synthesis
import Tabular

@Suite("pattern strategy")
struct PatternStrategyTests {
    /// A source without the generated column: `pattern` needs none.
    private static let source = try! Datasets.inline("other\n1\n2\n")

    private func fitted(_ template: String?, unique: Bool = false, kind: ColumnKind = .identifier, column: String = "code", seed: UInt64 = 7) throws -> FittedPlan {
        var parameters = Parameters(["unique": .bool(unique)])
        if let template { parameters["template"] = .text(template) }
        let plan = Plan(seed: seed, columns: [ColumnPlan(name: column, kind: kind, strategy: "pattern", parameters: parameters)])
        return try FittedPlan.fit(plan, on: Self.source)
    }

    private func sample(_ template: String?, rows: Int, unique: Bool = false, kind: ColumnKind = .identifier, seed: UInt64 = 7) throws -> [String] {
        Fixture.texts(try fitted(template, unique: unique, kind: kind, seed: seed).sample(rows: rows)[0]).map { $0! }
    }

    /// Draws straight from the parsed tree (no table around it), for the statistical checks.
    private func draws(_ template: String, _ count: Int, seed: UInt64 = 3) throws -> [String] {
        let generator = PatternGenerator(root: try PatternParser.parse(template))
        var random = RandomStream(seed: seed)
        return (0..<count).map { _ in generator.value(&random) }
    }

    private func matches(_ regex: String, _ values: [String]) throws -> Bool {
        let expression = try NSRegularExpression(pattern: "^(?:" + regex + ")$")
        return values.allSatisfy { value in
            expression.firstMatch(in: value, range: NSRange(value.startIndex..., in: value)) != nil
        }
    }

    @Test("fixed seed, fixed values")
    func fixedSeedOutputs() throws {
        #expect(try sample(nil, rows: 4) == ["FMI-5178", "XLX-9873", "GCW-5003", "IGS-6808"])
        #expect(try sample(#"(EU|US)-\l{2}\d{2,3}"#, rows: 4) == ["EU-mi178", "US-lx873", "EU-cw003", "EU-gs808"])
        #expect(try sample(#"\w{6}"#, rows: 3) == ["DUJX7m", "stRuzo", "mMF5rW"])
        #expect(try sample(".{5}", rows: 3) == ["5N>R+", "jstJv", "}njB7"])
        #expect(try sample(#"INV-[0-9A-F]{4}\.\u?"#, rows: 3) == ["INV-3748.", "INV-CEE7.Z", "INV-DC53."])
        #expect(try sample(#"[A-Z]{3}-\d{4}"#, rows: 4, unique: true) == ["HHY-1517", "CPY-9629", "DPQ-5579", "DQS-1055"])
    }

    /// Templates with an equivalent regex written out by hand (`.` is visible ASCII, `+` and `*`
    /// stop at 8 repeats, \l and \u are one case of letter).
    static let grammar: [(template: String, regex: String)] = [
        (#"[A-Z]{3}-\d{4}"#, "[A-Z]{3}-[0-9]{4}"),
        (#"(EU|US|[A-Z]{2}x)-\d{2,5}"#, "(EU|US|[A-Z]{2}x)-[0-9]{2,5}"),
        (#"\l+@\l{3,8}\.(com|org|net)"#, "[a-z]{1,8}@[a-z]{3,8}\\.(com|org|net)"),
        (#"\u\l*_\w?"#, "[A-Z][a-z]{0,8}_[A-Za-z0-9_]?"),
        (#"[A-Z0-9_]{6}"#, "[A-Z0-9_]{6}"),
        (#"[-a][b-][\]\\.]"#, "[-a][b-][\\]\\\\.]"),
        (#".{3}"#, "[!-~]{3}"),
        (#"x(a|)y((p|q)r){0,2}"#, "x(a|)y((p|q)r){0,2}"),
        (#"\(\d{3}\) \d{3}-\d{4}"#, "\\([0-9]{3}\\) [0-9]{3}-[0-9]{4}"),
        (#"é[α-γ]{2}"#, "é[α-γ]{2}"),
    ]

    @Test("every value matches its template", arguments: PatternStrategyTests.grammar.indices)
    func valuesMatchTheTemplate(_ index: Int) throws {
        let (template, regex) = Self.grammar[index]
        let values = try sample(template, rows: 2000)
        #expect(try matches(regex, values), "\(template)")
        // Unique values follow the template too.
        let space = try PatternSpace(try PatternParser.parse(template))
        let unique = try sample(template, rows: Int(min(500, space.uniqueRows)), unique: true)
        #expect(try matches(regex, unique), "\(template) unique")
        #expect(Set(unique).count == unique.count, "\(template) unique")
    }

    @Test("quantifiers: {m,n} draws each count equally, ? + * are bounded")
    func quantifierRanges() throws {
        let lengths = try draws("a{2,5}", 8000).map(\.count)
        for length in 2...5 {
            // 2000 expected; σ ≈ 39, so ±200 is over 5σ.
            #expect(abs(lengths.filter { $0 == length }.count - 2000) < 200, "a{2,5}: length \(length)")
        }
        #expect(Set(lengths) == Set(2...5))
        #expect(Set(try draws("b?", 2000).map(\.count)) == [0, 1])
        #expect(Set(try draws("c+", 4000).map(\.count)) == Set(1...8))
        #expect(Set(try draws("d*", 4000).map(\.count)) == Set(0...8))
        #expect(try draws(#"\d{7}"#, 100).allSatisfy { $0.count == 7 })
        #expect(try draws("(ab){0}z", 10) == Array(repeating: "z", count: 10))
    }

    @Test("alternation branches are equally likely, whatever their size")
    func alternationFrequencies() throws {
        let values = try draws("(a|bb|[0-9]{5})", 30_000)
        let counts = [values.filter { $0 == "a" }.count, values.filter { $0 == "bb" }.count, values.filter { $0.count == 5 }.count]
        // 10 000 each; σ ≈ 82, so ±500 is about 6σ.
        for count in counts { #expect(abs(count - 10_000) < 500, "\(counts)") }
        // Nested: z takes half, x and y a quarter each.
        let nested = try draws("((x|y)|z)", 20_000)
        #expect(abs(nested.filter { $0 == "z" }.count - 10_000) < 450)
        #expect(abs(nested.filter { $0 == "x" }.count - 5_000) < 400)
        #expect(abs(nested.filter { $0 == "y" }.count - 5_000) < 400)
    }

    @Test("template errors name the problem and its position", arguments: [
        ("abc[A-Z", "unclosed [ at 4"),
        ("x(ab|cd", "unclosed ( at 2"),
        ("ab)", "unmatched ) at 3"),
        ("ab]", #"unmatched ] (write \] for the character) at 3"#),
        ("x{2,1}", "quantifier {2,1} has its minimum above its maximum at 2"),
        ("*a", "nothing to repeat before * at 1"),
        ("(|+)", "nothing to repeat before + at 3"),
        (#"a\q"#, #"unknown escape \q at 2"#),
        (#"ab\"#, #"dangling \ at 3"#),
        ("[z-a]", "range z-a out of order at 2"),
        (#"[a-\d]"#, #"range ending in a class escape at 4"#),
        ("[^a]", "negated class [^ is not supported at 1"),
        ("[]", "empty class [] at 1"),
        ("a{3", "unclosed { at 2"),
        ("a{x}", "bad quantifier { (expected {n} or {m,n}) at 2"),
        ("a{2,}", "open-ended quantifier {2,} (give the most repeats) at 2"),
        ("a{1001}", "quantifier repeats more than 1000 times at 2"),
        ("a+?", "a quantifier ? right after another at 3"),
        ("(.{100}){50}", "values up to 5000 characters long (the most is 4096) from the quantifier at 9"),
        ("", "empty template at 1"),
    ])
    func templateErrors(_ template: String, _ message: String) {
        #expect(throws: PatternSyntaxError.self) { _ = try PatternParser.parse(template) }
        do {
            _ = try PatternParser.parse(template)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("a bad template is a ParameterError naming the column, the parameter and the position")
    func templateParameterError() throws {
        do {
            _ = try fitted("AB-[0-9")
            Issue.record("accepted an unclosed class")
        } catch let error as ParameterError {
            #expect(error.column == "code")
            #expect(error.parameter == "template")
            #expect(error.description == "column 'code': parameter 'template' = AB-[0-9 is not allowed; expected a valid template (problem: unclosed [ at 4)")
        }
    }

    @Test("unique values never repeat, and do not depend on chunks or shards")
    func uniqueAcrossChunksAndShards() throws {
        let plan = try fitted(#"[A-Z]{2}\d{3}"#, unique: true)
        let rows = FittedPlan.chunkSize * 2 + 7000
        let whole = Fixture.texts(try plan.sample(rows: rows)[0]).map { $0! }
        #expect(Set(whole).count == rows)
        #expect(try matches("[A-Z]{2}[0-9]{3}", whole))
        // Shards: each generates its own slice of global rows, with its own (unrelated) stream.
        let model = plan.columns[0].model
        var sliced: [String] = []
        for slice in [0..<1, 1..<5000, 5000..<16384, 16384..<30000, 30000..<rows] {
            var random = RandomStream(seed: UInt64(slice.lowerBound))
            let output = try model.generate(GenerationRequest(rows: slice, totalRows: rows, generated: [:], seed: 7), random: &random)
            guard case .texts(let texts) = output.values else { Issue.record("expected texts"); return }
            sliced += texts
        }
        #expect(sliced == whole)
    }

    @Test("unique uses every value of a small template, then refuses more rows")
    func uniqueExhaustsTheSpace() throws {
        let plan = try fitted(#"[A-C]\d"#, unique: true)
        let values = Fixture.texts(try plan.sample(rows: 30)[0]).map { $0! }
        #expect(Set(values) == Set(["A", "B", "C"].flatMap { letter in (0...9).map { "\(letter)\($0)" } }))
        #expect(values != values.sorted()) // keyed order, not rank order
        do {
            try plan.check(rows: 31)
            Issue.record("31 unique rows from 30 values")
        } catch let error as PlanError {
            #expect(error.message == #"column 'code': template '[A-C]\d' makes only 30 distinct values, but 31 unique rows were asked for; widen the template or set unique: false"#)
        }
        #expect(throws: PlanError.self) { _ = try plan.sample(rows: 31) }
    }

    @Test("distinct values are counted exactly, also for ambiguous templates")
    func exactCounts() throws {
        func space(_ template: String) throws -> PatternSpace { try PatternSpace(try PatternParser.parse(template)) }
        #expect(try space("a{0,2}a{0,2}").count == 5) // "", a, aa, aaa, aaaa
        #expect(try space("(ab|a)(bc|c)").count == 3) // abbc, abc, ac
        #expect(try space("[a-c]|[b-d]").count == 4)
        #expect(try space("(x|x|x)y?").count == 2)
        #expect(try space(#"[A-Z]{3}-\d{4}"#).count == 175_760_000)
        #expect(try space(#"\w{16}"#).count == 61_581_291_280_182_164_914_327_485_441) // 63^16
        // 2^128 and beyond: no exact count, unique rows still up to 2^62.
        #expect(try space(#"\w{22}"#).count == nil)
        #expect(try space(#"\w{22}"#).uniqueRows == 1 << 62)
        // Ranks name every distinct value once.
        let ambiguous = try space("a{0,2}a{0,2}")
        #expect((0..<5).map { ambiguous.value(rank: UInt128($0)) } == ["", "a", "aa", "aaa", "aaaa"])
        let mixed = try space("(ab|a)(bc|c)")
        #expect(Set((0..<3).map { mixed.value(rank: UInt128($0)) }) == ["abbc", "abc", "ac"])
    }

    // Found by PatternFuzz (Fuzz/Corpus/pattern/ambiguous-repeat): the subset construction of
    // `(a|){1000}` inside a repeat ran for over ten seconds with `unique: true`.
    @Test("templates whose automaton overlaps too much are refused for unique, within a work budget")
    func ambiguousTemplates() throws {
        func space(_ template: String) throws -> PatternSpace { try PatternSpace(try PatternParser.parse(template)) }
        #expect(try space("(a|){300}").count == 301)
        for template in ["(a|){1000}", "(a|b|){1000}", "xy((p|(a|){1000})r){0,2}"] {
            #expect(throws: PatternSpace.TooLarge.self, "\(template)") { _ = try space(template) }
        }
        #expect(try space("a{0,1000}b{0,1000}").count == 1001 * 1001)
    }

    @Test("unique values of huge templates vary at every position", arguments: [
        (#"\w{20}"#, "[A-Za-z0-9_]{20}", 63),   // about 2^120 values: 128-bit ranks
        (#".{40}"#, "[!-~]{40}", 94),            // about 2^262: a keyed walk first
        (#"(x|\d{2}|\l{50})"#, "x|[0-9]{2}|[a-z]{50}", 26),
    ])
    func uniqueHugeSpace(_ template: String, _ regex: String, _ alphabet: Int) throws {
        let values = try sample(template, rows: 3000, unique: true)
        #expect(Set(values).count == 3000)
        #expect(try matches(regex, values))
        let characters = values.map { Array($0) }.filter { $0.count >= 20 }
        #expect(characters.count > 2900)
        for position in 0..<characters[0].count {
            // ~3000 draws over the alphabet: all of it is expected; a constant prefix would give 1.
            #expect(Set(characters.map { $0[position] }).count > alphabet * 9 / 10, "position \(position)")
        }
    }

    @Test("unique values depend on the seed and the column")
    func uniqueKeying() throws {
        let first = try sample(#"[A-Z]{4}"#, rows: 50, unique: true, seed: 1)
        let second = try sample(#"[A-Z]{4}"#, rows: 50, unique: true, seed: 2)
        #expect(first != second)
        let plan = Plan(seed: 1, columns: [
            ColumnPlan(name: "a", kind: .identifier, strategy: "pattern", parameters: Parameters(["template": "[A-Z]{4}", "unique": true])),
            ColumnPlan(name: "b", kind: .identifier, strategy: "pattern", parameters: Parameters(["template": "[A-Z]{4}", "unique": true])),
        ])
        let table = try FittedPlan.fit(plan, on: Self.source).sample(rows: 50)
        #expect(Fixture.texts(table[0]) != Fixture.texts(table[1]))
    }

    @Test("integer columns take digit templates, written as numbers")
    func integerColumns() throws {
        let table = try fitted(#"[1-9]\d{3}"#, kind: .integer).sample(rows: 500)
        let numbers = Fixture.numbers(table[0])
        #expect(numbers.count == 500)
        #expect(numbers.allSatisfy { $0 >= 1000 && $0 <= 9999 && $0 == $0.rounded() })
        let unique = Fixture.numbers(try fitted(#"[1-9]\d{0,2}"#, unique: true, kind: .integer).sample(rows: 999)[0])
        #expect(Set(unique) == Set((1...999).map(Double.init)))

        func parameterError(_ template: String, unique: Bool = false) -> ParameterError? {
            do { _ = try fitted(template, unique: unique, kind: .integer); return nil } catch { return error as? ParameterError }
        }
        #expect(parameterError("A\\d{3}")?.parameter == "template")
        #expect(parameterError("A\\d{3}")?.description.contains("digits only") == true)
        #expect(parameterError("\\d{16}")?.description.contains("at most 15 digits") == true)
        #expect(parameterError("\\d?")?.description.contains("at least one digit") == true)
        // 007 and 7 would be one number.
        #expect(parameterError("\\d{1,3}", unique: true)?.parameter == "unique")
        #expect(parameterError("\\d{3}", unique: true) == nil)
    }

    @Test("the model is stored as its template and replays the same values")
    func codable() throws {
        let plan = try fitted(#"(EU|US)-[A-Z]{2}\d{2}"#, unique: true)
        let data = try ModelCoding.encode(plan.columns[0].model)
        #expect(String(decoding: data, as: UTF8.self) == #"{"column":"code","template":"(EU|US)-[A-Z]{2}\\d{2}","unique":true}"#)
        var replayed = plan
        replayed.columns[0].model = try ModelCoding.decode(strategy: "pattern", from: data)
        #expect(try replayed.sample(rows: 300) == plan.sample(rows: 300))
        #expect(throws: DecodingError.self) {
            _ = try ModelCoding.decode(strategy: "pattern", from: Data(#"{"column":"c","template":"[","unique":false}"#.utf8))
        }
    }
}
