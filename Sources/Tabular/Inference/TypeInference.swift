/// A proposed kind for a column, with the reason a person can read in `inspect` or the UI.
public struct KindProposal: Hashable, Sendable {
    public var kind: ColumnKind
    public var reason: String
}

/// Proposes a `ColumnKind` per column from its storage and profile.
public enum TypeInference {
    public static func propose(_ table: Table, profiles: [ColumnProfile], thresholds: InferenceThresholds = .standard) -> [KindProposal] {
        zip(table.columns, profiles).map { propose($0, profile: $1, thresholds: thresholds) }
    }

    public static func propose(_ column: Column, profile: ColumnProfile, thresholds: InferenceThresholds = .standard) -> KindProposal {
        let valid = profile.count - profile.nulls
        let distinct = profile.distinct
        let allUnique = valid > 0 && distinct == valid
        switch column.values {
        case .booleans:
            return KindProposal(kind: .boolean, reason: "true/false values")
        case .datetimes(_, let format):
            return KindProposal(kind: .datetime, reason: "dates in the layout \(format)")
        case .decimals:
            return KindProposal(kind: .decimal, reason: "numbers with decimals")
        case .integers(let values, _):
            if distinct == 2, let minimum = profile.minimum, let maximum = profile.maximum, minimum == 0, maximum == 1 {
                return KindProposal(kind: .boolean, reason: "only 0 and 1")
            }
            if allUnique && valid >= thresholds.identifierMinRows
                && (looksLikeKeyName(column.name) || isConsecutiveRun(values, validity: column.validity, count: valid)) {
                return KindProposal(kind: .identifier, reason: "unique integers in a key-like sequence")
            }
            if distinct <= thresholds.integerCategoricalMaxLevels
                && Double(distinct) <= thresholds.integerCategoricalMaxDistinctRatio * Double(valid) {
                // A handful of years (2007, 2008, 2009) is a number line, not a set of labels.
                if distinct >= 2, let years = yearSpan(values, validity: column.validity, thresholds: thresholds) {
                    return KindProposal(kind: .integer, reason: "years \(years.lowerBound)–\(years.upperBound): whole numbers with an order")
                }
                return KindProposal(kind: .categorical, reason: "\(distinct) distinct integers in \(valid) values")
            }
            return KindProposal(kind: .integer, reason: "whole numbers")
        case .strings(let codes, let levels):
            if valid == 0 { return KindProposal(kind: .text, reason: "no values at all") }
            if let pattern = personalDataPattern(levels: levels, codes: codes, validity: column.validity, thresholds: thresholds) {
                return KindProposal(kind: pattern, reason: personalDataReason(pattern))
            }
            if let share = personNameShare(levels: levels, codes: codes, validity: column.validity, thresholds: thresholds) {
                return KindProposal(kind: .name, reason: "\(Int((share * 100).rounded(.down)))% of distinct values are people's names")
            }
            let shape = textShape(levels: levels, thresholds: thresholds)
            if shape.isFreeText {
                return KindProposal(kind: .text, reason: "free text (\(Int(shape.meanLength.rounded())) characters on average)")
            }
            if allUnique && valid >= thresholds.identifierMinRows {
                return KindProposal(kind: .identifier, reason: "every value is unique")
            }
            let sample = sampledLevels(levels: levels, codes: codes, validity: column.validity, thresholds: thresholds)
            let codeShaped = CodeShape.isShared(by: sample, thresholds: thresholds)
            if codeShaped && distinct >= thresholds.codeMinLevels {
                return KindProposal(kind: .code, reason: "\(distinct) distinct codes of one shape in \(valid) values")
            }
            if distinct <= thresholds.stringCategoricalMaxLevels
                && Double(distinct) <= thresholds.stringCategoricalMaxDistinctRatio * Double(valid) {
                return KindProposal(kind: .categorical, reason: "\(distinct) levels in \(valid) values")
            }
            if codeShaped {
                return KindProposal(kind: .code, reason: "\(distinct) distinct codes of one shape in \(valid) values")
            }
            return KindProposal(kind: .text, reason: "\(distinct) distinct strings in \(valid) values")
        }
    }

    private static func looksLikeKeyName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "id" || lower == "key" || lower == "index" || lower.hasSuffix("_id") || lower.hasSuffix(" id")
            || name.hasSuffix("Id") || name.hasSuffix("ID") || lower.hasPrefix("unnamed")
    }

    /// The range of a column of years (all in `yearRange`, no gap between distinct values wider
    /// than `yearMaxGap`), or nil.
    private static func yearSpan(_ values: [Int64], validity: NullBitmap, thresholds: InferenceThresholds) -> ClosedRange<Int64>? {
        var seen = Set<Int64>()
        for (row, value) in values.enumerated() where validity.isValid(row) {
            guard thresholds.yearRange.contains(value) else { return nil }
            seen.insert(value)
        }
        let sorted = seen.sorted()
        guard let first = sorted.first, let last = sorted.last else { return nil }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b - a > thresholds.yearMaxGap { return nil }
        return first...last
    }

    /// True for row numbers and surrogate keys: `valid` distinct integers spanning exactly `valid` values.
    private static func isConsecutiveRun(_ values: [Int64], validity: NullBitmap, count: Int) -> Bool {
        var minimum = Int64.max
        var maximum = Int64.min
        for (row, value) in values.enumerated() where validity.isValid(row) {
            minimum = min(minimum, value)
            maximum = max(maximum, value)
        }
        return maximum.subtractingReportingOverflow(minimum).partialValue == Int64(count - 1)
    }

    /// The distinct values checked against personal-data patterns and name lists.
    private static func sampledLevels(levels: [String], codes: [UInt32], validity: NullBitmap, thresholds: InferenceThresholds) -> [String] {
        // Only levels that occur in valid rows count (a null row holds code 0 as a placeholder).
        var used = [Bool](repeating: false, count: levels.count)
        for (row, code) in codes.enumerated() where validity.isValid(row) { used[Int(code)] = true }
        return Array(levels.indices.lazy.filter { used[$0] }.prefix(thresholds.personalDataSampleSize).map { levels[$0] })
    }

    private static func personalDataPattern(levels: [String], codes: [UInt32], validity: NullBitmap, thresholds: InferenceThresholds) -> ColumnKind? {
        let sample = sampledLevels(levels: levels, codes: codes, validity: validity, thresholds: thresholds)
        let total = sample.count
        guard total > 0 else { return nil }
        var matches: [PersonalDataPattern: Int] = [:]
        for value in sample {
            if let pattern = PersonalDataPattern.firstMatch(value) { matches[pattern, default: 0] += 1 }
        }
        guard let (pattern, count) = matches.max(by: { $0.value < $1.value }),
              Double(count) >= thresholds.personalDataMinMatchShare * Double(total) else { return nil }
        return ColumnKind(rawValue: pattern.rawValue)
    }

    /// The share of sampled distinct values that read as people's names, when it is high enough.
    private static func personNameShare(levels: [String], codes: [UInt32], validity: NullBitmap, thresholds: InferenceThresholds) -> Double? {
        let sample = sampledLevels(levels: levels, codes: codes, validity: validity, thresholds: thresholds)
        guard sample.count >= thresholds.personNameMinDistinct else { return nil }
        let share = Double(sample.count(where: { PersonName.shape(of: $0) != nil })) / Double(sample.count)
        return share >= thresholds.personalDataMinMatchShare ? share : nil
    }

    private static func textShape(levels: [String], thresholds: InferenceThresholds) -> (isFreeText: Bool, meanLength: Double) {
        let sample = levels.prefix(2000)
        guard !sample.isEmpty else { return (false, 0) }
        var characters = 0
        var words = 0
        for level in sample {
            characters += level.count
            words += Words.count(in: level, separatedBy: [UInt8(ascii: " ")])
        }
        let meanLength = Double(characters) / Double(sample.count)
        let meanWords = Double(words) / Double(sample.count)
        return (meanLength >= thresholds.textMinMeanLength || meanWords >= thresholds.textMinMeanWords, meanLength)
    }
}

private func personalDataReason(_ kind: ColumnKind) -> String {
    switch kind {
    case .uuid: "values are UUIDs"
    case .phone: "values look like phone numbers"
    case .url: "values look like URLs"
    case .ip: "values look like IP addresses"
    default: "values look like email addresses"
    }
}
