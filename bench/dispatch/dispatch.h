/*
** The dispatch benchmark's shared pieces: a step of the pre-generated stream, and the run functions
** each implementation provides. A run keeps CONNECTIONS connections in an array, as a server keeps
** its connections in memory, fires every step of the stream in order on the connection it names,
** and records that connection's state after the fire, so implementations can be checked against
** each other.
*/
#ifndef BENCH_DISPATCH_H
#define BENCH_DISPATCH_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Connections a run keeps; each starts in the machine's initial state. */
#define CONNECTIONS 64

/* One fire: a connection, a trigger of the machine and one initiator bit (TRANSIT_USER, _AUTO or
   _SELF). */
typedef struct step {
    uint8_t connection;
    uint8_t trigger;
    uint8_t initiator;
} step;

/* Fires steps[0 .. n) on new connections in the machine's initial state; trace[i] is the state
   of step i's connection after it. Returns the sum of the result codes, which every
   implementation must agree on. */
typedef uint32_t run_fn(const step *steps, size_t n, uint8_t *trace);

/* The naive implementation holds its state as a string; its trace is of names. */
typedef uint32_t run_names_fn(const step *steps, size_t n, const char **trace);

run_fn run_loop;
run_fn run_door_transit_fire, run_door_fast, run_door_compact, run_door_observer, run_door_hand;
run_fn run_meshery_transit_fire, run_meshery_fast, run_meshery_observer, run_meshery_hand,
    run_meshery_msm;
run_fn run_bindplane_transit_fire, run_bindplane_fast, run_bindplane_observer,
    run_bindplane_hand, run_bindplane_msm;
run_fn run_wide_transit_fire, run_wide_fast, run_wide_compact, run_wide_observer, run_wide_hand;
run_fn run_lease_transit_fire, run_lease_fast, run_lease_observer, run_lease_hand;
run_names_fn run_meshery_naive, run_bindplane_naive;

/* The guarded machines' guards (guard.c): every implementation asks this one function, the hand
   switch directly and the generated code as the instance's guard callback (transit_guard_fn).
   context points to a uint32_t, seeded GUARD_SEED at the start of each run; each call steps it
   (xorshift) and answers one bit, so every implementation asked the same guards in the same
   order gets the same answers. inst and event are not read. */
#define GUARD_SEED 2463534242u
struct transit_instance;
struct transit_event;
int bench_guard(void *context, const struct transit_instance *inst, int guard,
                const struct transit_event *event);

#ifdef __cplusplus
}
#endif

#endif
