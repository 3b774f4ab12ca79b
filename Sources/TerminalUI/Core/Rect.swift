/// A rectangle of terminal cells: origin column `x`, row `y`, and its size.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int = 0, y: Int = 0, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var left: Int { x }
    public var top: Int { y }
    /// One past the last column.
    public var right: Int { x + width }
    /// One past the last row.
    public var bottom: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var description: String { "Rect(x: \(x), y: \(y), width: \(width), height: \(height))" }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= left && px < right && py >= top && py < bottom
    }

    /// The cells both rectangles cover (empty, at `self`'s origin, when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let l = max(left, other.left), t = max(top, other.top)
        let r = min(right, other.right), b = min(bottom, other.bottom)
        guard r > l, b > t else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: l, y: t, width: r - l, height: b - t)
    }

    /// The rectangle shrunk by `horizontal` columns on both sides and `vertical` rows at top and bottom.
    public func inset(horizontal: Int = 0, vertical: Int = 0) -> Rect {
        Rect(x: x + horizontal, y: y + vertical, width: width - 2 * horizontal, height: height - 2 * vertical)
    }

    /// One row of this rectangle (`offset` rows down); empty when outside.
    public func row(_ offset: Int) -> Rect {
        guard offset >= 0, offset < height else { return Rect(x: x, y: y + max(0, offset), width: width, height: 0) }
        return Rect(x: x, y: y + offset, width: width, height: 1)
    }

    /// Consecutive bands of the given heights, top to bottom, each clipped to this rectangle.
    public func splitRows(_ heights: [Int]) -> [Rect] {
        var top = y
        return heights.map { h in
            let band = Rect(x: x, y: top, width: width, height: max(0, min(h, bottom - top)))
            top += max(0, h)
            return band
        }
    }

    /// Consecutive bands of the given widths, left to right, each clipped to this rectangle.
    public func splitColumns(_ widths: [Int]) -> [Rect] {
        var left = x
        return widths.map { w in
            let band = Rect(x: left, y: y, width: max(0, min(w, right - left)), height: height)
            left += max(0, w)
            return band
        }
    }
}
