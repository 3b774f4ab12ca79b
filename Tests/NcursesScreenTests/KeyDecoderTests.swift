import CNcursesw
@testable import NcursesScreen
import Testing
import TerminalUI

@Suite("curses input decoded to keys")
struct KeyDecoderTests {
    private func decode(_ input: CursesInput) -> InputEvent? {
        KeyDecoder.decode(input) { (width: 132, height: 43) }
    }

    @Test("curses key codes: arrows, Home/End, PgUp/PgDn, Enter, Backspace, Delete, BackTab, F1–F12")
    func keyCodes() {
        let expected: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_HOME, .home), (KEY_END, .end), (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown),
            (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete), (KEY_BTAB, .backTab),
            (KEY_F0 + 1, .function(1)), (KEY_F0 + 5, .function(5)), (KEY_F0 + 12, .function(12)),
        ]
        for (code, key) in expected {
            #expect(decode(.keyCode(code)) == .key(key), "key code \(code)")
        }
    }

    @Test("a resize reports the new size; keys without a name are dropped")
    func resizeAndUnknown() {
        #expect(decode(.keyCode(KEY_RESIZE)) == .resize(width: 132, height: 43))
        #expect(decode(.keyCode(KEY_IC)) == nil)
        #expect(decode(.keyCode(KEY_F0 + 13)) == nil)
        #expect(decode(.keyCode(KEY_F0)) == nil)
    }

    @Test("control characters: Esc, Enter (CR and LF), Tab, Backspace (DEL and BS), Ctrl-letters")
    func controlCharacters() {
        #expect(decode(.character(0x1B)) == .key(.escape))
        #expect(decode(.character(0x0D)) == .key(.enter))
        #expect(decode(.character(0x0A)) == .key(.enter))
        #expect(decode(.character(0x09)) == .key(.tab))
        #expect(decode(.character(0x7F)) == .key(.backspace))
        #expect(decode(.character(0x08)) == .key(.backspace))
        #expect(decode(.character(0x13)) == .key(.control("s")))
        #expect(decode(.character(0x11)) == .key(.control("q")))
        #expect(decode(.character(0x03)) == .key(.control("c")))
        #expect(decode(.character(0x01)) == .key(.control("a")))
        #expect(decode(.character(0x1A)) == .key(.control("z")))
        #expect(decode(.character(0x1F)) == .key(.control("_")))
        #expect(decode(.character(0x00)) == .key(.control("@")))
        #expect(decode(.character(0x85)) == nil)
    }

    @Test("printable and wide characters arrive whole")
    func printable() {
        #expect(decode(.character(UInt32(UInt8(ascii: "q")))) == .key(.character("q")))
        #expect(decode(.character(UInt32(UInt8(ascii: "?")))) == .key(.character("?")))
        #expect(decode(.character(0x20)) == .key(.character(" ")))
        #expect(decode(.character(0xE9)) == .key(.character("é")))
        #expect(decode(.character(0x6F22)) == .key(.character("漢")))
        #expect(decode(.character(0x1F600)) == .key(.character("😀")))
        #expect(decode(.character(0xD800)) == nil)
    }

    @Test("Home and End: the key codes terminfo gives them (Find/Select, keypad corners) and every raw sequence")
    func homeAndEnd() {
        for code in [KEY_HOME, KEY_FIND, KEY_A1] { #expect(decode(.keyCode(code)) == .key(.home), "key code \(code)") }
        for code in [KEY_END, KEY_SELECT, KEY_C1] { #expect(decode(.keyCode(code)) == .key(.end), "key code \(code)") }
        func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }
        for sequence in ["\u{1B}[1~", "\u{1B}[H", "\u{1B}OH", "\u{1B}[7~"] {
            #expect(KeyDecoder.match(scalars(sequence)) == .key(.home), "\(sequence.debugDescription)")
        }
        for sequence in ["\u{1B}[4~", "\u{1B}[F", "\u{1B}OF", "\u{1B}[8~"] {
            #expect(KeyDecoder.match(scalars(sequence)) == .key(.end), "\(sequence.debugDescription)")
        }
        #expect(KeyDecoder.match(scalars("\u{1B}")) == .partial)
        #expect(KeyDecoder.match(scalars("\u{1B}[")) == .partial)
        #expect(KeyDecoder.match(scalars("\u{1B}[1")) == .partial)
        #expect(KeyDecoder.match(scalars("\u{1B}[2~")) == .none)
        #expect(KeyDecoder.match(scalars("\u{1B}q")) == .none)
        // Each sequence is taught to curses as Home or End.
        for (_, key) in KeyDecoder.homeEndSequences {
            #expect(KeyDecoder.keyCode(for: key).flatMap { decode(.keyCode($0)) } == .key(key))
        }
    }

    @Test("mouse reports: a left press and the wheel; other buttons and releases are dropped")
    func mouse() {
        #expect(KeyDecoder.mouse(kind: 1, x: 4, y: 7) == .press(x: 4, y: 7))
        #expect(KeyDecoder.mouse(kind: 2, x: 0, y: 0) == .wheelUp(x: 0, y: 0))
        #expect(KeyDecoder.mouse(kind: 3, x: 1, y: 2) == .wheelDown(x: 1, y: 2))
        #expect(KeyDecoder.mouse(kind: 0, x: 1, y: 2) == nil)
        // Without --mouse curses never reports KEY_MOUSE; were it to, it is not a key.
        #expect(decode(.keyCode(KEY_MOUSE)) == nil)
    }
}
