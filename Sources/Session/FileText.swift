import Foundation
import Tabular
import Yams

/// The text of a session or plan file, read with the checks every such file gets: a regular
/// file (a FIFO would block, /dev/zero would never end), of a sane size, valid UTF-8 YAML.
enum FileText {
    /// Sessions embed fitted models, which can be large; nothing legitimate comes near this.
    static let maximumBytes = 1 << 30

    static func read(_ path: String) throws -> String {
        if path.isEmpty { throw DataError(file: "''", message: "the file name is empty") }
        let attributes: [FileAttributeKey: Any]
        do {
            attributes = try FileManager.default.attributesOfItem(atPath: path)
        } catch {
            throw DataError(file: path, message: "cannot open: no such file")
        }
        let type = attributes[.type] as? FileAttributeType
        switch type {
        case .typeRegular?: break
        case .typeDirectory?: throw DataError(file: path, message: "is a directory, not a file")
        default: throw DataError(file: path, message: "is not a regular file (a device, FIFO or socket); save it to a file first")
        }
        if let size = attributes[.size] as? Int, size > maximumBytes {
            throw DataError(file: path, message: "is \(size) bytes; files over \(maximumBytes) bytes are refused")
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw DataError(file: path, message: "cannot read") }
        guard let text = String(data: data, encoding: .utf8) else { throw DataError(file: path, message: "is not UTF-8 text") }
        return text
    }

    static func compose(_ text: String, path: String) throws -> Node {
        let tree: Node?
        do {
            tree = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DataError(file: path, line: error.line, message: "not valid YAML: \(error.summary)")
        } catch {
            throw DataError(file: path, message: "not valid YAML: \(error)")
        }
        guard let tree else { throw DataError(file: path, message: "the file is empty") }
        return tree
    }
}

private extension YamlError {
    var line: Int? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    var summary: String {
        switch self {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            return [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        default: return "\(self)"
        }
    }
}
