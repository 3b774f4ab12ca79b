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
    /// Things the user should hear about the file (a format-1 session read as format 2).
    public var notes: [String] = []
    private let tree: Node?

    /// Reads and checks a session file (YAML, or JSON, which is YAML too). Any mistake is a
    /// `DataError` naming the file, the line and the key path, in the user's terms.
    public static func load(_ path: String) throws -> SessionFile {
        try parse(try FileText.read(path), path: path)
    }

    /// What `doppel run` runs: a session file, or a plan file (`doppel plan -o`) with `source`,
    /// a CSV named on the command line, which for a session replaces the recorded source path
    /// (the recorded hash is still checked).
    public static func load(_ path: String, source: String?) throws -> SessionFile {
        guard let source else { return try load(path) }
        let text = try FileText.read(path)
        let absoluteSource = URL(fileURLWithPath: source).standardizedFileURL.path
        if case .mapping(let root) = try FileText.compose(text, path: path), root["plan"] == nil, root["format"] == nil {
            let plan = try PlanFile.decode(yaml: text, file: path)
            return SessionFile(session: Session(source: Session.Source(path: absoluteSource), plan: plan), path: path)
        }
        var file = try parse(text, path: path)
        if file.session.source == nil { file.session.source = Session.Source(path: absoluteSource) } else { file.session.source!.path = absoluteSource }
        return file
    }

    /// Checks and decodes a session's text: the format check first (keys, shapes, size), then
    /// the decoding, which then only meets values the check has passed.
    public static func parse(_ text: String, path: String) throws -> SessionFile {
        let tree = try FileText.compose(text, path: path)
        guard case .mapping(var root) = tree else {
            throw DataError(file: path, line: tree.mark?.line,
                            message: "a session must be a mapping with 'format', 'plan' and 'source' (found \(FormatCheck.found(tree)))")
        }
        if root["plan"] == nil && root["format"] == nil && root["columns"] != nil {
            throw DataError(file: path, message: PlanFile.notASessionMessage(path))
        }
        var notes: [String] = []
        if let formatNode = root["format"], let format = formatNode.scalar.flatMap({ Int($0.string) }) {
            if format > Session.currentFormat {
                throw DataError(file: path, line: formatNode.mark?.line,
                                message: "key 'format': format \(format) is newer than this Doppel reads (\(Session.currentFormat)); upgrade Doppel")
            }
            if format == 1 {
                root = SessionMigration.fromFormat1(root)
                notes.append("\(path) is a format-1 session, read as format \(Session.currentFormat); `doppel migrate \(path) -o NEW.yaml` rewrites it")
            }
        }
        let migrated = Node.mapping(root)
        do {
            try FormatCheck.check(migrated, against: Session.shape)
        } catch let problem as FormatProblem {
            let moved = !notes.isEmpty && problem.path.count >= 2 && problem.path[0] == "plan" && ["seed", "rows", "conditions"].contains(problem.path[1])
            let hint = moved ? " (this format-1 file's run.\(problem.path[1]) is read as plan.\(problem.path[1]) in format \(Session.currentFormat))" : ""
            throw DataError(file: path, line: problem.line, message: "key '\(keyPath(problem.path))': \(problem.message)\(hint)")
        }
        do {
            let session = try YAMLDecoder().decode(Session.self, from: migrated)
            var file = SessionFile(session: session, path: path, tree: migrated)
            file.notes = notes
            return file
        } catch let error as DecodingError {
            let (keys, message) = Self.describe(error)
            throw DataError(file: path, line: Self.line(of: keys, in: migrated), message: "key '\(Self.keyPath(keys))': \(message)")
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
        DataError(file: path, line: tree.flatMap { Self.line(of: keys, in: $0) },
                  message: "key '\(Self.keyPath(keys))': \(message)")
    }

    /// Plan and parameter errors pointed at the plan column they concern.
    public func locate(_ error: Error) -> Error {
        let columns = session.plan.columns
        switch error {
        case let error as ParameterError:
            guard let index = columns.firstIndex(where: { $0.name == error.column }) else { return error }
            return self.error(at: ["plan", "columns", String(index), "parameters", error.parameter], error.description)
        case let error as PlanError where error.conditionKey != nil:
            return self.error(at: ["plan", "conditions"] + error.conditionKey!.split(separator: ".").map(String.init), error.message)
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

    // MARK: Saving

    /// Writes a session atomically (temporary file, then rename): a crash mid-save leaves the
    /// old file whole.
    /// A session whose embedded models hold real data is written 0600 (owner only), whatever
    /// the file it replaces; others follow the umask, and a replaced file keeps its mode.
    public static func save(_ session: Session, to path: String) throws {
        try AtomicFileWriter.write(Array(try text(session, json: path.hasSuffix(".json")).utf8), to: path,
                                   mode: holdsRealValues(session) ? 0o600 : nil)
    }

    /// True when embedded models keep anything of the real data (statistics, levels or values).
    public static func holdsRealValues(_ session: Session) -> Bool {
        guard let model = session.model else { return false }
        return model.columns.values.contains { $0.realValues != .none } || (model.joint ?? [:]).values.contains { $0.realValues != .none }
            || (model.constraints ?? []).contains { $0.combinations != nil }
    }

    /// The file's text: YAML (exact numbers, declaration order), or JSON with sorted keys.
    public static func text(_ session: Session, json: Bool = false) throws -> String {
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return String(decoding: try encoder.encode(session), as: UTF8.self) + "\n"
        }
        return try NodeEncoder.yaml(session)
    }

    // MARK: Decoding errors

    static func keyPath(_ keys: [String]) -> String {
        var text = ""
        for key in keys {
            if Int(key) != nil { text += "[\(key)]" } else { text += text.isEmpty ? key : ".\(key)" }
        }
        return text.isEmpty ? "(top level)" : text
    }

    /// The line of the node at `path` (segments: keys and indices), for errors found after the check.
    static func line(of path: [String], in node: Node) -> Int? {
        var current = node
        var line = node.mark?.line
        for segment in path {
            switch current {
            case .mapping(let mapping):
                guard let (key, value) = mapping.first(where: { $0.key.string == segment }) else { return line }
                line = key.mark?.line
                current = value
            case .sequence(let sequence):
                guard let index = Int(segment), index < sequence.count else { return line }
                current = sequence[index]
                line = current.mark?.line
            default:
                return line
            }
        }
        return line
    }

    /// A decoder's expected type in words: "a mapping", "a list", "a number".
    static func expected(_ type: Any.Type) -> String {
        let name = String(describing: type)
        if name.contains("Mapping") || name.hasPrefix("Dictionary") { return "a mapping" }
        if name.contains("Sequence") || name.hasPrefix("Array") { return "a list" }
        if name.hasPrefix("Int") || name.hasPrefix("UInt") { return "a whole number" }
        if name == "Double" || name == "Float" { return "a number" }
        if name == "Bool" { return "true or false" }
        if name == "String" { return "text" }
        return "a value of another form"
    }

    static func describe(_ error: DecodingError) -> ([String], String) {
        func keys(_ context: DecodingError.Context) -> [String] {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        }
        switch error {
        case .keyNotFound(let key, let context):
            return (keys(context), "missing key '\(key.stringValue)'")
        case .typeMismatch(let type, let context):
            // The format check catches wrong shapes first; this is the fallback for values it
            // leaves to their owner (fitted models), still in the user's terms.
            return (keys(context), "must be \(expected(type))")
        case .valueNotFound(let type, let context):
            return (keys(context), "must be \(expected(type)) (found nothing)")
        case .dataCorrupted(let context):
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

    /// A hash fed as a file is read by something else (`StreamingReader`'s `rawBytes`), so a
    /// file of many gigabytes is read once, not twice. Fed from one thread; read after.
    public final class Running: @unchecked Sendable {
        private var hasher = SHA256()

        public init() {}

        public func update(_ bytes: UnsafeRawBufferPointer) { hasher.update(bufferPointer: bytes) }

        public var hex: String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }
    }
}


