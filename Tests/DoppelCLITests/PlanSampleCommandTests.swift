import Foundation
import Testing

@Suite("doppel plan and doppel sample, end to end")
struct PlanSampleCommandTests {
    @Test("plan writes a readable YAML plan with the seed; sample replays it byte for byte")
    func planThenSample() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let planPath = directory.appendingPathComponent("penguins.doppel.yaml").path
        let planned = try DoppelProcess.run(["plan", DoppelProcess.sharedData("penguins"), "--seed", "2024", "-o", planPath])
        #expect(planned.status == 0)
        let text = try String(contentsOfFile: planPath, encoding: .utf8)
        #expect(text.hasPrefix("seed: 2024\ncolumns:\n- name: species\n  kind: categorical\n  strategy: categorical\n"))

        let first = try DoppelProcess.run(["sample", DoppelProcess.sharedData("penguins"), "--plan", planPath, "--rows", "500"])
        let second = try DoppelProcess.run(["sample", DoppelProcess.sharedData("penguins"), "--plan", planPath, "--rows", "500", "--threads", "1"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        let lines = first.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year")
        #expect(lines.count == 502)
        let other = try DoppelProcess.run(["sample", DoppelProcess.sharedData("penguins"), "--plan", planPath, "--rows", "500", "--seed", "5"])
        #expect(other.stdout != first.stdout)
    }

    @Test("plan --privacy says what it held back, each candidate's privacy and why it chose; the setting is recorded")
    func planWithPrivacy() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let planPath = directory.appendingPathComponent("strict.yaml").path
        let strict = try DoppelProcess.run(["plan", DoppelProcess.sharedData("penguins"), "--seed", "3", "--privacy", "strict", "-o", planPath])
        #expect(strict.status == 0, "\(strict.stderr)")
        #expect(strict.stderr.contains("doppel: privacy strict: candidates fit on 276 rows and are measured against 68 rows held back (DCR share <= 0.51 and copy rate <= the holdout's)"))
        #expect(strict.stderr.contains("joint model cart: quality 0."))
        #expect(strict.stderr.contains("; DCR share 0."))
        #expect(strict.stderr.contains("chose ") || strict.stderr.contains("no candidate met --privacy strict"))
        #expect(try String(contentsOfFile: planPath, encoding: .utf8).contains("\nprivacy: strict\n"))
        let bad = try DoppelProcess.run(["plan", DoppelProcess.sharedData("penguins"), "--privacy", "loose"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--privacy loose: expected strict, balanced or off"))
        // doppel sample takes the setting for its default plan, and refuses it beside a plan.
        let sampled = try DoppelProcess.run(["sample", DoppelProcess.sharedData("penguins"), "--seed", "3", "--privacy", "off", "--rows", "5"])
        #expect(sampled.status == 0 && sampled.stdout.split(separator: "\n").count == 6)
        let both = try DoppelProcess.run(["sample", DoppelProcess.sharedData("penguins"), "--plan", planPath, "--privacy", "strict"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("with --plan \(planPath) the plan decides"))
    }

    @Test("sample without a plan uses the default plan, the source's row count, and reports its seed")
    func sampleDefaults() throws {
        let outcome = try DoppelProcess.run(["sample", DoppelProcess.sharedData("penguins")])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.split(separator: "\n").count == 345)
        #expect(outcome.stderr.hasPrefix("doppel: seed "))
        let seeded = try DoppelProcess.run(["sample", DoppelProcess.sharedData("penguins"), "--seed", "3", "-o", "-"])
        #expect(seeded.stderr.isEmpty)
    }

    @Test("sample -o writes the file atomically")
    func sampleToFile() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let out = directory.appendingPathComponent("synthetic.csv")
        let outcome = try DoppelProcess.run(["sample", DoppelProcess.sharedData("credit_data"), "--seed", "1", "--rows", "1000", "-o", out.path])
        #expect(outcome.status == 0)
        let written = try String(contentsOf: out, encoding: .utf8)
        #expect(written.hasPrefix("Status,Seniority,Home,Time,Age,Marital,Records,Job,Expenses,Income,Assets,Debt,Amount,Price\n"))
        #expect(written.split(separator: "\n").count == 1001)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["synthetic.csv"])
    }

    @Test("a bad plan is bad input: the message names the plan, the column and the parameter")
    func badPlan() throws {
        let directory = DoppelProcess.temporaryDirectory()
        let planPath = directory.appendingPathComponent("bad.yaml").path
        try "seed: 1\ncolumns:\n- name: carat\n  kind: decimal\n  strategy: histogram\n  parameters:\n    bins: 0\n"
            .write(toFile: planPath, atomically: true, encoding: .utf8)
        let outcome = try DoppelProcess.run(["sample", DoppelProcess.sharedData("diamonds"), "--plan", planPath])
        #expect(outcome.status == 2)
        #expect(outcome.stderr == "doppel: error: \(planPath): column 'carat': parameter 'bins' = 0 is not allowed; expected a whole number from 1 to 10000\n")
        #expect(outcome.stdout.isEmpty)

        try "seed: 1\ncolumns:\n- name: carat\n  kind: decimal\n  strategy: keep\n".write(toFile: planPath, atomically: true, encoding: .utf8)
        let tooMany = try DoppelProcess.run(["sample", DoppelProcess.sharedData("diamonds"), "--plan", planPath, "--rows", "60000"])
        #expect(tooMany.status == 2)
        #expect(tooMany.stderr.contains("column 'carat': strategy 'keep' has 53940 real rows but 60000 were asked for; set cycle: true"))

        let missing = try DoppelProcess.run(["sample", DoppelProcess.sharedData("diamonds"), "--plan", directory.appendingPathComponent("nope.yaml").path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml: cannot open: no such file"))
    }
}

@Suite("doppel strategies")
struct StrategiesCommandTests {
    @Test("lists every strategy by family, and shows one strategy's parameter schema")
    func catalog() throws {
        let list = try DoppelProcess.run(["strategies"])
        #expect(list.status == 0)
        for id in ["empirical", "histogram", "kde", "parametric", "categorical", "boolean", "datetime", "fake", "pattern",
                   "sequence", "constant", "uniform", "choice", "keep", "perturb", "shuffle", "hash", "mask", "drop", "formula", "lookup", "categorical_given"] {
            #expect(list.stdout.contains("\n  \(id) "), "\(id) is not listed")
        }
        #expect(list.stdout.contains("keep               Keep the real column, row-aligned  [keeps real values]"))
        let histogram = try DoppelProcess.run(["strategies", "histogram"])
        #expect(histogram.stdout.contains("  bins (default 20): Number of bins\n      a whole number from 1 to 10000\n"))
        let unknown = try DoppelProcess.run(["strategies", "magic"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("doppel: error: unknown strategy 'magic'; known: empirical, histogram"))
    }
}

@Suite("doppel strategies: joint models")
struct JointStrategiesCommandTests {
    @Test("joint models are listed after the column strategies, with their parameters")
    func jointCatalog() throws {
        let list = try DoppelProcess.run(["strategies"])
        #expect(list.stdout.contains("Joint models (plan key joint:"))
        #expect(list.stdout.contains("\n  gaussian_copula   Gaussian copula: each column's own marginal"))
        #expect(list.stdout.contains("\n  bayesian_network  "))
        let copula = try DoppelProcess.run(["strategies", "gaussian_copula"])
        #expect(copula.status == 0)
        #expect(copula.stdout.contains("joint model over a group of columns (plan key joint:)\nkinds: boolean, categorical, datetime, decimal, integer\n"))
    }
}
