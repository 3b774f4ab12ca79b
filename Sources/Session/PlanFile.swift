import Foundation
import Synthesis
import Tabular
import Yams

/// Reads and writes plan files (`doppel plan -o`): the `Plan` record alone, the same record a
/// session holds under `plan:`. YAML, or JSON by extension; a plan round-trips exactly.
public enum PlanFile {
    public static func yaml(_ plan: Plan) throws -> String {
        try NodeEncoder.yaml(plan)
    }

    /// Checks and decodes a plan's text, with the same checks and messages as a session's. A
    /// session given where a plan is expected is read for its plan.
    public static func decode(yaml text: String, file: String) throws -> Plan {
        let tree = try FileText.compose(text, path: file)
        if case .mapping(let root) = tree, root["plan"] != nil, root["format"] != nil {
            return try SessionFile.parse(text, path: file).session.plan
        }
        do {
            try FormatCheck.check(tree, against: Plan.shape)
        } catch let problem as FormatProblem {
            let key = problem.path.isEmpty ? "the plan" : "key '\(SessionFile.keyPath(problem.path))'"
            throw DataError(file: file, line: problem.line, message: "\(key): \(problem.message)")
        }
        do {
            return try YAMLDecoder().decode(Plan.self, from: tree)
        } catch let error as DecodingError {
            let (keys, message) = SessionFile.describe(error)
            throw DataError(file: file, line: SessionFile.line(of: keys, in: tree),
                            message: keys.isEmpty ? "the plan: \(message)" : "key '\(SessionFile.keyPath(keys))': \(message)")
        }
    }

    public static func load(_ path: String) throws -> Plan {
        try decode(yaml: try FileText.read(path), file: path)
    }

    /// Writes atomically: a crash never leaves half a plan.
    public static func save(_ plan: Plan, to path: String) throws {
        let text = path.hasSuffix(".json") ? try json(plan) : try yaml(plan)
        try AtomicFileWriter.write(Array(text.utf8), to: path)
    }

    static func json(_ plan: Plan) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(plan), as: UTF8.self) + "\n"
    }

    /// What `doppel run` says when given a plan file.
    static func notASessionMessage(_ path: String) -> String {
        "\(path) is a plan (from `doppel plan -o`), not a session: run it with `doppel run \(path) --source DATA.csv`, write a session with `doppel plan DATA.csv --session -o s.yaml`, or sample with `doppel sample DATA.csv --plan \(path)`"
    }
}
