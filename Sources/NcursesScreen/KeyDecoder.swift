import CNcursesw
import TerminalUI

/// What one `wget_wch` call read: a character, or a key code that curses decoded from an
/// escape sequence (`KEY_CODE_YES`).
enum CursesInput: Equatable {
    case character(UInt32)
    case keyCode(Int32)
}

/// Turns what curses reads into `InputEvent`s, so that the workbench never sees curses codes.
enum KeyDecoder {
    /// The event for `input`, or nil for keys the workbench has no name for (Insert, keypad
    /// corners, modified arrows, C1 controls). `size` is asked only on a resize.
    static func decode(_ input: CursesInput, size: () -> (width: Int, height: Int)) -> InputEvent? {
        switch input {
        case .keyCode(let code):
            if code == KEY_RESIZE {
                let (width, height) = size()
                return .resize(width: width, height: height)
            }
            return keyCode(code).map(InputEvent.key)
        case .character(let value):
            return character(value).map(InputEvent.key)
        }
    }

    private static func keyCode(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        // Terminals disagree on Home and End; terminfo names some of their sequences Find and
        // Select (xterm's \e[1~ and \e[4~) or the keypad's corners.
        case KEY_HOME, KEY_FIND, KEY_A1: return .home
        case KEY_END, KEY_SELECT, KEY_C1: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case (KEY_F0 + 1)...(KEY_F0 + 12): return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    /// Every sequence terminals send for Home and End: xterm in cursor and application mode,
    /// VT220 / tmux / screen / PuTTY / the Linux console (`\e[1~`, `\e[4~`), rxvt (`\e[7~`,
    /// `\e[8~`). `NcursesScreen` teaches them all to curses (whatever terminfo says for `TERM`)
    /// and decodes them itself when they arrive as plain characters.
    static let homeEndSequences: [(sequence: String, key: Key)] = [
        ("\u{1B}[1~", .home), ("\u{1B}[H", .home), ("\u{1B}OH", .home), ("\u{1B}[7~", .home),
        ("\u{1B}[4~", .end), ("\u{1B}[F", .end), ("\u{1B}OF", .end), ("\u{1B}[8~", .end),
    ]

    /// What the characters read so far after an Esc make of an escape sequence.
    enum SequenceMatch: Equatable {
        /// A whole sequence: this key.
        case key(Key)
        /// The start of one or more sequences: read on.
        case partial
        /// No known sequence starts so.
        case none
    }

    /// Matches `characters` (starting with Esc) against the Home and End sequences.
    static func match(_ characters: [UInt32]) -> SequenceMatch {
        var partial = false
        for (sequence, key) in homeEndSequences {
            let scalars = sequence.unicodeScalars.map(\.value)
            if scalars == characters { return .key(key) }
            if scalars.count > characters.count, Array(scalars.prefix(characters.count)) == characters { partial = true }
        }
        return partial ? .partial : .none
    }

    /// The curses key code a Home or End sequence is taught as.
    static func keyCode(for key: Key) -> Int32? {
        switch key {
        case .home: KEY_HOME
        case .end: KEY_END
        default: nil
        }
    }

    /// A mouse report as the shim reads it (1 left press, 2 wheel up, 3 wheel down); nil for
    /// the rest (releases, other buttons).
    static func mouse(kind: Int32, x: Int, y: Int) -> MouseEvent? {
        switch kind {
        case 1: .press(x: x, y: y)
        case 2: .wheelUp(x: x, y: y)
        case 3: .wheelDown(x: x, y: y)
        default: nil
        }
    }

    private static func character(_ value: UInt32) -> Key? {
        switch value {
        case 0x1B: return .escape
        // nonl() keeps Return as CR; a terminal that sends LF (Ctrl-J) means Enter too.
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        // DEL is what most terminals send for Backspace; BS (Ctrl-H) is what the rest send.
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .control(Character(Unicode.Scalar(UInt8(0x60 + value))))
        // Ctrl-\ ] ^ _ (0x1C...0x1F) and Ctrl-@ (NUL): named by the printable key pressed.
        case 0x1C...0x1F: return .control(Character(Unicode.Scalar(UInt8(0x40 + value))))
        case 0x00: return .control("@")
        case 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }
}
