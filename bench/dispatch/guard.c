/*
** The one guard function of the dispatch benchmark's guarded machine (lease), in a file of its own
** so that no implementation can inline it: each pays one call per guard asked.
*/
#include "dispatch.h"
#include "transit.h"

int bench_guard(void *context, const transit_instance *inst, int guard,
                const transit_event *event) {
    (void)inst, (void)event;
    uint32_t *x = context;
    *x ^= *x << 13;
    *x ^= *x >> 17;
    *x ^= *x << 5;
    return (int)((*x >> (7 + (unsigned)guard)) & 1u);
}
