import Foundation

/// Paths a session records relative to its own folder, so that a session and its data move
/// together.
public enum RelativePath {
    /// `target` as seen from `directory` (`../data/x.csv`); both made absolute and standardised.
    public static func of(_ target: String, from directory: String) -> String {
        let from = URL(fileURLWithPath: directory).standardizedFileURL.pathComponents
        let to = URL(fileURLWithPath: target).standardizedFileURL.pathComponents
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...]).joined(separator: "/")
    }
}
