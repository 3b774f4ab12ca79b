import Crypto
import Fidelity
import Foundation
import Synthesis
import Tabular
import Yams

/// A session read from a file: the session, where it lives (paths in it are relative to that
/// folder), and its YAML tree for pointing errors at lines.
public struct SessionFile {
    public var session: Session
    public var path: String
    private let tree: Node?

    /// Reads and checks a session file (YAML, or JSON by extension). Any mistake is a `DataError`
    /// naming the file, the line and the key path.
    public static func load(_ path: String) throws -> SessionFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read" : "cannot open: no such file")
        }
        let text = String(decoding: data, as: UTF8.self)
        let tree: Node?
        do {
            tree = try Yams.compose(yaml: text)
        } catch {
            throw DataError(file: path, message: "not valid YAML: \(error)")
        }
        guard let tree else { throw DataError(file: path, message: "the session is empty") }
        if let unknown = SessionKeys.session.firstUnknownKey(in: tree) {
            throw DataError(file: path, line: unknown.line,
                            message: "key '\(unknown.path)': unknown key; allowed here: " + unknown.allowed.joined(separator: ", "))
        }
        if case .mapping(let root) = tree, let format = root["format"]?.int, format > Session.currentFormat {
            throw DataError(file: path, line: SessionKeys.line(of: ["format"], in: tree),
                            message: "key 'format': format \(format) is newer than this Doppel reads (\(Session.currentFormat)); upgrade Doppel")
        }
        do {
            let session = try YAMLDecoder().decode(Session.self, from: text)
            let file = SessionFile(session: session, path: path, tree: tree)
            try file.checkGates()
            return file
        } catch let error as DecodingError {
            let (keys, message) = Self.describe(error)
            throw DataError(file: path, line: SessionKeys.line(of: keys, in: tree),
                            message: "key '\(Self.keyPath(keys))': \(message)")
        }
    }

    public init(session: Session, path: String) {
        self.session = session
        self.path = path
        tree = nil
    }

    private init(session: Session, path: String, tree: Node?) {
        self.session = session
        self.path = path
        self.tree = tree
    }

    /// The folder relative paths start from.
    public var directory: String {
        let url = URL(fileURLWithPath: path).deletingLastPathComponent()
        return url.path
    }

    /// A path from the session, made usable from the current directory.
    public func resolve(_ relative: String) -> String {
        relative.hasPrefix("/") || relative == "-" ? relative : URL(fileURLWithPath: relative, relativeTo: URL(fileURLWithPath: directory + "/")).path
    }

    /// An error at a key path of the file (e.g. `["plan", "columns", "2", "strategy"]`).
    public func error(at keys: [String], _ message: String) -> DataError {
        DataError(file: path, line: tree.flatMap { SessionKeys.line(of: keys, in: $0) },
                  message: "key '\(Self.keyPath(keys))': \(message)")
    }

    /// Plan and parameter errors pointed at the plan column they concern.
    public func locate(_ error: Error) -> Error {
        let columns = session.plan.columns
        switch error {
        case let error as ParameterError:
            guard let index = columns.firstIndex(where: { $0.name == error.column }) else { return error }
            return self.error(at: ["plan", "columns", String(index), "parameters", error.parameter], error.description)
        case let error as PlanError:
            guard let column = error.column, let index = columns.firstIndex(where: { $0.name == column }) else {
                return self.error(at: ["plan", "columns"], error.message)
            }
            let key = error.message.contains("strategy '") && error.message.contains("unknown strategy") ? ["strategy"] : []
            return self.error(at: ["plan", "columns", String(index)] + key, error.message)
        default:
            return error
        }
    }

    private func checkGates() throws {
        let known = FidelityReport.figureNames + FidelityReport.tstrFigureNames
        for (bound, names) in [("min", session.require?.min), ("max", session.require?.max)] {
            for name in (names ?? [:]).keys.sorted() where !known.contains(name) {
                throw error(at: ["require", bound, name], "unknown metric '\(name)'; known: " + known.joined(separator: ", "))
            }
        }
    }

    // MARK: Saving

    /// Writes a session atomically (temporary file, then rename): a crash mid-save leaves the
    /// old file whole.
    public static func save(_ session: Session, to path: String) throws {
        let text: String
        if path.hasSuffix(".json") {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            text = String(decoding: try encoder.encode(session), as: UTF8.self) + "\n"
        } else {
            let encoder = YAMLEncoder()
            encoder.options.sortKeys = false
            encoder.options.width = -1
            text = try encoder.encode(session)
        }
        try AtomicFileWriter.write(Array(text.utf8), to: path)
    }

    // MARK: Decoding errors

    static func keyPath(_ keys: [String]) -> String {
        var text = ""
        for key in keys {
            if Int(key) != nil { text += "[\(key)]" } else { text += text.isEmpty ? key : ".\(key)" }
        }
        return text.isEmpty ? "(top level)" : text
    }

    static func describe(_ error: DecodingError) -> ([String], String) {
        func keys(_ context: DecodingError.Context) -> [String] {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return (keys(context), "missing key '\(key.stringValue)'")
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return (keys(context), context.debugDescription)
        @unknown default:
            return ([], "\(error)")
        }
    }
}

/// SHA-256 of a file's bytes, streamed (a session records it to notice a changed source).
public enum SourceHash {
    public static func sha256(of path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw DataError(file: path, message: "cannot open: no such file")
        }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }
}

private extension Node {
    var int: Int? { scalar.flatMap { Int($0.string) } }
}
