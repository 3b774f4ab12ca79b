import Foundation
import TestSupport
import Testing

@Suite("doppel plan DIR, doppel sample DIR, doppel run on a relational session")
struct RelationalCommandTests {
    @Test("plan writes a relational session; run writes one CSV per table, the same bytes for the same seed")
    func planAndRun() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let session = directory.appendingPathComponent("shop.yaml").path
        let plan = try DoppelProcess.run(["plan", TestData.relationalFolder, "--seed", "3", "-o", session])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stderr.contains("relationship orders.customer_id → customers.customer_id (primary)"))
        let text = try String(contentsOfFile: session, encoding: .utf8)
        #expect(text.contains("tables:") && text.contains("relationships:"))
        let out = directory.appendingPathComponent("out").path
        let run = try DoppelProcess.run(["run", session, "-o", out])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["customers.csv", "orders.csv", "stores.csv"])
        let again = try DoppelProcess.run(["run", session, "-o", out])
        #expect(again.status == 2)
        #expect(again.stderr.contains("--replace"))
        let before = try String(contentsOfFile: out + "/orders.csv", encoding: .utf8)
        let replaced = try DoppelProcess.run(["run", session, "-o", out, "--replace"])
        #expect(replaced.status == 0)
        #expect(try String(contentsOfFile: out + "/orders.csv", encoding: .utf8) == before)
        let fit = try DoppelProcess.run(["fit", session, "-o", directory.appendingPathComponent("fit.yaml").path])
        #expect(fit.status == 2)
        #expect(fit.stderr.contains("does not embed relational sessions"))
        // Shards by parent ranges: each table's pieces concatenate to the whole table.
        for table in ["stores", "customers", "orders"] {
            var joined = ""
            for index in 1...3 {
                let piece = directory.appendingPathComponent("shard\(index)").path
                if table == "stores" {
                    let run = try DoppelProcess.run(["run", session, "-o", piece, "--shard", "\(index)/3"])
                    #expect(run.status == 0, "\(run.stderr)")
                }
                joined += try String(contentsOfFile: piece + "/\(table).csv", encoding: .utf8)
            }
            #expect(joined == (try String(contentsOfFile: out + "/\(table).csv", encoding: .utf8)), "\(table)")
        }
        #expect(try DoppelProcess.run(["run", session, "-o", directory.appendingPathComponent("s.sqlite").path, "--shard", "1/2"]).status == 2)
    }

    @Test("plan and run give the same bytes on one thread as on all (tables planned and made side by side)")
    func sameBytesWhateverTheThreads() throws {
        // The shop fixture plus visits, a second child of stores: customers' and visits' plans
        // and outputs do not depend on each other, so they are made side by side.
        let directory = DoppelProcess.temporaryDirectory()
        let source = directory.appendingPathComponent("shop").path
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        for table in ["stores", "customers", "orders"] {
            try FileManager.default.copyItem(atPath: TestData.relationalFolder + "/\(table).csv", toPath: source + "/\(table).csv")
        }
        let visits = (1...120).map { "\($0),\(1 + $0 * 7 % 5),\(10 + $0 * 13 % 50),\($0 % 3 == 0 ? "drive" : "walk")" }
        try ("visit_id,store_id,minutes,mode\n" + visits.joined(separator: "\n") + "\n").write(toFile: source + "/visits.csv", atomically: true, encoding: .utf8)
        var sessions: [String] = []
        var outputs: [[String: String]] = []
        for threads in ["1", "0"] {
            let session = directory.appendingPathComponent("shop-\(threads).yaml").path
            let plan = try DoppelProcess.run(["plan", source, "--seed", "5", "--threads", threads, "-o", session])
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stderr.contains("visits.store_id → stores.store_id"))
            sessions.append(try String(contentsOfFile: session, encoding: .utf8))
            let out = directory.appendingPathComponent("out-\(threads)").path
            let run = try DoppelProcess.run(["run", session, "-o", out, "--threads", threads])
            #expect(run.status == 0, "\(run.stderr)")
            var tables: [String: String] = [:]
            for file in try FileManager.default.contentsOfDirectory(atPath: out) {
                tables[file] = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            }
            outputs.append(tables)
        }
        #expect(sessions[0] == sessions[1])
        #expect(outputs[0].keys.sorted() == ["customers.csv", "orders.csv", "stores.csv", "visits.csv"])
        #expect(outputs[0] == outputs[1])
        #expect(try DoppelProcess.run(["plan", source, "--threads=-1"]).status == 2)
    }

    @Test("sample DIR -o OUTDIR writes the tables at once")
    func sampleDirectory() throws {
        let out = DoppelProcess.temporaryDirectory().appendingPathComponent("tables").path
        let sample = try DoppelProcess.run(["sample", TestData.relationalFolder, "--seed", "4", "-o", out])
        #expect(sample.status == 0, "\(sample.stderr)")
        let stores = try String(contentsOfFile: out + "/stores.csv", encoding: .utf8)
        #expect(stores == (try String(contentsOfFile: TestData.relationalFolder + "/stores.csv", encoding: .utf8)))
        #expect(try DoppelProcess.run(["sample", TestData.relationalFolder, "-o", "-"]).status == 2)
    }

    @Test("a declared key that is not a key, or an unknown column, is bad input naming it")
    func badDeclarations() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let session = directory.appendingPathComponent("shop.yaml").path
        #expect(try DoppelProcess.run(["plan", TestData.relationalFolder, "--seed", "3", "-o", session]).status == 0)
        let text = try String(contentsOfFile: session, encoding: .utf8)
        let notUnique = text.replacingOccurrences(of: "primary_key: order_id", with: "primary_key: channel")
        try notUnique.write(toFile: session, atomically: true, encoding: .utf8)
        let first = try DoppelProcess.run(["run", session, "-o", directory.appendingPathComponent("a").path])
        #expect(first.status == 2)
        #expect(first.stderr.contains("'orders': primary_key 'channel' has nulls or repeated values"))
        let unknown = text.replacingOccurrences(of: "child_key: customer_id", with: "child_key: client")
        try unknown.write(toFile: session, atomically: true, encoding: .utf8)
        let second = try DoppelProcess.run(["run", session, "-o", directory.appendingPathComponent("b").path])
        #expect(second.status == 2)
        #expect(second.stderr.contains("table 'orders' has no column 'client'"))
    }

    @Test("report on two folders: per-table quality, cardinality, integrity 1 for the synthetic tables, the real orphans counted")
    func report() throws {
        let out = DoppelProcess.temporaryDirectory().appendingPathComponent("tables").path
        #expect(try DoppelProcess.run(["sample", TestData.relationalFolder, "--seed", "4", "-o", out]).status == 0)
        let json = try DoppelProcess.run(["report", TestData.relationalFolder, out, "--json", "--quiet"])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(object["referential_integrity"] as? Double == 1)
        #expect((object["cardinality_shape_similarity"] as? Double ?? 0) > 0.5)
        let links = object["relationships"] as! [[String: Any]]
        let customers = links.first { $0["child_key"] as? String == "customer_id" }!
        #expect(abs((customers["real_referential_integrity"] as! Double) - 262.0 / 267.0) < 1e-6)
        // Intertable Trends: overall and per relationship (null where no pair is related in the real data).
        #expect((object["intertable_trends"] as? Double ?? 0) > 0.5)
        #expect((customers["intertable_trends"] as? Double ?? 0) > 0.5)
        #expect(links.allSatisfy { $0.keys.contains("intertable_trends") && $0["intertable_pairs"] is Int })
        let text = try DoppelProcess.run(["report", TestData.relationalFolder, out, "--ascii", "--quiet"])
        #expect(text.stdout.contains("children per customers row (orders.customer_id)"))
        #expect(text.stdout.contains("intertable trends"))
        #expect(try DoppelProcess.run(["report", TestData.relationalFolder, TestData.relationalFolder + "/orders.csv"]).status == 2)
    }
}
