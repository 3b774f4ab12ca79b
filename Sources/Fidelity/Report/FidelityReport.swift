import Foundation

/// Everything `doppel report` computes for a real/synthetic pair: quality (as SDMetrics defines
/// it), diagnostics, privacy and utility, with the flat named figures that gates and scripts read.
public struct FidelityReport: Sendable {
    public var quality: QualityReport
    public var privacy: PrivacyReport
    public var utility: UtilityReport?
    /// Why utility is missing, when it is (an error computing it is reported, not fatal).
    public var utilityProblem: String?
    public var hasHoldout: Bool
    /// The real data's rules, and how often synthetic rows break them.
    public var rules: RuleAdherence

    /// The figure names every report has, in the order they are shown.
    public static let figureNames = [
        "quality", "column_shapes", "column_pair_trends", "column_pair_trends_all",
        "boundary_adherence", "category_adherence",
        "exact_copy_rate", "holdout_copy_rate", "dcr_baseline_protection", "dcr_overfitting_protection", "dcr_share", "nndr",
        "pmse", "s_pmse", "rule_violation_rate",
    ]

    /// TSTR figure names, for gates: both task types' metrics.
    public static let tstrFigureNames = ["accuracy", "macro_f1", "r2"].flatMap { ["tstr_\($0)_synthetic", "tstr_\($0)_real"] }

    public static func compute(
        _ data: FidelityData, target: String?, utilityOptions: UtilityOptions = UtilityOptions(), seed: UInt64 = 0,
        progress: (String) -> Void = { _ in }
    ) -> FidelityReport {
        progress("quality (column shapes and pair trends)")
        let quality = QualityReport.compute(data)
        progress("privacy (exact copies, distance to closest record)")
        let privacy = PrivacyReport.compute(data, seed: seed)
        progress("rules (found in the real rows, checked in the synthetic ones)")
        let rules = RuleAdherence.compute(data)
        progress("utility (propensity\(target.map { ", train on synthetic, test on real for '\($0)'" } ?? ""))")
        var utility: UtilityReport?
        var problem: String?
        do {
            utility = try UtilityReport.compute(data, target: target, options: utilityOptions, seed: seed)
        } catch {
            problem = "\(error)"
        }
        return FidelityReport(quality: quality, privacy: privacy, utility: utility, utilityProblem: problem, hasHoldout: data.holdout != nil,
                              rules: rules)
    }

    /// Every figure by name; nil where the figure needs input that was not given.
    public var figures: [(name: String, value: Double?)] {
        var list: [(String, Double?)] = [
            ("quality", quality.score),
            ("column_shapes", quality.columnShapes),
            ("column_pair_trends", quality.columnPairTrends),
            ("column_pair_trends_all", quality.columnPairTrendsAll),
            ("boundary_adherence", quality.diagnostics.boundaryAdherence),
            ("category_adherence", quality.diagnostics.categoryAdherence),
            ("exact_copy_rate", privacy.exactCopyRate),
            ("holdout_copy_rate", privacy.holdoutCopyRate),
            ("dcr_baseline_protection", privacy.dcrBaselineProtection),
            ("dcr_overfitting_protection", privacy.dcrOverfittingProtection),
            ("dcr_share", privacy.dcrShare?.share),
            ("nndr", privacy.nndr),
            ("pmse", utility?.pmse),
            ("s_pmse", utility?.sPMSE),
            ("rule_violation_rate", rules.violationRate),
        ]
        if let tstr = utility?.tstr {
            for metric in tstr.metrics {
                list.append(("tstr_\(metric.name)_synthetic", metric.synthetic))
                list.append(("tstr_\(metric.name)_real", metric.real))
            }
        }
        return list
    }

    /// Figures by name, for gates.
    public var figureTable: [String: Double?] {
        var table: [String: Double?] = [:]
        for name in Self.tstrFigureNames { table[name] = .some(nil) }
        for figure in figures { table[figure.name] = figure.value }
        return table
    }

    /// Plain one-line verdicts on the figures that compare synthetic rows with unseen real rows
    /// (`dcr_share`, `holdout_copy_rate`); empty without a holdout.
    public var holdoutVerdicts: [String] {
        var lines: [String] = []
        if let share = privacy.dcrShare {
            lines.append(String(format: "dcr_share %.4f +/- %.4f (n = %ld): ", share.share, share.standardError, share.rows) + share.verdict)
        }
        if let verdict = copyVerdict, let holdout = privacy.holdoutCopyRate, let exact = privacy.exactCopyRate {
            lines.append(String(format: "exact_copy_rate %.4f vs holdout_copy_rate %.4f: ", exact, holdout) + verdict)
        }
        return lines
    }

    /// Whether synthetic rows copy training rows more often than holdout rows do (`PrivacyReport.copyVerdict`).
    public var copyVerdict: String? { privacy.copyVerdict }

    /// What the quality figures leave out and where SDMetrics with SDV's detected metadata would
    /// score other columns, as lines for people (empty when every shared column is scored alike).
    public var scopeLines: [String] {
        var lines: [String] = []
        if !quality.leftOut.isEmpty {
            lines.append("not scored for quality: " + quality.leftOut.map { "'\($0.column)' (\($0.reason))" }.joined(separator: ", "))
        }
        lines += quality.detectionDifferences.map(\.note)
        return lines
    }

    /// Disclosure hints as short lines for people: what a synthetic copy would reveal.
    public var disclosureLines: [String] {
        let hints = privacy.disclosureHints
        var lines: [String] = []
        if hints.rareCategoryCount > 0 {
            let examples = hints.rareCategories.prefix(3).map { "\($0.column)=\($0.level) (\($0.realCount) real, \($0.syntheticCount) synthetic)" }
            lines.append("\(hints.rareCategoryCount) rare real categories (fewer than \(hints.rareCategoryThreshold) rows) appear in the synthetic data, e.g. " + examples.joined(separator: ", "))
        }
        if let combinations = hints.uniqueCombinations, combinations.revealedCombinations > 0 {
            lines.append("\(combinations.revealedCombinations) of \(combinations.realUniqueCombinations) combinations unique in the real data reappear in \(combinations.syntheticRows) synthetic rows (columns \(combinations.columns.joined(separator: ", ")))")
        }
        if !hints.extremeValues.isEmpty {
            let examples = hints.extremeValues.prefix(3).map { "\($0.column) \($0.side.rawValue) \($0.value)" }
            lines.append("\(hints.extremeValues.count) extreme values held by a single real row are reproduced, e.g. " + examples.joined(separator: ", "))
        }
        return lines
    }

    /// The input a figure needs besides the real and synthetic data — `--holdout` for
    /// overfitting protection, `--target` for the TSTR figures — or nil when it needs none.
    /// Commands check gates against it before any work, so a gate that can never be checked
    /// fails before an output is written.
    public static func requiredInput(for name: String) -> String? {
        switch name {
        case "dcr_overfitting_protection", "dcr_share", "holdout_copy_rate": return "--holdout"
        case _ where name.hasPrefix("tstr_"): return "--target"
        default: return nil
        }
    }

    /// Why a figure is nil, for messages.
    public func whyMissing(_ name: String) -> String {
        switch name {
        case "dcr_overfitting_protection", "dcr_share", "holdout_copy_rate": return hasHoldout ? "too few rows" : "it needs --holdout"
        case _ where name.hasPrefix("tstr_"):
            return utility?.tstr == nil ? "it needs --target" : "the target's task does not have this metric"
        case "pmse", "s_pmse": return utilityProblem ?? "not computable on these columns"
        default: return "not computable on these columns"
        }
    }

    /// One flat JSON object: the figures as top-level keys (null where not computed), plus
    /// `columns` and `pairs` arrays with the details.
    public func json() -> String {
        var object: [String: Any] = [:]
        for figure in figures { object[figure.name] = Self.jsonNumber(figure.value) }
        var columns: [[String: Any]] = []
        let adherence = Dictionary(quality.diagnostics.columns.map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
        for column in quality.columns {
            var entry: [String: Any] = ["name": column.column, "metric": column.metric.rawValue, "score": Self.jsonNumber(column.score)]
            if let diagnostic = adherence[column.column] {
                entry["adherence_metric"] = diagnostic.metric.rawValue
                entry["adherence"] = Self.jsonNumber(diagnostic.score)
            }
            columns.append(entry)
        }
        object["columns"] = columns
        object["pairs"] = quality.pairs.map { pair -> [String: Any] in
            [
                "columns": [pair.column1, pair.column2],
                "metric": pair.metric.rawValue,
                "score": Self.jsonNumber(pair.score),
                "real_correlation": Self.jsonNumber(pair.realCorrelation),
                "synthetic_correlation": Self.jsonNumber(pair.syntheticCorrelation),
                "real_association": Self.jsonNumber(pair.realAssociation),
                "meets_threshold": pair.meetsThreshold,
            ]
        }
        object["left_out"] = quality.leftOut.map { ["name": $0.column, "reason": $0.reason] }
        object["sdv_detection_differences"] = quality.detectionDifferences.map { difference -> [String: Any] in
            var entry: [String: Any] = ["name": difference.column, "doppel_scores": difference.doppelScores, "note": difference.note]
            switch difference.sdvSkip {
            case .personalData(let sdtype)?: entry["sdv_skips_as"] = "pii"; entry["sdv_sdtype"] = sdtype
            case .idByName?: entry["sdv_skips_as"] = "id_by_name"; entry["sdv_sdtype"] = "id"
            case .primaryKey?: entry["sdv_skips_as"] = "primary_key"; entry["sdv_sdtype"] = "id"
            case nil: entry["sdv_skips_as"] = NSNull()
            }
            return entry
        }
        object["sample_sizes"] = [
            "pairs_real": quality.pairSampleRows.real, "pairs_synthetic": quality.pairSampleRows.synthetic,
            "privacy_real": privacy.sampleSizes.real, "privacy_synthetic": privacy.sampleSizes.synthetic,
        ]
        object["dcr_share_se"] = Self.jsonNumber(privacy.dcrShare?.standardError)
        object["dcr_share_rows"] = privacy.dcrShare.map { $0.rows as Any } ?? NSNull()
        object["dcr_share_verdict"] = privacy.dcrShare.map { $0.verdict as Any } ?? NSNull()
        object["copy_verdict"] = copyVerdict.map { $0 as Any } ?? NSNull()
        object["rules"] = rules.entries.map { entry -> [String: Any] in
            [
                "rule": entry.rule.text,
                "kind": entry.rule.kindName,
                "support": entry.rule.support,
                "real_violations": entry.real.violationRate,
                "synthetic_violations": entry.synthetic.violationRate,
                "synthetic_applicable_rows": entry.synthetic.applicableRows,
            ]
        }
        let hintEncoder = JSONEncoder()
        hintEncoder.keyEncodingStrategy = .convertToSnakeCase
        if let data = try? hintEncoder.encode(privacy.disclosureHints),
           let hints = try? JSONSerialization.jsonObject(with: data) {
            object["disclosure_hints"] = hints
        }
        if let tstr = utility?.tstr {
            object["tstr"] = ["target": tstr.target, "task": tstr.task.rawValue, "test_source": tstr.testSource.rawValue, "test_rows": tstr.testRows]
        }
        // Plain values and finite numbers only: serialisation cannot fail.
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A number for JSON: null for nil and for anything not finite (JSON has no NaN).
    static func jsonNumber(_ value: Double?) -> Any {
        guard let value, value.isFinite else { return NSNull() }
        return value
    }
}
