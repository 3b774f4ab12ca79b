#ifndef DOPPEL_CNCURSESW_SHIM_H
#define DOPPEL_CNCURSESW_SHIM_H
// The wide-character curses API is hidden unless these are defined before the include.
// SwiftPM's pkgConfig drops -D flags, so they live here.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#else
#include <curses.h>
#include <term.h>
#endif

// Swift cannot see function-like macros or use the global `stdscr` under strict
// concurrency, so they are wrapped as inline functions.
static inline WINDOW *doppel_stdscr(void) { return stdscr; }
static inline int doppel_color_pair(int n) { return COLOR_PAIR(n); }
static inline int doppel_lines(void) { return LINES; }
static inline int doppel_cols(void) { return COLS; }
static inline const char *doppel_curses_version(void) { return curses_version(); }

// Opening the terminal: newterm (unlike initscr) returns NULL instead of exiting when TERM is
// unknown, so the caller can report it. The FILE globals are hidden from Swift the same way.
static inline SCREEN *doppel_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int doppel_colors(void) { return COLORS; }
static inline int doppel_color_pairs(void) { return COLOR_PAIRS; }
static inline int doppel_key_f0(void) { return KEY_F0; }

// Attributes are function-like macros (NCURSES_BITS).
static inline attr_t doppel_a_normal(void) { return A_NORMAL; }
static inline attr_t doppel_a_bold(void) { return A_BOLD; }
static inline attr_t doppel_a_dim(void) { return A_DIM; }
static inline attr_t doppel_a_italic(void) { return A_ITALIC; }
static inline attr_t doppel_a_underline(void) { return A_UNDERLINE; }
static inline attr_t doppel_a_reverse(void) { return A_REVERSE; }

// One cell: a spacing character plus up to CCHARW_MAX - 1 combining marks, with attributes
// and a colour pair (any pair number, through setcchar's extended-pair argument).
// Returns doppel_setcchar_failed() when curses refuses the text itself (more than one spacing
// character), else what mvwadd_wch returns (ERR in the bottom-right cell, where it still draws).
static inline int doppel_setcchar_failed(void) { return -2; }
static inline int doppel_put_cell(WINDOW *window, int y, int x, const wchar_t *text, attr_t attributes, int pair) {
    cchar_t cell;
    if (setcchar(&cell, text, attributes, 0, &pair) != OK) return doppel_setcchar_failed();
    return mvwadd_wch(window, y, x, &cell);
}
static inline int doppel_ccharw_max(void) { return CCHARW_MAX; }

// The mouse (only when asked for): the left button going down and the wheel. The masks are
// macros. A wheel notch reads as button 4 (up) or 5 (down) pressed.
static inline int doppel_enable_mouse(void) {
    mouseinterval(0);
    mmask_t wanted = BUTTON1_PRESSED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    wanted |= BUTTON5_PRESSED;
#endif
    return mousemask(wanted, NULL) != 0;
}
static inline int doppel_key_mouse(void) { return KEY_MOUSE; }
// 0: nothing usable, 1: left press, 2: wheel up, 3: wheel down; x and y in cells.
static inline int doppel_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & BUTTON1_PRESSED) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}

// How many colours the terminal on stdout has, read from terminfo without starting curses
// (0 when TERM is unknown or has no colours).
static inline int doppel_probe_colors(void) {
    int error = 0;
    TERMINAL *saved = cur_term;
    if (setupterm(NULL, 1, &error) != OK) return 0;
    int colors = tigetnum("colors");
    TERMINAL *probed = set_curterm(saved);
    if (probed != NULL && probed != saved) del_curterm(probed);
    return colors > 0 ? colors : 0;
}

#endif
