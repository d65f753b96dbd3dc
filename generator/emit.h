/*
** The emitters: one per output kind, each reading only the checked model and writing files into
** memory. Adding an output kind is one emitter file and one row in EMIT_KINDS.
*/
#ifndef GEN_EMIT_H
#define GEN_EMIT_H

#include "model.h"
#include "out.h"

/* What every emitter is given besides its machine. */
typedef struct emit_ctx {
    arena *a;
    const model *mo;
} emit_ctx;

typedef void emit_fn(const emit_ctx *ctx, const model_machine *m, out_files *files);

/* Every output kind: the name given to --emit, its emitter, and what it writes. */
#define EMIT_KINDS(X)                                                                              \
    X(c, emit_c, "MACHINE.h and MACHINE.c: the transition tables and their enums")            \
    X(test, emit_test, "MACHINE_test.c: a cmocka program checking every transition of MACHINE.c")

#define EMIT_DECLARE(kind, fn, what) emit_fn fn;
EMIT_KINDS(EMIT_DECLARE)
#undef EMIT_DECLARE

#endif
