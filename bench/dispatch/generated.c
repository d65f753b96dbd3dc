/*
** The generated machines driven four ways: the runtime's transit_fire(), the generated inline
** fast path MACHINE_fire() on a full instance, MACHINE_compact_fire() on the compact form (a state
** byte), and transit_fire() with an observer hook attached (what an audit log costs). Also the
** bare loop every run function shares, to subtract it.
*/
#include "bindplane_collector.h"
#include "dispatch.h"
#include "door.h"
#include "lease.h"
#include "meshery_connection.h"
#include "wide.h"

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

/* The compact form: CONNECTIONS states of one byte each. */
#define RUN_COMPACT(name, type, init, fire)                                                        \
    uint32_t name(const step *steps, size_t n, uint8_t *trace) {                                   \
        type conns[CONNECTIONS];                                                                   \
        uint32_t sum = 0;                                                                          \
        for (size_t k = 0; k < CONNECTIONS; k++)                                                   \
            init(&conns[k]);                                                                       \
        for (size_t i = 0; i < n; i++) {                                                           \
            type *c = &conns[steps[i].connection];                                                 \
            sum += (uint32_t)fire(c, steps[i].trigger, (transit_initiator)steps[i].initiator);     \
            trace[i] = (uint8_t)c->state;                                                          \
        }                                                                                          \
        return sum;                                                                                \
    }

/* The loop alone: read the step, fold it into the sum, record the connection's state. What every
   run function costs besides the fire. */
uint32_t run_loop(const step *steps, size_t n, uint8_t *trace) {
    uint32_t conns[CONNECTIONS] = {0};
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t *c = &conns[steps[i].connection];
        sum += (uint32_t)steps[i].trigger ^ steps[i].initiator;
        trace[i] = (uint8_t)*c;
    }
    return sum;
}

/* The guarded machines (Meshery, Bindplane, the lease): RUN with the guard callback attached to
   every connection, its state seeded as the hand switch seeds it. No compact form: it has no
   guard callback (it answers TRANSIT_NO_GUARD for a guarded choice). */
#define RUN_GUARDED(name, def, fire, hooks)                                                        \
    uint32_t name(const step *steps, size_t n, uint8_t *trace) {                                   \
        transit_instance conns[CONNECTIONS];                                                       \
        uint32_t sum = 0, observed = 0, g = GUARD_SEED;                                            \
        const transit_hooks *h = hooks;                                                            \
        for (size_t k = 0; k < CONNECTIONS; k++) {                                                 \
            transit_init(&conns[k], &def);                                                         \
            transit_set_guard(&conns[k], bench_guard, &g);                                         \
            if (h)                                                                                 \
                transit_set_hooks(&conns[k], h, &observed);                                        \
        }                                                                                          \
        for (size_t i = 0; i < n; i++) {                                                           \
            transit_instance *c = &conns[steps[i].connection];                                     \
            sum += (uint32_t)fire(c, steps[i].trigger, (transit_initiator)steps[i].initiator);     \
            trace[i] = (uint8_t)c->state;                                                          \
        }                                                                                          \
        return sum;                                                                                \
    }

RUN(run_door_transit_fire, door_machine, transit_fire, (const transit_hooks *)0)
RUN(run_door_fast, door_machine, door_fire, (const transit_hooks *)0)
RUN(run_door_observer, door_machine, transit_fire, &observer)
RUN_COMPACT(run_door_compact, door_compact, door_compact_init, door_compact_fire)
RUN(run_wide_transit_fire, wide_machine, transit_fire, (const transit_hooks *)0)
RUN(run_wide_fast, wide_machine, wide_fire, (const transit_hooks *)0)
RUN(run_wide_observer, wide_machine, transit_fire, &observer)
RUN_COMPACT(run_wide_compact, wide_compact, wide_compact_init, wide_compact_fire)
RUN_GUARDED(run_meshery_transit_fire, meshery_connection_machine, transit_fire,
            (const transit_hooks *)0)
RUN_GUARDED(run_meshery_fast, meshery_connection_machine, meshery_connection_fire,
            (const transit_hooks *)0)
RUN_GUARDED(run_meshery_observer, meshery_connection_machine, transit_fire, &observer)
RUN_GUARDED(run_bindplane_transit_fire, bindplane_collector_machine, transit_fire,
            (const transit_hooks *)0)
RUN_GUARDED(run_bindplane_fast, bindplane_collector_machine, bindplane_collector_fire,
            (const transit_hooks *)0)
RUN_GUARDED(run_bindplane_observer, bindplane_collector_machine, transit_fire, &observer)

RUN_GUARDED(run_lease_transit_fire, lease_machine, transit_fire, (const transit_hooks *)0)
RUN_GUARDED(run_lease_fast, lease_machine, lease_fire, (const transit_hooks *)0)
RUN_GUARDED(run_lease_observer, lease_machine, transit_fire, &observer)
