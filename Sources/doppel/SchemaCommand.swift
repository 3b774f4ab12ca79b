import ArgumentParser
import Session
import Tabular

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of session files (or of plan files), generated from the format's one declaration.",
        discussion: "docs/session.schema.json is this output. Editors that speak the YAML language server validate and complete sessions with it."
    )

    enum Document: String, ExpressibleByArgument, CaseIterable {
        case session, plan
    }

    @Argument(help: "session or plan.")
    var document: Document = .session

    func run() throws {
        let schema = document == .session ? SessionSchema.session() : SessionSchema.plan()
        try StandardOutput.write(Array((schema.text() + "\n").utf8))
    }
}
