// CNCurses: the only C door to ncursesw. Swift 6 cannot import the curses
// macros and mutable globals (stdscr, COLORS, A_BOLD, getmaxyx, ...), so each
// one is wrapped in a small static-inline function here, prefixed `fd_`. The
// wide-character feature macros must be defined before any system header is
// included, or cchar_t, setcchar, wadd_wch and wcwidth stay invisible to Swift
// (SwiftPM drops the `-D_XOPEN_SOURCE=600` that pkg-config reports).
//
// Rules for this file:
// - only static inline functions and constants; NO static variables (each
//   Swift object file that uses the header would get its own copy);
// - every function is a thin wrapper, no policy (policy lives in Swift where
//   it can be tested).
#ifndef FLIGHTDECK_CNCURSES_SHIM_H
#define FLIGHTDECK_CNCURSES_SHIM_H

#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 700
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef _DEFAULT_SOURCE
#define _DEFAULT_SOURCE 1
#endif
#define NCURSES_WIDECHAR 1

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

// MARK: - Globals (read through functions: Swift 6 rejects mutable C globals)

/// The standard screen window of the current SCREEN.
static inline WINDOW *fd_stdscr(void) { return stdscr; }
/// The "current screen" window (what ncurses believes the terminal shows).
static inline WINDOW *fd_curscr(void) { return curscr; }
/// Number of colours (0 before start_color()).
static inline int fd_COLORS(void) { return COLORS; }
/// Number of colour pairs (0 before start_color()).
static inline int fd_COLOR_PAIRS(void) { return COLOR_PAIRS; }
/// Screen rows as ncurses last saw them.
static inline int fd_LINES(void) { return LINES; }
/// Screen columns as ncurses last saw them.
static inline int fd_COLS(void) { return COLS; }
/// Rows of window `w` (getmaxyx).
static inline int fd_getmaxy(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)x; return y; }
/// Columns of window `w` (getmaxyx).
static inline int fd_getmaxx(WINDOW *w) { int y, x; getmaxyx(w, y, x); (void)y; return x; }

/// The C library's stdout stream (Swift 6 rejects the `stdout` global).
static inline FILE *fd_stdout(void) { return stdout; }
/// The C library's stdin stream.
static inline FILE *fd_stdin(void) { return stdin; }
/// The kernel's idea of the terminal size on `fd` (TIOCGWINSZ); returns 0 and
/// fills rows/cols, or -1 when `fd` is not a terminal.
static inline int fd_tty_size(int fd, int *rows, int *cols) {
  struct winsize ws;
  if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
  *rows = ws.ws_row;
  *cols = ws.ws_col;
  return 0;
}

// MARK: - Status codes

static inline int fd_ERR(void) { return ERR; }
static inline int fd_OK(void) { return OK; }
/// get_wch's return value when the wint_t holds a KEY_* code.
static inline int fd_KEY_CODE_YES(void) { return KEY_CODE_YES; }

// MARK: - Attributes (NCURSES_BITS macros are not imported by Swift)

static inline attr_t fd_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t fd_A_BOLD(void) { return A_BOLD; }
static inline attr_t fd_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t fd_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline attr_t fd_A_DIM(void) { return A_DIM; }
/// The attribute bits selecting colour pair `n` (only valid for n < 256).
static inline attr_t fd_COLOR_PAIR(int n) { return (attr_t)COLOR_PAIR(n); }

// MARK: - Key codes

static inline int fd_KEY_RESIZE(void) { return KEY_RESIZE; }
static inline int fd_KEY_UP(void) { return KEY_UP; }
static inline int fd_KEY_DOWN(void) { return KEY_DOWN; }
static inline int fd_KEY_LEFT(void) { return KEY_LEFT; }
static inline int fd_KEY_RIGHT(void) { return KEY_RIGHT; }
static inline int fd_KEY_BTAB(void) { return KEY_BTAB; }
static inline int fd_KEY_ENTER(void) { return KEY_ENTER; }
static inline int fd_KEY_BACKSPACE(void) { return KEY_BACKSPACE; }
static inline int fd_KEY_DC(void) { return KEY_DC; }
static inline int fd_KEY_HOME(void) { return KEY_HOME; }
static inline int fd_KEY_END(void) { return KEY_END; }
static inline int fd_KEY_NPAGE(void) { return KEY_NPAGE; }
static inline int fd_KEY_PPAGE(void) { return KEY_PPAGE; }
/// KEY_F(n): function key n (1-based; ncurses reserves 0..63).
static inline int fd_KEY_F(int n) { return KEY_F(n); }

// MARK: - Input timing

/// Sets the wait after a lone ESC before it counts as the Esc key (ms).
static inline int fd_set_escdelay(int ms) { return set_escdelay(ms); }

// MARK: - Colour pairs

/// init_pair for pairs 1...32767 (colours -1...32767; -1 = terminal default
/// after use_default_colors()).
static inline int fd_init_pair(int pair, int fg, int bg) {
  if (pair < 1 || pair > 32767 || fg > 32767 || bg > 32767) return ERR;
  return init_pair((short)pair, (short)fg, (short)bg);
}
/// init_extended_pair: pairs beyond the `short` range of init_pair.
static inline int fd_init_extended_pair(int pair, int fg, int bg) {
  return init_extended_pair(pair, fg, bg);
}

// MARK: - Wide characters

/// Fills `out` from up to CCHARW_MAX wide characters of `wch` (NUL
/// terminated), attributes `attrs` and colour pair `pair`. Pairs above 32767
/// go through setcchar's `opts` argument (ncurses extended colours).
/// Returns OK or ERR.
static inline int fd_make_cchar(cchar_t *out, const wchar_t *wch, attr_t attrs, int pair) {
  if (pair > 32767) {
    int extended = pair;
    return setcchar(out, wch, attrs, 0, &extended);
  }
  return setcchar(out, wch, attrs, (short)(pair < 0 ? 0 : pair), NULL);
}
/// Maximum number of wide characters one cchar_t holds.
static inline int fd_CCHARW_MAX(void) { return CCHARW_MAX; }
/// Display width of one wide character per the C library (-1: unprintable
/// or not in the current locale's codeset; 0: combining).
static inline int fd_wcwidth(unsigned int c) { return wcwidth((wchar_t)c); }

// MARK: - Locale and terminfo

/// The current locale's codeset name (e.g. "UTF-8", "ANSI_X3.4-1968").
static inline const char *fd_codeset(void) { return nl_langinfo(CODESET); }
/// A terminfo string capability of the current terminal, or NULL when absent
/// or not a string capability (tigetstr returns (char*)-1 for that).
static inline const char *fd_tigetstr(const char *capname) {
  char *s = tigetstr(capname);
  if (s == NULL || s == (char *)-1) return NULL;
  return s;
}

#endif
