#!/usr/bin/env python3
"""Screenshot a real terminal program as a PNG.

Runs COMMAND in a detached tmux session of the given size (on a private tmux
server, so parallel runs never collide), optionally sends keys, captures the
pane with its colours (`tmux capture-pane -e`), replays that into a `pyte`
screen and draws every cell with Pillow in DejaVu Sans Mono on a dark theme.

Usage:
    python3 scripts/tmux_screenshot.py --out screenshots/NAME.png \\
        [--width 120 --height 36] [--keys KEY ...] [--wait SECONDS] \\
        -- COMMAND [ARGS...]

Example (the prompt line shows the command):
    python3 scripts/tmux_screenshot.py --out screenshots/inspect-penguins.png \\
        --width 100 --height 14 -- \\
        sh -c 'echo "$ doppel inspect penguins.csv"; \\
               .build-shot/release/doppel inspect ../shared/data/penguins.csv'

The pane stays open after COMMAND exits (it is followed by a long `sleep`),
so its output can be captured. The first wait ends early once COMMAND exits.
Keys use tmux send-keys syntax (`Down`, `Enter`, `C-c`, `q`, ...), one per
argument, each followed by --key-delay seconds. For programs that keep running
(the workbench), --wait-for TEXT waits until TEXT is shown before the keys, and
--wait-gone TEXT until a busy indicator is gone before the keys and the capture.

Needs: tmux, and the Python packages pyte and Pillow
(`apt-get install -y tmux fonts-dejavu-core; pip install pyte Pillow`).
"""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata

try:
    import pyte
except ImportError:  # pragma: no cover - depends on the machine
    pyte = None
try:
    from PIL import Image, ImageDraw, ImageFont
except ImportError:  # pragma: no cover - depends on the machine
    Image = None

FONT_DIR = "/usr/share/fonts/truetype/dejavu"
FONT_REGULAR = os.path.join(FONT_DIR, "DejaVuSansMono.ttf")
FONT_BOLD = os.path.join(FONT_DIR, "DejaVuSansMono-Bold.ttf")
FONT_ITALIC = os.path.join(FONT_DIR, "DejaVuSansMono-Oblique.ttf")
FONT_BOLD_ITALIC = os.path.join(FONT_DIR, "DejaVuSansMono-BoldOblique.ttf")
# Tried, in order, for characters DejaVu Sans Mono lacks (CJK, emoji, ...).
FALLBACK_FONTS = [
    os.path.join(FONT_DIR, "DejaVuSans.ttf"),
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansMonoCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansSymbols2-Regular.ttf",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
    "/usr/share/fonts/truetype/unifont/unifont.ttf",
    "/usr/share/fonts/opentype/unifont/unifont.otf",
]

# Dark theme.
DEFAULT_FG = (0xD4, 0xD4, 0xD4)
DEFAULT_BG = (0x16, 0x18, 0x1D)
# The 16 ANSI colours, by the names pyte uses (it calls yellow "brown").
ANSI16 = [
    ("black", (0x3F, 0x44, 0x51)),
    ("red", (0xE0, 0x6C, 0x75)),
    ("green", (0x98, 0xC3, 0x79)),
    ("brown", (0xE5, 0xC0, 0x7B)),
    ("blue", (0x61, 0xAF, 0xEF)),
    ("magenta", (0xC6, 0x78, 0xDD)),
    ("cyan", (0x56, 0xB6, 0xC2)),
    ("white", (0xAB, 0xB2, 0xBF)),
    ("brightblack", (0x5C, 0x63, 0x70)),
    ("brightred", (0xFF, 0x7B, 0x86)),
    ("brightgreen", (0xB5, 0xE8, 0x90)),
    ("brightbrown", (0xFF, 0xD6, 0x8A)),
    ("brightblue", (0x7C, 0xC5, 0xFF)),
    ("brightmagenta", (0xDE, 0x95, 0xF5)),
    ("brightcyan", (0x6F, 0xD3, 0xDF)),
    ("brightwhite", (0xFF, 0xFF, 0xFF)),
]
NAMED_COLOURS = dict(ANSI16)
NAMED_COLOURS["yellow"] = NAMED_COLOURS["brown"]
NAMED_COLOURS["brightyellow"] = NAMED_COLOURS["brightbrown"]
# pyte reports 256-colour indices 0..15 as xterm's hex values: theme them too.
XTERM16_HEX = [
    "000000", "cd0000", "00cd00", "cdcd00", "0000ee", "cd00cd", "00cdcd", "e5e5e5",
    "7f7f7f", "ff0000", "00ff00", "ffff00", "5c5cff", "ff00ff", "00ffff", "ffffff",
]
HEX_TO_THEME = {h: rgb for h, (_, rgb) in zip(XTERM16_HEX, ANSI16)}


def die(message):
    print(f"tmux_screenshot: {message}", file=sys.stderr)
    sys.exit(2)


def check_dependencies():
    missing = []
    if shutil.which("tmux") is None:
        missing.append("tmux (apt-get install -y tmux)")
    if pyte is None:
        missing.append("pyte (pip install pyte)")
    if Image is None:
        missing.append("Pillow (pip install Pillow)")
    if missing:
        die("missing: " + "; ".join(missing))


def parse_args(argv):
    if "--" in argv:
        split = argv.index("--")
        own, command = argv[:split], argv[split + 1:]
    else:
        own, command = argv, []
    parser = argparse.ArgumentParser(
        prog="tmux_screenshot.py",
        description="Run COMMAND in tmux and save the terminal as a PNG.",
        usage="%(prog)s --out FILE.png [options] -- COMMAND [ARGS...]",
    )
    parser.add_argument("--out", required=True, help="PNG file to write")
    parser.add_argument("--width", type=int, default=120, help="columns (default 120)")
    parser.add_argument("--height", type=int, default=36, help="rows (default 36)")
    parser.add_argument("--keys", nargs="+", action="extend", default=[], metavar="KEY",
                        help="keys to send, in tmux send-keys syntax, one per argument")
    parser.add_argument("--wait", type=float, default=3.0,
                        help="seconds to wait before sending keys / capturing; ends early "
                             "when COMMAND exits (default 3)")
    parser.add_argument("--key-delay", type=float, default=0.4,
                        help="seconds to wait after each key (default 0.4)")
    parser.add_argument("--wait-for", action="append", default=[], metavar="TEXT",
                        help="before the keys and again before capturing, wait (up to --wait "
                             "seconds) until TEXT is on the screen; repeatable")
    parser.add_argument("--wait-gone", action="append", default=[], metavar="TEXT",
                        help="likewise, wait until TEXT is not on the screen (e.g. a busy "
                             "indicator); repeatable")
    parser.add_argument("--font-size", type=int, default=15, help="font size in px (default 15)")
    parser.add_argument("--padding", type=int, default=14, help="margin in px (default 14)")
    parser.add_argument("--trim", action="store_true",
                        help="drop empty rows at the bottom of the screen")
    parser.add_argument("--cursor", action="store_true", help="draw the cursor")
    parser.add_argument("--term", default="tmux-256color",
                        help="TERM inside tmux (default tmux-256color)")
    args = parser.parse_args(own)
    if not command:
        parser.error("no COMMAND given after --")
    if args.width < 2 or args.height < 1:
        parser.error("--width/--height too small")
    args.command = command
    return args


# --------------------------------------------------------------------------- tmux

class Tmux:
    """A private tmux server (its own socket in a temp dir) with one session."""

    def __init__(self, width, height, term):
        self.tmpdir = tempfile.mkdtemp(prefix="tmux-shot-")
        self.socket = os.path.join(self.tmpdir, "socket")  # removed with tmpdir
        self.session = f"doppel-shot-{os.getpid()}"
        self.done_file = os.path.join(self.tmpdir, "done")
        self.config = os.path.join(self.tmpdir, "tmux.conf")
        with open(self.config, "w") as f:
            f.write("set -g status off\n")
            f.write(f"set -g default-terminal {term}\n")
            f.write("set -g history-limit 0\n")
        self.width, self.height = width, height

    def run(self, *args, check=True, capture=False):
        cmd = ["tmux", "-u", "-S", self.socket, "-f", self.config, *args]
        result = subprocess.run(cmd, stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
                                stderr=subprocess.PIPE, check=False)
        if check and result.returncode != 0:
            die(f"{shlex.join(cmd)} failed: {result.stderr.decode(errors='replace').strip()}")
        return result.stdout.decode("utf-8", errors="replace") if capture else result

    def start(self, command):
        # Keep the pane alive after COMMAND exits, and note when it did.
        wrapper = ('"$@"; touch ' + shlex.quote(self.done_file) + "; exec sleep 86400")
        shell_cmd = shlex.join(["sh", "-c", wrapper, "sh", *command])
        env = dict(os.environ)
        env.setdefault("LANG", "C.UTF-8")
        if "UTF-8" not in env.get("LC_ALL", "UTF-8").upper():
            env["LC_ALL"] = "C.UTF-8"
        env.pop("TMUX", None)
        cmd = ["tmux", "-u", "-S", self.socket, "-f", self.config, "new-session", "-d",
               "-s", self.session, "-x", str(self.width), "-y", str(self.height),
               "-c", os.getcwd(), shell_cmd]
        result = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if result.returncode != 0:
            die(f"could not start tmux: {result.stderr.decode(errors='replace').strip()}")
        # Make sure the window really has the requested size.
        self.run("resize-window", "-t", self.session, "-x", str(self.width),
                 "-y", str(self.height), check=False)

    def command_done(self):
        return os.path.exists(self.done_file)

    def send_key(self, key):
        self.run("send-keys", "-t", self.session, key)

    def plain(self):
        return self.run("capture-pane", "-t", self.session, "-p", capture=True)

    def wait_until_ready(self, present, absent, seconds):
        """Waits until every `present` text is shown and no `absent` one, twice in a row."""
        if not present and not absent:
            return
        deadline = time.monotonic() + seconds
        calm = 0
        while time.monotonic() < deadline:
            text = self.plain()
            if all(t in text for t in present) and not any(t in text for t in absent):
                calm += 1
                if calm == 2:
                    return
            else:
                calm = 0
            time.sleep(0.1)
        die(f"the screen was not ready after {seconds} s (--wait-for {present}, --wait-gone {absent}):\n"
            + self.plain())

    def capture(self):
        # -e: keep colours/attributes; -N: keep trailing spaces (and their background).
        return self.run("capture-pane", "-t", self.session, "-e", "-p", "-N", capture=True)

    def cursor(self):
        out = self.run("display-message", "-p", "-t", self.session,
                       "#{cursor_x} #{cursor_y}", capture=True, check=False)
        try:
            x, y = out.split()
            return int(x), int(y)
        except (ValueError, AttributeError):
            return None

    def kill(self):
        self.run("kill-server", check=False)
        shutil.rmtree(self.tmpdir, ignore_errors=True)


# --------------------------------------------------------------------------- screen

def load_screen(text, width, height):
    screen = pyte.Screen(width, height)
    stream = pyte.Stream(screen)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    # Place each captured line explicitly: tmux carries attributes over line ends,
    # so no reset between lines.
    for y, line in enumerate(lines[:height]):
        stream.feed(f"\x1b[{y + 1};1H")
        stream.feed(line)
    return screen


def colour(value, default):
    if value in (None, "", "default"):
        return default
    if value in NAMED_COLOURS:
        return NAMED_COLOURS[value]
    value = value.lower().lstrip("#")
    if value in HEX_TO_THEME:
        return HEX_TO_THEME[value]
    if len(value) == 6:
        try:
            return tuple(int(value[i:i + 2], 16) for i in (0, 2, 4))
        except ValueError:
            pass
    return default


def is_wide(ch):
    return len(ch) > 0 and unicodedata.east_asian_width(ch[0]) in ("W", "F")


# --------------------------------------------------------------------------- render

class Fonts:
    def __init__(self, size):
        for path in (FONT_REGULAR, FONT_BOLD):
            if not os.path.exists(path):
                die(f"font not found: {path} (apt-get install -y fonts-dejavu-core)")
        self.size = size
        self.regular = ImageFont.truetype(FONT_REGULAR, size)
        self.bold = ImageFont.truetype(FONT_BOLD, size)
        self.italic = (ImageFont.truetype(FONT_ITALIC, size)
                       if os.path.exists(FONT_ITALIC) else self.regular)
        self.bold_italic = (ImageFont.truetype(FONT_BOLD_ITALIC, size)
                            if os.path.exists(FONT_BOLD_ITALIC) else self.bold)
        ascent, descent = self.regular.getmetrics()
        self.ascent = ascent
        self.cell_w = max(1, round(self.regular.getlength("M")))
        self.cell_h = ascent + descent
        self.fallbacks = [p for p in FALLBACK_FONTS if os.path.exists(p)]
        self._fallback_cache = {}
        self._loaded = {}
        self._missing_masks = {}

    def _font(self, path):
        if path not in self._loaded:
            try:
                self._loaded[path] = ImageFont.truetype(path, self.size)
            except OSError:
                self._loaded[path] = None
        return self._loaded[path]

    def _has_glyph(self, font, ch):
        # A missing glyph renders as the font's .notdef, same as an unassigned code point.
        key = id(font)
        if key not in self._missing_masks:
            self._missing_masks[key] = bytes(font.getmask("\U0010FFFD"))
        return bytes(font.getmask(ch)) != self._missing_masks[key]

    def pick(self, ch, bold, italic):
        base = ((self.bold_italic if italic else self.bold) if bold
                else (self.italic if italic else self.regular))
        if ch.isspace() or self._has_glyph(self.regular, ch):
            return base
        if ch not in self._fallback_cache:
            found = self.regular
            for path in self.fallbacks:
                font = self._font(path)
                if font is not None and self._has_glyph(font, ch):
                    found = font
                    break
            self._fallback_cache[ch] = found
        return self._fallback_cache[ch]


def trimmed_height(screen):
    last = 0
    for y in range(screen.lines):
        row = screen.buffer[y]
        for x in range(screen.columns):
            c = row[x]
            if (c.data.strip() or c.bg not in ("default", None) or c.reverse):
                last = y + 1
                break
    return max(1, last)


def render(screen, args, cursor=None):
    fonts = Fonts(args.font_size)
    cw, ch_ = fonts.cell_w, fonts.cell_h
    rows = trimmed_height(screen) if args.trim else screen.lines
    pad = args.padding
    img = Image.new("RGB", (screen.columns * cw + 2 * pad, rows * ch_ + 2 * pad), DEFAULT_BG)
    draw = ImageDraw.Draw(img)

    for y in range(rows):
        row = screen.buffer[y]
        top = pad + y * ch_
        x = 0
        while x < screen.columns:
            cell = row[x]
            data = cell.data
            width = 2 if (is_wide(data) and x + 1 < screen.columns) else 1
            fg = colour(cell.fg, DEFAULT_FG)
            bg = colour(cell.bg, DEFAULT_BG)
            if cell.reverse:
                fg, bg = bg, fg
            if cursor is not None and cursor == (x, y):
                fg, bg = DEFAULT_BG, DEFAULT_FG
            left = pad + x * cw
            box = (left, top, left + width * cw - 1, top + ch_ - 1)
            if bg != DEFAULT_BG:
                draw.rectangle(box, fill=bg)
            if data and not data.isspace():
                font = fonts.pick(data, cell.bold, cell.italics)
                if font is fonts.regular or font in (fonts.bold, fonts.italic, fonts.bold_italic):
                    draw.text((left, top), data, font=font, fill=fg)
                else:
                    # Fallback glyph: centre it in its cells, shrinking if too wide.
                    glyph_w = font.getlength(data)
                    target = width * cw
                    if glyph_w > target * 1.05:
                        font = font.font_variant(size=max(6, int(fonts.size * target / glyph_w)))
                        glyph_w = font.getlength(data)
                    gx = left + (target - glyph_w) / 2
                    draw.text((gx, top + ch_ / 2), data, font=font, fill=fg, anchor="lm")
            if cell.underscore:
                uy = top + fonts.ascent + 2
                draw.line((left, uy, left + width * cw - 1, uy), fill=fg)
            if cell.strikethrough:
                sy = top + ch_ // 2
                draw.line((left, sy, left + width * cw - 1, sy), fill=fg)
            x += width
    return img


# --------------------------------------------------------------------------- main

def main(argv):
    args = parse_args(argv)
    check_dependencies()
    out_dir = os.path.dirname(os.path.abspath(args.out))
    os.makedirs(out_dir, exist_ok=True)

    tmux = Tmux(args.width, args.height, args.term)
    try:
        tmux.start(args.command)
        if args.wait_for or args.wait_gone:
            tmux.wait_until_ready(args.wait_for, args.wait_gone, args.wait)
        else:
            deadline = time.monotonic() + args.wait
            while time.monotonic() < deadline and not tmux.command_done():
                time.sleep(0.05)
        time.sleep(0.2)  # let tmux process the last output
        for key in args.keys:
            tmux.send_key(key)
            time.sleep(args.key_delay)
        tmux.wait_until_ready([], args.wait_gone, args.wait)
        time.sleep(0.2)
        text = tmux.capture()
        cursor = tmux.cursor() if args.cursor else None
    finally:
        tmux.kill()

    screen = load_screen(text, args.width, args.height)
    img = render(screen, args, cursor)
    img.save(args.out, optimize=True)
    print(f"wrote {args.out} ({img.width}x{img.height}, {os.path.getsize(args.out)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
