import ArgumentParser
import Foundation
import Session
import Tabular

struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Rewrite a session in the current format (\(Session.currentFormat)).",
        discussion: "Older sessions already load and run: they are migrated in memory. This writes the migrated session, so that the note goes away. Comments are not kept."
    )

    @Argument(help: ArgumentHelp("The session to migrate.", valueName: "session"))
    var session: String

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("Where to write the migrated session (- for stdout).", valueName: "path"))
    var out: String

    func run() throws {
        try failingWithStatus2 {
            if out.isEmpty { throw BadInput("-o '': expected a file name, or - for stdout") }
            var file = try SessionFile.load(session)
            for note in file.notes { Diagnostics.note(note) }
            file.session.format = Session.currentFormat
            if out != "-" {
                // Paths in a session are relative to it: re-anchor them at the new file's folder.
                let folder = URL(fileURLWithPath: out).deletingLastPathComponent().path
                func reanchored(_ path: String) -> String {
                    path.hasPrefix("/") || path == "-" ? path
                        : RelativePath.of(URL(fileURLWithPath: file.resolve(path)).standardizedFileURL.path, from: folder)
                }
                if let source = file.session.source { file.session.source!.path = reanchored(source.path) }
                if let output = file.session.run.output { file.session.run.output = reanchored(output) }
            }
            if out == "-" {
                try StandardOutput.write(Array(try SessionFile.text(file.session).utf8))
            } else {
                try SessionFile.save(file.session, to: out)
                Diagnostics.note("wrote \(out) (format \(Session.currentFormat))")
            }
        }
    }
}
