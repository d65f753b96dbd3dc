/*
** --emit svg: the Graphviz graph of a machine rendered by Graphviz's own dot program.
*/
#ifndef GEN_SVG_H
#define GEN_SVG_H

#include <stdbool.h>

#include "emit.h"

/* Whether a program called dot is on PATH. */
bool svg_dot_found(void);

/* Appends to svg what `dot -Tsvg` makes of the dot_len bytes of Graphviz text at dot. Returns
   NULL, or a message (malloc'd) naming machine and saying why dot failed. */
char *svg_run_dot(const char *machine, const char *dot, size_t dot_len, out *svg);

/* Adds MACHINE.svg to files: emit_dot's graph of m piped through `dot -Tsvg`. Returns NULL, or a
   message (malloc'd) saying why dot failed. */
char *svg_emit(const emit_ctx *ctx, const model_machine *m, out_files *files);

#endif
