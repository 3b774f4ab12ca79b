import TerminalUI

extension Palette {
    /// The workbench's own wording as this palette shows it: in ASCII mode its few typographic
    /// marks become ASCII (`…` → `...`, `·` → `|`, `—` → `-`, `→` → `->`) before data text is folded.
    func ui(_ text: String) -> String {
        guard isASCII else { return text }
        let marked = text.replacingOccurrences(of: "…", with: "...").replacingOccurrences(of: "·", with: "|")
            .replacingOccurrences(of: "—", with: "-").replacingOccurrences(of: "→", with: "->")
        return self.text(marked)
    }
}
