import ArgumentParser
import Fidelity
import Foundation
import Session
import Synthesis
import Tabular
import TerminalUI

extension Session.OutputFormat: ExpressibleByArgument {}

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Replay a session headlessly: the same session and seed give the same bytes.",
        discussion: "Shards: --shard I/N writes the I-th of N contiguous slices (1-based); only shard 1 has the header, and the shards concatenated equal the whole run (Parquet shards are files of their own, whose rows concatenated equal the whole run's). See docs/SESSION.md for recipes."
    )

    @Argument(help: ArgumentHelp("The session file (.yaml or .json), or a plan file with --source.", valueName: "session"))
    var session: String

    @Option(help: ArgumentHelp("The source CSV: required to run a plan file; for a session, replaces its source path (its hash is still checked).", valueName: "path"))
    var source: String?

    @Option(help: "Rows to write (default: the session's, else the source's row count).")
    var rows: Int?

    @Option(help: "The seed (default: the session's).")
    var seed: UInt64?

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("Where to write (- for stdout; default: the session's output, else stdout).", valueName: "path"))
    var out: String?

    @Option(help: "csv, tsv, jsonl or parquet (default: the session's, else by the output's extension, else csv).")
    var format: Session.OutputFormat?

    @Option(help: ArgumentHelp("Write only the I-th of N contiguous slices of the rows (1-based).", valueName: "I/N"))
    var shard: String?

    @Option(help: "Threads (default: all cores). Does not change the output.")
    var threads: Int = 0

    @Flag(help: "CSV/TSV for Excel or Sheets: text cells starting with =, +, -, @, tab or CR get a leading ' (numbers are left alone).")
    var spreadsheetSafe = false

    @Flag(help: "Score the output against the source and print the report on stderr.")
    var report = false

    @Option(parsing: .singleValue, help: ArgumentHelp("A gate (with the session's require:): exit 1 when METRIC is below VALUE.", valueName: "metric=value"))
    var min: [String] = []

    @Option(parsing: .singleValue, help: ArgumentHelp("A gate: exit 1 when METRIC is above VALUE.", valueName: "metric=value"))
    var max: [String] = []

    @OptionGroup var conditions: ConditionArguments

    @Flag(help: "Use the source even if its SHA-256 differs from the session's.")
    var allowChangedSource = false

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @Option(help: "Relational sessions: multiply every synthesised table's rows (children follow their parents).")
    var scale: Double = 1

    @Flag(help: "Relational sessions: overwrite table files already in the output folder.")
    var replace = false

    func run() throws {
        var missed: [String] = []
        try failingWithStatus2 {
            var file = try SessionFile.load(session, source: source)
            for note in file.notes { Diagnostics.note(note) }
            if file.session.isRelational {
                if let rows, rows < 0 { throw BadInput("--rows \(rows): expected a row count of at least 0") }
                if threads < 0 { throw BadInput("--threads \(threads): expected 0 (all cores) or more") }
                if threads > 0 { Parallel.threadLimit = threads }
                if report || !min.isEmpty || !max.isEmpty {
                    throw BadInput("--report and gates are not available for relational sessions yet; use `doppel report REALDIR OUTDIR`")
                }
                return try RelationalCommands.run(file, out: out, seed: seed, rows: rows, scale: scale, replace: replace,
                                                  allowChangedSource: allowChangedSource, shard: shard, format: format)
            }
            // The seed's one home is the plan: the override is applied there, once.
            if let seed { file.session.plan.seed = seed }
            let gates = (file.session.require?.gates ?? []) + (try parseGates(min: min, max: max))
            // A gate that can never be checked fails now, not after the output is written.
            try checkGateInputs(gates, available: [], command: "doppel run")
            if let rows, rows < 0 { throw BadInput("--rows \(rows): expected a row count of at least 0") }
            if threads < 0 { throw BadInput("--threads \(threads): expected 0 (all cores) or more") }
            let needsSource = report || !gates.isEmpty
            let asked = try conditions.parsed()
            let prepared: SessionRunner.Prepared
            // A streamed source (larger than memory) is read again in one pass: its progress too.
            let reading = ReadProgressLine(name: file.session.source?.path ?? "source",
                                           enabled: !quiet && isatty(STDERR_FILENO) == 1 && file.session.source?.streamed != nil)
            defer { reading.finish() }
            do {
                prepared = try SessionRunner.prepare(file, environment: ProcessInfo.processInfo.environment,
                                                     allowChangedSource: allowChangedSource, needSource: needsSource, conditions: asked,
                                                     streamProgress: { reading.update(bytes: $0, total: $1) })
            } catch let error as PlanError where asked != nil {
                throw BadInput(error.asOption)
            }
            for note in prepared.plan.steeringNotes { Diagnostics.note(note) }
            if needsSource, prepared.source == nil {
                throw BadInput("gates and --report need the source data, and this session has no source")
            }
            let total = rows ?? file.session.plan.rows ?? prepared.plan.defaultRows
            let range = try shardRange(total: total)
            let destination = out ?? file.session.run.output.map(file.resolve) ?? "-"
            let chosenFormat = format ?? file.session.run.format ?? Self.format(forPath: destination)
            if spreadsheetSafe, chosenFormat == .jsonl { throw BadInput("--spreadsheet-safe is for CSV and TSV output, not JSON Lines") }
            if spreadsheetSafe, chosenFormat == .parquet { throw BadInput("--spreadsheet-safe is for CSV and TSV output, not Parquet") }
            let progress = ProgressLine(total: range.count, enabled: !quiet && isatty(STDERR_FILENO) == 1)
            // Parquet to stdout is held until it is whole: a column widened late means writing it again.
            let holdsStdout = chosenFormat == .parquet
            func write(_ writer: any RowWriter) throws {
                let chunked = ChunkedCSVWriter(plan: prepared.plan, threads: threads, writer: writer)
                let output = destination == "-" ? nil : try AtomicFileWriter(path: destination)
                var held: [UInt8] = []
                try chunked.write(totalRows: total, range: range, header: range.lowerBound == 0,
                                  progress: { progress.update($0) }) { bytes in
                    if let output { try output.write(bytes) } else if holdsStdout { held += bytes } else { try StandardOutput.write(bytes) }
                }
                try output?.commit()
                if holdsStdout, output == nil { try StandardOutput.write(held) }
            }
            do {
                switch chosenFormat {
                case .csv: try write(CSVWriter(spreadsheetSafe: spreadsheetSafe))
                case .tsv: try write(CSVWriter(delimiter: UInt8(ascii: "\t"), spreadsheetSafe: spreadsheetSafe))
                case .jsonl: try write(JSONLinesWriter())
                // Parquet keeps a Parquet source's column types.
                case .parquet: try ParquetOutput.write(types: ParquetOutput.sourceTypes(file)) { try write($0) }
                }
            } catch {
                throw file.locate(error)
            }
            progress.finish()
            if needsSource {
                missed = try score(prepared: prepared, total: total, gates: gates)
            }
        }
        if !missed.isEmpty {
            for line in missed { Diagnostics.error("gate missed: \(line)") }
            throw ExitCode(1)
        }
    }

    /// Scores the first rows of the output (at most 100,000: the report samples beyond that) against the source.
    private func score(prepared: SessionRunner.Prepared, total: Int, gates: [QualityGate]) throws -> [String] {
        guard let source = prepared.source else {
            throw BadInput("gates and --report need the source data, and this session has no source")
        }
        let rows = Swift.min(total, 100_000)
        let sample = try prepared.plan.sample(range: 0..<rows, totalRows: total)
        let data = FidelityData(real: source, synthetic: sample)
        let result = FidelityReport.compute(data, target: nil)
        if report {
            if !quiet { Diagnostics.note("scored the first \(rows) of \(total) rows against the source") }
            let text = ReportView(report: result, data: data, ascii: isatty(STDERR_FILENO) != 1).text
            FileHandle.standardError.write(Data(text.utf8))
        }
        do {
            return try GateCheck.misses(gates, figures: result.figureTable, whyMissing: result.whyMissing)
        } catch let error as GateError {
            throw BadInput(error.description)
        }
    }

    /// The rows of `--shard I/N`: the I-th of N contiguous, near-equal slices.
    private func shardRange(total: Int) throws -> Range<Int> {
        guard let shard else { return 0..<total }
        let parts = shard.split(separator: "/").map { Int($0) }
        guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1, index >= 1, index <= count else {
            throw BadInput("--shard \(shard): expected I/N with 1 <= I <= N, e.g. --shard 2/4")
        }
        let lower = total * (index - 1) / count
        let upper = total * index / count
        return lower..<upper
    }

    static func format(forPath path: String) -> Session.OutputFormat {
        if path.hasSuffix(".tsv") { return .tsv }
        if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return .jsonl }
        if ParquetReader.isParquetPath(path) { return .parquet }
        return .csv
    }
}

/// `rows, rows/s, ETA` on one stderr line, redrawn in place; only on a terminal.
final class ProgressLine: @unchecked Sendable {
    private let total: Int
    private let enabled: Bool
    private let start = Date()

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled
    }

    func update(_ done: Int) {
        guard enabled else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = "\r\(done)/\(total) rows, \(Int(rate)) rows/s, ETA \(Int(eta.rounded())) s   "
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
