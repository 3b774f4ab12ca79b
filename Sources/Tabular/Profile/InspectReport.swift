import Foundation

/// What `doppel inspect` shows: per column its name, proposed kind, nulls, distinct values and a
/// one-line summary, as a text table for people or JSON for scripts.
public struct InspectReport: Sendable {
    public struct Entry: Sendable {
        public var name: String
        public var proposal: KindProposal
        public var profile: ColumnProfile
        public var summary: String
    }

    public var source: String
    public var rowCount: Int
    public var entries: [Entry]
    /// Lines under the title: how a streamed file's figures were made.
    public var notes: [String] = []

    public init(source: String, table: Table) {
        let profiles = Profiler.profile(table)
        let proposals = TypeInference.propose(table, profiles: profiles)
        self.source = source
        rowCount = table.rowCount
        entries = table.columns.indices.map { index in
            Entry(name: table.columns[index].name, proposal: proposals[index], profile: profiles[index],
                  summary: Self.summary(table.columns[index], profiles[index], proposals[index].kind))
        }
    }

    /// A file read as a stream: each column's figures over every row (`StreamedTable.profiles`),
    /// its kind proposed on the reservoir sample, as `doppel plan` proposes it.
    public init(source: String, streamed: StreamedTable) {
        let sample = streamed.reservoir
        let proposals = TypeInference.propose(sample, profiles: Profiler.profile(sample))
        let profiles = streamed.profiles()
        let sources = streamed.marginalSources
        self.source = source
        rowCount = streamed.rowCount
        entries = sample.columns.indices.map { index in
            var summary = Self.summary(sample.columns[index], profiles[index], proposals[index].kind)
            switch sources[index] {
            case .exact: break
            case .sketched: summary += " (quantiles sketched)"
            case .reservoir: summary += " (from the sample)"
            }
            return Entry(name: sample.columns[index].name, proposal: proposals[index], profile: profiles[index], summary: summary)
        }
        let sketched = sources.compactMap { if case .sketched(let error) = $0 { error } else { nil } }.first
        notes = ["read as a stream: every row counted; kinds proposed on a uniform sample of \(sample.rowCount) rows"]
        if let sketched {
            notes.append("columns of more than \(streamed.settings.exactLimit) distinct numbers: quantiles from a sketch, rank error ≤ \(Self.formatNumber(sketched * 100, significant: 2))%, distinct shown as \(streamed.settings.exactLimit + 1) (a lower bound)")
        }
        if sources.contains(.reservoir) {
            notes.append("columns marked \"from the sample\": text of more than \(streamed.settings.exactLimit) distinct values (or of mixed types) is described by the sample, its counts scaled to the file")
        }
    }

    /// A readable table, columns padded to their widest cell.
    public var text: String {
        let header = ["#", "column", "kind", "nulls", "distinct", "summary"]
        let rows: [[String]] = entries.enumerated().map { index, entry in
            [String(index + 1), entry.name, entry.proposal.kind.rawValue,
             Self.percent(entry.profile.nullFraction), String(entry.profile.distinct), entry.summary]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        let rightAligned: Set<Int> = [0, 3, 4]
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                if column == cells.count - 1 { return cell }
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "  ")
        }
        var lines = ["\(source): \(rowCount) rows × \(entries.count) columns"] + notes + [""]
        lines.append(line(header))
        lines.append(contentsOf: rows.map(line))
        return lines.joined(separator: "\n") + "\n"
    }

    private struct JSONColumn: Encodable {
        var name: String
        var kind: String
        var nulls: Int
        var distinct: Int
    }

    private struct JSONReport: Encodable {
        var rows: Int
        var columns: [JSONColumn]
    }

    /// `{"rows": N, "columns": [{"name", "kind", "nulls", "distinct"}, ...]}` on one line.
    public var json: String {
        let report = JSONReport(rows: rowCount, columns: entries.map {
            JSONColumn(name: $0.name, kind: $0.proposal.kind.rawValue, nulls: $0.profile.nulls, distinct: $0.profile.distinct)
        })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        let data = try! encoder.encode(report)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func percent(_ fraction: Double) -> String {
        if fraction == 0 { return "0%" }
        if fraction < 0.001 { return "<0.1%" }
        return formatNumber(fraction * 100, significant: 2) + "%"
    }

    /// A short description of the values: range and mean for numbers, top levels for categories.
    static func summary(_ column: Column, _ profile: ColumnProfile, _ kind: ColumnKind) -> String {
        if profile.validCount == 0 { return "all null" }
        switch kind {
        case .integer, .decimal:
            guard let minimum = profile.minimum, let maximum = profile.maximum, let mean = profile.mean else { return "" }
            let spread = profile.standardDeviation.map { " ± " + formatNumber($0, significant: 3) } ?? ""
            return "\(formatNumber(minimum, significant: 6)) … \(formatNumber(maximum, significant: 6)), mean \(formatNumber(mean, significant: 4))\(spread)"
        case .datetime:
            guard let minimum = profile.minimum, let maximum = profile.maximum,
                  case .datetimes(_, let format) = column.values else { return "" }
            return "\(format.string(from: minimum)) … \(format.string(from: maximum))"
        case .boolean, .categorical:
            let shown = profile.topCategories.prefix(3).map {
                "\($0.value) \(percent(Double($0.count) / Double(profile.validCount)))"
            }
            let more = profile.distinct > 3 ? ", …" : ""
            return shown.joined(separator: ", ") + more
        case .identifier:
            return profile.distinct == profile.validCount ? "unique keys" : "keys, \(profile.validCount - profile.distinct) repeated"
        case .code:
            return "\(profile.distinct) codes, e.g. \(example(profile))"
        case .text:
            return "mean length \(formatNumber(profile.meanLength ?? 0, significant: 3)), e.g. \(example(profile))"
        case .email, .phone, .url, .ip, .uuid, .name:
            return "personal data, e.g. \(example(profile))"
        }
    }

    private static func example(_ profile: ColumnProfile) -> String {
        let value = profile.topCategories.first?.value ?? ""
        // Looks at 24 characters at most, however long the value.
        let head = value.prefix(24)
        return head.endIndex < value.endIndex ? String(value.prefix(23)) + "…" : value
    }

    /// A number with about `significant` significant digits, without exponent for ordinary sizes.
    static func formatNumber(_ value: Double, significant: Int) -> String {
        if value == value.rounded() && value.magnitude < 1e15 { return String(Int64(value)) }
        let magnitude = value.magnitude
        if magnitude >= 1e15 || magnitude < 1e-4 { return String(format: "%.\(max(1, significant - 1))e", value) }
        let integerDigits = magnitude >= 1 ? Int(log10(magnitude).rounded(.down)) + 1 : 0
        let decimals = max(0, significant - integerDigits)
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}
