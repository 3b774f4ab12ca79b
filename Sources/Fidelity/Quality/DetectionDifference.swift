import Tabular

/// A column that Doppel's quality report and SDMetrics' QualityReport with SDV's detected
/// metadata treat differently — one scores it, the other skips it — so that their figures
/// differ on the same files. Where neither differs, the figures are the same.
public struct DetectionDifference: Sendable, Codable, Equatable {
    public let column: String
    /// True when Doppel scores the column and SDV's metadata skips it; false for the reverse.
    public let doppelScores: Bool
    /// Why SDV skips it (nil when SDV scores it).
    public let sdvSkip: SDVDetection.Skip?
    /// One sentence for people.
    public let note: String

    public init(column: String, doppelScores: Bool, sdvSkip: SDVDetection.Skip?, note: String) {
        self.column = column
        self.doppelScores = doppelScores
        self.sdvSkip = sdvSkip
        self.note = note
    }

    /// The differences over the columns both tables have, in the real table's order.
    static func all(_ data: FidelityData, columns: QualityColumns) -> [DetectionDifference] {
        let skips = SDVDetection.skipped(data.real)
        let scored = Set(columns.scored)
        let leftOut = Dictionary(columns.leftOut.map { ($0.column, $0.reason) }, uniquingKeysWith: { first, _ in first })
        var differences: [DetectionDifference] = []
        for name in data.real.columnNames where data.synthetic.column(named: name) != nil {
            let skip = skips[name]
            if scored.contains(name), let skip {
                differences.append(DetectionDifference(
                    column: name, doppelScores: true, sdvSkip: skip,
                    note: "SDV's detection would treat '\(name)' as \(describe(skip)) and skip it; Doppel scores it"))
            } else if !scored.contains(name), skip == nil, let reason = leftOut[name] {
                differences.append(DetectionDifference(
                    column: name, doppelScores: false, sdvSkip: nil,
                    note: "Doppel leaves '\(name)' out (\(reason)); SDV's detection would score it"))
            }
        }
        return differences
    }

    private static func describe(_ skip: SDVDetection.Skip) -> String {
        switch skip {
        case .personalData(let sdtype): "PII (sdtype \(sdtype), from its name)"
        case .idByName: "an id (from its name)"
        case .primaryKey: "the primary key (its values are unique)"
        }
    }
}
