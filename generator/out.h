/*
** Output buffers: every emitter writes into memory through these, with indentation tracked in the
** buffer; the driver writes finished files to disk via a temporary file and a rename, so a
** failure never leaves a half-written output.
*/
#ifndef GEN_OUT_H
#define GEN_OUT_H

#include <stdbool.h>
#include <stddef.h>

typedef struct out {
    char *data;
    size_t len, cap;
    int indent;     /* spaces written at the start of each line */
    bool line_open; /* something was written since the last newline */
} out;

/* Appends formatted text; each new line starts with the current indentation. */
void out_printf(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Appends s as it is (indented like out_printf). */
void out_puts(out *o, const char *s);

/* Appends n bytes with no indentation. */
void out_write(out *o, const char *s, size_t n);

/* Changes the indentation by delta spaces. */
void out_indent(out *o, int delta);

void out_free(out *o);

/* A named output file being built. */
typedef struct out_file {
    char *name; /* file name inside the output directory */
    out buf;
    char *tmp;  /* once staged: the temporary file holding its bytes (buf is then freed) */
} out_file;

typedef struct out_files {
    out_file *items;
    size_t count, cap;
    out spare; /* the largest staged file's buffer, emptied, for the next file added */
} out_files;

/* A new empty file called name (printf-style) in the set. */
out *out_files_add(out_files *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Writes every file not yet staged to a temporary file in dir and frees its buffer, so that a
   big generation holds one emitter's output in memory at a time, not all of them. Returns NULL,
   or a message (malloc'd) naming the file that failed and why; then every temporary file is
   removed. Temporary files left when the program exits (out of memory) are removed too. */
char *out_files_stage(out_files *f, const char *dir);

/* Stages what is left, then renames every temporary file into place: a failure to write changes
   no output and none is ever half-written. Returns NULL, or a message (malloc'd) naming the file
   that failed and why. */
char *out_files_write(out_files *f, const char *dir);

void out_files_free(out_files *f);

#endif
