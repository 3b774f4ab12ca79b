import Fidelity
import Foundation
import Session
import Synthesis
import Tabular

/// Does the work of one effect and says what came of it as actions. Called off the UI thread
/// by `WorkbenchApp`; tests may call it directly.
public struct EffectRunner: Sendable {
    /// The process environment, for strategies that read secrets (never stored).
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Runs `effect`. `report` takes actions that come before the end (a stream's progress).
    public func perform(_ effect: WorkbenchEffect, report: @escaping @Sendable (WorkbenchAction) -> Void = { _ in }) -> [WorkbenchAction] {
        switch effect {
        case .streamFile(let job):
            do {
                return [.fileStreamed(path: job.path, try DocumentLoader.stream(job, report: report))]
            } catch {
                return [.streamFailed(path: job.path, describe(error))]
            }
        case .load(let request):
            do {
                return [.loaded(try DocumentLoader.load(request))]
            } catch {
                return [.loadFailed(describe(error))]
            }
        case .loadRelational(let request):
            do {
                return [.relationalLoaded(try RelationalLoader.load(request))]
            } catch {
                return [.loadFailed(describe(error))]
            }
        case .forTable(let name, let inner):
            return perform(inner).map { .forTable(name, $0) }
        case .computeCardinality(let job):
            do {
                return [.cardinalityComputed(generation: job.generation, try RelationalSessionMaker.cardinality(job))]
            } catch {
                return [.cardinalityFailed(generation: job.generation, describe(error))]
            }
        case .saveRelational(let job):
            do {
                let session = try RelationalSessionMaker.session(job)
                try SessionFile.save(session, to: job.path)
                return [.relationalSaved(path: job.path, session)]
            } catch {
                return [.saveFailed(describe(error))]
            }
        case .makePlan(let job):
            return [.planMade(generation: job.generation, DocumentLoader.makePlan(job))]
        case .buildPreview(let job):
            return [.previewBuilt(generation: job.generation, PreviewBuilder.build(job, environment: environment))]
        case .computeQuality(let job):
            let data = fidelityData(job, holdout: false)
            let quality = QualityReport.compute(data)
            let histograms = HistogramComparison.all(data)
            let categories = CategoryComparison.all(data, columns: quality.columns.map(\.column))
            let result = QualityResult(
                quality: quality,
                histograms: Dictionary(histograms.map { ($0.column, $0) }, uniquingKeysWith: { a, _ in a }),
                categories: Dictionary(categories.map { ($0.column, $0) }, uniquingKeysWith: { a, _ in a }),
                correlations: CorrelationMatrices.compute(data))
            return [.qualityComputed(generation: job.generation, result)]
        case .computePrivacy(let job):
            let data = fidelityData(job, holdout: true)
            let report = PrivacyReport.compute(data, seed: job.seed, options: PrivacyOptions(maxRows: Document.fidelityRows))
            return [.privacyComputed(generation: job.generation, report)]
        case .discoverRules(let job):
            return [.rulesDiscovered(generation: job.generation, RuleDiscovery.discover(job.table, kinds: job.kinds))]
        case .checkRules(let job):
            let synthetic = Table(columns: job.syntheticColumns).slice(0..<job.rows)
            return [.rulesChecked(generation: job.generation, RuleAdherence.check(job.rules, on: synthetic))]
        case .save(let job):
            if !job.mayReplace, FileManager.default.fileExists(atPath: job.path) {
                return [.saveWouldReplace(path: job.path, thenQuit: job.thenQuit)]
            }
            do {
                var session = job.session
                if job.writesDemoData, let dataPath = job.dataPath {
                    let bytes = Array(DemoDataset.csv.utf8)
                    if let existing = FileManager.default.contents(atPath: dataPath) {
                        guard Array(existing) == bytes else {
                            throw DataError(file: dataPath, message: "exists and is not the demo data; save the session in another folder")
                        }
                    } else {
                        try AtomicFileWriter.write(bytes, to: dataPath)
                    }
                }
                if let dataPath = job.dataPath, session.source != nil {
                    session.source?.sha256 = try SourceHash.sha256(of: dataPath)
                }
                try SessionFile.save(session, to: job.path)
                if let autosave = job.autosavePath { try? FileManager.default.removeItem(atPath: autosave) }
                let besides = AutosavePath.beside(session: job.path)
                if besides != job.autosavePath { try? FileManager.default.removeItem(atPath: besides) }
                return [.saved(path: job.path, plan: job.plan, session: session, thenQuit: job.thenQuit)]
            } catch {
                return [.saveFailed(describe(error))]
            }
        case .writeAutosave(let session, let path):
            do {
                try SessionFile.save(session, to: path)
                return [.autosaveWritten(path: path)]
            } catch {
                return [.autosaveFailed(describe(error))]
            }
        case .removeFile(let path):
            try? FileManager.default.removeItem(atPath: path)
            return []
        case .probeOpen(let path):
            return [.openProbed(path: path, exists: FileManager.default.fileExists(atPath: path))]
        case .completePath(let text, let directory):
            let result = PathCompletion.complete(text, in: directory)
            return [.pathCompleted(text: text, completed: result.text, matches: result.matches)]
        }
    }

    private func fidelityData(_ job: FidelityJob, holdout: Bool) -> FidelityData {
        let synthetic = Table(columns: job.syntheticColumns).slice(0..<job.rows)
        return FidelityData(real: job.real, synthetic: synthetic, holdout: holdout ? job.holdout : nil, kinds: job.kinds)
    }
}

/// An error as one line for the status bar.
func describe(_ error: Error) -> String {
    String(describing: error)
}
