import Foundation
import Testing
@testable import Synthesis
import Tabular

@Suite("code strategy")
struct CodeStrategyTests {
    /// Tail numbers as in nycflights13 (N14228, N619AA, N3ASAA, N1234X), each seen a few times,
    /// and zero-padded five-digit codes.
    private static let source: Table = {
        var rows = ["tailnum,zip"]
        for index in 0..<1200 {
            let tail: String
            switch index % 4 {
            case 0: tail = "N\(10000 + index % 300 * 211 % 89000)"
            case 1: tail = "N\(100 + index % 300 * 7 % 900)\(["AA", "MQ", "UA"][index % 3])"
            case 2: tail = "N\(index % 9 + 1)\(["ASAA", "BCMQ", "EAJB"][index % 3])"
            default: tail = "N\(1000 + index % 300 * 29 % 9000)\(["X", "Q"][index % 2])"
            }
            rows.append("\(tail),\(String(format: "%05d", index % 300 * 31 % 9000))")
        }
        return try! Datasets.inline(rows.joined(separator: "\n") + "\n")
    }()

    private func sample(_ column: String, rows: Int, parameters: Parameters = Parameters(), seed: UInt64 = 11) throws -> [String] {
        let plan = Plan(seed: seed, columns: [ColumnPlan(name: column, kind: .code, strategy: "code", parameters: parameters)])
        return Fixture.texts(try FittedPlan.fit(plan, on: Self.source).sample(rows: rows)[0]).map { $0! }
    }

    private func shapes(_ values: [String]) -> Set<String> { Set(values.map(CodeStrategy.shape(of:))) }

    @Test("tail numbers: N-prefixed, the real lengths and shapes, mostly new codes")
    func tailNumbers() throws {
        let real = Fixture.texts(Self.source[0]).map { $0! }
        let synthetic = try sample("tailnum", rows: 5000)
        let pattern = try NSRegularExpression(pattern: "^N[0-9A-Z]{3,5}$")
        #expect(synthetic.allSatisfy { pattern.firstMatch(in: $0, range: NSRange($0.startIndex..., in: $0)) != nil })
        #expect(shapes(synthetic) == shapes(real))
        #expect(Set(synthetic.map(\.count)) == Set(real.map(\.count)))
        // Shapes in the real proportions (each a quarter of the rows).
        for shape in shapes(real) {
            let share = Double(synthetic.count { CodeStrategy.shape(of: $0) == shape }) / Double(synthetic.count)
            #expect(abs(share - 0.25) < 0.03, "\(shape): \(share)")
        }
        // Characters per position: the second character of N619AA-shaped codes is 1...9 as in the data.
        #expect(!synthetic.contains { $0.count == 6 && $0.dropFirst().first == "0" && CodeStrategy.shape(of: $0) == "A999AA" })
        let copies = Set(synthetic).intersection(real).count
        #expect(copies < Set(synthetic).count, "not just the real codes again")
    }

    @Test("zero-padded codes keep their width and leading zeros")
    func zeroPadded() throws {
        let synthetic = try sample("zip", rows: 2000)
        #expect(synthetic.allSatisfy { $0.count == 5 && $0.allSatisfy(\.isNumber) })
        #expect(synthetic.contains { $0.hasPrefix("0") })
    }

    @Test("fixed seed, fixed values")
    func fixedSeed() throws {
        let first = try sample("tailnum", rows: 6)
        #expect(first == (try sample("tailnum", rows: 6)))
        #expect(first != (try sample("tailnum", rows: 6, seed: 12)))
        #expect(first.count == 6)
    }

    @Test("a position seen in fewer than min_support distinct values draws from the whole class")
    func rareCells() throws {
        let table = try Datasets.inline("c\n" + (0..<50).map { "AB-\($0 % 9 + 1)" }.joined(separator: "\n") + "\nZZ-99\n")
        let plan = Plan(seed: 3, columns: [ColumnPlan(name: "c", kind: .code, strategy: "code", parameters: Parameters(["min_support": 2]))])
        let values = Fixture.texts(try FittedPlan.fit(plan, on: table).sample(rows: 3000)[0]).map { $0! }
        let long = values.filter { $0.count == 5 }
        #expect(!long.isEmpty)
        #expect(long.allSatisfy { CodeStrategy.shape(of: $0) == "AA-99" })
        // ZZ-99 alone shows its characters: they are not copied, any letters and digits come out.
        #expect(Set(long).count > 10)
        // AB-1 ... AB-9: nine distinct values show A, B and 1...9, so those are kept.
        #expect(values.filter { $0.count == 4 }.allSatisfy { $0.hasPrefix("AB-") && $0.last != "0" })
    }

    @Test("doppel plan's default: code, or categorical without rare codes when codes repeat a lot")
    func defaultChoice() throws {
        let table = Self.source
        #expect(DefaultPlanner.choose(table[0], kind: .code).0 == "code")
        let repeated = try Datasets.inline("t\n" + (0..<2000).map { "N\(100 + $0 % 40)AA" }.joined(separator: "\n") + "\n")
        let (strategy, parameters) = DefaultPlanner.choose(repeated[0], kind: .code)
        #expect(strategy == "categorical")
        #expect(parameters["rare_action"] == "drop")
    }
}

@Suite("dates written as digits, synthesised")
struct EncodedDateSynthesisTests {
    /// yyyyMMdd and yyyyMM integers, with a number that follows the day (so joint models have a
    /// relationship to learn).
    private static let source: Table = {
        var rows = ["day,month,amount"]
        for index in 0..<600 {
            let month = index % 12 + 1
            let day = index * 7 % 28 + 1
            rows.append(String(format: "2013%02d%02d,2012%02d,%d", month, day, month, 100 + month * 10 + index % 9))
        }
        return try! Datasets.inline(rows.joined(separator: "\n") + "\n")
    }()

    @Test("every model writes real calendar dates in the source's digits", arguments: ["none", "gaussian_copula", "cart", "bayesian_network"])
    func validDates(model: String) throws {
        let table = Self.source
        let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        #expect(kinds == [.datetime, .datetime, .integer])
        var plan = DefaultPlanner.plan(for: table, kinds: kinds, seed: 5)
        if model != "none" { plan.joint = [JointPlan(model: model, columns: plan.columns.map(\.name))] }
        let sample = try FittedPlan.fit(plan, on: table).sample(rows: 2000)
        let text = String(decoding: CSVWriter().bytes(sample), as: UTF8.self)
        let lines = text.split(separator: "\n").dropFirst()
        #expect(lines.count == 2000)
        let day = DateTimeFormat.compact(hasDay: true, isNumber: true)
        let month = DateTimeFormat.compact(hasDay: false, isNumber: true)
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            #expect(fields[0].count == 8 && day.parse(fields[0]) != nil, "\(model): \(fields[0])")
            #expect(fields[1].count == 6 && month.parse(fields[1]) != nil, "\(model): \(fields[1])")
        }
    }
}
