import Testing
@testable import TerminalUI

@Suite("Display width")
struct DisplayWidthTests {
    @Test("graphemes take the columns a terminal gives them", arguments: [
        ("a", 1), ("界", 2), ("한", 2), ("Ａ", 2), ("ｱ", 1), ("e\u{301}", 1), ("😀", 2), ("❤", 1), ("❤️", 2),
        ("🇩🇪", 2), ("👍🏽", 2), ("👨‍👩‍👧", 2), ("\u{200B}", 0), ("\t", 0), ("\u{301}", 0), ("█", 1), ("⠒", 1), ("…", 1),
    ])
    func graphemeWidth(text: String, width: Int) {
        #expect(text.count == 1)
        #expect(DisplayWidth.of(Character(text)) == width)
    }

    @Test("string width sums grapheme widths")
    func stringWidth() {
        #expect(DisplayWidth.of("Zürich") == 6)
        #expect(DisplayWidth.of("東京 Tokyo") == 10)
        #expect(DisplayWidth.of("a\u{0}b") == 2)
    }

    @Test("the wide table's ranges are sorted and disjoint, so the binary search is sound")
    func wideTableSorted() {
        let ranges = DisplayWidth.wideRanges
        for i in 1..<ranges.count { #expect(ranges[i - 1].upperBound < ranges[i].lowerBound) }
        // The first and last code points of a few ranges, and their neighbours.
        #expect(DisplayWidth.isWide(0x1100) && DisplayWidth.isWide(0x115F) && !DisplayWidth.isWide(0x1160))
        #expect(DisplayWidth.isWide(0x3000) && !DisplayWidth.isWide(0x303F) && DisplayWidth.isWide(0x3041))
        #expect(DisplayWidth.isWide(0x3FFFD) && !DisplayWidth.isWide(0x3FFFE) && !DisplayWidth.isWide(0x10FFFF))
    }

    @Test("truncation keeps whole graphemes and counts the ellipsis")
    func truncation() {
        #expect(DisplayWidth.truncate("Zürich", to: 6) == "Zürich")
        #expect(DisplayWidth.truncate("Zürich", to: 4) == "Zür…")
        // 日本 is four columns; a third wide character would overflow the five.
        #expect(DisplayWidth.truncate("日本語テキスト", to: 5) == "日本…")
        #expect(DisplayWidth.truncate("日本語テキスト", to: 4) == "日…")
        #expect(DisplayWidth.truncate("abcdef", to: 4, ellipsis: "~") == "abc~")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test("padding aligns by columns, not by characters")
    func padding() {
        #expect(DisplayWidth.pad("界", to: 4) == "界  ")
        #expect(DisplayWidth.pad("界", to: 4, alignRight: true) == "  界")
        #expect(DisplayWidth.pad("abcdef", to: 3) == "ab…")
    }
}
