import ArgumentParser
import Fidelity
import Foundation
import Tabular
import TerminalUI

extension UtilityOptions.PropensityModel: ExpressibleByArgument {}
extension UtilityOptions.TSTRModel: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compare synthetic data with the real data: quality, privacy and utility, with charts.",
        discussion: """
            Works on any pair of CSV files, including output from SDV or synthpop. Quality uses \
            SDMetrics 0.32's definitions. Exit status 1 when a --min/--max gate is missed.

            Quality scores numbers and datetimes (KSComplement; correlation in pairs) and \
            categories, booleans, text and code columns (TVComplement; contingency in pairs), \
            text and codes as categories, as SDMetrics does with the metadata SDV detects. It \
            leaves out identifiers, personal data (email, phone, url, ip, uuid, people's names) \
            and text or code columns with more distinct values than half their rows (keys or \
            names, not levels); the report lists them. SDV's detection also skips columns by \
            name (email, city, state, latitude, zip code... or an 'id' word) and its primary key \
            (the first unique column of whole numbers or text); where SDMetrics with that metadata \
            would score other columns than Doppel, the report names them ("SDV's detection would \
            treat 'email' as PII and skip it"), in the terminal, the HTML and the JSON \
            (left_out, sdv_detection_differences).

            With --holdout (real rows kept out of fitting): dcr_share is MOSTLY AI's DCR share. \
            Equal samples of n = min(holdout rows, synthetic rows, 10,000) training, holdout and \
            synthetic rows (never more than the training rows) are drawn with a fixed seed; each synthetic row's Euclidean distance to \
            its nearest training row and to its nearest holdout row is measured, and dcr_share is \
            the share of synthetic rows closer to training, ties counting half. Numbers and \
            datetimes are encoded as their mid-rank in the pooled real data (training and holdout) \
            divided by its size (a value absent from it: the count of smaller values plus 1/2; \
            missing: 0), categories and text one-hot, a missing value as its own 0/1 \
            indicator per column. 0.5 is ideal; the standard error sqrt(p(1-p)/n) is printed beside \
            it, and above 0.02 there are too few holdout rows for a verdict. Gate it with \
            --max dcr_share=0.52. holdout_copy_rate is the share of holdout rows equal to a \
            training row: the floor for exact_copy_rate on data with many repeated rows. \
            DOPPEL_DCR_SHARE_ROWS=FILE writes the sampled row numbers (0-based, data rows) as JSON, \
            for cross-checks.
            """
    )

    @Argument(help: ArgumentHelp("The real CSV file (or JSON Lines, Parquet), or a folder of CSV or Parquet files or a SQLite database of related tables.", valueName: "real"))
    var real: String

    @Argument(help: ArgumentHelp("The synthetic CSV file (a folder or SQLite database for related tables).", valueName: "synthetic"))
    var synthetic: String

    @OptionGroup var read: ReadOptionsArguments

    @Option(help: ArgumentHelp("Real rows kept out of fitting, for overfitting protection and TSTR.", valueName: "file"))
    var holdout: String?

    @Option(help: ArgumentHelp("Score only these columns (comma-separated). Without it the synthetic file must have exactly the real file's columns.", valueName: "a,b,c"))
    var columns: String?

    @Option(help: ArgumentHelp("A column to predict: train on synthetic, test on real.", valueName: "column"))
    var target: String?

    @Option(help: ArgumentHelp("The model that tells real rows from synthetic ones for pMSE: logistic (main effects), logistic_interactions (all two-way), or tree (CART).", valueName: "model"))
    var propensity: UtilityOptions.PropensityModel = .logistic

    @Option(help: ArgumentHelp("The model for TSTR: tree (CART) or linear (logistic / ridge regression).", valueName: "model"))
    var tstrModel: UtilityOptions.TSTRModel = .tree

    @Flag(help: "Print one flat JSON object for scripts instead of the terminal report.")
    var json = false

    @Option(help: ArgumentHelp("Also write a self-contained HTML page here.", valueName: "path"))
    var html: String?

    @Option(parsing: .singleValue, help: ArgumentHelp("A gate: fail (exit 1) when METRIC is below VALUE. Repeatable.", valueName: "metric=value"))
    var min: [String] = []

    @Option(parsing: .singleValue, help: ArgumentHelp("A gate: fail (exit 1) when METRIC is above VALUE. Repeatable.", valueName: "metric=value"))
    var max: [String] = []

    @Flag(help: "Draw charts with ASCII characters and no colour.")
    var ascii = false

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("Where to write the report (- for stdout).", valueName: "path"))
    var out: String = "-"

    @Flag(help: "No progress on stderr.")
    var quiet = false

    @OptionGroup var streaming: StreamingArguments

    func run() throws {
        var missed: [String] = []
        try failingWithStatus2 {
            let gates = try parseGates(min: min, max: max)
            try checkGateInputs(gates, available: Set([holdout.map { _ in "--holdout" }, target.map { _ in "--target" }].compactMap { $0 }),
                                command: "doppel report")
            let progress: (String) -> Void = { message in if !quiet { Diagnostics.note(message) } }
            if RelationalCommands.isRelationalSource(real) || RelationalCommands.isRelationalSource(synthetic) {
                guard RelationalCommands.isRelationalSource(real), RelationalCommands.isRelationalSource(synthetic) else {
                    throw BadInput("\(real) and \(synthetic): compare a folder or database of tables with another one, or a CSV file with a CSV file")
                }
                if !gates.isEmpty || holdout != nil || target != nil || columns != nil || html != nil {
                    throw BadInput("--min, --max, --holdout, --target, --columns and --html are for single tables; related tables get quality, cardinality and referential integrity")
                }
                let text = try RelationalCommands.report(real: real, synthetic: synthetic, options: read, json: json,
                                                         ascii: ascii || out != "-" || !isTerminal, progress: progress)
                try AtomicFileWriter.write(Array(text.utf8), to: out)
                return
            }
            progress("reading \(real) and \(synthetic)")
            // A file past the memory budget is scored on a uniform sample of --reservoir rows
            // (the metrics sample far fewer rows than that themselves).
            func load(_ path: String) throws -> Table {
                guard try streaming.shouldStream(path) else { return try loadSource(path, options: read).table }
                let streamed = try streaming.stream(path, options: try read.options(), seed: 0, quiet: quiet)
                progress("\(path) is larger than the memory budget (--memory \(streaming.memory)): scored on a uniform sample of \(streamed.reservoir.rowCount) of its \(streamed.rowCount) rows")
                return streamed.reservoir
            }
            let realRead = try load(real)
            let syntheticRead = try load(synthetic)
            let holdoutRead = try holdout.map { try load($0) }
            if let target, realRead.column(named: target) == nil {
                throw BadInput("--target \(target): the real data has no column '\(target)'")
            }
            let (realTable, syntheticTable, holdoutTable) = try ScoredColumns.match(
                real: (real, realRead), synthetic: (synthetic, syntheticRead), holdout: holdout.map { ($0, holdoutRead!) },
                columns: columns, target: target)
            let data = FidelityData(real: realTable, synthetic: syntheticTable, holdout: holdoutTable)
            let report = FidelityReport.compute(
                data, target: target, utilityOptions: UtilityOptions(propensityModel: propensity, tstrModel: tstrModel), progress: progress)
            if let problem = report.utilityProblem { Diagnostics.warning("utility: \(problem)") }
            if let path = ProcessInfo.processInfo.environment["DOPPEL_DCR_SHARE_ROWS"], let holdoutTable {
                let rows = DCRShare.sampledRows(training: realTable.rowCount, holdout: holdoutTable.rowCount,
                                                synthetic: syntheticTable.rowCount, seed: 0)
                let object: [String: [Int]] = ["training": rows.training, "holdout": rows.holdout, "synthetic": rows.synthetic]
                try AtomicFileWriter.write(Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])), to: path)
            }

            let text = json ? report.json() : ReportView(report: report, data: data, ascii: ascii || out != "-" || !isTerminal).text
            try AtomicFileWriter.write(Array(text.utf8), to: out)
            if let html {
                try AtomicFileWriter.write(Array(ReportPage(report: report, data: data, title: "\(real) vs \(synthetic)").html.utf8), to: html)
                progress("wrote \(html)")
            }
            do {
                missed = try GateCheck.misses(gates, figures: report.figureTable, whyMissing: report.whyMissing)
            } catch let error as GateError {
                throw BadInput(error.description)
            }
        }
        if !missed.isEmpty {
            for line in missed { Diagnostics.error("gate missed: \(line)") }
            throw ExitCode(1)
        }
    }

    private var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}
