/// Makes header names usable: empty names get `column_N`, repeated names get `_2`, `_3`, ...
/// Neither is an error (real files have both); each change is reported as a warning.
enum ColumnNames {
    static func uniqued(_ names: [String]) -> (names: [String], warnings: [String]) {
        var warnings: [String] = []
        var taken = Set(names.filter { !$0.isEmpty })
        var seen: Set<String> = []
        var result: [String] = []
        for (index, original) in names.enumerated() {
            var name = original
            if name.isEmpty {
                name = freshName("column_\(index + 1)", taken: &taken)
                warnings.append("column \(index + 1) has no name; it is called '\(name)'")
            } else if seen.contains(name) {
                let renamed = freshName(name, taken: &taken)
                warnings.append("column \(index + 1) repeats the name '\(name)'; it is called '\(renamed)'")
                name = renamed
            }
            seen.insert(name)
            taken.insert(name)
            result.append(name)
        }
        return (result, warnings)
    }

    private static func freshName(_ base: String, taken: inout Set<String>) -> String {
        if !taken.contains(base) { taken.insert(base); return base }
        var suffix = 2
        while taken.contains("\(base)_\(suffix)") { suffix += 1 }
        let name = "\(base)_\(suffix)"
        taken.insert(name)
        return name
    }

    static func generated(count: Int) -> [String] {
        (1...max(1, count)).prefix(count).map { "column_\($0)" }
    }
}
