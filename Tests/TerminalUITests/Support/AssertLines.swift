import Testing
import TerminalUI

/// Records an issue naming every line of `buffer` (trailing spaces dropped) that differs from
/// `expected`, like ratatui's `TestBackend::assert_buffer_lines`.
func assertLines(_ buffer: Buffer, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) {
    if let mismatch = buffer.lineMismatch(expected) {
        Issue.record(Comment(rawValue: mismatch), sourceLocation: sourceLocation)
    }
}

/// True when `text` holds only printable ASCII and newlines (no escape sequences).
func isPlainASCII(_ text: String) -> Bool {
    text.utf8.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }
}

/// The style of the cell at (x, y).
func style(_ buffer: Buffer, _ x: Int, _ y: Int) -> Style { buffer[x, y].style }
