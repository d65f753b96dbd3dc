/*
** transitc fmt: the canonical layout of a spec, like gofmt. Comments are kept, transitions are
** aligned in columns, and formatting a formatted spec changes nothing.
*/
#ifndef GEN_FMT_H
#define GEN_FMT_H

#include <stdbool.h>

#include "diag.h"
#include "out.h"
#include "source.h"

/* Writes src in the canonical layout into o. A spec with a syntax error is reported to d and
   false returned; o then holds nothing useful. */
bool fmt_source(arena *a, diag *d, source *src, out *o);

/* The fmt command: argv[0] is "fmt", then [--check] [--stdout] SPEC... ('-' is stdin). Returns
   the exit status: 0 done (or all formatted under --check), 1 a spec has syntax errors or, under
   --check, is not formatted, 2 usage or I/O error. */
int fmt_main(int argc, char **argv);

#endif
