// ncurses (wide-character build) for the terminal browser.
#ifndef CONCEPTGRAPH_CNCURSES_SHIM_H
#define CONCEPTGRAPH_CNCURSES_SHIM_H
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <stdio.h>
#include <locale.h>
#include <ncurses.h>

// Attribute macros Swift cannot import (function-like macros), as functions.
static inline int cg_attr_reverse(void) { return (int)A_REVERSE; }
static inline int cg_attr_bold(void) { return (int)A_BOLD; }
static inline int cg_attr_dim(void) { return (int)A_DIM; }

// Globals Swift 6 refuses to read (shared mutable state), through functions.
static inline SCREEN *cg_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }
static inline WINDOW *cg_stdscr(void) { return stdscr; }
static inline int cg_lines(void) { return LINES; }
static inline int cg_cols(void) { return COLS; }
#endif
