import Synthesis
import Tabular
import TerminalUI

/// Pickers and the parameter form, drawn in a box over the page.
enum OverlayView {
    /// A framed box centred on the screen; returns its inside.
    static func box(title: String, width: Int, height: Int, state: WorkbenchState, into buffer: inout Buffer) -> Rect {
        let w = min(width, state.width), h = min(height, max(3, state.height - 2))
        let area = Rect(x: (state.width - w) / 2, y: max(1, (state.height - h) / 2), width: w, height: h)
        buffer.fill(area, with: .blank)
        let ascii = state.palette.isASCII
        let horizontal = ascii ? "-" : "─"
        let vertical = ascii ? "|" : "│"
        let corners = ascii ? ["+", "+", "+", "+"] : ["┌", "┐", "└", "┘"]
        let style = state.palette.muted
        buffer.set(area.x, area.y, corners[0] + String(repeating: horizontal, count: max(0, w - 2)) + corners[1], style)
        buffer.set(area.x, area.bottom - 1, corners[2] + String(repeating: horizontal, count: max(0, w - 2)) + corners[3], style)
        for y in (area.y + 1)..<max(area.y + 1, area.bottom - 1) {
            buffer.set(area.x, y, vertical, style)
            buffer.set(area.right - 1, y, vertical, style)
        }
        let text = " " + DisplayWidth.truncate(state.palette.text(title), to: max(0, w - 6), ellipsis: state.palette.glyphs.ellipsis) + " "
        buffer.set(area.x + 2, area.y, text, state.palette.title)
        return area.inset(horizontal: 2, vertical: 1)
    }

    static func strategyPicker(_ picker: ListPicker, _ state: WorkbenchState, into buffer: inout Buffer) {
        let column = state.document?.plan.column(named: picker.column)
        let selected = picker.items.indices.contains(picker.selected) ? StrategyRegistry.strategy(id: picker.items[picker.selected])?.descriptor : nil
        // The list's lines are cut to the box; the highlighted strategy's description is whole below.
        var about = selected.map { Workbench.wrap(state.palette.text($0.help), width: max(1, min(76, state.width) - 4)) } ?? []
        // A member its joint model draws itself: said before choosing, not only after.
        if let plan = state.document?.plan, let membership = JointMembership.of(picker.column, in: plan), membership.drawnBy != nil {
            let note = "J: \(membership.group.model) draws \(picker.column) itself, so a fitted strategy is refused; "
                + "a made-up or derived one takes it out of the group"
            about = Workbench.wrap(state.palette.ui(note), width: max(1, min(76, state.width) - 4)) + about
        }
        let inner = box(title: "strategy for \(picker.column) (\(column?.kind.rawValue ?? "?"))", width: 76,
                        height: picker.items.count + 5 + about.count, state: state, into: &buffer)
        let idWidth = max(10, picker.items.map(\.count).max() ?? 10)
        let visible = max(1, inner.height - 2 - about.count)
        let top = max(0, min(picker.selected - visible + 1, picker.items.count - visible))
        for (offset, index) in (top..<min(picker.items.count, top + visible)).enumerated() {
            let id = picker.items[index]
            let descriptor = StrategyRegistry.strategy(id: id)?.descriptor
            let mark = id == column?.strategy ? (state.palette.isASCII ? "*" : "●") : " "
            let line = "\(mark) " + DisplayWidth.pad(id, to: idWidth) + "  " + (descriptor?.help ?? "")
            let style: Style = index == picker.selected ? Style(modifiers: .reverse) : .plain
            buffer.set(inner.x, inner.y + offset, DisplayWidth.pad(line, to: inner.width, ellipsis: state.palette.glyphs.ellipsis),
                       style, within: inner)
        }
        for (offset, line) in about.enumerated() {
            buffer.set(inner.x, inner.bottom - 1 - about.count + offset, line, .plain, within: inner)
        }
        if let descriptor = selected {
            let note = "\(descriptor.family.rawValue); its model keeps: \(descriptor.exposure.rawValue)"
            buffer.set(inner.x, inner.bottom - 1, DisplayWidth.truncate(note, to: inner.width), state.palette.muted, within: inner)
        }
    }

    static func kindPicker(_ picker: ListPicker, _ state: WorkbenchState, into buffer: inout Buffer) {
        let inner = box(title: "kind of \(picker.column)", width: 40, height: picker.items.count + 3, state: state, into: &buffer)
        let current = state.document?.plan.column(named: picker.column)?.kind.rawValue
        let visible = max(1, inner.height)
        let top = max(0, min(picker.selected - visible + 1, picker.items.count - visible))
        for (offset, index) in (top..<min(picker.items.count, top + visible)).enumerated() {
            let kind = picker.items[index]
            let mark = kind == current ? (state.palette.isASCII ? "*" : "●") : " "
            let style: Style = index == picker.selected ? Style(modifiers: .reverse) : .plain
            buffer.set(inner.x, inner.y + offset, DisplayWidth.pad("\(mark) \(kind)", to: inner.width), style, within: inner)
        }
    }

    static func form(_ form: ParameterForm, _ state: WorkbenchState, into buffer: inout Buffer) {
        let palette = state.palette
        let nameWidth = max(8, form.fields.map { $0.spec.name.count }.max() ?? 8)
        let valueWidth = 18
        // Help, allowed values and errors wrap: none is cut, whatever the width.
        let innerWidth = max(1, min(76, state.width) - 4)
        let errorWidth = max(1, innerWidth - nameWidth - 3)
        let errorLines = form.fields.map { field in field.error.map { Workbench.wrap(palette.text($0), width: errorWidth) } ?? [] }
        let spec = form.fields.indices.contains(form.selected) ? form.fields[form.selected].spec : nil
        let helpLines = spec.map { Workbench.wrap(palette.text($0.help), width: innerWidth) } ?? []
        let allowedLines = spec.map { Workbench.wrap("allowed: " + palette.text($0.allowedDescription), width: innerWidth) } ?? []
        let footer = helpLines.count + allowedLines.count
        let membership = state.document.flatMap { JointMembership.of(form.column, in: $0.plan) }
        let inner = box(title: "parameters of \(form.strategy) for \(form.column)", width: 76,
                        height: form.fields.count + errorLines.map(\.count).reduce(0, +) + footer + 3, state: state, into: &buffer)
        var y = inner.y
        for (index, field) in form.fields.enumerated() {
            guard y < inner.bottom - footer else { break }
            let selected = index == form.selected
            let isChoice = ParameterForm.isChoice(field.spec)
            let shown = field.text.isEmpty ? field.spec.defaultValue.displayText : field.text
            let value = isChoice ? "‹ \(shown) ›" : shown + (selected ? (palette.isASCII ? "_" : "▏") : "")
            let valueText = palette.isASCII ? value.replacingOccurrences(of: "‹", with: "<").replacingOccurrences(of: "›", with: ">") : value
            buffer.set(inner.x, y, (selected ? "> " : "  ") + DisplayWidth.pad(field.spec.name, to: nameWidth), selected ? palette.title : .plain, within: inner)
            let valueStyle: Style = field.error != nil ? palette.bad.adding(.underline)
                : field.text.isEmpty ? palette.muted.adding(.underline) : Style(modifiers: .underline)
            buffer.set(inner.x + nameWidth + 3, y, DisplayWidth.pad(valueText, to: valueWidth, ellipsis: palette.glyphs.ellipsis), valueStyle, within: inner)
            // A joint member's parameters that its model does not use say so, before any edit.
            let note = membership?.applies(field.spec.name) == false ? "not used in the joint group"
                : field.text.isEmpty ? "default" : ""
            buffer.set(inner.x + nameWidth + 4 + valueWidth, y, DisplayWidth.truncate(note, to: max(0, inner.right - (inner.x + nameWidth + 4 + valueWidth))),
                       palette.muted, within: inner)
            y += 1
            for line in errorLines[index] where y < inner.bottom - footer {
                buffer.set(inner.x + nameWidth + 3, y, line, palette.bad, within: inner)
                y += 1
            }
        }
        var footerY = max(inner.y, inner.bottom - footer)
        for (line, style) in helpLines.map({ ($0, Style.plain) }) + allowedLines.map({ ($0, palette.muted) }) {
            buffer.set(inner.x, footerY, line, style, within: inner)
            footerY += 1
        }
    }

    /// `c`: a cell's whole value, wrapped at the box's width (every character kept: long words
    /// and emails break mid-word rather than being cut).
    static func cell(_ view: CellView, _ state: WorkbenchState, into buffer: inout Buffer) {
        let palette = state.palette
        let width = min(76, max(20, state.width - 4))
        let innerWidth = width - 4
        var lines: [(String, Style)] = []
        for (side, text) in view.values {
            if view.values.count > 1 { lines.append((side, palette.title)) }
            guard let text else {
                lines.append((palette.ui("· (null or not generated)"), palette.muted))
                continue
            }
            for line in Workbench.wrapCharacters(palette.text(text), width: innerWidth) { lines.append((line, .plain)) }
        }
        let title = "\(view.column), row \(view.row)" + (view.values.count == 1 ? " (\(view.values[0].side))" : "")
        let inner = box(title: title, width: width, height: lines.count + 2, state: state, into: &buffer)
        for (offset, (line, style)) in lines.prefix(inner.height).enumerated() {
            buffer.set(inner.x, inner.y + offset, line, style, within: inner)
        }
    }


    /// The `:` palette's matches, above the prompt line.
    static func paletteMatches(_ prompt: Prompt, _ state: WorkbenchState, into buffer: inout Buffer) {
        let room = max(0, min(10, state.height - 3))
        // Each match's help wraps under itself (none is cut); matches that do not fit are left
        // for the arrows and more typing.
        let matches = CommandTable.paletteMatches(prompt.text)
        var rows = paletteRows(matches, from: 0, prompt: prompt, room: room, state)
        if !rows.shown.contains(prompt.selected) {
            // The highlighted match is further down: the list starts at it.
            rows = paletteRows(matches, from: prompt.selected, prompt: prompt, room: room, state)
        }
        guard !rows.lines.isEmpty else { return }
        let top = state.height - 1 - rows.lines.count
        for (offset, (line, style)) in rows.lines.enumerated() {
            let row = Rect(x: 0, y: top + offset, width: state.width, height: 1)
            buffer.fill(row, with: .blank)
            buffer.set(0, top + offset, DisplayWidth.pad(line, to: state.width), style)
        }
    }

    /// The palette's lines from match `first` on, as many whole matches as fit in `room`.
    private static func paletteRows(_ matches: [CommandBinding], from first: Int, prompt: Prompt, room: Int,
                                    _ state: WorkbenchState) -> (lines: [(String, Style)], shown: Range<Int>) {
        let nameWidth = 14, keyWidth = 10
        var rows: [(String, Style)] = []
        var end = first
        for offset in first..<max(first, matches.count) {
            let binding = matches[offset]
            let keys = binding.keyLabels(ascii: state.palette.isASCII).joined(separator: " ")
            let name = DisplayWidth.pad(binding.name, to: nameWidth)
            let line = " " + name + (name.hasSuffix(" ") ? "" : " ") + DisplayWidth.pad(keys, to: keyWidth) + binding.help
            let lines = Workbench.wrapHanging(line, indent: 1 + nameWidth + keyWidth, width: max(1, state.width))
            guard rows.count + lines.count <= room else { break }
            let style: Style = offset == prompt.selected ? Style(modifiers: .reverse) : state.palette.muted.adding(.reverse)
            rows += lines.map { ($0, style) }
            end = offset + 1
        }
        return (rows, first..<end)
    }
}
