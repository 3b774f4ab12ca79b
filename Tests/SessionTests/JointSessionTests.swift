import Foundation
import TestSupport
import Testing
@testable import Session
import Synthesis
import Tabular

@Suite("Session files: joint models, constraints, conditions")
struct JointSessionTests {
    private func write(_ text: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("doppel-joint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        TemporaryFolders.track(directory.path)
        let path = directory.appendingPathComponent("s.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let text = """
        format: 1
        plan:
          columns:
          - {name: a, kind: decimal, strategy: kde}
          - {name: b, kind: categorical, strategy: categorical}
          joint:
          - name: core
            model: bayesian_network
            columns: [a, b]
            parameters: {degree: 1, bins: 12}
          constraints:
          - {type: range, column: a, min: 0.25, max: 3000, enforce: clip}
          - {type: predicate, formula: "a > 1"}
        run:
          seed: 9
          conditions:
            where: {b: "x"}
            rebalance: {column: b, proportions: {x: 0.75, y: 0.25}}

        """

    @Test("joint groups, constraints and conditions load and save back exactly")
    func roundTrip() throws {
        let path = try write(Self.text)
        let file = try SessionFile.load(path)
        let plan = file.session.plan
        #expect(plan.joint == [JointPlan(name: "core", model: "bayesian_network", columns: ["a", "b"],
                                         parameters: Parameters(["degree": 1, "bins": 12]))])
        #expect(plan.constraints == [ConstraintPlan(type: .range, column: "a", min: 0.25, max: 3000, enforce: .clip),
                                     ConstraintPlan(type: .predicate, formula: "a > 1")])
        #expect(plan.conditions == SamplingConditions(equals: ["b": "x"], rebalance: .init(column: "b", proportions: ["x": 0.75, "y": 0.25])))
        let saved = path + ".saved.yaml"
        try SessionFile.save(file.session, to: saved)
        let text = try String(contentsOfFile: saved, encoding: .utf8)
        #expect(text.contains("min: 0.25\n"))
        #expect(text.contains("max: 3000\n"))
        #expect(text.contains("bins: 12\n"))
        #expect(text.contains("x: 0.75\n"))
        #expect(try SessionFile.load(saved).session == file.session)
    }

    @Test("an unknown key inside a joint group or a condition names its path and line")
    func unknownKeys() throws {
        let typo = Self.text.replacingOccurrences(of: "    parameters: {degree: 1", with: "    paramters: {degree: 1")
        do {
            _ = try SessionFile.load(try write(typo))
            Issue.record("expected an error")
        } catch let error as DataError {
            #expect(error.line == 10)
            #expect(error.message == "key 'plan.joint[0].paramters': unknown key; did you mean 'parameters'? allowed here: name, model, columns, parameters, member_parameters")
        }
        let condition = Self.text.replacingOccurrences(of: "rebalance: {column: b,", with: "rebalance: {col: b,")
        do {
            _ = try SessionFile.load(try write(condition))
            Issue.record("expected an error")
        } catch let error as DataError {
            #expect(error.message.hasPrefix("key 'plan.conditions.rebalance.col': unknown key; allowed here: column, proportions"))
            #expect(error.message.hasSuffix("(this format-1 file's run.conditions is read as plan.conditions in format 2)"))
        }
    }

    @Test("a bayesian_network group with epsilon > 0, in format 1 or 2, is refused naming the key and its line, with what to write instead")
    func retiredPrivacy() throws {
        let format1 = Self.text.replacingOccurrences(of: "{degree: 1, bins: 12}", with: "{degree: 1, epsilon: 0.5}")
        let format2 = format1.replacingOccurrences(of: "format: 1", with: "format: 2")
            .replacingOccurrences(of: "run:\n  seed: 9\n  conditions:", with: "  seed: 9\n  conditions:")
            .replacingOccurrences(of: "\n    where:", with: "\n      where:")
            .replacingOccurrences(of: "\n    rebalance:", with: "\n      rebalance:")
        for text in [format1, format2] {
            do {
                _ = try SessionFile.load(try write(text))
                Issue.record("expected an error")
            } catch let error as DataError {
                #expect(error.line == 10, "\(error)")
                #expect(error.message.hasPrefix("key 'plan.joint[0].parameters.epsilon': bayesian_network is no longer differentially private"), "\(error.message)")
                #expect(error.message.contains("for a private group 'core' write model: mst with parameters: {epsilon: 0.5}"), "\(error.message)")
            }
        }
        // epsilon: 0, as older sessions wrote it with privacy off, still loads.
        let open = Self.text.replacingOccurrences(of: "{degree: 1, bins: 12}", with: "{degree: 1, epsilon: 0}")
        #expect(try SessionFile.load(try write(open)).session.plan.joint[0].parameters["epsilon"] == .number(0))
    }
}
