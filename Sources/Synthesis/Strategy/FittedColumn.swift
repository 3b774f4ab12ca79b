import Tabular

/// One column of a plan, fitted: the strategy's model plus the shared options around it.
public struct FittedColumn: Sendable {
    public var name: String
    public var kind: ColumnKind
    public var strategy: String
    public var shape: ValueShape
    public var model: any ColumnModel
    /// Share of nulls to add; nil when the model carries its own nulls.
    public var nullRate: Double?
    public var edgeRate: Double
    /// Numeric edge cases (numeric shapes) or text ones.
    public var edgeNumbers: [Double]
    /// Values are clipped into this range (the real min and max) when set.
    public var clipRange: ClosedRange<Double>?
    /// Values are rounded to this many decimals when set.
    public var roundDigits: Int?
    /// The column holds HHMM clock times (517 is 05:17): values are moved to the nearest valid
    /// time, since a model drawing between real values lands on minutes 60–99 otherwise.
    public var clockHHMM = false

    public init(name: String, kind: ColumnKind, strategy: String, shape: ValueShape, model: any ColumnModel,
                nullRate: Double?, edgeRate: Double, edgeNumbers: [Double], clipRange: ClosedRange<Double>?, roundDigits: Int?) {
        self.name = name
        self.kind = kind
        self.strategy = strategy
        self.shape = shape
        self.model = model
        self.nullRate = nullRate
        self.edgeRate = edgeRate
        self.edgeNumbers = edgeNumbers
        self.clipRange = clipRange
        self.roundDigits = roundDigits
    }

    /// Generates this column for one chunk. Randomness comes from three streams of the chunk —
    /// values, nulls, edge cases — so changing one option leaves the other draws alone.
    public func generate(_ request: GenerationRequest, seed: UInt64, chunk: Int) throws -> SyntheticColumn {
        var valueStream = RandomStream(seed: seed, column: name, chunk: chunk, purpose: .values)
        let output = try steeredOutput(request, random: &valueStream) ?? model.generate(request, random: &valueStream)
        return finish(output, request: request, seed: seed, chunk: chunk)
    }

    /// The shared options applied to a model's output (this column's own model, or its share
    /// of a joint model's output): rounding, clipping, nulls, edge cases, then the shape.
    public func finish(_ output: ModelOutput, request: GenerationRequest, seed: UInt64, chunk: Int) -> SyntheticColumn {
        precondition(output.values.count == request.count, "column \(name): the model made \(output.values.count) values for \(request.count) rows")
        var values = output.values

        if case .numbers(var numbers) = values, clipRange != nil || roundDigits != nil {
            let scale = roundDigits.map(NumberScale.powerOfTen)
            for index in numbers.indices {
                var value = numbers[index]
                if let range = clipRange {
                    // Reflected at the bounds (as differences, which cannot overflow past a
                    // finite bound's own range), then rounded and clamped: clamping alone piles
                    // every value past a bound onto it (a spike at the k-th largest value, a real one).
                    if value > range.upperBound { value = range.upperBound - (value - range.upperBound) }
                    if value < range.lowerBound { value = range.lowerBound + (range.lowerBound - value) }
                }
                if let scale { value = NumberScale.round(value, scale: scale) }
                if let range = clipRange { value = min(max(value, range.lowerBound), range.upperBound) }
                numbers[index] = value
            }
            values = .numbers(numbers)
        }
        if clockHHMM, case .numbers(var numbers) = values {
            for index in numbers.indices { numbers[index] = ClockTime.nearestValid(numbers[index]) }
            values = .numbers(numbers)
        }

        var validity = output.validity ?? NullBitmap(count: request.count, allValid: true)
        if let rate = nullRate, rate > 0 {
            var nullStream = RandomStream(seed: seed, column: name, chunk: chunk, purpose: .nulls)
            for row in 0..<request.count where nullStream.nextUnit() < rate { validity.set(row, valid: false) }
        }
        if edgeRate > 0 {
            var edgeStream = RandomStream(seed: seed, column: name, chunk: chunk, purpose: .edgeCases)
            values = mixEdgeCases(values, validity: &validity, count: request.count, random: &edgeStream)
        }
        return shape.column(from: values, validity: validity)
    }

    private func mixEdgeCases(_ values: GeneratedValues, validity: inout NullBitmap, count: Int, random: inout RandomStream) -> GeneratedValues {
        var rows: [Int] = []
        for row in 0..<count where random.nextUnit() < edgeRate { rows.append(row) }
        guard !rows.isEmpty else { return values }
        switch values {
        case .numbers(var numbers) where !edgeNumbers.isEmpty:
            for row in rows {
                numbers[row] = edgeNumbers[random.nextIndex(edgeNumbers.count)]
                validity.set(row, valid: true)
            }
            return .numbers(numbers)
        case .codes(var codes, var levels) where shape == .text:
            let first = UInt32(levels.count)
            levels += EdgeCases.texts
            for row in rows {
                codes[row] = first + UInt32(random.nextIndex(EdgeCases.texts.count))
                validity.set(row, valid: true)
            }
            return .codes(codes, levels: levels)
        case .texts(var texts) where shape == .text:
            for row in rows {
                texts[row] = EdgeCases.texts[random.nextIndex(EdgeCases.texts.count)]
                validity.set(row, valid: true)
            }
            return .texts(texts)
        default:
            return values
        }
    }
}

enum NumberScale {
    /// 10^digits; infinite from 10^309 on (a precision finer than any Double can hold).
    static func powerOfTen(_ digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<max(0, min(digits, 400)) { scale *= 10 }
        return scale
    }

    /// `value` rounded to a multiple of 1/scale (scale = 10^digits). Values already that precise
    /// come back unchanged: when value·scale reaches 2^52 it is a whole number, and dividing back
    /// could only lose bits — or, when it overflows, give infinity (1.8e308 rounded to one
    /// decimal) or, with a scale past Double's range, 0 (a subnormal such as 4.9e-324).
    @inline(__always)
    static func round(_ value: Double, scale: Double) -> Double {
        let scaled = value * scale
        guard scaled.magnitude < 0x1p52 else { return value }
        return scaled.rounded() / scale
    }
}
