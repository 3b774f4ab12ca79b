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
#else
#include <curses.h>
#endif

// Swift cannot see function-like macros or use the global `stdscr` under strict
// concurrency, so they are wrapped as inline functions.
static inline WINDOW *doppel_stdscr(void) { return stdscr; }
static inline int doppel_color_pair(int n) { return COLOR_PAIR(n); }
static inline int doppel_lines(void) { return LINES; }
static inline int doppel_cols(void) { return COLS; }
static inline const char *doppel_curses_version(void) { return curses_version(); }

#endif
