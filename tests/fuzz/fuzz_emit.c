/*
** Fuzz target: front end, checker and prover, then every emitter of EMIT_KINDS into memory, twice:
** the two runs must write the same files byte for byte (output is reproducible).
*/
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "fuzz_common.h"

static emit_fn *const emitters[] = {
#define EMITTER(kind, fn, what) fn,
    EMIT_KINDS(EMITTER)
#undef EMITTER
};

static void emit_all(const emit_ctx *ctx, out_files *files) {
    for (uint32_t m = 0; m < ctx->mo->machine_count; m++)
        for (size_t k = 0; k < sizeof emitters / sizeof *emitters; k++)
            emitters[k](ctx, &ctx->mo->machines[m], files);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena a = {0};
    diag d;
    model mo;
    if (fuzz_compile(&a, &d, data, size, &mo)) {
        emit_ctx ctx = {&a, &mo, NULL, NULL};
        out_files first = {0}, second = {0};
        emit_all(&ctx, &first);
        emit_all(&ctx, &second);
        if (first.count != second.count)
            abort();
        for (size_t i = 0; i < first.count; i++) {
            const out_file *x = &first.items[i], *y = &second.items[i];
            if (strcmp(x->name, y->name) != 0 || x->buf.len != y->buf.len ||
                (x->buf.len && memcmp(x->buf.data, y->buf.data, x->buf.len) != 0))
                abort();
        }
        out_files_free(&first);
        out_files_free(&second);
    }
    arena_free(&a);
    return 0;
}
