import Synthesis
import Tabular

/// The preview is chunk 0 of the plan, exactly: `FittedPlan.sampleChunk(0)` of the plan fitted
/// as `doppel run` fits it, so its rows are the first rows a run of any length writes ("preview
/// = run" by construction; rows do not depend on the row count). Fitting goes through the
/// job's `FitCache`: an edit refits only the columns and joint groups whose part of the plan it
/// changed, and undo finds the fits it left. A joint group on a large table that the cache does
/// not hold is first fitted on a sample (`jointSampleRows`): that preview is approximate, and
/// the reducer asks for the fit on all rows next.
enum PreviewBuilder {
    /// Where errors that belong to no one column are filed.
    static let planKey = ""

    /// Tables with more rows than this fit a joint group the cache lacks on this many evenly
    /// spread rows first (CART on all 337k rows of flights takes seconds; on 20k, a tenth).
    static let approximateJointRows = 20_000

    static func build(_ job: PreviewJob, environment: [String: String]) -> PreviewResult {
        var cache = job.cache
        do {
            let plan = try FittedPlan.fit(job.plan, on: job.table, environment: environment, cache: &cache,
                                          jointSampleRows: job.jointSampleRows)
            try plan.check(rows: job.totalRows)
            let chunk = try plan.sampleChunk(0, totalRows: job.totalRows)
            var generated: [String: PreviewState.Generated] = [:]
            var fitted: [String: PreviewState.Fitted] = [:]
            let byName = Dictionary(plan.columns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            for column in job.plan.outputColumns {
                if let model = byName[column.name] { fitted[column.name] = PreviewState.Fitted(plan: column, column: model) }
                guard let values = chunk.column(named: column.name) else { continue }
                generated[column.name] = PreviewState.Generated(
                    plan: column, seed: job.plan.seed, totalRows: job.totalRows,
                    values: SyntheticColumn(values: values.values, validity: values.validity))
            }
            return PreviewResult(fitted: fitted, generated: generated, errors: [:], cache: cache, approximate: plan.approximate)
        } catch let error as PlanError {
            return PreviewResult(fitted: [:], generated: [:], errors: [error.column ?? planKey: describe(error)], cache: cache)
        } catch let error as ParameterError {
            return PreviewResult(fitted: [:], generated: [:], errors: [error.column: describe(error)], cache: cache)
        } catch {
            return PreviewResult(fitted: [:], generated: [:], errors: [planKey: describe(error)], cache: cache)
        }
    }
}
