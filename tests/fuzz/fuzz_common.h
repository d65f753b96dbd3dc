/*
** What the fuzz targets share: compiling bytes as one or two spec files, diagnostics discarded.
*/
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "parse.h"
#include "prove.h"

/* A FILE that discards what is written to it, opened once. */
static FILE *fuzz_sink(void) {
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    if (!sink)
        abort();
    return sink;
}

/* Parses, checks and proves data (split into two files at the first form feed pair "\f\f", so
   checks across files are reached too). True when the model is free of errors. */
static bool fuzz_compile(arena *a, diag *d, const uint8_t *data, size_t size, model *mo) {
    diag_init(d, fuzz_sink());
    d->format = (size & 1) ? DIAG_JSON : DIAG_TEXT; /* both formats are exercised */
    const char *text = (const char *)data;
    size_t first = size;
    for (size_t i = 0; i + 1 < size; i++)
        if (text[i] == '\f' && text[i + 1] == '\f') {
            first = i;
            break;
        }
    ast_file *files[2];
    size_t n = 0;
    bool ok = true;
    ast_file *f = dsl_parse(a, d, source_from_bytes(a, "a.transit", text, first));
    if (f)
        files[n++] = f;
    else
        ok = false;
    if (first < size) {
        f = dsl_parse(a, d, source_from_bytes(a, "b.transit", text + first + 2, size - first - 2));
        if (f)
            files[n++] = f;
        else
            ok = false;
    }
    if (!ok)
        return false;
    ok = check_files(a, d, files, n, mo);
    if (ok)
        ok = prove_model(a, d, mo, true);
    return ok && d->errors == 0;
}

#endif
