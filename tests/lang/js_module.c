/*
** Writes emit_ts_module's plain JavaScript (typed false: the script --emit html embeds) of every
** machine of a spec as DIR/MACHINE.js, so ts.sh can run the generated TypeScript tests against it
** in place of tsc's output: the untyped module must behave exactly as the typed one.
**   js_module SPEC DIR
*/
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "emit.h"
#include "parse.h"

int main(int argc, char **argv) {
    if (argc != 3) {
        fputs("usage: js_module SPEC DIR\n", stderr);
        return 2;
    }
    arena a = {0};
    diag d;
    diag_init(&d, stderr);
    for (int w = 0; w < DIAG_WARNING_COUNT; w++)
        d.disabled[w] = true;
    const char *err = NULL;
    source *src = source_read(&a, argv[1], &err);
    model mo;
    ast_file *f = src ? dsl_parse(&a, &d, src) : NULL;
    if (!f || !check_files(&a, &d, &f, 1, &mo) || d.errors) {
        if (err)
            fprintf(stderr, "js_module: %s\n", err);
        arena_free(&a);
        return 1;
    }
    out_files files = {0};
    for (uint32_t m = 0; m < mo.machine_count; m++)
        emit_ts_module(&a, &mo.machines[m], out_files_add(&files, "%s.js", mo.machines[m].name),
                       false);
    char *werr = out_files_write(&files, argv[2]);
    int status = 0;
    if (werr) {
        fprintf(stderr, "js_module: %s\n", werr);
        free(werr);
        status = 2;
    }
    out_files_free(&files);
    arena_free(&a);
    return status;
}
