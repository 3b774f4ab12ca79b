/// How many colours the terminal that will show ANSI text can draw.
public enum ColorDepth: Sendable, Hashable {
    /// 24-bit RGB (`38;2;r;g;b`), what most current terminals support.
    case trueColor
    /// The xterm 256-colour table; RGB colours are mapped to their nearest entry.
    case indexed256
}

/// Select Graphic Rendition: the escape sequences that switch the terminal's drawing style,
/// emitted only when the style changes and only for what changed.
enum SGR {
    static let reset = "\u{1B}[0m"

    /// The shortest sequence that turns style `from` into style `to` ("" when equal).
    static func transition(from: Style, to: Style, depth: ColorDepth) -> String {
        if from == to { return "" }
        if to.isPlain { return reset }
        var incremental: [String] = []
        let removed = from.modifiers.subtracting(to.modifiers)
        var added = to.modifiers.subtracting(from.modifiers)
        // Bold and dim share one "off" code (22), which clears both.
        if !removed.intersection([.bold, .dim]).isEmpty {
            incremental.append("22")
            added.formUnion(to.modifiers.intersection([.bold, .dim]))
        }
        if removed.contains(.italic) { incremental.append("23") }
        if removed.contains(.underline) { incremental.append("24") }
        if removed.contains(.reverse) { incremental.append("27") }
        incremental += modifierCodes(added)
        if from.foreground != to.foreground { incremental.append(colorCode(to.foreground, background: false, depth: depth)) }
        if from.background != to.background { incremental.append(colorCode(to.background, background: true, depth: depth)) }
        let fromScratch = ["0"] + codes(for: to, depth: depth)
        let chosen = fromScratch.joined(separator: ";").utf8.count < incremental.joined(separator: ";").utf8.count
            ? fromScratch : incremental
        return "\u{1B}[" + chosen.joined(separator: ";") + "m"
    }

    /// Every code that draws `style` starting from the plain style.
    static func codes(for style: Style, depth: ColorDepth) -> [String] {
        var codes = modifierCodes(style.modifiers)
        if style.foreground != .default { codes.append(colorCode(style.foreground, background: false, depth: depth)) }
        if style.background != .default { codes.append(colorCode(style.background, background: true, depth: depth)) }
        return codes
    }

    static func modifierCodes(_ modifiers: Modifiers) -> [String] {
        var codes: [String] = []
        if modifiers.contains(.bold) { codes.append("1") }
        if modifiers.contains(.dim) { codes.append("2") }
        if modifiers.contains(.italic) { codes.append("3") }
        if modifiers.contains(.underline) { codes.append("4") }
        if modifiers.contains(.reverse) { codes.append("7") }
        return codes
    }

    static func colorCode(_ color: Color, background: Bool, depth: ColorDepth) -> String {
        let color = depth == .indexed256 ? color.indexed256 : color
        switch color {
        case .default:
            return background ? "49" : "39"
        case .ansi(let ansi):
            let base = ansi.rawValue < 8 ? (background ? 40 : 30) : (background ? 100 : 90)
            return String(base + Int(ansi.rawValue % 8))
        case .indexed(let index):
            return (background ? "48;5;" : "38;5;") + String(index)
        case .rgb(let r, let g, let b):
            return (background ? "48;2;" : "38;2;") + "\(r);\(g);\(b)"
        }
    }
}

extension Buffer {
    /// Each row as text with ANSI colour sequences: a sequence only where the style changes,
    /// a reset at the end of any row that leaves the plain style, and trailing plain blanks
    /// dropped. A buffer drawn in the plain style only (the ASCII palette) gives plain text.
    public func ansiLines(depth: ColorDepth = .trueColor) -> [String] {
        (0..<area.height).map { row in
            let start = row * area.width
            let rowCells = cells[start..<(start + area.width)]
            guard let last = rowCells.lastIndex(where: { $0 != .blank }) else { return "" }
            var line = ""
            var current = Style.plain
            for cell in rowCells[start...last] where !cell.isContinuation {
                line += SGR.transition(from: current, to: cell.style, depth: depth)
                current = cell.style
                line += cell.symbol
            }
            if !current.isPlain { line += SGR.reset }
            return line
        }
    }

    /// The rows of `ansiLines`, each ended by a newline: ready to print.
    public func ansiText(depth: ColorDepth = .trueColor) -> String {
        ansiLines(depth: depth).map { $0 + "\n" }.joined()
    }

    /// Escape sequences that apply `updates` (from `Buffer.diff`) to a terminal showing the old
    /// frame: a cursor move (CUP, 1-based) only where the next cell is not where the cursor
    /// already is, a style change only where the style changes, and a final reset.
    public static func ansiUpdates(_ updates: [CellUpdate], depth: ColorDepth = .trueColor) -> String {
        var output = ""
        var cursor: (x: Int, y: Int)? = nil
        var current = Style.plain
        for update in updates {
            if cursor == nil || cursor! != (update.x, update.y) {
                output += "\u{1B}[\(update.y + 1);\(update.x + 1)H"
            }
            output += SGR.transition(from: current, to: update.cell.style, depth: depth)
            current = update.cell.style
            output += update.cell.symbol
            cursor = (update.x + update.cell.width, update.y)
        }
        if !current.isPlain { output += SGR.reset }
        return output
    }
}
