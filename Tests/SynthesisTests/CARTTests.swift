import Foundation
import Testing
@testable import Synthesis
import Tabular

/// The `cart` joint model: determinism, relationships it must keep, nulls, leaves, errors.
@Suite("cart joint model")
struct CARTTests {
    /// y depends on the group: means 0, 10 and 20, sd 1; 3,000 rows.
    private func groupFixture(rows: Int = 3000) throws -> Table {
        var random = RandomStream(seed: 11)
        var lines = ["g,y"]
        for _ in 0..<rows {
            let group = random.nextIndex(3)
            let y = Double(group) * 10 + random.nextNormal()
            lines.append("\(["a", "b", "c"][group]),\(String(format: "%.3f", y))")
        }
        return try CARTFixture.table(lines.joined(separator: "\n") + "\n")
    }

    @Test("the same stream gives the same rows; another stream other rows")
    func determinism() throws {
        let penguins = try Datasets.table("penguins")
        let model = try CARTFixture.fit(penguins)
        let first = try CARTFixture.sample(model, like: penguins, rows: 500, seed: 3)
        let second = try CARTFixture.sample(model, like: penguins, rows: 500, seed: 3)
        let other = try CARTFixture.sample(model, like: penguins, rows: 500, seed: 4)
        #expect(first == second)
        #expect(first != other)
        #expect(first.columnNames == penguins.columnNames)
        // Refitting gives the same model, hence the same rows.
        let refit = try CARTFixture.fit(penguins)
        #expect(try CARTFixture.sample(refit, like: penguins, rows: 500, seed: 3) == first)
    }

    @Test("a regression tree recovers group means; a classification tree recovers the group from y")
    func knownRelation() throws {
        let table = try groupFixture()
        let forward = try CARTFixture.sample(CARTFixture.fit(table, columns: ["g", "y"]), like: table, rows: 6000)
        let groups = CARTFixture.texts(forward, "g")
        let ys = CARTFixture.numbers(forward, "y")
        for (index, group) in ["a", "b", "c"].enumerated() {
            let values = zip(groups, ys).compactMap { $0 == group ? $1 : nil }
            let mean = values.reduce(0, +) / Double(values.count)
            #expect(abs(mean - Double(index) * 10) < 0.2, "mean of y in \(group): \(mean)")
            #expect(values.allSatisfy { abs($0 - Double(index) * 10) < 5 }, "a y far from group \(group)'s")
        }
        // y comes first from its own strategy (a kernel density, which spills into the gaps
        // between groups), so only rows well inside a group's range are checked.
        let backward = try CARTFixture.sample(CARTFixture.fit(table, columns: ["y", "g"]), like: table, rows: 6000)
        let pairs = zip(CARTFixture.numbers(backward, "y"), CARTFixture.texts(backward, "g"))
        let low = pairs.filter { $0.0! < 1.5 }
        #expect(Double(low.count { $0.1 == "a" }) / Double(low.count) > 0.99)
        let high = pairs.filter { $0.0! > 18.5 }
        #expect(Double(high.count { $0.1 == "c" }) / Double(high.count) > 0.99)
    }

    @Test("penguins: flipper length and body mass stay correlated; species and island stay tied")
    func penguinRelationships() throws {
        let penguins = try Datasets.table("penguins")
        let synthetic = try CARTFixture.sample(CARTFixture.fit(penguins), like: penguins, rows: 3440)
        func correlation(_ table: Table) -> Double {
            let pairs = zip(CARTFixture.numbers(table, "flipper_length_mm"), CARTFixture.numbers(table, "body_mass_g"))
                .compactMap { a, b in a.flatMap { a in b.map { (a, $0) } } }
            return CARTFixture.correlation(pairs.map(\.0), pairs.map(\.1))
        }
        let real = correlation(penguins)
        let made = correlation(synthetic)
        #expect(abs(real - made) < 0.04, "real \(real), synthetic \(made)")

        func joint(_ table: Table) -> [String: Double] {
            let cells = zip(CARTFixture.texts(table, "species"), CARTFixture.texts(table, "island")).map { "\($0 ?? "-")/\($1 ?? "-")" }
            return Dictionary(grouping: cells, by: { $0 }).mapValues { Double($0.count) / Double(cells.count) }
        }
        let realCells = joint(penguins)
        let madeCells = joint(synthetic)
        let tvd = Set(realCells.keys).union(madeCells.keys).reduce(0) { $0 + abs((realCells[$1] ?? 0) - (madeCells[$1] ?? 0)) } / 2
        #expect(tvd < 0.04, "species × island TVD \(tvd)")
        // Gentoo live on Biscoe only, and Chinstrap on Dream only: combinations the data never show stay rare.
        #expect((madeCells["Gentoo/Dream"] ?? 0) + (madeCells["Gentoo/Torgersen"] ?? 0) + (madeCells["Chinstrap/Biscoe"] ?? 0) < 0.01)
    }

    @Test("nulls occur together as in the real data, for numbers and categories")
    func nullsCoOccur() throws {
        var random = RandomStream(seed: 5)
        var lines = ["a,b,c,d"]
        for _ in 0..<2000 {
            let missing = random.nextUnit() < 0.2
            let a = random.nextNormal()
            let b = missing ? "" : String(format: "%.2f", a * 3 + random.nextNormal())
            let c = missing ? "" : (a > 0 ? "up" : "down")
            let d = random.nextUnit() < 0.5 ? "" : String(format: "%.2f", random.nextNormal())
            lines.append("\(String(format: "%.2f", a)),\(b),\(c),\(d)")
        }
        // Nulls in b and c follow each other; d's are independent and serve as a predictor with nulls.
        let table = try CARTFixture.table(lines.joined(separator: "\n") + "\n")
        let synthetic = try CARTFixture.sample(CARTFixture.fit(table, columns: ["a", "d", "b", "c"]), like: table, rows: 10_000)
        let b = CARTFixture.numbers(synthetic, "b")
        let c = CARTFixture.texts(synthetic, "c")
        let nullB = b.count { $0 == nil }
        let together = zip(b, c).count { ($0 == nil) == ($1 == nil) }
        #expect(abs(Double(nullB) / 10_000 - 0.2) < 0.02, "null share of b: \(nullB)")
        #expect(Double(together) / 10_000 > 0.99, "b and c null together in \(together) rows")
        let dNulls = CARTFixture.numbers(synthetic, "d").count { $0 == nil }
        #expect(abs(Double(dNulls) / 10_000 - 0.5) < 0.03)
        // And b still follows a where it is not null.
        let pairs = zip(CARTFixture.numbers(synthetic, "a"), b).compactMap { a, b in b.map { (a!, $0) } }
        #expect(CARTFixture.correlation(pairs.map(\.0), pairs.map(\.1)) > 0.9)
    }

    @Test("every leaf holds at least minbucket real rows; larger buckets make fewer leaves")
    func minbucket() throws {
        let diamonds = try Datasets.table("diamonds").slice(0..<8000)
        var leaves: [Int: Int] = [:]
        for bucket in [5, 40] {
            let model = try CARTFixture.fit(diamonds, columns: ["cut", "carat", "color", "price"], parameters: Parameters(["minbucket": .number(Double(bucket))]))
            var total = 0
            for member in model.members {
                guard case .tree(let tree) = member.conditional else { continue }
                #expect(tree.leafSizes.allSatisfy { $0 >= bucket }, "\(member.name): a leaf below \(bucket) rows")
                #expect(tree.leafSizes.reduce(0, +) == 8000)
                total += tree.leafCount
            }
            leaves[bucket] = total
        }
        #expect(leaves[40]! * 4 < leaves[5]!, "leaves: \(leaves)")
    }

    @Test("classes a marginal makes up (edge cases) reach the trees as unseen classes, which go to the larger side")
    func unseenClasses() throws {
        let penguins = try Datasets.table("penguins")
        let model = try CARTFixture.fit(penguins, columns: ["island", "species", "body_mass_g"], marginals: ["island": Parameters(["edge_rate": 0.3])])
        let synthetic = try CARTFixture.sample(model, like: penguins, rows: 3000)
        let islands = CARTFixture.texts(synthetic, "island")
        let unseen = islands.count { !["Biscoe", "Dream", "Torgersen", nil].contains($0) }
        #expect(unseen > 600 && unseen < 1200, "\(unseen) made-up islands")
        #expect(CARTFixture.texts(synthetic, "species").allSatisfy { ["Adelie", "Chinstrap", "Gentoo"].contains($0) })
        #expect(CARTFixture.numbers(synthetic, "body_mass_g").compactMap { $0 }.count > 2900)
    }

    @Test("max_depth bounds every path; cp stops splits that gain little")
    func depthAndComplexity() throws {
        let diamonds = try Datasets.table("diamonds").slice(0..<8000)
        func depth(_ tree: CARTTree, _ node: Int = 0) -> Int {
            tree.feature[node] < 0 ? 0 : 1 + max(depth(tree, Int(tree.child[node])), depth(tree, Int(tree.child[node]) + 1))
        }
        func trees(_ parameters: Parameters) throws -> [CARTTree] {
            try CARTFixture.fit(diamonds, columns: ["carat", "cut", "price"], parameters: parameters).members.compactMap {
                if case .tree(let tree) = $0.conditional { tree } else { nil }
            }
        }
        let shallow = try trees(Parameters(["max_depth": 4]))
        #expect(shallow.allSatisfy { depth($0) <= 4 && $0.leafCount <= 16 })
        #expect(shallow.contains { depth($0) == 4 })
        let full = try trees(Parameters())
        let pruned = try trees(Parameters(["cp": 0.01]))
        for (loose, strict) in zip(full, pruned) {
            #expect(strict.leafCount * 10 < loose.leafCount, "\(strict.leafCount) leaves with cp 0.01, \(loose.leafCount) without")
        }
    }

    @Test("a round trip through JSON gives the same rows")
    func codableRoundTrip() throws {
        let penguins = try Datasets.table("penguins")
        for smoothing in ["none", "density"] {
            let model = try CARTFixture.fit(penguins, parameters: Parameters(["smoothing": .text(smoothing)]),
                                            members: ["year": Parameters(["method": "sample"])])
            let data = try JSONEncoder().encode(model)
            let decoded = try JSONDecoder().decode(CARTModel.self, from: data)
            #expect(try CARTFixture.sample(decoded, like: penguins, rows: 700) == CARTFixture.sample(model, like: penguins, rows: 700))
            #expect(decoded.summary == model.summary)
        }
    }

    @Test("density smoothing draws new values, at the column's precision, within its range")
    func smoothing() throws {
        let penguins = try Datasets.table("penguins")
        let synthetic = try CARTFixture.sample(CARTFixture.fit(penguins, parameters: Parameters(["smoothing": "density"])), like: penguins, rows: 2000)
        let real = Set(CARTFixture.numbers(penguins, "bill_length_mm").compactMap { $0 })
        let made = CARTFixture.numbers(synthetic, "bill_length_mm").compactMap { $0 }
        #expect(made.count { !real.contains($0) } > 200)
        #expect(made.allSatisfy { ($0 * 10).rounded() == $0 * 10 || abs(($0 * 10).rounded() - $0 * 10) < 1e-6 })
        #expect(made.allSatisfy { $0 >= real.min()! && $0 <= real.max()! })
    }

    @Test("summary lists the visit sequence with methods and predictors")
    func summary() throws {
        let penguins = try Datasets.table("penguins")
        let model = try CARTFixture.fit(penguins, columns: ["species", "island", "body_mass_g", "sex"],
                                        members: ["sex": Parameters(["predictors": .list(["species", "body_mass_g"])])])
        let lines = model.summary
        #expect(lines[0] == "sequential CART: minbucket 5, max depth 30, cp 1e-08, smoothing jitter")
        #expect(lines[1].hasPrefix("1. species: its own strategy (categorical), first in the sequence"))
        #expect(lines[2].hasPrefix("2. island: cart on species ("))
        #expect(lines[3].hasPrefix("3. body_mass_g: cart on species, island ("))
        #expect(lines[3].hasSuffix("; nulls by a tree"))
        #expect(lines[4].hasPrefix("4. sex: cart on species, body_mass_g ("))
        #expect(model.exposure == .values)
    }

    @Test("minbucket auto is rows / 100 between 5 and 250; a number is taken as it is")
    func automaticBucket() throws {
        let diamonds = try Datasets.table("diamonds")
        func bucket(_ rows: Int, _ value: ParameterValue = "auto") throws -> Int {
            try CARTStrategy.minimumBucket(CARTFixture.input(diamonds.slice(0..<rows), columns: ["carat", "cut"], parameters: Parameters(["minbucket": value])))
        }
        #expect(try bucket(344) == 5)
        #expect(try bucket(2_400) == 24)
        #expect(try bucket(20_000) == 200)
        #expect(try bucket(43_152) == 250)
        #expect(try bucket(43_152, 7) == 7)
        let text = String(describing: (try? bucket(500, 2.5)).map { "\($0)" } ?? "error")
        #expect(text == "error")
    }
}
