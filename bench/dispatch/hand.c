/*
** The two machines written by hand as a careful C programmer would: a switch on the state, a
** switch on the trigger, the initiators allowed as a bit mask, the same result codes as
** transit_fire() (out-of-range trigger or initiator first, then no transition, then not permitted).
** It uses the generated enums for names only; the logic is transcribed from the specs.
*/
#include "bindplane_collector.h"
#include "dispatch.h"
#include "meshery_connection.h"

enum { USER = TRANSIT_USER, AUTO = TRANSIT_AUTO, SELF = TRANSIT_SELF };

typedef struct hand_connection {
    unsigned state;
} hand_connection;

/* Sets *to and *by for a transition and leaves the switch. */
#define EDGE(target, initiators)                                                                   \
    to = (target);                                                                                 \
    by = (initiators);                                                                             \
    break

static inline transit_result meshery_fire(hand_connection *c, int trigger, int initiator) {
    if ((unsigned)trigger >= MESHERY_CONNECTION_TRIGGERS ||
        (initiator != USER && initiator != AUTO && initiator != SELF))
        return TRANSIT_INVALID;
    unsigned to, by;
    switch (c->state) {
    case MESHERY_CONNECTION_STATE_DISCOVERED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_REGISTER: EDGE(MESHERY_CONNECTION_STATE_REGISTERED, USER | AUTO);
        case MESHERY_CONNECTION_TRIGGER_CONNECT: EDGE(MESHERY_CONNECTION_STATE_CONNECTED, SELF);
        case MESHERY_CONNECTION_TRIGGER_IGNORE: EDGE(MESHERY_CONNECTION_STATE_IGNORED, USER);
        case MESHERY_CONNECTION_TRIGGER_NOT_FOUND: EDGE(MESHERY_CONNECTION_STATE_NOT_FOUND, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: EDGE(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_REGISTERED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_CONNECT: EDGE(MESHERY_CONNECTION_STATE_CONNECTED, USER | AUTO | SELF);
        case MESHERY_CONNECTION_TRIGGER_IGNORE: EDGE(MESHERY_CONNECTION_STATE_IGNORED, USER);
        case MESHERY_CONNECTION_TRIGGER_MAINTAIN: EDGE(MESHERY_CONNECTION_STATE_MAINTENANCE, USER);
        case MESHERY_CONNECTION_TRIGGER_NOT_FOUND: EDGE(MESHERY_CONNECTION_STATE_NOT_FOUND, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: EDGE(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_CONNECTED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_CONNECT: EDGE(MESHERY_CONNECTION_STATE_CONNECTED, USER | AUTO | SELF);
        case MESHERY_CONNECTION_TRIGGER_IGNORE: EDGE(MESHERY_CONNECTION_STATE_IGNORED, USER);
        case MESHERY_CONNECTION_TRIGGER_MAINTAIN: EDGE(MESHERY_CONNECTION_STATE_MAINTENANCE, USER);
        case MESHERY_CONNECTION_TRIGGER_DISCONNECT: EDGE(MESHERY_CONNECTION_STATE_DISCONNECTED, USER | AUTO);
        case MESHERY_CONNECTION_TRIGGER_NOT_FOUND: EDGE(MESHERY_CONNECTION_STATE_NOT_FOUND, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: EDGE(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_IGNORED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_REGISTER: EDGE(MESHERY_CONNECTION_STATE_REGISTERED, USER);
        case MESHERY_CONNECTION_TRIGGER_DELETE: EDGE(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_MAINTENANCE:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_REGISTER: EDGE(MESHERY_CONNECTION_STATE_REGISTERED, USER);
        case MESHERY_CONNECTION_TRIGGER_CONNECT: EDGE(MESHERY_CONNECTION_STATE_CONNECTED, USER);
        case MESHERY_CONNECTION_TRIGGER_IGNORE: EDGE(MESHERY_CONNECTION_STATE_IGNORED, USER);
        case MESHERY_CONNECTION_TRIGGER_NOT_FOUND: EDGE(MESHERY_CONNECTION_STATE_NOT_FOUND, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: EDGE(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_DISCONNECTED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_CONNECT: EDGE(MESHERY_CONNECTION_STATE_CONNECTED, USER | AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: EDGE(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_DELETED: /* final: nothing leaves it */
        return TRANSIT_NO_TRANSITION;
    case MESHERY_CONNECTION_STATE_NOT_FOUND:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_REGISTER: EDGE(MESHERY_CONNECTION_STATE_REGISTERED, USER);
        case MESHERY_CONNECTION_TRIGGER_DISCOVER: EDGE(MESHERY_CONNECTION_STATE_DISCOVERED, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: EDGE(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    default:
        return TRANSIT_INVALID;
    }
    if (!(by & (unsigned)initiator))
        return TRANSIT_NOT_PERMITTED;
    c->state = to;
    return TRANSIT_OK;
}

static inline transit_result bindplane_fire(hand_connection *c, int trigger, int initiator) {
    if ((unsigned)trigger >= BINDPLANE_COLLECTOR_TRIGGERS ||
        (initiator != USER && initiator != AUTO && initiator != SELF))
        return TRANSIT_INVALID;
    unsigned to, by;
    switch (c->state) {
    case BINDPLANE_COLLECTOR_STATE_CONNECTED:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: EDGE(BINDPLANE_COLLECTOR_STATE_DISCONNECTED, AUTO | SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_FAIL: EDGE(BINDPLANE_COLLECTOR_STATE_ERROR, SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE: EDGE(BINDPLANE_COLLECTOR_STATE_CONFIGURING, AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_QUEUE: EDGE(BINDPLANE_COLLECTOR_STATE_PENDING, USER | AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_REJECT: EDGE(BINDPLANE_COLLECTOR_STATE_INCOMPATIBLE, AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_UPGRADE: EDGE(BINDPLANE_COLLECTOR_STATE_UPGRADING, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_DISCONNECTED:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_RECONNECT: EDGE(BINDPLANE_COLLECTOR_STATE_CONNECTED, SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_ERROR:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: EDGE(BINDPLANE_COLLECTOR_STATE_DISCONNECTED, AUTO | SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_RECOVER: EDGE(BINDPLANE_COLLECTOR_STATE_CONNECTED, SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE: EDGE(BINDPLANE_COLLECTOR_STATE_CONFIGURING, AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_QUEUE: EDGE(BINDPLANE_COLLECTOR_STATE_PENDING, USER | AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_REJECT: EDGE(BINDPLANE_COLLECTOR_STATE_INCOMPATIBLE, AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_UPGRADE: EDGE(BINDPLANE_COLLECTOR_STATE_UPGRADING, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_CONFIGURING:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: EDGE(BINDPLANE_COLLECTOR_STATE_DISCONNECTED, AUTO | SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_FAIL: EDGE(BINDPLANE_COLLECTOR_STATE_ERROR, SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_APPLY: EDGE(BINDPLANE_COLLECTOR_STATE_CONNECTED, SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_PENDING:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE: EDGE(BINDPLANE_COLLECTOR_STATE_CONFIGURING, AUTO);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_INCOMPATIBLE:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: EDGE(BINDPLANE_COLLECTOR_STATE_DISCONNECTED, AUTO | SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_FAIL: EDGE(BINDPLANE_COLLECTOR_STATE_ERROR, SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE: EDGE(BINDPLANE_COLLECTOR_STATE_CONFIGURING, AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_QUEUE: EDGE(BINDPLANE_COLLECTOR_STATE_PENDING, USER | AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_UPGRADE: EDGE(BINDPLANE_COLLECTOR_STATE_UPGRADING, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_UPGRADING:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: EDGE(BINDPLANE_COLLECTOR_STATE_DISCONNECTED, AUTO | SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_FAIL: EDGE(BINDPLANE_COLLECTOR_STATE_ERROR, SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_UPGRADED: EDGE(BINDPLANE_COLLECTOR_STATE_CONNECTED, SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    default:
        return TRANSIT_INVALID;
    }
    if (!(by & (unsigned)initiator))
        return TRANSIT_NOT_PERMITTED;
    c->state = to;
    return TRANSIT_OK;
}

uint32_t run_meshery_hand(const step *steps, size_t n, uint8_t *trace) {
    hand_connection conns[CONNECTIONS];
    for (size_t k = 0; k < CONNECTIONS; k++)
        conns[k].state = MESHERY_CONNECTION_STATE_DISCOVERED;
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        hand_connection *c = &conns[steps[i].connection];
        sum += (uint32_t)meshery_fire(c, steps[i].trigger, steps[i].initiator);
        trace[i] = (uint8_t)c->state;
    }
    return sum;
}

uint32_t run_bindplane_hand(const step *steps, size_t n, uint8_t *trace) {
    hand_connection conns[CONNECTIONS];
    for (size_t k = 0; k < CONNECTIONS; k++)
        conns[k].state = BINDPLANE_COLLECTOR_STATE_CONNECTED;
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        hand_connection *c = &conns[steps[i].connection];
        sum += (uint32_t)bindplane_fire(c, steps[i].trigger, steps[i].initiator);
        trace[i] = (uint8_t)c->state;
    }
    return sum;
}
