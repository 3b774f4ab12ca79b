import Foundation
import TestSupport
import Testing
@testable import Session
import Synthesis
import Tabular

@Suite("Session files")
struct SessionFileTests {
    private func write(_ text: String, name: String = "s.yaml") throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("doppel-session-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        TemporaryFolders.track(directory.path)
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let text = """
        format: 2
        source:
          path: data/penguins.csv
          read: {delimiter: ",", header: true, ragged: pad}
          rows: 344
          columns:
          - {name: species, kind: categorical}
        plan:
          seed: 42
          rows: 10
          columns:
          - name: species
            kind: categorical
            strategy: categorical
            parameters: {rare_threshold: 5}
        run:
          output: out.csv
          format: tsv
        require:
          min: {quality: 0.8}
          max: {exact_copy_rate: 0}
        view:
          cursor_column: species
          panel: fidelity

        """

    @Test("a session reads back equal after a save, in YAML and in JSON")
    func roundTrip() throws {
        let path = try write(Self.text)
        let file = try SessionFile.load(path)
        #expect(file.session.source?.read?.ragged == .pad)
        #expect(file.session.run.format == .tsv)
        #expect(file.session.require?.gates.map(\.description) == ["--min quality=0.8", "--max exact_copy_rate=0"])
        #expect(file.session.view?.cursorColumn == "species")
        #expect(file.resolve("out.csv") == URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("out.csv").path)
        for name in ["again.yaml", "again.json"] {
            let target = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(name).path
            try SessionFile.save(file.session, to: target)
            #expect(try SessionFile.load(target).session == file.session)
        }
    }

    @Test("a newer format is refused with a clear message; unknown metrics in require: are errors")
    func versionsAndMetrics() throws {
        let newer = try write(Self.text.replacingOccurrences(of: "format: 2", with: "format: 3"))
        #expect(throws: DataError.self) { _ = try SessionFile.load(newer) }
        do {
            _ = try SessionFile.load(newer)
        } catch let error as DataError {
            #expect(error.line == 1)
            #expect(error.message.contains("newer than this Doppel reads"))
        }
        let metric = try write(Self.text.replacingOccurrences(of: "quality: 0.8", with: "beauty: 0.8"))
        do {
            _ = try SessionFile.load(metric)
            Issue.record("an unknown metric was accepted")
        } catch let error as DataError {
            #expect(error.line == 20)
            #expect(error.message.hasPrefix("key 'require.min.beauty': unknown key; allowed here: quality, column_shapes,"))
        }
    }

    @Test("the source hash is the SHA-256 of the file's bytes")
    func sourceHash() throws {
        let path = try write("abc", name: "data.csv")
        #expect(try SourceHash.sha256(of: path) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
