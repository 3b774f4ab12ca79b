import Foundation
import Session
import Synthesis
import Tabular
import Testing
import TerminalUI
@testable import Workbench

/// Issue 16, the workbench on related tables: the table list with its relationship graph, each
/// table's own workbench (opened, left and reopened with its edits), key columns' relations,
/// and the relational session saved and reopened.
@Suite struct WorkbenchRelationalTests {
    static var fixture: String { WorkbenchFixtures.packageRoot + "/Tests/Fixtures/relational" }

    /// The fixture's three tables copied to a fresh folder (saves write beside them).
    static func copiedFixture() throws -> String {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let tables = dir + "/shop"
        try FileManager.default.createDirectory(atPath: tables, withIntermediateDirectories: true)
        for name in ["customers", "orders", "stores"] {
            try FileManager.default.copyItem(atPath: fixture + "/\(name).csv", toPath: tables + "/\(name).csv")
        }
        return dir
    }

    static func loaded(_ source: String, in directory: String) throws -> WorkbenchState {
        var launch = WorkbenchLaunch(target: .relational(source: source), ascii: true, color: false)
        launch.doppelVersion = "0.0-test"
        var state = WorkbenchState(launch: launch, width: 100, height: 24, currentDirectory: directory, newSessionSeed: 42, chooseJointModel: false)
        let effects = Workbench.reduce(&state, .start)
        guard case .loadRelational(let request)? = effects.first else {
            Issue.record("no relational load: \(effects)")
            return state
        }
        _ = Workbench.reduce(&state, .relationalLoaded(try RelationalLoader.load(request)))
        return state
    }

    @Test func tableListDrawsTheTablesAndTheRelationshipGraph() throws {
        let dir = try Self.copiedFixture()
        let (screen, _) = try WorkbenchFixtures.run(.relational(source: "shop"), in: dir, width: 120, height: 20, steps: [.capture("list")])
        expectScreen(screen.lines("list"), [
            " shop | 3 tables | 3 relationships | seed 42",
            "",
            "  table             rows  columns  primary key       made as",
            "> customers           80        4  customer_id       synthesised",
            "  orders             274        5  order_id          synthesised",
            "  stores               5        3  store_id          kept as it is",
            "",
            " Relationships: each parent table, its child tables under it [child.key -> parent key]",
            "",
            " stores  5 rows, key store_id, kept",
            " |-> customers  80 rows, key customer_id, synthesised   [customers.store_id -> store_id, primary]",
            " |   `-> orders  274 rows, key order_id, synthesised   [orders.customer_id -> customer_id, primary, 5 orphans]",
            " `-> orders   [orders.store_id -> store_id]",
            "",
            " c: generate with the current plans and chart children per parent, real vs synthetic",
            "",
            "",
            "",
            "",
            "? help  Enter open  c cardinality  s keep/synth  ^S save  q quit",
        ])
    }

    @Test func theGraphDrawsEveryParentWithItsChildrenInUnicode() throws {
        let state = try Self.loaded(Self.fixture, in: WorkbenchFixtures.packageRoot)
        #expect(RelationshipGraph.lines(try #require(state.relational), ascii: false) == [
            "stores  5 rows, key store_id, kept",
            "├─→ customers  80 rows, key customer_id, synthesised   [customers.store_id → store_id, primary]",
            "│   └─→ orders  274 rows, key order_id, synthesised   [orders.customer_id → customer_id, primary, 5 orphans]",
            "└─→ orders   [orders.store_id → store_id]",
        ])
    }

    @Test func keyColumnsSayTheirRelation() throws {
        let relational = try #require(try Self.loaded(Self.fixture, in: WorkbenchFixtures.packageRoot).relational)
        #expect(relational.relationLines(table: "orders", column: "customer_id") == [
            "foreign key → customers.customer_id (primary parent: drives the children per parent); 5 values (1.9%) match no parent row (nulls in the output)",
        ])
        #expect(relational.relationLines(table: "customers", column: "customer_id") == ["primary key, referenced by orders.customer_id"])
        #expect(relational.relationLines(table: "stores", column: "store_id") == ["primary key, referenced by customers.store_id, orders.store_id"])
        #expect(relational.relationLines(table: "orders", column: "amount").isEmpty)
    }

    @Test func theColumnPanelOfAKeyColumnShowsItsRelation() throws {
        let dir = try Self.copiedFixture()
        let (screen, _) = try WorkbenchFixtures.run(.relational(source: "shop"), in: dir, width: 100, height: 24, steps: [
            .key(.down), .key(.enter), .key(.right), .key(.character("i")), .capture("panel"),
        ])
        let lines = screen.lines("panel")
        #expect(lines[0].hasPrefix(" orders (shop) | "))
        let panel = lines.drop { !$0.contains("customer_id | integer") }
        #expect(panel.dropFirst().first == " foreign key -> customers.customer_id (primary parent: drives the children per parent); 5 values")
        #expect(panel.dropFirst(2).first == " (1.9%) match no parent row (nulls in the output)")
    }

    @Test func enterOpensATableQGoesBackAndReopeningKeepsItsWorkbench() throws {
        var state = try Self.loaded(Self.fixture, in: WorkbenchFixtures.packageRoot)
        #expect(state.screen == .tables)
        _ = Workbench.reduce(&state, .key(.down))
        let opened = Workbench.reduce(&state, .key(.enter))
        #expect(state.relational?.open == "orders")
        guard case .forTable("orders", .load(let request))? = opened.first else {
            Issue.record("no load of orders: \(opened)")
            return
        }
        #expect(request.preloaded?.table.rowCount == 274)
        // The load's result, tagged with the table, reaches its workbench.
        for action in EffectRunner().perform(.forTable("orders", .load(request))) { _ = Workbench.reduce(&state, action) }
        #expect(state.document?.table.columnNames == ["order_id", "customer_id", "store_id", "amount", "channel"])
        #expect(state.screen == .grid)
        _ = Workbench.reduce(&state, .key(.right))
        #expect(state.grid.cursorColumn == 1)

        _ = Workbench.reduce(&state, .key(.character("q")))
        #expect(state.relational?.open == nil)
        #expect(state.screen == .tables)
        #expect(state.launch.target == .relational(source: Self.fixture))
        #expect(state.exitRequested == false)
        #expect(state.relational?.stashed["orders"]?.grid.cursorColumn == 1)
        #expect(state.relational?.selected == 1)

        // Reopened: the same workbench, nothing loaded again.
        let reopened = Workbench.reduce(&state, .key(.enter))
        #expect(reopened.isEmpty)
        #expect(state.relational?.open == "orders")
        #expect(state.grid.cursorColumn == 1)
        // o would replace the table: refused; the palette's w saves the relational session.
        _ = Workbench.reduce(&state, .key(.character("o")))
        #expect(state.overlay == nil)
        #expect(state.message?.isError == true)
        _ = Workbench.reduce(&state, .key(.character(":")))
        for character in "w mine.doppel.yaml" { _ = Workbench.reduce(&state, .key(.character(character))) }
        let saved = Workbench.reduce(&state, .key(.enter))
        guard case .saveRelational(let job)? = saved.first else {
            Issue.record("the palette's w did not save the relational session: \(saved)")
            return
        }
        #expect(job.path == WorkbenchFixtures.packageRoot + "/mine.doppel.yaml")
        // Esc goes back too; q on the list quits.
        _ = Workbench.reduce(&state, .key(.escape))
        #expect(state.screen == .tables)
        _ = Workbench.reduce(&state, .key(.character("q")))
        #expect(state.exitRequested)
    }

    @Test func aResultForATableNotShownLandsInThatTable() throws {
        var state = try Self.loaded(Self.fixture, in: WorkbenchFixtures.packageRoot)
        let opened = Workbench.reduce(&state, .key(.enter))
        guard case .forTable("customers", let load)? = opened.first else {
            Issue.record("no load of customers: \(opened)")
            return
        }
        _ = Workbench.reduce(&state, .key(.escape))
        for action in EffectRunner().perform(.forTable("customers", load)) { _ = Workbench.reduce(&state, action) }
        #expect(state.document == nil)
        #expect(state.relational?.stashed["customers"]?.document?.table.rowCount == 80)
    }

    @Test func savesTheRelationalSessionWithATablesEditAndReopensIt() throws {
        let dir = try Self.copiedFixture()
        // customers: age's strategy changed in the picker (one below the current one), then back,
        // ^S (the prompt offers shop.doppel.yaml), Enter.
        let (_, app) = try WorkbenchFixtures.run(.relational(source: "shop"), in: dir, width: 100, height: 24, steps: [
            .key(.enter), .key(.right), .key(.right), .key(.character("s")), .key(.down), .key(.enter), .capture("edited"),
            .key(.character("q")), .key(.control("s")), .capture("prompt"), .key(.enter), .capture("saved"),
            .key(.character("q")),
        ])
        let final = try #require(app.finalState?.relational)
        let edited = try #require(final.stashed["customers"]?.document?.plan.columns.first { $0.name == "age" })
        #expect(final.defaultPlans["customers"]?.columns.first { $0.name == "age" }?.strategy != edited.strategy)
        let path = dir + "/shop.doppel.yaml"
        #expect(final.sessionPath == path)
        let session = try SessionFile.load(path).session
        #expect(session.isRelational)
        #expect(session.tables?.map(\.name) == ["customers", "orders", "stores"])
        #expect(session.relationships?.count == 3)
        let saved = try #require(session.tables?.first { $0.name == "customers" }?.plan?.columns.first { $0.name == "age" })
        #expect(saved.strategy == edited.strategy)
        #expect(session.tables?.first { $0.name == "stores" }?.synthesize == false)

        // Reopened from the session: the table list, and customers' age as saved, not an edit.
        var state = try Self.loaded("shop.doppel.yaml", in: dir)
        #expect(state.relational?.sessionPath == path)
        var pending = Workbench.reduce(&state, .key(.enter))
        while !pending.isEmpty {
            let effect = pending.removeFirst()
            guard case .forTable(_, let inner) = effect else { continue }
            switch inner {
            case .load, .makePlan:
                for action in EffectRunner().perform(effect) { pending += Workbench.reduce(&state, action) }
            default: break
            }
        }
        #expect(state.document?.plan.columns.first { $0.name == "age" }?.strategy == edited.strategy)
        #expect(state.document?.isDirty == false)
    }

    @Test func saveRequestCarriesOnlyEditedColumns() throws {
        var state = try Self.loaded(Self.fixture, in: WorkbenchFixtures.packageRoot)
        // A table opened and left: the list keeps its own launch (the version written into the session).
        _ = Workbench.reduce(&state, .key(.enter))
        _ = Workbench.reduce(&state, .key(.escape))
        _ = Workbench.reduce(&state, .key(.control("s")))
        guard case .prompt(let prompt)? = state.overlay else {
            Issue.record("no save prompt")
            return
        }
        #expect(prompt.text == "relational.doppel.yaml")
        let effects = Workbench.reduce(&state, .key(.enter))
        guard case .saveRelational(let job)? = effects.first else {
            Issue.record("no save: \(effects)")
            return
        }
        #expect(job.path == WorkbenchFixtures.packageRoot + "/relational.doppel.yaml")
        #expect(job.edits.isEmpty)
        #expect(job.doppelVersion == "0.0-test")
        #expect(job.tables.map(\.name) == ["customers", "orders", "stores"])
    }

    @Test func sTogglesATableBetweenKeptAndSynthesisedAndTheSessionFollows() throws {
        let dir = try Self.copiedFixture()
        var state = try Self.loaded("shop", in: dir)
        _ = Workbench.reduce(&state, .key(.end))
        _ = Workbench.reduce(&state, .key(.character("s")))
        #expect(state.relational?.tables.last?.name == "stores")
        #expect(state.relational?.tables.last?.synthesize == true)
        #expect(state.message?.text == "stores will be synthesised")
        // An unsaved change: the first q warns, the second quits.
        _ = Workbench.reduce(&state, .key(.character("q")))
        #expect(!state.exitRequested)
        #expect(state.message?.isError == true)
        let session = try RelationalSessionMaker.session(Workbench.relationalJob(path: dir + "/shop.doppel.yaml", state))
        let stores = try #require(session.tables?.first { $0.name == "stores" })
        #expect(stores.synthesize)
        #expect(stores.plan != nil)
        // And back: kept again, with no plan.
        _ = Workbench.reduce(&state, .key(.character("s")))
        let again = try RelationalSessionMaker.session(Workbench.relationalJob(path: dir + "/shop.doppel.yaml", state))
        #expect(again.tables?.first { $0.name == "stores" }?.synthesize == false)
        #expect(again.tables?.first { $0.name == "stores" }?.plan == nil)
        _ = Workbench.reduce(&state, .key(.character("q")))
        _ = Workbench.reduce(&state, .key(.character("q")))
        #expect(state.exitRequested)
    }

    @Test func cardinalityComparesChildrenPerParentRealAndSynthetic() throws {
        var state = try Self.loaded(Self.fixture, in: WorkbenchFixtures.packageRoot)
        let effects = Workbench.reduce(&state, .key(.character("c")))
        guard case .computeCardinality(let job)? = effects.first else {
            Issue.record("no cardinality job: \(effects)")
            return
        }
        if case .computing? = state.relational?.cardinality {} else { Issue.record("not computing") }
        for action in EffectRunner().perform(.computeCardinality(job)) { _ = Workbench.reduce(&state, action) }
        guard case .computed(let report)? = state.relational?.cardinality else {
            Issue.record("no cardinality: \(String(describing: state.relational?.cardinality))")
            return
        }
        #expect(report.links.count == 3)
        // Every synthetic key finds its parent; the real children per parent are the fixture's.
        #expect(report.links.allSatisfy { $0.syntheticIntegrity.score == 1 })
        let customers = try #require(report.links.first { $0.key.child == "customers" })
        #expect(customers.realCounts.reduce(0, +) == 80)
        // The primary relationships keep their shape (stores are kept, so customers per store
        // is each store's real count).
        #expect(customers.cardinalityShapeSimilarity == 1)
        #expect((report.links.first { $0.key.childColumn == "customer_id" }?.cardinalityShapeSimilarity ?? 0) > 0.8)
        var buffer = Buffer(width: 100, height: 60)
        state.height = 60
        Workbench.render(state, into: &buffer)
        let lines = buffer.plainLines()
        #expect(lines.contains { $0.hasPrefix(" Cardinality shape similarity ") })
        #expect(lines.contains { $0.contains("children per stores row (customers.store_id)") })

        // The child table's fidelity page shows its own keys' children per parent.
        let opened = Workbench.reduce(&state, .key(.down))
        #expect(opened.isEmpty)
        for effect in Workbench.reduce(&state, .key(.enter)) {
            for action in EffectRunner().perform(effect) { _ = Workbench.reduce(&state, action) }
        }
        let page = FidelityDashboard.content(state, width: 100).plainLines()
        #expect(page.contains("Children per parent (the related tables generated together)"))
        #expect(page.contains { $0.hasPrefix("orders.customer_id -> customers.customer_id: cardinality shape similarity 0.") })
        #expect(page.contains { $0.contains("children per customers row (orders.customer_id)") })
        #expect(!page.contains { $0.contains("(customers.store_id)") })
    }

    @Test func aSQLiteDatabaseOpensOnItsCatalogueKeysAndItsTablesByName() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        let path = dir + "/shop.sqlite"
        let keys = [ForeignKey(child: "customers", childColumn: "store_id", parent: "stores", parentColumn: "store_id"),
                    ForeignKey(child: "orders", childColumn: "customer_id", parent: "customers", parentColumn: "customer_id")]
        let names = ["stores", "customers", "orders"]
        let writer = try SQLiteTableWriter(path: path, tables: names, replace: false, enforceForeignKeys: false)
        for name in names {
            let table = try CSVReader.read(path: Self.fixture + "/\(name).csv").table
            let key = ["stores": "store_id", "customers": "customer_id", "orders": "order_id"][name]
            try writer.write(.init(name: name, table: table, createSQL: SQLiteTableWriter.createSQL(name: name, table: table, primaryKey: key, foreignKeys: keys)))
        }
        try writer.commit()
        var state = try Self.loaded("shop.sqlite", in: dir)
        // Only the declared keys: orders.store_id is not declared, so it is no relationship here.
        #expect(state.relational?.links.map(\.key.description).sorted() == ["customers.store_id → stores.store_id", "orders.customer_id → customers.customer_id"])
        #expect(state.relational?.tables.map(\.name) == ["customers", "orders", "stores"])
        let effects = Workbench.reduce(&state, .key(.enter))
        for effect in effects { for action in EffectRunner().perform(effect) { _ = Workbench.reduce(&state, action) } }
        #expect(state.document?.displayName == "customers (shop.sqlite)")
        #expect(state.document?.table.rowCount == 80)
    }

    @Test func aChildOfSeveralParentsIsDrawnWholeUnderItsPrimaryParent() {
        func info(_ name: String, key: String?, rows: Int, synthesize: Bool) -> RelationalState.TableInfo {
            let column = Column(name: key ?? "x", values: .integers((0..<rows).map(Int64.init), .plain))
            return RelationalState.TableInfo(loaded: RelationalPlanner.LoadedTable(name: name, path: name, table: Table(columns: [column])),
                                             primaryKey: key, synthesize: synthesize)
        }
        func link(_ child: String, _ column: String, _ parent: String, _ key: String, primary: Bool = false, orphans: Int = 0) -> RelationalState.Link {
            RelationalState.Link(key: ForeignKey(child: child, childColumn: column, parent: parent, parentColumn: key), primary: primary,
                                 integrity: .init(keys: 10, orphans: orphans))
        }
        let relational = RelationalState(
            source: "air", tables: [info("airlines", key: "carrier", rows: 16, synthesize: false), info("flights", key: nil, rows: 1000, synthesize: true),
                                    info("planes", key: "tailnum", rows: 3322, synthesize: false), info("weather", key: nil, rows: 5, synthesize: true)],
            links: [link("flights", "carrier", "airlines", "carrier"), link("flights", "tailnum", "planes", "tailnum", primary: true, orphans: 3)],
            seed: 1)
        #expect(RelationshipGraph.lines(relational, ascii: true) == [
            "airlines  16 rows, key carrier, kept",
            "`-> flights   [flights.carrier → carrier]",
            "planes  3,322 rows, key tailnum, kept",
            "`-> flights  1,000 rows, synthesised   [flights.tailnum → tailnum, primary, 3 orphans]",
            "no keys: weather",
        ])
    }

    @Test func aDatabaseURLIsNamedByItsDatabase() {
        func name(_ source: String) -> String { RelationalState(source: source, tables: [], links: [], seed: 1).shortName }
        #expect(name("postgresql:///shop?host=/run/postgresql&user=postgres") == "shop")
        #expect(name("postgres://ann@db.example:5432/staging") == "staging")
        #expect(name("postgresql://localhost") == "database")
        #expect(name("../data/nycflights13") == "nycflights13")
        #expect(name("shop.sqlite") == "shop.sqlite")
    }

    @Test func aLongTableListScrollsToKeepTheHighlightedTableInView() throws {
        let dir = try WorkbenchFixtures.temporaryDirectory()
        for index in 1...12 { try "id,x\n1,\(index)\n2,3\n".write(toFile: dir + "/t\(String(format: "%02d", index)).csv", atomically: true, encoding: .utf8) }
        var state = try Self.loaded(dir, in: dir)
        state.height = 16
        for _ in 0..<9 { _ = Workbench.reduce(&state, .key(.down)) }
        var buffer = Buffer(width: 80, height: 16)
        Workbench.render(state, into: &buffer)
        let lines = buffer.plainLines()
        // Six rows of the list ((16 - 4) / 2), the highlighted tenth table last.
        #expect(lines[2].hasSuffix("made as  (5-10 of 12)"))
        #expect(lines[3].hasPrefix("  t05 "))
        #expect(lines[8].hasPrefix("> t10 "))
        #expect(lines[9] == "")
        #expect(lines[10].hasPrefix(" Relationships: each parent table"))
    }
}
