import Foundation
import TestSupport
import Tabular
import TerminalUI
@testable import Workbench

/// Files and scripted runs for the workbench tests.
enum WorkbenchFixtures {
    /// The package root, from this file's path.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The copy in Tests/Fixtures: these unit tests need no ../shared.
    static var penguinsPath: String { packageRoot + "/Tests/Fixtures/penguins.csv" }

    /// A fresh empty folder.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "doppel-wb-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        TemporaryFolders.track(path)
        return path
    }

    /// A small CSV with numbers, a category, wide characters and nulls, written to `directory`.
    static func writeCities(in directory: String, rows: Int = 40, name: String = "cities.csv", offset: Int = 0) throws -> String {
        let cities = ["東京", "Zürich", "Lima", "Oslo"]
        var text = "id,city,temp,visits,ok\n"
        for row in offset..<(offset + rows) {
            let temp = row % 7 == 3 ? "" : String(format: "%.1f", 10 + Double((row * 37) % 200) / 10)
            text += "C\(String(format: "%03d", row + 1)),\(cities[row % 4]),\(temp),\((row * 13) % 50),\(row % 3 == 0 ? "yes" : "no")\n"
        }
        let path = directory + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs the workbench on an in-memory screen until the script ends (it quits, or the screen
    /// reports Ctrl-C when the steps run out).
    static func run(_ target: WorkbenchLaunch.Target, in directory: String, width: Int = 80, height: Int = 24,
                    steps: [InMemoryScreen.Step], ascii: Bool = true, holdout: String? = nil,
                    seed: UInt64 = 42, chooseJointModel: Bool = false) throws -> (InMemoryScreen, WorkbenchApp) {
        var options = WorkbenchApp.Options()
        options.settleBeforeInput = true
        options.newSessionSeed = seed
        options.chooseJointModel = chooseJointModel
        options.currentDirectory = directory
        options.pollMilliseconds = 0
        let app = try WorkbenchApp(launch: WorkbenchLaunch(target: target, holdoutPath: holdout, ascii: ascii, color: false),
                                   options: options)
        let screen = InMemoryScreen(width: width, height: height, script: steps)
        _ = try app.run(on: screen)
        return (screen, app)
    }

    static func keys(_ keys: Key...) -> [InMemoryScreen.Step] { keys.map { .key($0) } }
}

import Testing

/// Compares whole screen lines; on a mismatch, reports every differing line and the screen.
func expectScreen(_ actual: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    if expected.isEmpty {
        let literal = actual.map { line -> String in
            let escaped = line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "            \"" + escaped + "\","
        }
        let text: String = "no expected lines; actual:\n" + literal.joined(separator: "\n")
        Issue.record(Comment(rawValue: text), sourceLocation: sourceLocation)
        return
    }
    if let mismatch = Buffer(lines: actual).lineMismatch(expected) {
        Issue.record(Comment(rawValue: mismatch), sourceLocation: sourceLocation)
    }
}
