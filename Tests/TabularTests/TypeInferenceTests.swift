import Testing
@testable import Tabular

@Suite("Type inference")
struct TypeInferenceTests {
    private func kinds(_ text: String) throws -> [String: ColumnKind] {
        let table = try Fixtures.read(text).table
        let proposals = TypeInference.propose(table, profiles: Profiler.profile(table))
        return Dictionary(uniqueKeysWithValues: zip(table.columnNames, proposals.map(\.kind)))
    }

    @Test("the shared datasets get the kinds a person would choose")
    func sharedDatasets() throws {
        let expectations: [String: [ColumnKind]] = [
            // penguins' year (2007–2009) is a number line, not labels.
            "penguins": [.categorical, .categorical, .decimal, .decimal, .integer, .integer, .categorical, .integer],
            "diamonds": [.decimal, .categorical, .categorical, .categorical, .decimal, .decimal, .integer, .decimal, .decimal, .decimal],
            "credit_data": [.categorical, .integer, .categorical, .integer, .integer, .categorical, .boolean, .categorical,
                            .integer, .integer, .integer, .integer, .integer, .integer],
        ]
        for (name, expected) in expectations {
            let table = try CSVReader.read(path: Fixtures.sharedData(name)).table
            let proposed = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
            #expect(proposed == expected, "\(name)")
        }
    }

    @Test("identifiers, free text, booleans, datetimes and personal data")
    func fixtureKinds() throws {
        var rows = ["row,user_id,email,site,ip,token,phone,note,flag,signup,code,rating"]
        let words = ["the quick brown fox jumps", "over a lazy dog again and again", "synthetic data is made not collected"]
        for index in 0..<60 {
            let uuid = String(format: "%08x-1234-4abc-8def-%012x", index, index * 7919)
            rows.append([
                "\(index + 1)", "U\(10_000 + index * 3)", "person\(index)@example.org", "https://example.com/p/\(index)",
                "10.0.\(index / 10).\(index % 250)", uuid, "+1 415 555 \(String(format: "%04d", index))",
                "\"\(words[index % 3]) \(index)\"", index % 3 == 0 ? "1" : "0",
                "2024-01-\(String(format: "%02d", index % 28 + 1)) 10:\(String(format: "%02d", index % 60))",
                ["A", "B", "C"][index % 3], "\(index % 5 + 1)",
            ].joined(separator: ","))
        }
        let proposed = try kinds(rows.joined(separator: "\n"))
        #expect(proposed["row"] == .identifier)
        #expect(proposed["user_id"] == .identifier)
        #expect(proposed["email"] == .email)
        #expect(proposed["site"] == .url)
        #expect(proposed["ip"] == .ip)
        #expect(proposed["token"] == .uuid)
        #expect(proposed["phone"] == .phone)
        #expect(proposed["note"] == .text)
        #expect(proposed["flag"] == .boolean)
        #expect(proposed["signup"] == .datetime)
        #expect(proposed["code"] == .categorical)
        // 5 levels in 60 rows is too few repeats for the integer codes rule (≤ 5% distinct).
        #expect(proposed["rating"] == .integer)
    }

    @Test("low-cardinality integers become categorical only when they repeat a lot")
    func integerCodes() throws {
        let many = (0..<400).map { "\($0 % 4 + 1)" }.joined(separator: "\n")
        #expect(try kinds("level\n" + many)["level"] == .categorical)
        let few = (0..<12).map { "\($0 % 4 + 1)" }.joined(separator: "\n")
        #expect(try kinds("count\n" + few)["count"] == .integer)
    }

    @Test("an all-null column is text, and the reason says so")
    func allNull() throws {
        let table = try Fixtures.read("a,b\n1,\n2,\n").table
        let proposal = TypeInference.propose(table[1], profile: Profiler.profile(table[1]))
        #expect(proposal.kind == .text)
        #expect(proposal.reason == "no values at all")
    }

    @Test("codes: tail numbers, SKUs and zero-padded numbers share a shape; words, keys and a few levels do not")
    func codes() throws {
        var rows = ["tailnum,sku,zip,word,key,quarter,postcode,mixed"]
        let words = ["Shoulder", "Cat", "Bench", "River", "Lamp", "Stone", "Cloud", "Maple", "Orbit", "Tiger"]
        for index in 0..<600 {
            let tail = index % 3 == 0 ? "N\(10000 + index % 150 * 37)" : "N\(100 + index % 150 * 7)\(["AA", "MQ", "UA"][index % 3])"
            let sku = "\(["AB", "CD", "XY"][index % 3])-\(1000 + index % 150 * 3)-\(["X", "Q"][index % 2])"
            let zip = String(format: "%05d", index % 120 * 83)
            let word = words[index % 400 % 10] + words[index % 400 / 10 % 10].lowercased() + words[index % 400 / 100].lowercased()
            let key = "K\(String(format: "%06d", index * 7))"
            let quarter = "Q\(index % 4 + 1)"
            let postcode = "SW\(index % 60 + 1)A \(index % 9 + 1)AA"
            let mixed = index % 2 == 0 ? "A\(index % 80)" : "pp\(index % 50)-x"
            rows.append([tail, sku, zip, word, key, quarter, postcode, mixed].joined(separator: ","))
        }
        let proposed = try kinds(rows.joined(separator: "\n"))
        #expect(proposed["tailnum"] == .code)
        #expect(proposed["sku"] == .code)
        // 00454 is not a number: the leading zeros keep the column text, and it is a code.
        #expect(proposed["zip"] == .code)
        #expect(proposed["postcode"] == .code)
        #expect(proposed["mixed"] == .code)
        #expect(proposed["word"] == .text)
        #expect(proposed["key"] == .identifier)
        #expect(proposed["quarter"] == .categorical)
        // Sentences with a number in them are not codes.
        let notes = (0..<100).map { "\"box \($0) of 12\"" }.joined(separator: "\n")
        #expect(try kinds("note\n" + notes)["note"] == .text)
    }

    @Test("a code column with too few rows to be categorical is still a code, not text")
    func fewRowCodes() throws {
        let zips = (0..<40).map { String(format: "%05d", $0 % 25 * 411) }.joined(separator: "\n")
        #expect(try kinds("zip\n" + zips)["zip"] == .code)
    }

    @Test("a few years are integers with an order, not categories; other few-valued integers are still categories")
    func years() throws {
        let years = (0..<400).map { "\(2006 + $0 % 5)" }.joined(separator: "\n")
        let table = try Fixtures.read("year\n" + years).table
        let proposal = TypeInference.propose(table[0], profile: Profiler.profile(table[0]))
        #expect(proposal.kind == .integer)
        #expect(proposal.reason.contains("2006–2010"))
        // Far apart, or out of the year range: labels.
        let sparse = (0..<400).map { ["1900", "1950", "2000"][$0 % 3] }.joined(separator: "\n")
        #expect(try kinds("cohort\n" + sparse)["cohort"] == .categorical)
        let codes = (0..<400).map { "\(3000 + $0 % 5)" }.joined(separator: "\n")
        #expect(try kinds("store\n" + codes)["store"] == .categorical)
        // A single year is one level.
        let one = (0..<400).map { _ in "2013" }.joined(separator: "\n")
        #expect(try kinds("year\n" + one)["year"] == .categorical)
    }
}
