/*
** The generated machines driven three ways: the runtime's transit_fire(), the generated inline
** fast path MACHINE_fire(), and transit_fire() with an observer hook attached (what an audit log
** costs).
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
        transit_instance conns[CONNECTIONS];                                                       \
        uint32_t sum = 0, observed = 0;                                                            \
        const transit_hooks *h = hooks;                                                            \
        for (size_t k = 0; k < CONNECTIONS; k++) {                                                 \
            transit_init(&conns[k], &def);                                                         \
            if (h)                                                                                 \
                transit_set_hooks(&conns[k], h, &observed);                                        \
        }                                                                                          \
        for (size_t i = 0; i < n; i++) {                                                           \
            transit_instance *c = &conns[steps[i].connection];                                     \
            sum += (uint32_t)fire(c, steps[i].trigger, (transit_initiator)steps[i].initiator);     \
            trace[i] = (uint8_t)c->state; /* as the hand switch reads its own */                   \
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
