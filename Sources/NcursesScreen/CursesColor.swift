import TerminalUI

/// Maps TerminalUI colours to curses colour numbers for a terminal's capability: exact where
/// the terminal has the colour, else the nearest it has (by distance in RGB).
enum CursesColor {
    /// curses' number for "the terminal's default colour" (after `use_default_colors`).
    static let terminalDefault: Int32 = -1

    /// The curses colour number that draws `color`, or `terminalDefault`.
    static func number(for color: Color, on capability: ColorCapability) -> Int32 {
        switch capability {
        case .monochrome:
            return terminalDefault
        case .indexed256:
            switch color.indexed256 {
            case .default: return terminalDefault
            case .ansi(let ansi): return Int32(ansi.rawValue)
            case .indexed(let index): return Int32(index)
            case .rgb: return terminalDefault  // indexed256 never returns rgb
            }
        case .eight, .sixteen:
            let available = capability == .eight ? 8 : 16
            switch color {
            case .default: return terminalDefault
            case .ansi(let ansi): return Int32(Int(ansi.rawValue) % available)
            case .indexed(let index) where Int(index) < available: return Int32(index)
            case .indexed(let index): return nearest(to: xtermRGB(index), among: available)
            case .rgb(let r, let g, let b): return nearest(to: (Int(r), Int(g), Int(b)), among: available)
            }
        }
    }

    /// The 16 ANSI colours as xterm draws them by default.
    static let ansiRGB: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The RGB value of an entry of the xterm 256-colour table.
    static func xtermRGB(_ index: UInt8) -> (Int, Int, Int) {
        let i = Int(index)
        if i < 16 { return ansiRGB[i] }
        if i >= 232 {
            let grey = 8 + 10 * (i - 232)
            return (grey, grey, grey)
        }
        let levels = [0, 95, 135, 175, 215, 255]
        let cube = i - 16
        return (levels[cube / 36], levels[(cube / 6) % 6], levels[cube % 6])
    }

    /// The ANSI colour nearest in hue (greys by brightness). Plain RGB distance to the xterm
    /// values sends muted greens and blues to cyan and oranges to grey; by hue they stay green,
    /// blue-ish and yellow, so series that differ in a 256-colour terminal differ here too.
    static func nearest(to rgb: (Int, Int, Int), among count: Int) -> Int32 {
        let (r, g, b) = rgb
        let high = max(r, g, b), low = min(r, g, b)
        let spread = high - low
        if high == 0 || spread * 4 < high {  // saturation under 25 %: a grey
            if high < 64 { return 0 }
            if count == 8 { return 7 }
            return high < 160 ? 8 : (high < 224 ? 7 : 15)
        }
        var hue = 0.0
        if high == r {
            hue = 60 * Double(g - b) / Double(spread)
        } else if high == g {
            hue = 60 * Double(b - r) / Double(spread) + 120
        } else {
            hue = 60 * Double(r - g) / Double(spread) + 240
        }
        if hue < 0 { hue += 360 }
        // Hue sectors: red, yellow (which many terminals draw as orange), green, cyan, blue, magenta.
        let base: Int32
        switch hue {
        case 15..<75: base = 3
        case 75..<150: base = 2
        case 150..<210: base = 6
        case 210..<270: base = 4
        case 270..<330: base = 5
        default: base = 1
        }
        return count > 8 && high >= 230 ? base + 8 : base
    }
}
