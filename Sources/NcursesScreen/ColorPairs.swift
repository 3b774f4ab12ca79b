/// curses draws colours in pairs (foreground, background) that must be registered before use;
/// this registers each pair the first time a frame needs it.
struct ColorPairs {
    /// Pair numbers curses accepts (terminfo `pairs`); pair 0 is the terminal's defaults.
    let capacity: Int
    /// Registers a pair number for (foreground, background); false when curses refused.
    let register: (_ pair: Int32, _ foreground: Int32, _ background: Int32) -> Bool

    private var assigned: [Key: Int32] = [:]
    private var next: Int32 = 1

    private struct Key: Hashable {
        var foreground: Int32
        var background: Int32
    }

    init(capacity: Int, register: @escaping (Int32, Int32, Int32) -> Bool) {
        self.capacity = capacity
        self.register = register
    }

    /// The pair number for these colours (curses numbers, -1 the terminal default). Once every
    /// pair is taken, new combinations fall back to pair 0 rather than recolour what is shown.
    mutating func pair(foreground: Int32, background: Int32) -> Int32 {
        if foreground == CursesColor.terminalDefault && background == CursesColor.terminalDefault { return 0 }
        let key = Key(foreground: foreground, background: background)
        if let pair = assigned[key] { return pair }
        guard Int(next) < capacity, register(next, foreground, background) else { return 0 }
        assigned[key] = next
        next += 1
        return assigned[key]!
    }

    /// How many pairs have been registered.
    var count: Int { assigned.count }
}
