/*
** Helpers over the checked model shared by the checker, the prover and the emitters.
*/
#include "model.h"

#include <stdio.h>
#include <string.h>

const char *model_initiators_text(arena *a, unsigned bits, const char *separator) {
    char buf[64] = "";
    size_t len = 0;
    for (unsigned bit = 1; bit <= 4; bit <<= 1) {
        if (!(bits & bit))
            continue;
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", len ? separator : "",
                                ast_initiator_name(bit));
    }
    return arena_strdup(a, buf);
}
