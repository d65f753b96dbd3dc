/*
** Source files: their text, an index of line starts, and locations into them.
** Lines and columns count from 1; a column counts characters (UTF-8 code points), a tab as one.
*/
#ifndef DSL_SOURCE_H
#define DSL_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef struct source {
    const char *path; /* as given on the command line */
    const char *name; /* the last component of path: what generated files cite */
    char *text;       /* the bytes of the file, NUL-terminated (the file may hold NULs too) */
    size_t len;
    uint32_t *line_start; /* byte offset of each line's first byte; line_start[0] is line 1 */
    uint32_t line_count;
} source;

/* A span in a source: from (line, column) to end_column on the same line (exclusive). */
typedef struct src_loc {
    const source *src;
    uint32_t line, column, end_column;
} src_loc;

/* Reads path into a source; "-" reads standard input, named "<stdin>" in messages. Returns NULL
   and sets *err to a message (from the arena) when the file cannot be read. */
source *source_read(arena *a, const char *path, const char **err);

/* A source made from bytes in memory (for tests and fuzzing). */
source *source_from_bytes(arena *a, const char *path, const char *bytes, size_t len);

/* The bytes of line (1-based) without its line ending; *len receives their count. */
const char *source_line(const source *src, uint32_t line, size_t *len);

#endif
