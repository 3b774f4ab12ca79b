import Tabular

/// Made-up values from word lists shipped in the binary: names, addresses, companies, emails,
/// phones, web and IP addresses, UUIDs, card numbers, IBANs, dates and text. Nothing is fitted;
/// with a real column, only its look is learned (phone layouts, name layout, date range, text
/// length, IPv6 share), never a value.
public enum FakeStrategy: GenerationStrategy {
    public static let descriptor = StrategyDescriptor(
        id: "fake", family: .synthetic,
        help: "Made-up names, addresses, emails, phones, IDs, dates or text from built-in lists",
        supportedKinds: ColumnKind.textual.union([.datetime]),
        parameters: [
            ParameterSpec("provider", .choice(FakeProvider.allCases.map(\.rawValue)), default: "name", help: "What to make up"),
            ParameterSpec("first_name_column", .text, default: "", help: "email: the column holding each row's given name"),
            ParameterSpec("last_name_column", .text, default: "", help: "email: the column holding each row's family name"),
            ParameterSpec("name_column", .text, default: "", help: "email: the column holding each row's full name"),
            ParameterSpec("start", .text, default: "", help: "date: the first day, yyyy-MM-dd (empty: the real column's, else 2000-01-01)"),
            ParameterSpec("end", .text, default: "", help: "date: the last day, yyyy-MM-dd (empty: the real column's, else 2030-12-31)"),
            ParameterSpec("learn_from_source", .boolean, default: true,
                          help: "Copy the real column's look (phone layouts, name layout, date range, text length); false keeps nothing from it"),
        ],
        // Layout shares, a date range and word-count quantiles: summary statistics at most.
        exposure: .statistics, needsSourceColumn: false)

    public struct Model: ColumnModel {
        public var provider: FakeProvider
        /// email: where each row's name comes from, when it comes from other columns.
        var nameColumns: EmailNameColumns?
        var nameLayout: NameLayout?
        var phoneLayouts: PhoneLayouts?
        var ipv6Share: Double?
        var dateRange: FakeDateRange?
        var textLength: TextLength?
        /// date: true when the column is text, so dates are written as `yyyy-MM-dd`.
        var datesAsText: Bool
        /// True when something was learned from the real column.
        var learned: Bool

        public var exposure: RealValueExposure { learned ? .statistics : .none }
        public var dependencies: [String] { nameColumns?.columns ?? [] }

        public func generate(_ request: GenerationRequest, random: inout RandomStream) throws -> ModelOutput {
            if provider == .date {
                let range = dateRange ?? FakeDateRange(lower: FakeDateRange.defaultLower, upper: FakeDateRange.defaultUpper, step: 86_400)
                let seconds = (0..<request.count).map { _ in range.draw(&random) }
                return ModelOutput(datesAsText ? .texts(seconds.map { DateTimeFormat.isoDate.string(from: $0) }) : .numbers(seconds))
            }
            let names = nameColumns.map { $0.resolve(request) }
            var texts: [String] = []
            texts.reserveCapacity(request.count)
            for row in 0..<request.count {
                texts.append(value(row: row, names: names, &random))
            }
            return ModelOutput(.texts(texts))
        }

        private func value(row: Int, names: EmailNameColumns.Resolved?, _ random: inout RandomStream) -> String {
            switch provider {
            case .firstName: return FakePeople.firstName(&random)
            case .lastName: return FakePeople.lastName(&random)
            case .name: return FakePeople.name(nameLayout, &random)
            case .email:
                let (first, last) = names?.name(at: row) ?? (nil, nil)
                return FakeWeb.email(first: first, last: last, &random)
            case .phone: return FakePhone.phone(phoneLayouts, &random)
            case .streetAddress: return FakePlaces.streetAddress(&random)
            case .city: return FakePlaces.city(&random)
            case .country: return FakePlaces.country(&random)
            case .company: return FakeCompanies.company(&random)
            case .url: return FakeWeb.url(&random)
            case .ipv4: return FakeWeb.ipv4(&random)
            case .ipv6: return FakeWeb.ipv6(&random)
            case .ip: return random.chance(ipv6Share ?? 0.2) ? FakeWeb.ipv6(&random) : FakeWeb.ipv4(&random)
            case .uuid: return FakeIdentifiers.uuid(&random)
            case .creditCard: return FakeIdentifiers.creditCard(&random)
            case .iban: return FakeIdentifiers.iban(&random)
            case .text: return FakeText.text(textLength, &random)
            case .date: preconditionFailure("dates are generated as numbers")
            }
        }
    }

    public static func fit(_ input: FitInput) throws -> Model {
        let provider = FakeProvider(rawValue: input.parameters.text("provider") ?? "name") ?? .name
        switch input.shape {
        case .text:
            break
        case .datetime:
            guard provider == .date else {
                throw PlanError.at(column: input.columnName, "fake provider '\(provider.rawValue)' makes text, but the column holds dates; use provider 'date'")
            }
        case .integer, .decimal, .boolean:
            throw PlanError.at(column: input.columnName, "the fake strategy makes text or dates, but the column holds \(input.shape.isBoolean ? "true/false values" : "numbers")")
        }
        var model = Model(provider: provider, datesAsText: provider == .date && input.shape == .text, learned: false)
        model.nameColumns = try EmailNameColumns(input.parameters, provider: provider)
        try rejectDateParameters(input.parameters, unless: provider == .date)

        // What the real column can teach: its look, as proportions and ranges only.
        let source = input.parameters.bool("learn_from_source") ? input.column : nil
        let levels = source.flatMap { column -> LevelCounts? in
            guard case .strings = column.values, [.name, .phone, .ip, .text].contains(provider) else { return nil }
            return LevelCounts(column)
        }
        switch provider {
        case .name:
            model.nameLayout = levels.flatMap { NameLayout(levels: $0.levels, counts: $0.counts) }
            model.learned = model.nameLayout != nil
        case .phone:
            model.phoneLayouts = levels.flatMap { PhoneLayouts(levels: $0.levels, counts: $0.counts) }
            model.learned = model.phoneLayouts != nil
        case .ip:
            model.ipv6Share = levels.flatMap { FakeWeb.ipv6Share(levels: $0.levels, counts: $0.counts) }
            model.learned = model.ipv6Share != nil
        case .text:
            model.textLength = levels.flatMap { TextLength(levels: $0.levels, counts: $0.counts) }
            model.learned = model.textLength != nil
        case .date:
            let (range, learned) = try dateRange(input, source: source)
            model.dateRange = range
            model.learned = learned
        default:
            break
        }
        return model
    }

    /// The date range from `start`/`end`, else the real column's, else 2000-01-01 … 2030-12-31.
    private static func dateRange(_ input: FitInput, source: Column?) throws -> (FakeDateRange, learned: Bool) {
        var withTime = false
        if case .datetime(let format) = input.shape { withTime = format.hasTime }
        func parameterDate(_ name: String) throws -> Double? {
            guard let text = input.parameters.text(name), !text.isEmpty else { return nil }
            guard let seconds = DateTimeFormat.isoDate.parse(text) else {
                throw ParameterError(column: input.columnName, parameter: name, value: text, allowed: "a date written yyyy-MM-dd")
            }
            return seconds
        }
        let start = try parameterDate("start")
        let end = try parameterDate("end")
        var observed: ClosedRange<Double>?
        if start == nil || end == nil, let source, case .datetimes(let values, _) = source.values {
            var low = Double.infinity
            var high = -Double.infinity
            for row in 0..<source.count where source.validity.isValid(row) && values[row].isFinite {
                low = min(low, values[row])
                high = max(high, values[row])
            }
            if low <= high { observed = low...high }
        }
        let lower = start ?? observed?.lowerBound ?? FakeDateRange.defaultLower
        // A given end day is included whole when the layout shows times.
        let upper = end.map { withTime ? $0 + 86_399 : $0 } ?? observed?.upperBound ?? FakeDateRange.defaultUpper
        guard lower <= upper else {
            let (name, value) = end != nil ? ("end", input.parameters.text("end")!) : ("start", input.parameters.text("start")!)
            throw ParameterError(column: input.columnName, parameter: name, value: value,
                                 allowed: "a date range whose start (\(DateTimeFormat.isoDate.string(from: lower))) is not after its end (\(DateTimeFormat.isoDate.string(from: upper)))")
        }
        let learned = observed != nil
        return (FakeDateRange(lower: lower, upper: upper, step: withTime ? 1 : 86_400), learned)
    }

    private static func rejectDateParameters(_ parameters: ResolvedParameters, unless allowed: Bool) throws {
        guard !allowed else { return }
        for name in ["start", "end"] {
            if let text = parameters.text(name), !text.isEmpty {
                throw ParameterError(column: parameters.column, parameter: name, value: text, allowed: "empty unless provider is date")
            }
        }
    }
}

/// The columns an email reads its row's name from: a given and a family name column, or one
/// full-name column. Their synthetic values are generated first (`dependencies`).
struct EmailNameColumns: Codable, Hashable, Sendable {
    var first: String?
    var last: String?
    var full: String?

    var columns: [String] { [first, last, full].compactMap { $0 } }

    /// Nil when no column is named; an error when one is named for another provider, or when a
    /// full-name column is mixed with the separate ones.
    init?(_ parameters: ResolvedParameters, provider: FakeProvider) throws {
        func column(_ name: String) -> String? {
            guard let text = parameters.text(name), !text.isEmpty else { return nil }
            return text
        }
        first = column("first_name_column")
        last = column("last_name_column")
        full = column("name_column")
        let named = [("first_name_column", first), ("last_name_column", last), ("name_column", full)].filter { $0.1 != nil }
        guard let (parameter, value) = named.first else { return nil }
        guard provider == .email else {
            throw ParameterError(column: parameters.column, parameter: parameter, value: value!, allowed: "empty unless provider is email")
        }
        if full != nil && (first != nil || last != nil) {
            throw ParameterError(column: parameters.column, parameter: "name_column", value: full!,
                                 allowed: "empty when first_name_column or last_name_column is set")
        }
    }

    /// The named columns of this chunk, from the values generated before this one.
    struct Resolved {
        var first: SyntheticColumn?
        var last: SyntheticColumn?
        var full: SyntheticColumn?

        func name(at row: Int) -> (String?, String?) {
            if let full {
                guard let text = full.text(at: row) else { return (nil, nil) }
                return FakeWeb.split(fullName: text)
            }
            return (first?.text(at: row), last?.text(at: row))
        }
    }

    func resolve(_ request: GenerationRequest) -> Resolved {
        Resolved(first: first.flatMap { request.generated[$0] }, last: last.flatMap { request.generated[$0] },
                 full: full.flatMap { request.generated[$0] })
    }
}

private extension ValueShape {
    var isBoolean: Bool {
        if case .boolean = self { return true }
        return false
    }
}
