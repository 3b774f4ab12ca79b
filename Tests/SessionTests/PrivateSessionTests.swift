import Foundation
import TestSupport
import Testing
@testable import Session
import Synthesis
import Tabular

@Suite("Differentially private sessions")
struct PrivateSessionTests {
    /// dp_people beside a session of `doppel plan --epsilon`, fitted and embedded as `doppel fit`
    /// does it, written and read back.
    static func fittedSession(privateSource: Bool) throws -> (text: String, file: SessionFile, table: Table) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("doppel-dp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        TemporaryFolders.track(directory.path)
        let source = directory.appendingPathComponent("people.csv").path
        try FileManager.default.copyItem(atPath: try TestData.dataset("dp_people"), toPath: source)
        let table = try CSVReader.read(path: source).table
        let kinds = TypeInference.propose(table, profiles: Profiler.profile(table)).map(\.kind)
        let plan = PrivatePlan.make(for: table, kinds: kinds, seed: 4, rows: nil, epsilon: 1)
        let sessionPath = directory.appendingPathComponent("s.yaml").path
        try SessionFile.save(try Session.new(plan: plan, sourcePath: source, read: CSVReadOptions(), table: table, sessionPath: sessionPath,
                                             doppelVersion: "test"), to: sessionPath)
        let file = try SessionFile.load(sessionPath)
        let fitted = try FittedPlan.fit(file.session.plan, on: table)
        let session = try SessionRunner.embed(file, plan: fitted, includeRealValues: false, privateSource: privateSource)
        let out = directory.appendingPathComponent("fitted.yaml").path
        try SessionFile.save(session, to: out)
        return (try String(contentsOfFile: out, encoding: .utf8), try SessionFile.load(out), table)
    }

    /// Every token of a text: runs of letters, digits and . - + (numbers and words).
    static func tokens(_ text: String) -> Set<String> {
        Set(text.split { !($0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }.map(String.init))
    }

    @Test("a fitted private session holds no value that occurs once in its source")
    func noUniqueValue() throws {
        let (text, file, table) = try Self.fittedSession(privateSource: true)
        // The session as written, and each embedded model decoded, with numbers as plain text.
        var written = text
        let model = try #require(file.session.model)
        #expect(model.columns.isEmpty, "private members embed no model of their own: \(model.columns.keys.sorted())")
        for (_, joint) in model.joint ?? [:] {
            let decoded = try ModelCoding.decodeJoint(strategy: joint.model, from: joint.fitted.json)
            written += String(decoding: try ModelCoding.encode(decoded, packed: false), as: UTF8.self)
        }
        let tokens = Self.tokens(written)
        let numbers = Set(tokens.compactMap(Double.init))
        var checked = 0
        for column in table.columns {
            var counts: [String: Int] = [:]
            for row in 0..<column.count { if let value = column.text(at: row) { counts[value, default: 0] += 1 } }
            for (value, count) in counts where count == 1 {
                checked += 1
                #expect(!tokens.contains(value), "\(column.name): \(value) occurs once in the source and is in the fitted session")
                if let number = Double(value) { #expect(!numbers.contains(number), "\(column.name): \(value) is in the fitted session") }
            }
        }
        #expect(checked > 500, "the fixture's unique values: \(checked)")
        // The six towns that occur once, by name.
        for town in ["Quillmere", "Zanthorpe", "Brackenvale", "Olwynford", "Pellisk", "Yarrowdene"] { #expect(!written.contains(town)) }
        // --private-source: the source's row count and hash are not written; rows are the noisy count.
        #expect(file.session.source?.rows == nil && file.session.source?.sha256 == nil)
        #expect(file.session.plan.rows != nil && file.session.plan.rows != table.rowCount)
    }

    @Test("a fitted private session runs without its source, and the budget is in it")
    func runsWithoutSource() throws {
        let (text, file, _) = try Self.fittedSession(privateSource: false)
        let joint = try #require(file.session.model?.joint?["private"])
        #expect(joint.model == "mst")
        let decoded = try ModelCoding.decodeJoint(strategy: "mst", from: joint.fitted.json)
        let budget = try #require(decoded.privacy?.budget)
        #expect(abs(budget.oneWayRho + budget.selectionRho + budget.twoWayRho - budget.rho) < 1e-15)
        #expect(budget.epsilon == 1)
        #expect(joint.privacy == budget)
        #expect(text.contains("privacy:") && text.contains("two_way_sigma:"))
        #expect(text.contains("rows: 600"))
        try FileManager.default.removeItem(atPath: file.resolve(file.session.source!.path))
        let prepared = try SessionRunner.prepare(file, environment: [:], allowChangedSource: false)
        let sample = try prepared.plan.sample(rows: 300)
        #expect(sample.rowCount == 300)
        #expect(sample.columnNames == ["city", "age", "income", "member", "visits"])
    }
}
