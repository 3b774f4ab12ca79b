import Declaration
import Foundation
import Testing
@testable import Session
import Synthesis
import Tabular
import Yams

/// Issue 11: format 2 has one declaration, and the key checks, the messages, the writing and
/// the JSON Schema follow from it.
@Suite("Session format 2")
struct SessionFormatTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func write(_ text: String, name: String = "s.yaml") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("doppel-format-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func loadError(_ text: String) throws -> DataError {
        let path = try write(text)
        defer { try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path) }
        do {
            _ = try SessionFile.load(path)
        } catch let error as DataError {
            return error
        }
        Issue.record("the session loaded")
        return DataError(file: path, message: "")
    }

    /// A session that uses every record of the format.
    static let everything = """
        format: 2
        doppel_version: 0.1.0
        source:
          path: data.csv
          read: {delimiter: ",", header: true, null_tokens: ['', NA], ragged: pad}
          rows: 10
          sha256: f2d6493fc64ad958edbabd55eb0fc989af2c5a0458a2c79ccffe7985606feb60
          columns:
          - {name: a, kind: decimal}
          - {name: b, kind: categorical}
        plan:
          seed: 9
          rows: 20
          columns:
          - name: a
            kind: decimal
            strategy: histogram
            parameters: {bins: 5}
          - {name: b, kind: categorical, strategy: categorical}
          joint:
          - name: pair
            model: cart
            columns: [a, b]
            parameters: {minbucket: 5}
            member_parameters: {b: {method: cart}}
          constraints:
          - {type: range, column: a, min: 0, max: 10, enforce: clip}
          - {type: less_equal, columns: [a, a], formula: 'a > 0'}
          conditions:
            where: {b: x}
            rebalance: {column: b, proportions: {x: 0.5, y: 0.5}}
        run:
          output: out.csv
          format: csv
        require:
          min: {quality: 0.5}
          max: {exact_copy_rate: 0.1}
        model:
          columns:
            a:
              strategy: histogram
              real_values: statistics
              fitted: {edges: [0, 1], counts: [3]}
              options: {kind: decimal, shape: {text: {}}, null_rate: 0, edge_rate: 0, edge_numbers: [], clip_min: 0, clip_max: 1, round_digits: 1}
          joint:
            pair: {model: cart, columns: [a, b], real_values: values, fitted: {}}
          constraints:
          - plan: {type: fixed_combinations, columns: [b]}
            combinations: [x]
        view:
          cursor_column: a
          panel: fidelity

        """

    @Test("the checked-in JSON Schema is the one the declaration generates")
    func schemaIsGenerated() throws {
        let path = Self.repository.appendingPathComponent("docs/session.schema.json").path
        let checkedIn = try String(contentsOfFile: path, encoding: .utf8)
        #expect(checkedIn == SessionSchema.session().text() + "\n", "docs/session.schema.json is stale: run `doppel schema > docs/session.schema.json`")
    }

    @Test("a session using every record loads, and writes back to the same session")
    func everythingRoundTrips() throws {
        let path = try write(Self.everything)
        let file = try SessionFile.load(path)
        #expect(file.notes.isEmpty)
        #expect(file.session.plan.seed == 9)
        #expect(file.session.plan.joint.first?.memberParameters["b"]?["method"] == .text("cart"))
        #expect(file.session.model?.constraints?.first?.combinations == ["x"])
        let again = try write(try SessionFile.text(file.session))
        #expect(try SessionFile.load(again).session == file.session)
    }

    @Test("every declared key, misspelt, is an error naming its path and its line")
    func everyKeyMisspelt() throws {
        let tree = try #require(try Yams.compose(yaml: Self.everything))
        var checked = 0
        for (path, key) in Self.declaredKeys(in: tree, shape: Session.shape, path: []) {
            let misspelt = key + String(key.last!)
            let text = try Yams.serialize(node: Self.renaming(path + [key], to: misspelt, in: tree), width: -1, sortKeys: false)
            let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(misspelt + ":") }) + 1
            let error = try loadError(text)
            let keyPath = SessionFile.keyPath(path + [misspelt])
            #expect(error.message.hasPrefix("key '\(keyPath)': unknown key; did you mean '\(key)'?"), "\(error.message)")
            #expect(error.line == line, "\(keyPath)")
            checked += 1
        }
        #expect(checked > 60)
    }

    @Test("a wrong shape is named in the user's terms, never in a decoder's")
    func shapesInUserTerms() throws {
        let list = try loadError("format: 2\nsource: {path: d.csv}\nplan:\n- a\n- b\n")
        #expect(list.message == "key 'plan': must be a mapping with 'seed', 'columns' (found a list)")
        #expect(list.line == 3)
        let rows = try loadError(Self.everything.replacingOccurrences(of: "  rows: 20", with: "  rows: -1"))
        #expect(rows.message == "key 'plan.rows': must be a whole number of at least 0 (found '-1')")
        let seed = try loadError(Self.everything.replacingOccurrences(of: "seed: 9", with: "seed: nine"))
        #expect(seed.message == "key 'plan.seed': must be a whole number from 0 to 18446744073709551615 (found 'nine')")
        let kind = try loadError(Self.everything.replacingOccurrences(of: "{name: b, kind: categorical, strategy", with: "{name: b, kind: categorial, strategy"))
        #expect(kind.message.hasPrefix("key 'plan.columns[1].kind': must be one of integer, decimal,"))
        #expect(kind.message.hasSuffix("(found 'categorial'); did you mean 'categorical'?"))
        let missing = try loadError("format: 2\nsource: {path: d.csv}\nplan:\n  seed: 1\n")
        #expect(missing.message == "key 'plan': missing key 'columns' (output columns in order, each with its strategy)")
        let empty = try loadError("format: 2\nsource: {path: ''}\nplan: {seed: 1, columns: []}\n")
        #expect(empty.message == "key 'source.path': must be non-empty text (found an empty value)")
        let clip = try loadError(Self.everything.replacingOccurrences(of: "clip_min: 0, clip_max: 1", with: "clip_min: 2, clip_max: 1"))
        #expect(clip.message == "key 'model.columns.a.options': clip_min (2.0) must not be above clip_max (1.0)")
        // Values the declaration leaves to their owner still fail in the user's terms.
        let shape = try loadError(Self.everything.replacingOccurrences(of: "shape: {text: {}}", with: "shape: text"))
        #expect(shape.message == "key 'model.columns.a.options.shape': must be a mapping")
    }

    @Test("YAML aliases that expand without bound are refused quickly")
    func billionLaughs() throws {
        var text = "format: 2\nsource: {path: d.csv}\nplan: {seed: 1, columns: []}\nview:\n"
        text += "  cursor_column: x\nmodel:\n  columns: {}\n  joint:\n    g:\n      model: cart\n      columns: []\n      real_values: none\n"
        text += "      fitted:\n        l0: &l0 [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n"
        for level in 1...9 {
            text += "        l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let started = Date()
        let error = try loadError(text)
        #expect(error.message.contains("expands to more than"))
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test("a plan file given as a session says what it is and what to do")
    func planIsNotASession() throws {
        let error = try loadError(try PlanFile.yaml(Plan(seed: 1, columns: [ColumnPlan(name: "a", kind: .integer, strategy: "empirical")])))
        #expect(error.message.contains("is a plan (from `doppel plan -o`), not a session"))
        #expect(error.message.contains("doppel plan DATA.csv --session -o s.yaml"))
        #expect(error.message.contains("--source DATA.csv"))
    }

    @Test("numbers are written exactly, whole numbers as integers, readable by YAML 1.1 and 1.2")
    func exactNumbers() throws {
        let values: [Double] = [0.1, 1.0 / 3, 2e-9, 1e300, -0.0, 3, 123456.789, 5e-324]
        let plan = Plan(seed: UInt64.max, columns: [], constraints: values.map { ConstraintPlan(type: .range, column: "a", min: $0) })
        let text = try PlanFile.yaml(plan)
        #expect(text.contains("seed: 18446744073709551615\n"))
        #expect(text.contains("min: 0.1\n"))
        #expect(text.contains("min: 2.0e-09\n"))
        #expect(text.contains("min: 3\n"))
        let read = try PlanFile.decode(yaml: text, file: "p.yaml")
        #expect(read.constraints.map { $0.min!.bitPattern } == values.map(\.bitPattern))
        #expect(read == plan)
    }

    @Test("format-1 sessions load as format 2 with a note, and replay to the same bytes as their format-2 versions")
    func formatOneMigrates() throws {
        for name in ["penguins-hybrid", "penguins-fully-synthetic", "credit-partially-synthetic", "penguins-fully-synthetic.fitted"] {
            let old = try SessionFile.load(Self.repository.appendingPathComponent("Tests/Fixtures/format1/\(name).yaml").path)
            let new = try SessionFile.load(Self.repository.appendingPathComponent("sessions/\(name).yaml").path)
            #expect(old.notes.count == 1 && old.notes[0].contains("format-1 session, read as format 2"))
            #expect(new.notes.isEmpty)
            #expect(old.session.plan == new.session.plan, "\(name)")
            let oldBytes = try Self.replay(old), newBytes = try Self.replay(new)
            #expect(oldBytes == newBytes, "\(name)")
            #expect(oldBytes.count > 1000)
        }
    }

    static func replay(_ file: SessionFile) throws -> [UInt8] {
        let prepared = try SessionRunner.prepare(file, environment: ["DOPPEL_HASH_KEY": "test-key"], allowChangedSource: false)
        var bytes: [UInt8] = []
        try ChunkedCSVWriter(plan: prepared.plan, threads: 2).write(totalRows: file.session.plan.rows ?? prepared.plan.defaultRows) { bytes += $0 }
        return bytes
    }

    // MARK: Walking the declaration

    /// Every declared key present in `node`, as (the path of its mapping, the key).
    static func declaredKeys(in node: Node, shape: Shape, path: [String]) -> [([String], String)] {
        switch (shape, node) {
        case (.record(let record), .mapping(let mapping)):
            return mapping.flatMap { key, value -> [([String], String)] in
                guard let name = key.string, let field = record.field(name) else { return [] }
                return [(path, name)] + declaredKeys(in: value, shape: field.shape, path: path + [name])
            }
        case (.dictionary(let value, _), .mapping(let mapping)):
            return mapping.flatMap { key, item in declaredKeys(in: item, shape: value, path: path + [key.string ?? ""]) }
        case (.list(let item), .sequence(let sequence)):
            return sequence.enumerated().flatMap { index, element in declaredKeys(in: element, shape: item, path: path + [String(index)]) }
        default:
            return []
        }
    }

    static func renaming(_ path: [String], to name: String, in node: Node) -> Node {
        guard let first = path.first else { return node }
        switch node {
        case .mapping(let mapping):
            return .mapping(Node.Mapping(mapping.map { key, value in
                guard key.string == first else { return (key, value) }
                return path.count == 1 ? (Node(name), value) : (key, renaming(Array(path.dropFirst()), to: name, in: value))
            }))
        case .sequence(let sequence):
            let index = Int(first) ?? -1
            return .sequence(Node.Sequence(sequence.enumerated().map { offset, item in
                offset == index ? renaming(Array(path.dropFirst()), to: name, in: item) : item
            }))
        default:
            return node
        }
    }
}
