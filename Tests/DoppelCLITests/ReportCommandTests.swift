import Foundation
import Testing

@Suite("doppel report, end to end")
struct ReportCommandTests {
    /// A synthetic penguins file made by doppel itself, and a real/holdout split of the real data.
    private static func fixture() throws -> (real: String, synthetic: String, training: String, holdout: String) {
        let directory = DoppelProcess.temporaryDirectory()
        let real = try DoppelProcess.sharedData("penguins")
        let synthetic = directory.appendingPathComponent("synthetic.csv").path
        let made = try DoppelProcess.run(["sample", real, "--seed", "4", "-o", synthetic])
        precondition(made.status == 0, made.stderr)
        let lines = try String(contentsOfFile: real, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let header = lines[0]
        let rows = lines.dropFirst().filter { !$0.isEmpty }
        let training = directory.appendingPathComponent("training.csv").path
        let holdout = directory.appendingPathComponent("holdout.csv").path
        try ([header] + rows.enumerated().filter { $0.offset % 4 != 0 }.map(\.element)).joined(separator: "\n").appending("\n")
            .write(toFile: training, atomically: true, encoding: .utf8)
        try ([header] + rows.enumerated().filter { $0.offset % 4 == 0 }.map(\.element)).joined(separator: "\n").appending("\n")
            .write(toFile: holdout, atomically: true, encoding: .utf8)
        return (real, synthetic, training, holdout)
    }

    @Test("--json prints one flat object with every figure, null where input was missing")
    func json() throws {
        let files = try Self.fixture()
        let outcome = try DoppelProcess.run(["report", files.real, files.synthetic, "--json", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        for key in ["quality", "column_shapes", "column_pair_trends", "column_pair_trends_all", "boundary_adherence",
                    "category_adherence", "exact_copy_rate", "dcr_baseline_protection", "dcr_overfitting_protection",
                    "nndr", "pmse", "s_pmse", "columns", "pairs", "dcr_share", "dcr_share_se", "holdout_copy_rate"] {
            #expect(object.keys.contains(key), "missing key \(key)")
        }
        #expect(object["dcr_overfitting_protection"] is NSNull)
        #expect(object["dcr_share"] is NSNull && object["dcr_share_se"] is NSNull && object["holdout_copy_rate"] is NSNull)
        let quality = try #require(object["quality"] as? Double)
        #expect(quality > 0.5 && quality <= 1)
        #expect((object["columns"] as? [Any])?.count == 8)
        #expect((object["pairs"] as? [Any])?.count == 28)
        #expect(outcome.stdout.split(separator: "\n").count == 1)
        let hints = try #require(object["disclosure_hints"] as? [String: Any])
        #expect(hints["rare_category_threshold"] as? Int == 5)
    }

    @Test("a holdout and a target add overfitting protection and TSTR figures")
    func holdoutAndTarget() throws {
        let files = try Self.fixture()
        let outcome = try DoppelProcess.run(["report", files.training, files.synthetic, "--holdout", files.holdout,
                                             "--target", "species", "--json", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let protection = try #require(object["dcr_overfitting_protection"] as? Double)
        #expect(protection >= 0 && protection <= 1)
        let synthetic = try #require(object["tstr_accuracy_synthetic"] as? Double)
        let real = try #require(object["tstr_accuracy_real"] as? Double)
        #expect(real > 0.8)
        #expect(synthetic > 0 && synthetic <= 1)
    }

    @Test("gates: a missed --min/--max exits 1 naming each threshold; passing gates exit 0")
    func gates() throws {
        let files = try Self.fixture()
        let missed = try DoppelProcess.run(["report", files.real, files.synthetic, "--json", "--quiet",
                                            "--min", "quality=0.999", "--max", "exact_copy_rate=0", "--min", "column_shapes=0.1"])
        #expect(missed.status == 1)
        #expect(missed.stderr.contains("doppel: error: gate missed: quality = "))
        #expect(missed.stderr.contains("< 0.999 (--min quality=0.999)"))
        #expect(!missed.stderr.contains("column_shapes"))
        let passed = try DoppelProcess.run(["report", files.real, files.synthetic, "--json", "--quiet", "--min", "quality=0.1"])
        #expect(passed.status == 0)
        let unknown = try DoppelProcess.run(["report", files.real, files.synthetic, "--quiet", "--min", "beauty=1"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown metric 'beauty'"))
        let needsHoldout = try DoppelProcess.run(["report", files.real, files.synthetic, "--quiet", "--min", "dcr_overfitting_protection=0.5"])
        #expect(needsHoldout.status == 2)
        #expect(needsHoldout.stderr.contains("dcr_overfitting_protection needs --holdout"))
    }

    @Test("--max dcr_share: synthetic copies of training rows miss it, copies of holdout rows pass; without --holdout exit 2")
    func dcrShareGate() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let lines = try String(contentsOfFile: try DoppelProcess.sharedData("penguins"), encoding: .utf8).split(separator: "\n")
        let rows = lines.dropFirst()
        // Halves of equal size: no sampling, so a copy of the training half is at distance 0.
        let count = rows.count / 2 * 2
        let training = directory.appendingPathComponent("training.csv").path
        let holdout = directory.appendingPathComponent("holdout.csv").path
        try ([lines[0]] + rows.prefix(count).enumerated().filter { $0.offset % 2 == 0 }.map(\.element)).joined(separator: "\n")
            .appending("\n").write(toFile: training, atomically: true, encoding: .utf8)
        try ([lines[0]] + rows.prefix(count).enumerated().filter { $0.offset % 2 == 1 }.map(\.element)).joined(separator: "\n")
            .appending("\n").write(toFile: holdout, atomically: true, encoding: .utf8)
        let copied = try DoppelProcess.run(["report", training, training, "--holdout", holdout, "--json", "--quiet", "--max", "dcr_share=0.52"])
        #expect(copied.status == 1, "\(copied.stderr)")
        #expect(copied.stderr.contains("gate missed: dcr_share = 1"), "\(copied.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(copied.stdout.utf8)) as? [String: Any])
        #expect(object["dcr_share"] as? Double == 1)
        #expect(object["dcr_share_rows"] as? Int == count / 2)
        #expect((object["dcr_share_se"] as? Double) == 0)
        let unseen = try DoppelProcess.run(["report", training, holdout, "--holdout", holdout, "--quiet", "--ascii", "--max", "dcr_share=0.52"])
        #expect(unseen.status == 0, "\(unseen.stderr)")
        let text = unseen.stdout.replacingOccurrences(of: "\n  ", with: " ")
        #expect(text.contains("dcr_share 0.0000 +/- 0.0000 (n = \(count / 2))"), "\(unseen.stdout)")
        #expect(text.contains("synthetic rows are no closer to training rows than unseen real rows are"), "\(unseen.stdout)")
        let noHoldout = try DoppelProcess.run(["report", training, training, "--quiet", "--max", "dcr_share=0.52"])
        #expect(noHoldout.status == 2)
        #expect(noHoldout.stderr.contains("dcr_share needs --holdout"), "\(noHoldout.stderr)")
    }

    @Test("the terminal report in ASCII fits 80 columns; --html writes a self-contained page")
    func textAndHTML() throws {
        let files = try Self.fixture()
        let page = DoppelProcess.temporaryDirectory().appendingPathComponent("report.html").path
        let outcome = try DoppelProcess.run(["report", files.real, files.synthetic, "--ascii", "--html", page])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("Doppel fidelity report\n"))
        for line in outcome.stdout.split(separator: "\n") {
            #expect(line.count <= 80, "too wide: \(line)")
            #expect(line.unicodeScalars.allSatisfy { $0.isASCII }, "not ASCII: \(line)")
        }
        #expect(outcome.stdout.contains("worst columns:"))
        #expect(outcome.stdout.contains("disclosure hints:"))
        #expect(outcome.stderr.contains("doppel: quality (column shapes and pair trends)"))
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("<script"))
    }

    @Test("code and text columns are scored; ids are left out; columns SDV's detection treats otherwise are named in JSON, text and HTML")
    func textAndCodeColumns() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let remarks = ["on time as usual", "late again today", "missed the bus"]
        var real = "row,tailnum,remark,email,distance\n", synthetic = real
        for i in 0..<120 {
            real += "\(i),N\(100 + i % 40)AA,\(remarks[i % 3]),g\(i % 4),\(100 + i % 17)\n"
            synthetic += "\(i),N\(100 + (i * 7) % 45)AA,\(remarks[(i / 2) % 3]),g\(i % 4),\(100 + i % 17)\n"
        }
        let realPath = directory.appendingPathComponent("real.csv").path
        let syntheticPath = directory.appendingPathComponent("synthetic.csv").path
        try real.write(toFile: realPath, atomically: true, encoding: .utf8)
        try synthetic.write(toFile: syntheticPath, atomically: true, encoding: .utf8)

        let outcome = try DoppelProcess.run(["report", realPath, syntheticPath, "--json", "--quiet"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        let columns = try #require(object["columns"] as? [[String: Any]])
        #expect(columns.map { $0["name"] as? String } == ["tailnum", "remark", "email", "distance"])
        #expect(columns[0]["metric"] as? String == "TVComplement" && columns[1]["metric"] as? String == "TVComplement")
        let leftOut = try #require(object["left_out"] as? [[String: Any]])
        #expect(leftOut.map { $0["name"] as? String } == ["row"])
        let differences = try #require(object["sdv_detection_differences"] as? [[String: Any]])
        #expect(differences.count == 1)
        #expect(differences.first?["name"] as? String == "email" && differences.first?["sdv_skips_as"] as? String == "pii")
        #expect(differences.first?["doppel_scores"] as? Bool == true)

        let page = directory.appendingPathComponent("report.html").path
        let text = try DoppelProcess.run(["report", realPath, syntheticPath, "--ascii", "--quiet", "--html", page])
        #expect(text.status == 0)
        let flat = text.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        #expect(flat.contains("SDV's detection would treat 'email' as PII (sdtype email, from its name) and skip it; Doppel scores it"), "\(text.stdout)")
        #expect(flat.contains("not scored for quality: 'row' (an identifier)"))
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.contains("SDV&#39;s detection would treat") || html.contains("SDV's detection would treat 'email'"))
    }
}
