/*
** Fuzz target: the whole front end, checker and prover on arbitrary bytes. Any crash, leak,
** sanitizer report or exit is a bug; diagnostics go to /dev/null.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"
#include "fuzz_common.h"
#include "parse.h"
#include "prove.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    arena a = {0};
    diag d;
    model mo;
    fuzz_compile(&a, &d, data, size, &mo);
    arena_free(&a);
    return 0;
}
