import Tabular

/// The styles and glyphs every widget draws with, so that one switch turns a whole report to
/// plain ASCII.
///
/// - `Palette.color`: Unicode glyphs, 24-bit colours chosen for dark and light backgrounds.
/// - `Palette.monochrome`: Unicode glyphs without colour (for `NO_COLOR`); widgets fall back to
///   shapes and numbers where they would rely on colour.
/// - `Palette.ascii`: printable ASCII only and no escape sequences at all (`--ascii`).
public struct Palette: Sendable {
    public var glyphs: Glyphs
    /// False when styles carry no colour; widgets then make every distinction with glyphs.
    public var usesColor: Bool

    /// Chart titles.
    public var title: Style
    /// Axis lines and tick labels.
    public var axis: Style
    /// Secondary text: legends, notes, empty gauge cells.
    public var muted: Style
    /// Bars and marks of the real data.
    public var real: Style
    /// Bars and marks of the synthetic data.
    public var synthetic: Style
    public var realColor: Color
    public var syntheticColor: Color
    /// Gauge styles by band.
    public var good: Style
    public var fair: Style
    public var poor: Style
    public var bad: Style

    public var isASCII: Bool { glyphs.isASCII }

    public static let color: Palette = {
        let real = Color.rgb(86, 168, 245)
        let synthetic = Color.rgb(247, 151, 62)
        return Palette(
            glyphs: .unicode, usesColor: true,
            title: Style(modifiers: .bold), axis: Style(foreground: .rgb(128, 128, 128)),
            muted: Style(foreground: .rgb(128, 128, 128)),
            real: Style(foreground: real), synthetic: Style(foreground: synthetic),
            realColor: real, syntheticColor: synthetic,
            good: Style(foreground: .rgb(88, 196, 120)), fair: Style(foreground: .rgb(222, 196, 70)),
            poor: Style(foreground: .rgb(240, 140, 50)), bad: Style(foreground: .rgb(232, 76, 76)))
    }()

    public static let monochrome: Palette = {
        Palette(
            glyphs: .unicode, usesColor: false,
            title: Style(modifiers: .bold), axis: .plain, muted: .plain, real: .plain, synthetic: .plain,
            realColor: .default, syntheticColor: .default,
            good: .plain, fair: .plain, poor: .plain, bad: .plain)
    }()

    public static let ascii: Palette = {
        Palette(
            glyphs: .ascii, usesColor: false,
            title: .plain, axis: .plain, muted: .plain, real: .plain, synthetic: .plain,
            realColor: .default, syntheticColor: .default,
            good: .plain, fair: .plain, poor: .plain, bad: .plain)
    }()

    /// The palette for command-line switches: `--ascii` wins; otherwise colour unless disabled
    /// (e.g. `NO_COLOR` set, or output not a terminal).
    public static func forOutput(ascii: Bool, color: Bool) -> Palette {
        ascii ? .ascii : (color ? .color : .monochrome)
    }

    /// The style of a gauge for `score` under `bands`.
    public func style(for band: ScoreBands.Band) -> Style {
        switch band {
        case .good: good
        case .fair: fair
        case .poor: poor
        case .bad: bad
        }
    }

    /// Diverging scale for correlations: blue at −1, a neutral grey at 0, red at +1.
    public func correlationColor(_ value: Double) -> Color {
        guard usesColor else { return .default }
        let v = max(-1, min(1, value.isFinite ? value : 0))
        return v < 0 ? Self.mix(Self.neutral, Self.negative, -v) : Self.mix(Self.neutral, Self.positive, v)
    }

    /// Sequential scale for differences: the neutral grey at 0, bright amber at 1 and above.
    public func differenceColor(_ value: Double) -> Color {
        guard usesColor else { return .default }
        let v = max(0, min(1, value.isFinite ? value : 0))
        return Self.mix(Self.neutral, Self.highDifference, v)
    }

    // Grey visible on dark and light backgrounds alike, so that a zero cell is still a cell.
    static let neutral: (Double, Double, Double) = (96, 96, 104)
    static let negative: (Double, Double, Double) = (52, 120, 246)
    static let positive: (Double, Double, Double) = (236, 64, 64)
    static let highDifference: (Double, Double, Double) = (255, 214, 10)

    static func mix(_ a: (Double, Double, Double), _ b: (Double, Double, Double), _ t: Double) -> Color {
        func channel(_ x: Double, _ y: Double) -> UInt8 { UInt8(max(0, min(255, (x + (y - x) * t).rounded()))) }
        return .rgb(channel(a.0, b.0), channel(a.1, b.1), channel(a.2, b.2))
    }
}

extension Palette {
    /// Text from the data (titles, column names, levels) as this palette may show it: unchanged,
    /// or in ASCII mode with Latin letters folded (`Zürich` → `Zurich`) and any other non-ASCII
    /// grapheme shown as `?`.
    public func text(_ string: String) -> String {
        guard isASCII, !string.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return string }
        var result = ""
        for character in string {
            if character.isASCII {
                if let scalar = character.unicodeScalars.first, scalar.value >= 0x20, scalar.value < 0x7F {
                    result.append(character)
                }
                continue
            }
            let folded = Words.foldedToASCII(String(character)).filter { $0.isASCII && !$0.isWhitespace || $0 == " " }
            result += folded.isEmpty ? "?" : folded
        }
        return result
    }
}
