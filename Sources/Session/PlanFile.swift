import Foundation
import Synthesis
import Tabular
import Yams

/// Reads and writes plans as YAML (or JSON, by extension). The full session format arrives with
/// its own issue; until then a plan file is the plan alone, and it round-trips exactly.
public enum PlanFile {
    public static func yaml(_ plan: Plan) throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = false
        encoder.options.width = -1
        return try encoder.encode(plan)
    }

    public static func decode(yaml text: String, file: String) throws -> Plan {
        do {
            if file.hasSuffix(".json") {
                return try JSONDecoder().decode(Plan.self, from: Data(text.utf8))
            }
            return try YAMLDecoder().decode(Plan.self, from: text)
        } catch let error as DecodingError {
            throw DataError(file: file, message: describe(error))
        } catch let error as YamlError {
            throw DataError(file: file, message: "not valid YAML: \(error)")
        }
    }

    public static func load(_ path: String) throws -> Plan {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read" : "cannot open: no such file")
        }
        return try decode(yaml: String(decoding: data, as: UTF8.self), file: path)
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

    /// A decoding error as a person reads it: which key, what was wrong (as session files say it).
    static func describe(_ error: DecodingError) -> String {
        let (keys, message) = SessionFile.describe(error)
        return keys.isEmpty ? "the file: \(message)" : "key '\(SessionFile.keyPath(keys))': \(message)"
    }
}
