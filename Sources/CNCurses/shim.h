// CNCurses: the only C door to ncursesw. Swift 6 cannot import the curses
// macros and mutable globals (stdscr, COLORS, A_BOLD, getmaxyx, ...), so each
// one is wrapped in a small static-inline function here. The wide-character
// feature macros must be defined before any system header is included, or
// cchar_t, setcchar, add_wch and wcwidth stay invisible to Swift.
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

#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

#endif
