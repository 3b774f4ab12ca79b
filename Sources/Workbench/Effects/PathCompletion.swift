import Foundation

/// Tab in the open and save prompts: the typed path completed to the longest name every match
/// shares (a folder gets its `/`), and the matches, for the status line.
enum PathCompletion {
    static func complete(_ text: String, in directory: String) -> (text: String, matches: [String]) {
        let slash = text.lastIndex(of: "/")
        let folderText = slash.map { String(text[...$0]) } ?? ""
        let stem = slash.map { String(text[text.index(after: $0)...]) } ?? text
        let folder = folderText.hasPrefix("/") ? folderText : directory + "/" + folderText
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(stem) && ($0.hasPrefix(".") == stem.hasPrefix(".")) }
            .sorted()
        guard let first = names.first else { return (text, []) }
        var common = first
        for name in names.dropFirst() {
            while !name.hasPrefix(common) { common.removeLast() }
        }
        var isFolder: ObjCBool = false
        if names.count == 1, FileManager.default.fileExists(atPath: folder + common, isDirectory: &isFolder), isFolder.boolValue {
            common += "/"
        }
        return (folderText + common, names)
    }
}
