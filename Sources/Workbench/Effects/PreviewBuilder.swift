import Synthesis
import Tabular

/// Fits the columns a preview job lacks and generates chunk 0 of the columns it lacks, each
/// exactly as `FittedPlan.sampleChunk(0, ...)` does (same streams, same request), so the
/// preview's rows are the first rows `doppel run` writes.
///
/// A plan with joint groups, constraints or conditions generates its columns together (a
/// copula draws its members at once; rejection redraws whole candidate rows), so it is fitted
/// and sampled whole, through `FittedPlan` itself, and nothing of it is cached.
enum PreviewBuilder {
    /// Where errors that belong to no one column are filed.
    static let planKey = ""

    static func build(_ job: PreviewJob, environment: [String: String]) -> PreviewResult {
        if needsWholePlan(job.plan) { return buildWhole(job, environment: environment) }
        let outputs = job.plan.outputColumns
        var fitted = job.reuseFitted
        var errors: [String: String] = [:]
        let toFit = outputs.filter { fitted[$0.name] == nil }
        let results = Parallel.map(toFit.count) { index -> Result<FittedColumn, Error> in
            Result { try FittedPlan.fit(column: toFit[index], on: job.table, environment: environment) }
        }
        for (column, result) in zip(toFit, results) {
            switch result {
            case .success(let model): fitted[column.name] = PreviewState.Fitted(plan: column, column: model)
            case .failure(let error): errors[column.name] = describe(error)
            }
        }
        for column in outputs {
            guard let model = fitted[column.name]?.column.model else { continue }
            do {
                try model.check(rows: job.totalRows, column: column.name)
            } catch {
                errors[column.name] = describe(error)
            }
        }

        let order = generationOrder(outputs.map(\.name), fitted: fitted, errors: &errors)
        var done: [String: SyntheticColumn] = [:]
        var generated: [String: PreviewState.Generated] = [:]
        for name in order where errors[name] == nil {
            if let reused = job.reuseGenerated[name] {
                done[name] = reused.values
                generated[name] = reused
                continue
            }
            let entry = fitted[name]!
            do {
                let values = try entry.column.generate(chunk: 0, totalRows: job.totalRows, seed: job.plan.seed, generated: done)
                done[name] = values
                generated[name] = PreviewState.Generated(plan: entry.plan, seed: job.plan.seed, totalRows: job.totalRows, values: values)
            } catch {
                errors[name] = describe(error)
            }
        }
        return PreviewResult(fitted: fitted, generated: generated, errors: errors)
    }

    static func needsWholePlan(_ plan: Plan) -> Bool {
        !plan.joint.isEmpty || !plan.constraints.isEmpty || !(plan.conditions?.isEmpty ?? true)
    }

    static func buildWhole(_ job: PreviewJob, environment: [String: String]) -> PreviewResult {
        do {
            let plan = try FittedPlan.fit(job.plan, on: job.table, environment: environment)
            try plan.check(rows: job.totalRows)
            let chunk = try plan.sampleChunk(0, totalRows: job.totalRows)
            var generated: [String: PreviewState.Generated] = [:]
            for column in job.plan.outputColumns {
                guard let values = chunk.column(named: column.name) else { continue }
                generated[column.name] = PreviewState.Generated(
                    plan: column, seed: job.plan.seed, totalRows: job.totalRows,
                    values: SyntheticColumn(values: values.values, validity: values.validity))
            }
            return PreviewResult(fitted: [:], generated: generated, errors: [:])
        } catch let error as PlanError {
            return PreviewResult(fitted: [:], generated: [:], errors: [error.column ?? planKey: describe(error)])
        } catch let error as ParameterError {
            return PreviewResult(fitted: [:], generated: [:], errors: [error.column: describe(error)])
        } catch {
            return PreviewResult(fitted: [:], generated: [:], errors: [planKey: describe(error)])
        }
    }

    /// Columns after the columns they read; a column that reads a failed or missing column
    /// fails with it.
    static func generationOrder(_ names: [String], fitted: [String: PreviewState.Fitted], errors: inout [String: String]) -> [String] {
        var order: [String] = []
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        func visit(_ name: String) -> Bool {
            if state[name] == 2 { return errors[name] == nil }
            if state[name] == 1 {
                errors[name] = "columns depend on each other in a cycle through '\(name)'"
                return false
            }
            state[name] = 1
            defer { state[name] = 2 }
            guard let entry = fitted[name] else { return false }
            for dependency in entry.column.model.dependencies {
                guard names.contains(dependency) else {
                    errors[name] = "reads column '\(dependency)', which the plan does not have"
                    return false
                }
                if !visit(dependency) {
                    if errors[name] == nil { errors[name] = "reads column '\(dependency)', which could not be generated" }
                    return false
                }
            }
            order.append(name)
            return errors[name] == nil
        }
        for name in names { _ = visit(name) }
        return order
    }
}
