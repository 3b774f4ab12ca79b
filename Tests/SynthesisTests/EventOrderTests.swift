import Fidelity
import Foundation
import Session
import Synthesis
import Tabular
import TestSupport
import Testing

/// Event tables: each parent's children follow a time column in the source and in the output.
@Suite("event tables: children in their parent's time order")
struct EventOrderTests {
    /// 40 accounts (tier A or B) and their 5–15 events each, written in global time order, as
    /// nycflights13 writes flights.
    static func folder() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("events-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var state: UInt64 = 99
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) / Double(1 << 53) }
        var accounts = "account_id,tier\n"
        var events: [(at: Int, line: String)] = []
        for account in 1...40 {
            let tier = account % 3 == 0 ? "B" : "A"
            accounts += "\(account),\(tier)\n"
            var at = 1_356_998_400 + Int(next() * 86_400 * 30)
            for _ in 0..<(5 + Int(next() * 11)) {
                at += Int(-log(1 - next()) * (tier == "A" ? 3 : 12) * 86_400)
                let stamp = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(at)))
                events.append((at, "\(account),\(stamp),\(String(format: "%.2f", 5 + next() * 95))"))
            }
        }
        let lines = events.sorted { $0.at < $1.at }.map(\.line)
        try accounts.write(toFile: directory + "/accounts.csv", atomically: true, encoding: .utf8)
        try ("account_id,at,amount\n" + lines.joined(separator: "\n") + "\n").write(toFile: directory + "/events.csv", atomically: true, encoding: .utf8)
        return directory
    }

    static func loaded(_ directory: String) throws -> [RelationalPlanner.LoadedTable] {
        try ["accounts", "events"].map { name in
            let path = directory + "/\(name).csv"
            return RelationalPlanner.LoadedTable(name: name, path: path, table: try CSVReader.read(path: path).table)
        }
    }

    @Test("the order column is found (a time that goes up within each parent), not an amount")
    func detects() throws {
        let tables = try Self.loaded(try Self.folder())
        let events = tables[1].table
        #expect(EventOrder.detect(events, parentKey: "account_id") == "at")
        #expect(EventOrder.detect(events, parentKey: "account_id", excluding: ["at"]) == nil)
        #expect(EventOrder.gaps(events, parentKey: "account_id", orderBy: "at").allSatisfy { $0 >= 0 })
    }

    @Test("blocks of one parent's rows are sorted by the column, nulls last; unparented rows stay")
    func sortsBlocks() {
        let column = Column(name: "t", values: .integers([5, 3, 9, 1, 7, 2], IntegerStyle()), validity: NullBitmap([true, true, true, false, true, true]))
        let order = EventOrder.orderWithinBlocks(column, parents: [0, 0, 0, 1, 1, nil])
        #expect(order == [1, 0, 2, 4, 3, 5])
    }

    @Test("doppel plan records order_by; the output writes each account's events in time order")
    func keepsOrder() throws {
        let tables = try Self.loaded(try Self.folder())
        let outcome = try RelationalPlanner.plan(tables, seed: 4, rows: nil, candidates: [nil], sessionPath: "-", doppelVersion: "test")
        #expect(outcome.session.tables?.first { $0.name == "events" }?.orderBy == "at")
        #expect(outcome.notes.contains { $0.contains("an event table") })
        let (plans, links) = try RelationalPlanner.inputs(outcome.session, tables: Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.table) }))
        var output: [String: Table] = [:]
        try RelationalSynthesizer.generate(plans, links: links, settings: .init()) { output[$0] = $1 }
        let events = try #require(output["events"])
        let keys = KeyValues.texts(events.column(named: "account_id")!)
        let times = events.column(named: "at")!
        var last: [String: Double] = [:]
        var pairs = 0
        for row in 0..<events.rowCount {
            guard let key = keys[row], let time = times.values.numericValue(at: row) else { continue }
            if let previous = last[key] {
                pairs += 1
                #expect(time >= previous, "account \(key): row \(row) goes back in time")
            }
            last[key] = time
        }
        #expect(pairs > 100)

        // The report finds the order in the real events and scores the synthetic ones by it.
        let real = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.table) })
        let report = RelationalReport.compute(real: real, synthetic: output, keys: links.map(\.key), tableOrder: ["accounts", "events"])
        let scored = try #require(report.links.first { $0.key.child == "events" }?.events)
        #expect(scored.column == "at")
        #expect(scored.syntheticOrderedShare == 1)
        #expect((scored.gapSimilarity ?? 0) > 0.5, "gap similarity \(scored.gapSimilarity ?? -1)")
    }

    @Test("a declared order_by that is not a column, or holds text, is refused by name")
    func badOrderBy() throws {
        let tables = try Self.loaded(try Self.folder())
        var session = try RelationalPlanner.plan(tables, seed: 4, rows: nil, candidates: [nil], sessionPath: "-", doppelVersion: "test").session
        let byName = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.table) })
        let index = session.tables!.firstIndex { $0.name == "events" }!
        session.tables![index].orderBy = "when"
        #expect(throws: RelationalError.self) { try RelationalPlanner.inputs(session, tables: byName) }
        do {
            _ = try RelationalPlanner.inputs(session, tables: byName)
        } catch let error as RelationalError {
            #expect(error.message.contains("order_by 'when' is not a column of the table"))
        }
    }
}
