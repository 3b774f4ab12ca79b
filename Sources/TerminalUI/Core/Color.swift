/// A terminal colour: the terminal's own default, one of the 16 ANSI colours (which the user's
/// theme decides), an entry of the xterm 256-colour table, or 24-bit RGB.
public enum Color: Sendable, Hashable {
    case `default`
    case ansi(ANSIColor)
    case indexed(UInt8)
    case rgb(UInt8, UInt8, UInt8)
}

/// The 16 colours every colour terminal has; `bright*` are the high-intensity eight.
public enum ANSIColor: UInt8, Sendable, Hashable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
}

extension Color {
    /// The nearest entry of the xterm 256-colour table (the 6×6×6 cube or the 24 greys), for
    /// terminals without 24-bit colour. Other colours are returned unchanged.
    public var indexed256: Color {
        guard case .rgb(let r, let g, let b) = self else { return self }
        // The cube's channel levels are 0, 95, 135, 175, 215, 255.
        let levels: [Int] = [0, 95, 135, 175, 215, 255]
        func nearestLevel(_ v: UInt8) -> Int {
            var best = 0
            for i in 1..<levels.count where abs(levels[i] - Int(v)) < abs(levels[best] - Int(v)) { best = i }
            return best
        }
        let (ri, gi, bi) = (nearestLevel(r), nearestLevel(g), nearestLevel(b))
        let cube = (levels[ri], levels[gi], levels[bi])
        // Greys 232...255 are 8, 18, ..., 238.
        let mean = (Int(r) + Int(g) + Int(b)) / 3
        let greyIndex = min(23, max(0, (mean - 8 + 5) / 10))
        let grey = 8 + 10 * greyIndex
        func distance(_ c: (Int, Int, Int)) -> Int {
            let dr = c.0 - Int(r), dg = c.1 - Int(g), db = c.2 - Int(b)
            return dr * dr + dg * dg + db * db
        }
        if distance((grey, grey, grey)) < distance(cube) {
            return .indexed(UInt8(232 + greyIndex))
        }
        return .indexed(UInt8(16 + 36 * ri + 6 * gi + bi))
    }
}
