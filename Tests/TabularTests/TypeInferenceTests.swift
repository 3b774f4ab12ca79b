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
            "penguins": [.categorical, .categorical, .decimal, .decimal, .integer, .integer, .categorical, .categorical],
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
}
