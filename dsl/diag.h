/*
** Diagnostics: errors, warnings and notes in GCC's form (FILE:LINE:COL: error: MESSAGE, then the
** source line and a caret), or as JSON lines. Errors are counted and checking goes on.
*/
#ifndef DSL_DIAG_H
#define DSL_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "source.h"

/* Every named warning: id, the name after -W, what it reports. */
#define DIAG_WARNINGS(X)                                                                           \
    X(UNREACHABLE, "unreachable", "a state that cannot be reached from the initial state")       \
    X(DEAD_END, "dead-end", "a non-final state with no way out")                                  \
    X(UNUSED_TRIGGER, "unused-trigger", "a trigger declared but used by no transition")          \
    X(DUPLICATE, "duplicate", "a transition or initiator written twice")                         \
    X(UNUSED_GUARD, "unused-guard", "a guard declared but used by no transition")

typedef enum diag_warning {
#define DIAG_WARNING_ENUM(id, name, what) DIAG_W_##id,
    DIAG_WARNINGS(DIAG_WARNING_ENUM)
#undef DIAG_WARNING_ENUM
        DIAG_WARNING_COUNT
} diag_warning;

typedef enum diag_format {
    DIAG_TEXT, /* GCC style, for people */
    DIAG_JSON, /* one JSON object per line, for editors and CI */
} diag_format;

typedef struct diag {
    FILE *out;
    diag_format format;
    bool color;
    bool werror;                          /* -Werror: warnings count as errors */
    bool disabled[DIAG_WARNING_COUNT];    /* -Wno-NAME */
    bool muted;                           /* the last warning was disabled: drop its notes */
    src_loc last;                         /* where the last error, warning or info was */
    int errors, warnings;
    int promoted;                         /* of the errors, warnings promoted by -Werror */
} diag;

/* A diagnostics sink writing to out, every warning enabled, no colour. */
void diag_init(diag *d, FILE *out);

/* The warning named name (as after -W), or -1. */
int diag_warning_index(const char *name);

/* The name of a warning ("unreachable"). */
const char *diag_warning_name(diag_warning w);

/* An error at loc (loc.src may be NULL: no location). */
void diag_error(diag *d, src_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A named warning at loc, unless disabled; an error under -Werror. */
void diag_warn(diag *d, diag_warning w, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* A note attached to the last error or warning (dropped if that warning was disabled), with its
   source line. With no location (loc.src NULL) it is placed where that error or warning is, so
   every note starts FILE:LINE:COL. */
void diag_note(diag *d, src_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A note at loc without its source line: a step of a path or one of a list of transitions, whose
   text already says what is there. */
void diag_note_step(diag *d, src_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A line of plain output with no location (for --explain). */
void diag_info(diag *d, src_loc loc, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
