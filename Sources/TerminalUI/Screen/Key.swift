/// A key press, decoded from the terminal by a screen backend. The workbench dispatches on
/// these through its command table, never on raw bytes or curses codes.
public enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, wide characters).
    case character(Character)
    /// Ctrl plus a letter, lowercased: `.control("s")` is Ctrl-S.
    case control(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1...F12.
    case function(Int)
}

/// What a screen reports: a key, a new terminal size, or (when asked for) the mouse.
public enum InputEvent: Hashable, Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    case mouse(MouseEvent)
}
