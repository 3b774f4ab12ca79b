import Foundation
import Testing
@testable import Synthesis
import Tabular

/// The `bayesian_network` joint model: structure, conditionals, nulls, parameters, the retired
/// privacy budget, sessions. Fixtures are generated with known dependencies; penguins is the real-data check.
@Suite("bayesian_network joint model")
struct BayesianNetworkTests {
    typealias Fixtures = BayesianNetworkFixtures

    /// The known conditional of b given a in the dependency fixture.
    static let conditional: [String: Double] = ["x": 0.85, "y": 0.15, "z": 0.5] // P(b = "u" | a)

    /// a in {x, y, z} (50/30/20 %), b in {u, v} from a through `conditional`, c an unrelated
    /// number: the one dependency the network must find is a–b.
    static func dependencyTable(rows: Int = 3_000, seed: UInt64 = 42) -> Table {
        var random = RandomStream(seed: seed)
        var a: [String?] = []
        var b: [String?] = []
        var c: [Double?] = []
        for _ in 0..<rows {
            let u = random.nextUnit()
            let level = u < 0.5 ? "x" : u < 0.8 ? "y" : "z"
            a.append(level)
            b.append(random.nextUnit() < conditional[level]! ? "u" : "v")
            c.append(random.nextNormal() * 3 + 10)
        }
        return Fixtures.table(texts: [("a", a), ("b", b)], numbers: [("c", c)])
    }

    private func encoded(_ model: BayesianNetworkModel) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(model)
    }

    @Test("the same seed fits the same model and samples the same rows")
    func determinism() throws {
        let penguins = try Datasets.table("penguins")
        let first = try Fixtures.fit(penguins, seed: 5)
        let second = try Fixtures.fit(penguins, seed: 5)
        #expect(try encoded(first) == encoded(second))
        let rows = try Fixtures.sample(first, rows: 2_000, seed: 9)
        #expect(try Fixtures.sample(second, rows: 2_000, seed: 9) == rows)
        #expect(try Fixtures.sample(first, rows: 2_000, seed: 10) != rows)
    }

    @Test("a known dependency (b depends on a) is found as an edge and its conditional reproduced")
    func recoversDependency() throws {
        let table = Self.dependencyTable()
        for seed: UInt64 in [1, 2, 3] { // different random roots
            let model = try Fixtures.fit(table, parameters: Parameters(["degree": 1]), seed: seed)
            let edges = model.tables.map { table in table.parents.map { model.columnNames[$0] + "→" + model.columnNames[table.column] } }.joined()
            #expect(edges.contains("a→b") || edges.contains("b→a"), "edges \(Array(edges))")
        }
        let model = try Fixtures.fit(table, seed: 1)
        let rows = try Fixtures.sample(model, rows: 30_000)
        let realA = Fixtures.texts(table.column(named: "a")!)
        let realB = Fixtures.texts(table.column(named: "b")!)
        for level in ["x", "y", "z"] {
            let realU = zip(realA, realB).filter { $0.0 == level && $0.1 == "u" }.count
            let realShare = Double(realU) / Double(realA.filter { $0 == level }.count)
            let drawn = zip(rows[0], rows[1]).filter { $0.0 == level }
            let share = Double(drawn.filter { $0.1 == "u" }.count) / Double(drawn.count)
            // The model reproduces the data's conditional (sampling error ≤ 0.007 at 6,000 rows a level).
            #expect(abs(share - realShare) < 0.025, "P(b = u | a = \(level)): \(share) vs real \(realShare)")
            #expect(abs(share - Self.conditional[level]!) < 0.05, "P(b = u | a = \(level)) = \(share)")
        }
    }

    @Test("penguins: species × island frequencies and flipper–mass correlation are kept")
    func penguinsRelations() throws {
        let penguins = try Datasets.table("penguins")
        let model = try Fixtures.fit(penguins, seed: 1)
        let rows = try Fixtures.sample(model, rows: 20_000)
        let names = model.columnNames
        let column = { (name: String) in rows[names.firstIndex(of: name)!] }
        let real = { (name: String) in Fixtures.texts(penguins.column(named: name)!) }
        let contingency = Fixtures.pairDistance((real("species"), real("island")), (column("species"), column("island")))
        let (realX, realY) = Fixtures.numberPairs(real("flipper_length_mm"), real("body_mass_g"))
        let (x, y) = Fixtures.numberPairs(column("flipper_length_mm"), column("body_mass_g"))
        let realCorrelation = Fixtures.pearson(realX, realY)
        let correlation = Fixtures.pearson(x, y)
        print("penguins: species × island TVD \(contingency); flipper–mass r \(correlation) vs real \(realCorrelation)")
        #expect(contingency < 0.03, "species × island TVD \(contingency)")
        #expect(abs(correlation - realCorrelation) < 0.04, "flipper–mass r \(correlation) vs real \(realCorrelation)")
        // Marginals alone would lose the pair: species and island drawn independently are far apart.
        var shuffler = RandomStream(seed: 77)
        let independent = Fixtures.pairDistance((real("species"), real("island")), (real("species"), real("island").shuffled(using: &shuffler)))
        #expect(independent > 0.2, "independent species × island TVD \(independent)")

        // The summary names every column once, with its parents, and exactly one root.
        let summary = model.summary
        #expect(summary.count == names.count + 1)
        #expect(summary.filter { $0.hasSuffix("(root)") }.count == 1)
        for name in names { #expect(summary.filter { $0.hasPrefix(name + " [") }.count == 1, "\(name) in \(summary)") }
        #expect(summary[0].hasPrefix("Bayesian network over 8 columns, degree k = 2"))
    }

    @Test("epsilon > 0 is refused with what to write instead: in a plan, at fit time and in a model an older version fitted")
    func retiredPrivacy() throws {
        func group(_ parameters: Parameters, model: String = "bayesian_network") -> JointPlan {
            JointPlan(name: "g1", model: model, columns: ["a", "b", "c"], parameters: parameters)
        }
        let refusal = try #require(group(Parameters(["epsilon": 0.5])).retiredSetting)
        #expect(refusal.parameter == "epsilon")
        #expect(refusal.message.hasPrefix("bayesian_network is no longer differentially private"), "\(refusal.message)")
        #expect(refusal.message.contains("write model: mst with parameters: {epsilon: 0.5}"), "\(refusal.message)")
        #expect(group(Parameters(["usefulness": 4])).retiredSetting?.parameter == "usefulness")
        // epsilon: 0 is what older sessions wrote with privacy off; mst's epsilon is its own.
        #expect(group(Parameters(["epsilon": 0, "degree": 1])).retiredSetting == nil)
        #expect(group(Parameters(["epsilon": 1]), model: "mst").retiredSetting == nil)

        // A plan made in memory is refused when it is fitted, naming the group and the parameter.
        let table = Self.dependencyTable(rows: 300)
        let columns = [ColumnPlan(name: "a", kind: .categorical, strategy: "categorical"),
                       ColumnPlan(name: "b", kind: .categorical, strategy: "categorical"),
                       ColumnPlan(name: "c", kind: .decimal, strategy: "kde")]
        let plan = Plan(seed: 1, columns: columns, joint: [group(Parameters(["epsilon": 1]))])
        let error = try #require(throws: PlanError.self) { try FittedPlan.fit(plan, on: table) }
        #expect(error.message.hasPrefix("joint group 'g1': parameters.epsilon: bayesian_network is no longer differentially private"), "\(error)")
        var open = plan
        open.joint[0].parameters = Parameters(["epsilon": 0])
        #expect(throws: Never.self) { try FittedPlan.fit(open, on: table) }

        // A model fitted with a budget by an older version is refused; one written with ε = 0 still loads.
        let model = try Fixtures.fit(table, seed: 1)
        var json = try #require(try JSONSerialization.jsonObject(with: encoded(model)) as? [String: Any])
        #expect(json["privacy"] == nil)
        json["privacy"] = ["epsilon": 0, "counted_tables": 2]
        let legacy = try JSONDecoder().decode(BayesianNetworkModel.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(try Fixtures.sample(legacy, rows: 500) == Fixtures.sample(model, rows: 500))
        json["privacy"] = ["epsilon": 1, "noise_scale": 4, "counted_tables": 2]
        do {
            _ = try JSONDecoder().decode(BayesianNetworkModel.self, from: JSONSerialization.data(withJSONObject: json))
            Issue.record("a model fitted with epsilon 1 was read")
        } catch DecodingError.dataCorrupted(let context) {
            #expect(context.codingPath.map(\.stringValue) == ["privacy"])
            #expect(context.debugDescription.contains("refit the group as model: mst with parameters: {epsilon: 1}"), "\(context.debugDescription)")
        }
    }

    @Test("nulls occur together as in the data: missing is a state of every column")
    func nullsCoOccur() throws {
        var random = RandomStream(seed: 8)
        var p: [String?] = []
        var q: [Double?] = []
        var r: [String?] = []
        for _ in 0..<2_000 {
            let missing = random.nextUnit() < 0.2
            p.append(missing ? nil : (random.nextUnit() < 0.5 ? "left" : "right"))
            q.append(missing ? nil : random.nextNormal())
            r.append(random.nextUnit() < 0.5 ? "on" : "off")
        }
        let table = Fixtures.table(texts: [("p", p), ("r", r)], numbers: [("q", q)])
        let model = try Fixtures.fit(table, seed: 2)
        let rows = try Fixtures.sample(model, rows: 20_000)
        let (drawnP, drawnR, drawnQ) = (rows[0], rows[1], rows[2])
        let nullP = drawnP.filter { $0 == nil }.count
        let together = zip(drawnP, drawnQ).filter { $0.0 == nil && $0.1 == nil }.count
        let apart = zip(drawnP, drawnQ).filter { ($0.0 == nil) != ($0.1 == nil) }.count
        #expect(abs(Double(nullP) / 20_000 - Double(p.filter { $0 == nil }.count) / 2_000) < 0.015)
        #expect(together == nullP && apart == 0, "\(together) of \(nullP) nulls together, \(apart) apart")
        #expect(drawnR.allSatisfy { $0 != nil })
        #expect(model.summary.contains { $0.hasPrefix("q [") && $0.contains("+ missing") })
    }

    @Test("bad parameters are refused naming the parameter")
    func badParameters() throws {
        let schema = BayesianNetworkStrategy.descriptor.parameters
        let bad: [(String, ParameterValue)] = [("degree", 0), ("degree", 2.5), ("epsilon", -1), ("epsilon", 1), ("bins", 1),
                                               ("binning", "median"), ("within_bin", "smooth"), ("max_levels", 1), ("max_cells", 10),
                                               ("usefulness", 4)]
        for (name, value) in bad {
            let error = try #require(throws: ParameterError.self) { try ResolvedParameters(Parameters([name: value]), schema: schema, column: "joint") }
            #expect(error.parameter == name && error.description.contains("'\(name)'"), "\(error)")
        }
        let unknown = try #require(throws: ParameterError.self) { try ResolvedParameters(Parameters(["depth": 3]), schema: schema, column: "joint") }
        #expect(unknown.parameter == "depth")

        let table = Self.dependencyTable(rows: 200)
        let root = try #require(throws: ParameterError.self) { try Fixtures.fit(table, parameters: Parameters(["root": "d"])) }
        #expect(root.parameter == "root" && root.description.contains("a, b, c"), "\(root)")
        let single = try #require(throws: PlanError.self) { try Fixtures.fit(table, columns: ["a"]) }
        #expect(single.description.contains("at least two columns"))
        let text = try #require(throws: PlanError.self) {
            try Fixtures.fit(table, kinds: ["b": .text], strategies: ["b": ("categorical", Parameters())])
        }
        #expect(text.column == "b", "\(text)")
    }

    @Test("a decoded model samples exactly what the fitted one does, whatever its binning")
    func codableRoundTrip() throws {
        let penguins = try Datasets.table("penguins")
        for parameters: Parameters in [Parameters(), Parameters(["binning": "equal_width", "within_bin": "uniform"])] {
            let model = try Fixtures.fit(penguins, parameters: parameters, seed: 4)
            let data = try encoded(model)
            let decoded = try JSONDecoder().decode(BayesianNetworkModel.self, from: data)
            #expect(try encoded(decoded) == data)
            #expect(decoded.columnNames == model.columnNames && decoded.summary == model.summary)
            #expect(try Fixtures.sample(decoded, rows: 3_000) == Fixtures.sample(model, rows: 3_000))
        }
        // A table that does not fit its columns is refused, not trusted.
        let model = try Fixtures.fit(Self.dependencyTable(rows: 300), seed: 1)
        var json = try #require(try JSONSerialization.jsonObject(with: encoded(model)) as? [String: Any])
        var network = try #require(json["network"] as? [[String: Any]])
        network[1]["weights"] = [1.0]
        network[1]["cells"] = nil
        network[1]["at"] = nil
        json["network"] = network
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(BayesianNetworkModel.self, from: JSONSerialization.data(withJSONObject: json)) }
    }

    @Test("values inside bins follow the member's marginal; spikes and whole numbers are kept exactly")
    func withinBinValues() throws {
        var random = RandomStream(seed: 12)
        var skewed: [Double?] = []
        var amount: [Double?] = []
        var group: [String?] = []
        for _ in 0..<4_000 {
            skewed.append(random.nextExponential())
            amount.append(random.nextUnit() < 0.4 ? 0 : (random.nextUnit() * 900 + 100).rounded())
            group.append(random.nextUnit() < 0.5 ? "g" : "h")
        }
        let table = Fixtures.table(texts: [("group", group)], numbers: [("skewed", skewed), ("amount", amount)])
        let marginal = ["skewed": ("histogram", Parameters(["bins": 60])), "amount": ("histogram", Parameters(["bins": 60]))]
        let realSkewed = skewed.compactMap { $0 }.sorted()
        func ks(_ drawn: [Double]) -> Double {
            let sorted = drawn.sorted()
            var largest = 0.0
            for (index, value) in sorted.enumerated() {
                var low = 0, high = realSkewed.count
                while low < high { let middle = (low + high) / 2; if realSkewed[middle] <= value { low = middle + 1 } else { high = middle } }
                largest = max(largest, abs(Double(index + 1) / Double(sorted.count) - Double(low) / Double(realSkewed.count)))
            }
            return largest
        }
        var statistics: [String: Double] = [:]
        for within in ["marginal", "uniform"] {
            let model = try Fixtures.fit(table, strategies: marginal, parameters: Parameters(["bins": 4, "within_bin": .text(within)]), seed: 1)
            let rows = try Fixtures.sample(model, rows: 20_000)
            statistics[within] = ks(rows[1].compactMap { $0.flatMap(Double.init) })
            let amounts = rows[2].compactMap { $0.flatMap(Double.init) }
            #expect(amounts.allSatisfy { $0 == $0.rounded() && $0 >= 0 && $0 <= 1_000 })
            let zeros = Double(amounts.filter { $0 == 0 }.count) / Double(amounts.count)
            #expect(abs(zeros - Double(amount.filter { $0 == 0 }.count) / 4_000) < 0.02, "share of zeros \(zeros)")
        }
        print("skewed KS: \(statistics)")
        #expect(statistics["marginal"]! < 0.03, "KS with the marginal \(statistics)")
        #expect(statistics["uniform"]! > 2 * statistics["marginal"]!, "KS uniform vs marginal \(statistics)")
    }

    @Test("datetimes and whole-numbered decimals come back inside the real range, on the column's own grid")
    func datetimesAndWholeNumbers() throws {
        let dates = try Datasets.table("inline-dates")
        let hours = Fixtures.table(texts: [("hour", Fixtures.texts(dates.column(named: "when")!).map { $0.map { String(Double($0)!.truncatingRemainder(dividingBy: 86_400) < 43_200) } })])
        let table = Table(columns: dates.columns + hours.columns)
        let model = try Fixtures.fit(table, kinds: ["when": .datetime, "hour": .categorical], seed: 2)
        var random = RandomStream(seed: 1)
        let outputs = try model.generate(GenerationRequest(rows: 0..<5_000, totalRows: 5_000, generated: [:]), random: &random)
        guard case .numbers(let instants) = outputs[0].values, case .datetimes(let real, _) = dates.column(named: "when")!.values else {
            Issue.record("datetimes came back as \(outputs[0].values)")
            return
        }
        #expect(instants.allSatisfy { $0 >= real.min()! && $0 <= real.max()! && $0 == $0.rounded() })
        #expect(Set(instants).count > 400, "\(Set(instants).count) distinct instants")

        let penguins = try Datasets.table("penguins")
        let rows = try Fixtures.sample(Fixtures.fit(penguins, seed: 1), rows: 5_000)
        let flipper = rows[penguins.columnNames.firstIndex(of: "flipper_length_mm")!].compactMap { $0.flatMap(Double.init) }
        let realFlipper = penguins.column(named: "flipper_length_mm")!.nonNullNumbers
        #expect(flipper.allSatisfy { $0 == $0.rounded() && $0 >= realFlipper.min()! && $0 <= realFlipper.max()! })
    }

    @Test("exposure: levels for text columns, statistics for binned numbers; rare levels merge into Other")
    func exposureAndLevels() throws {
        let table = Self.dependencyTable(rows: 1_000)
        #expect(try Fixtures.fit(table).exposure == .levels)
        var random = RandomStream(seed: 3)
        let x = (0..<1_000).map { _ in Optional(random.nextNormal()) }
        let y = x.map { $0.map { $0 * 2 + random.nextNormal() } }
        let numeric = Fixtures.table(numbers: [("x", x), ("y", y)])
        #expect(try Fixtures.fit(numeric).exposure == .statistics)

        let many = (0..<1_000).map { index -> String? in ["a", "b", "c", "d", "e", "f"][index % 10 < 4 ? 0 : index % 10 < 7 ? 1 : index % 6] }
        let levels = Fixtures.table(texts: [("many", many), ("other", many.map { $0 == "a" ? "yes" : "no" })])
        let model = try Fixtures.fit(levels, parameters: Parameters(["max_levels": 3]))
        let drawn = Set(try Fixtures.sample(model, rows: 2_000)[0].compactMap { $0 })
        #expect(drawn == ["a", "b", "Other"], "\(drawn)")
    }

    @Test("a smaller family's table read off a larger one equals its own counts")
    func marginalization() {
        var random = RandomStream(seed: 21)
        let sizes = [2, 3, 4]
        let columns = sizes.enumerated().map { index, size in
            EncodedColumn(states: ColumnStates(name: "m\(index)", values: .levels((0..<size).map(String.init)), hasMissing: false),
                          codes: (0..<500).map { _ in Int32(random.nextIndex(size)) })
        }
        let joint = ConditionalCounts.counts([0, 1, 2], columns: columns)
        #expect(joint.count == 24 && joint.reduce(0, +) == 500)
        for onto in [[2, 0], [1], [0, 1], [2, 1, 0]] {
            #expect(ConditionalCounts.marginalize(joint, from: [0, 1, 2], onto: onto, columns: columns)
                == ConditionalCounts.counts(onto, columns: columns), "onto \(onto)")
        }
    }

    @Test("mutual information is in nats: ln 2 for a binary column with itself, 0 for an independent one")
    func information() {
        let codes: [Int32] = (0..<1_000).map { Int32($0 % 2) }
        let twin = EncodedColumn(states: ColumnStates(name: "t", values: .levels(["0", "1"]), hasMissing: false), codes: codes)
        let other = EncodedColumn(states: ColumnStates(name: "o", values: .levels(["0", "1"]), hasMissing: false),
                                  codes: (0..<1_000).map { Int32(($0 / 2) % 2) })
        let information = MutualInformation(rowCount: 1_000)
        #expect(abs(information.score(child: twin, parents: [twin]) - Double.log(2)) < 1e-12)
        #expect(information.score(child: twin, parents: [other]) < 1e-12)
    }
}
