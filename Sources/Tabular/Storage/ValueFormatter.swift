/// Writes values as text the way the source wrote them: integers in their style, decimals in the
/// shortest form that reads back to the same Double, datetimes in their layout, booleans in
/// their spelling. Appends UTF-8 bytes, so the CSV writer never makes a String per value.
public enum ValueFormatter {
    /// Appends the text of a non-null row.
    @inline(__always)
    public static func append(_ values: ColumnValues, row: Int, to output: inout [UInt8]) {
        switch values {
        case .integers(let numbers, let style):
            appendInteger(numbers[row], to: &output)
            if style.trailingZeroDigits > 0 {
                output.append(UInt8(ascii: "."))
                for _ in 0..<style.trailingZeroDigits { output.append(UInt8(ascii: "0")) }
            }
        case .decimals(let numbers, _):
            appendDecimal(numbers[row], to: &output)
        case .booleans(let flags, let style):
            output.append(contentsOf: (flags[row] ? style.trueToken : style.falseToken).utf8)
        case .datetimes(let seconds, let format):
            format.format(seconds[row], into: &output)
        case .strings(let codes, let levels):
            output.append(contentsOf: levels[Int(codes[row])].utf8)
        }
    }

    @inline(__always)
    public static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        if magnitude < 10 {
            output.append(UInt8(ascii: "0") + UInt8(magnitude))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var count = 0
            while magnitude > 0 {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            while count > 0 {
                count -= 1
                output.append(digits[count])
            }
        }
    }

    /// Shortest round-trip text of a Double.
    ///
    /// Most data has few decimals: for those, the first k in 0...9 for which
    /// `round(x·10^k) / 10^k == x` gives the shortest fixed-point digits, and that division is
    /// exactly what the reader computes, so the text reads back to x. Everything else falls back
    /// to Swift's own shortest representation (`description`), which is correct but slower.
    @inline(__always)
    public static func appendDecimal(_ value: Double, to output: inout [UInt8]) {
        if value.isFinite && value.magnitude < 1e15 && value.magnitude >= 1e-4 {
            let powers = NumberParser.exactPowersOfTen
            for places in 0...9 {
                let scaled = (value * powers[places]).rounded()
                guard scaled.magnitude < 9_007_199_254_740_992 else { break }
                if scaled / powers[places] == value {
                    appendFixedPoint(Int64(scaled), places: places, to: &output)
                    return
                }
            }
        }
        if value == 0 {
            output.append(contentsOf: value.sign == .minus ? Array("-0.0".utf8) : Array("0.0".utf8))
            return
        }
        output.append(contentsOf: value.description.utf8)
    }

    /// `digits` with a decimal point `places` from the right; whole numbers get `.0` so that they
    /// still read as decimals.
    private static func appendFixedPoint(_ digits: Int64, places: Int, to output: inout [UInt8]) {
        if places == 0 {
            appendInteger(digits, to: &output)
            output.append(UInt8(ascii: "."))
            output.append(UInt8(ascii: "0"))
            return
        }
        if digits < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = digits.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var count = 0
            for _ in 0..<places {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            buffer[count] = UInt8(ascii: ".")
            count += 1
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            while count > 0 {
                count -= 1
                output.append(buffer[count])
            }
        }
    }
}
