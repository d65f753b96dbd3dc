/*
** The generated machines driven three ways: the runtime's transit_fire(), the generated inline
** fast path MACHINE_fire(), and transit_fire() with an observer hook attached (what an audit log
** costs). Also the empty loop every run shares, to tell the loop's cost from the fire's.
*/
#include "bindplane_collector.h"
#include "dispatch.h"
#include "meshery_connection.h"

/* What the observer does: count, so that the call cannot be removed. */
static void observe(void *context, const transit_instance *inst, const transit_event *event) {
    (void)inst, (void)event;
    ++*(uint32_t *)context;
}

static const transit_hooks observer = {NULL, NULL, NULL, observe};

#define RUN(name, def, fire, hooks)                                                                \
    uint32_t name(const step *steps, size_t n, uint8_t *trace) {                                   \
        transit_instance c;                                                                        \
        uint32_t sum = 0, observed = 0;                                                            \
        const transit_hooks *h = hooks;                                                            \
        transit_init(&c, &def);                                                                    \
        if (h)                                                                                     \
            transit_set_hooks(&c, h, &observed);                                                   \
        for (size_t i = 0; i < n; i++) {                                                           \
            sum += (uint32_t)fire(&c, steps[i].trigger, (transit_initiator)steps[i].initiator);    \
            trace[i] = (uint8_t)c.state; /* as the hand switch reads its own */                    \
        }                                                                                          \
        return sum;                                                                                \
    }

RUN(run_meshery_transit_fire, meshery_connection_machine, transit_fire, (const transit_hooks *)0)
RUN(run_meshery_fast, meshery_connection_machine, meshery_connection_fire, (const transit_hooks *)0)
RUN(run_meshery_observer, meshery_connection_machine, transit_fire, &observer)
RUN(run_bindplane_transit_fire, bindplane_collector_machine, transit_fire, (const transit_hooks *)0)
RUN(run_bindplane_fast, bindplane_collector_machine, bindplane_collector_fire,
    (const transit_hooks *)0)
RUN(run_bindplane_observer, bindplane_collector_machine, transit_fire, &observer)

uint32_t run_baseline(const step *steps, size_t n, uint8_t *trace) {
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        sum += steps[i].initiator;
        trace[i] = steps[i].trigger;
    }
    return sum;
}
