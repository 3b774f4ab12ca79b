import Foundation
import Testing

@Suite("JSON Lines input, end to end")
struct JSONLinesCommandTests {
    /// 120 rows of a small flat table, with a key missing now and then and a null.
    static func writeSource(in directory: URL) throws -> String {
        var text = ""
        for row in 0..<120 {
            let species = ["Adelie", "Gentoo", "Chinstrap"][row % 3]
            let mass = row % 17 == 0 ? "null" : "\(3000 + (row * 37) % 2000).5"
            let island = row % 5 == 0 ? "" : ", \"island\": \"\(["Biscoe", "Dream"][row % 2])\""
            text += "{\"species\": \"\(species)\", \"mass\": \(mass)\(island), \"tagged\": \(row % 4 == 0)}\n"
        }
        let path = directory.appendingPathComponent("birds.jsonl").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("doppel plan x.jsonl then doppel sample x.jsonl --plan: the plan has the keys as columns, the sample their header")
    func planThenSample() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let source = try Self.writeSource(in: directory)
        let planPath = directory.appendingPathComponent("birds.doppel.yaml").path
        let planned = try DoppelProcess.run(["plan", source, "--seed", "7", "-o", planPath])
        #expect(planned.status == 0, "\(planned.stderr)")
        let plan = try String(contentsOfFile: planPath, encoding: .utf8)
        #expect(plan.contains("- name: species\n  kind: categorical\n"))
        #expect(plan.contains("- name: mass\n  kind: decimal\n"))
        #expect(plan.contains("- name: tagged\n  kind: boolean\n"))

        let sampled = try DoppelProcess.run(["sample", source, "--plan", planPath, "--rows", "50"])
        #expect(sampled.status == 0, "\(sampled.stderr)")
        let lines = sampled.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        // Row 0 has no island: keys come in order of first appearance.
        #expect(lines.first == "species,mass,tagged,island")
        #expect(lines.count == 52)
    }

    @Test("a bad line is bad input: exit 2, the file and the line named")
    func badLine() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let path = directory.appendingPathComponent("bad.ndjson").path
        try "{\"a\": 1}\n{\"a\": 2}\n\"just a string\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        let outcome = try DoppelProcess.run(["inspect", path])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "doppel: error: \(path):3: expected an object (one flat JSON object per line)\n")
    }
}
