import ArgumentParser
import Foundation
import Tabular

/// When a source is read as a stream instead of loaded whole, and what the stream keeps.
struct StreamingArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Memory budget for the source, e.g. 1GB, 512MB. A CSV file whose table would not fit (it takes about 1.8 × the file's size in memory; 8 × a gzip file's) is read as a stream instead: one pass counts each column's values over every row, and a uniform sample of --reservoir rows fits the joint model and finds the rules.", valueName: "size"))
    var memory: String = "1GB"

    @Option(help: ArgumentHelp("Rows of the uniform sample kept when the source is read as a stream.", valueName: "rows"))
    var reservoir: Int = StreamingSettings.defaultReservoirRows

    /// The budget in bytes.
    func budget() throws -> Int {
        guard let bytes = Self.parseSize(memory) else {
            throw BadInput("--memory \(memory): expected a size such as 1GB, 512MB or 2000000 (bytes)")
        }
        return bytes
    }

    /// Whether `argument` is to be streamed: a CSV file (not standard input, Parquet or JSON Lines)
    /// whose table would exceed the budget.
    func shouldStream(_ argument: String) throws -> Bool {
        let budget = try budget()
        guard reservoir >= 1 && reservoir <= 100_000_000 else { throw BadInput("--reservoir \(reservoir): expected 1 to 100,000,000 rows") }
        return (StreamingReader.estimatedTableBytes(argument) ?? 0) > budget
    }

    /// "1GB", "512 MB", "1.5G", "2000000": bytes (powers of 1024).
    static func parseSize(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Int)] = [("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10),
                                      ("T", 1 << 40), ("G", 1 << 30), ("M", 1 << 20), ("K", 1 << 10), ("B", 1)]
        for (suffix, unit) in units where trimmed.hasSuffix(suffix) {
            let scale = Double(unit)
            let number = trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            guard let value = Double(number), value > 0, value * scale < 1e18 else { return nil }
            return Int(value * scale)
        }
        guard let value = Int(trimmed), value > 0 else { return nil }
        return value
    }

    /// Reads `argument` as a stream with the plan's seed, printing progress on a terminal and the
    /// reader's warnings.
    /// `rawBytes` sees the file's bytes as they are read (to hash it in the same pass).
    func stream(_ argument: String, options: CSVReadOptions, seed: UInt64, quiet: Bool = false,
                rawBytes: ((UnsafeRawBufferPointer) -> Void)? = nil) throws -> StreamedTable {
        let progress = ReadProgressLine(name: argument, enabled: !quiet && isatty(STDERR_FILENO) == 1)
        let streamed = try StreamingReader.read(.path(argument), options: options, settings: StreamingSettings(reservoirRows: reservoir, seed: seed),
                                                progress: { progress.update(bytes: $0, total: $1) }, rawBytes: rawBytes)
        progress.finish()
        for warning in streamed.warnings { Diagnostics.warning("\(argument): \(warning)") }
        return streamed
    }
}

/// `reading FILE: 1.2 of 10.0 GB (12%), 310 MB/s` on one stderr line, redrawn at most twice a second.
final class ReadProgressLine: @unchecked Sendable {
    private let name: String
    private let enabled: Bool
    private let start = Date()
    private var lastDrawn = Date.distantPast

    init(name: String, enabled: Bool) {
        self.name = name
        self.enabled = enabled
    }

    func update(bytes: Int, total: Int?) {
        guard enabled, Date().timeIntervalSince(lastDrawn) >= 0.5 else { return }
        lastDrawn = Date()
        let elapsed = max(0.001, Date().timeIntervalSince(start))
        let gb = { (value: Int) in String(format: "%.2f", Double(value) / Double(1 << 30)) }
        let rate = String(format: "%.0f MB/s", Double(bytes) / elapsed / Double(1 << 20))
        let share = total.map { " of \(gb($0)) GB (\(Int(100 * Double(bytes) / Double(max(1, $0))))%)" } ?? " GB"
        FileHandle.standardError.write(Data("\rreading \(name): \(gb(bytes))\(share), \(rate)   ".utf8))
    }

    func finish() {
        guard enabled, lastDrawn != .distantPast else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
