import ArgumentParser
import Foundation
import Session
import Synthesis
import Tabular

struct SampleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample",
        abstract: "Write synthetic rows as CSV, from a plan or from the default plan.",
        discussion: "The header is the source's (same columns, names, order) unless the plan drops or adds columns. Output is the same for the same plan and seed, whatever the number of threads."
    )

    @Argument(help: ArgumentHelp("The real CSV file (or JSON Lines, Parquet; - for stdin), or a folder of CSV or Parquet files (one table each; -o is then a folder).", valueName: "file"))
    var file: String

    @OptionGroup var read: ReadOptionsArguments

    @Option(help: ArgumentHelp("A plan written by `doppel plan` (default: the default plan).", valueName: "path"))
    var plan: String?

    @Option(help: ArgumentHelp("Without --plan: the privacy setting the default plan's joint model is chosen under (strict, balanced, off; see doppel plan --help).", valueName: "setting"))
    var privacy: String?

    @Option(help: "Rows to write (default: the plan's, else the source's row count).")
    var rows: Int?

    @Option(help: "The seed (default: the plan's; without a plan, a random one, reported on stderr).")
    var seed: UInt64?

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("Where to write the CSV (- for stdout); a .parquet path writes Parquet.", valueName: "path"))
    var out: String = "-"

    @OptionGroup var conditions: ConditionArguments

    @Flag(help: "CSV for Excel or Sheets: text cells starting with =, +, -, @, tab or CR get a leading ' (numbers are left alone).")
    var spreadsheetSafe = false

    @Option(help: "Threads to use (default: all cores). Does not change the output.")
    var threads: Int = 0

    @Option(help: "Related tables: multiply every synthesised table's rows (children follow their parents).")
    var scale: Double = 1

    @Flag(help: "Related tables: overwrite table files already in the output folder.")
    var replace = false

    func run() throws {
        try failingWithStatus2 {
            if let rows, rows < 0 { throw BadInput("--rows \(rows): expected a row count of at least 0") }
            if threads < 0 { throw BadInput("--threads \(threads): expected 0 (all cores) or more") }
            if RelationalCommands.isRelationalSource(file) {
                if threads > 0 { Parallel.threadLimit = threads }
                if plan != nil { throw BadInput("--plan: a folder of tables is planned with `doppel plan DIR -o SESSION` and run with `doppel run SESSION`") }
                return try RelationalCommands.sample(directory: file, options: read, out: out, seed: seed, rows: rows, scale: scale,
                                                     replace: replace)
            }
            let (table, _, parquetTypes) = try loadSourceWithTypes(file, options: read)
            var chosenPlan: Plan
            if let plan {
                if let privacy { throw BadInput("--privacy \(privacy): the setting chooses the default plan's joint model; with --plan \(plan) the plan decides (doppel plan --privacy writes one)") }
                chosenPlan = try PlanFile.load(plan)
            } else {
                // The same default as `doppel plan`: the joint model that scores best on the data.
                let word = privacy ?? PrivacySetting.default.rawValue
                guard let setting = PrivacySetting(rawValue: word) else {
                    throw BadInput("--privacy \(word): expected strict, balanced or off")
                }
                chosenPlan = JointModelChoice.defaultPlan(for: table, kinds: proposedKinds(table), seed: seed ?? DefaultPlanner.randomSeed(),
                                                          privacy: setting).plan
                if seed == nil { Diagnostics.note("seed \(chosenPlan.seed) (pass --seed \(chosenPlan.seed) to repeat this output)") }
            }
            if let seed { chosenPlan.seed = seed }
            let asked = try conditions.parsed()
            if let asked { chosenPlan.conditions = asked }
            let fitted = try withPlanErrors(plan ?? "the default plan", conditionsFromOptions: asked != nil) {
                try FittedPlan.fit(chosenPlan, on: table, environment: ProcessInfo.processInfo.environment)
            }
            for note in fitted.steeringNotes { Diagnostics.note(note) }
            // Parquet by the output's extension; CSV otherwise.
            let isParquet = ParquetReader.isParquetPath(out)
            if isParquet, spreadsheetSafe { throw BadInput("--spreadsheet-safe is for CSV output, not Parquet") }
            let total = rows ?? fitted.defaultRows
            func write(_ rowWriter: any RowWriter) throws {
                let writer = ChunkedCSVWriter(plan: fitted, threads: threads, writer: rowWriter)
                let file = out == "-" ? nil : try AtomicFileWriter(path: out)
                try withPlanErrors(plan ?? "the default plan") {
                    try writer.write(totalRows: total) { bytes in
                        if let file { try file.write(bytes) } else { try StandardOutput.write(bytes) }
                    }
                }
                try file?.commit()
            }
            // Parquet keeps a Parquet source's column types (a .parquet output is never stdout).
            if isParquet {
                try ParquetOutput.write(types: parquetTypes) { try write($0) }
            } else {
                try write(CSVWriter(spreadsheetSafe: spreadsheetSafe))
            }
        }
    }
}

/// Plan and parameter errors are bad input too: reported with the plan file's name.
/// Conditions given as --where or --rebalance are named by their option.
func withPlanErrors<T>(_ file: String, conditionsFromOptions: Bool = false, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as PlanError where conditionsFromOptions && error.conditionKey != nil {
        throw BadInput(error.asOption)
    } catch let error as PlanError {
        throw BadInput("\(file): \(error.message)")
    } catch let error as ParameterError {
        throw BadInput("\(file): \(error.description)")
    }
}
