import ArgumentParser
import Foundation
import Tabular

/// Bad input found by a command itself (not by the argument parser): reported, exit status 2.
struct BadInput: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Exit status for bad input: data file, session file, or an argument's value.
let badInputStatus: Int32 = 2

/// Runs `body`, turning bad input into a message on stderr and exit status 2.
func failingWithStatus2(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as DataError {
        Diagnostics.error(error.description)
        throw ExitCode(badInputStatus)
    } catch let error as BadInput {
        Diagnostics.error(error.description)
        throw ExitCode(badInputStatus)
    }
}

/// Messages for people, on standard error.
enum Diagnostics {
    static func error(_ message: String) { write("doppel: error: \(message)\n") }
    static func warning(_ message: String) { write("doppel: warning: \(message)\n") }
    static func note(_ message: String) { write("doppel: \(message)\n") }

    private static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
