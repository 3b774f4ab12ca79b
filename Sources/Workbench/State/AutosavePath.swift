/// Where the autosave of a session lives: beside it, hidden, `.NAME.doppel.autosave` for
/// `NAME.doppel.yaml` (or `NAME.yaml`, `NAME.json`).
public enum AutosavePath {
    public static func beside(session path: String) -> String {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        var name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        for suffix in [".yaml", ".yml", ".json"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count))
            break
        }
        if name.hasSuffix(".doppel") { name = String(name.dropLast(".doppel".count)) }
        return directory + "/." + name + ".doppel.autosave"
    }
}
