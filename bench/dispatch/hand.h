/*
** What the hand switches share (hand.c, wide_hand.c): the initiator bits, a connection that is just
** its state, the EDGE shorthand and the run loop.
*/
#ifndef BENCH_HAND_H
#define BENCH_HAND_H

#include "dispatch.h"
#include "transit.h"

enum { USER = TRANSIT_USER, AUTO = TRANSIT_AUTO, SELF = TRANSIT_SELF };

typedef struct hand_connection {
    unsigned state;
} hand_connection;

/* Sets *to and *by for a transition and leaves the switch. */
#define EDGE(target, initiators)                                                                   \
    to = (target);                                                                                 \
    by = (initiators);                                                                             \
    break

/* The run function of a hand switch: the same loop as the generated ones (generated.c). */
#define HAND_RUN(name, initial, fire)                                                              \
    uint32_t name(const step *steps, size_t n, uint8_t *trace) {                                   \
        hand_connection conns[CONNECTIONS];                                                        \
        for (size_t k = 0; k < CONNECTIONS; k++)                                                   \
            conns[k].state = (initial);                                                            \
        uint32_t sum = 0;                                                                          \
        for (size_t i = 0; i < n; i++) {                                                           \
            hand_connection *c = &conns[steps[i].connection];                                      \
            sum += (uint32_t)fire(c, steps[i].trigger, steps[i].initiator);                        \
            trace[i] = (uint8_t)c->state;                                                          \
        }                                                                                          \
        return sum;                                                                                \
    }

#endif
