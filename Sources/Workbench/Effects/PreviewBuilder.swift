import Synthesis
import Tabular

/// Fits the columns a preview job lacks and generates chunk 0 of the columns it lacks, each
/// exactly as `FittedPlan.sampleChunk(0, ...)` does (same streams, same request), so the
/// preview's rows are the first rows `doppel run` writes.
enum PreviewBuilder {
    static func build(_ job: PreviewJob, environment: [String: String]) -> PreviewResult {
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
