/*
** The door, Meshery and Bindplane machines written by hand as a careful C programmer would: a
** switch on the state, a switch on the trigger, the initiators allowed as a bit mask, the same result codes as
** transit_fire() (out-of-range trigger or initiator first, then no transition, then not permitted).
** It uses the generated enums for names only; the logic is transcribed from the specs. Where
** the target depends on the initiator (door's close, unlock and reset) it is chosen by a compare.
** Where the spec asks a guard (Meshery, Bindplane, the lease), the switch asks it directly, one call
** per alternative tried, in the spec's order, as transit_fire() asks the guard callback.
*/
#include "bindplane_collector.h"
#include "door.h"
#include "hand.h"
#include "lease.h"
#include "meshery_connection.h"

static inline transit_result door_fire_hand(hand_connection *c, int trigger, int initiator) {
    if ((unsigned)trigger >= DOOR_TRIGGERS ||
        (initiator != USER && initiator != AUTO && initiator != SELF))
        return TRANSIT_INVALID;
    unsigned to, by;
    switch (c->state) {
    case DOOR_STATE_CLOSED:
        switch (trigger) {
        case DOOR_TRIGGER_OPEN: EDGE(DOOR_STATE_OPENED, USER | SELF);
        case DOOR_TRIGGER_LOCK: EDGE(DOOR_STATE_LOCKED, USER | AUTO);
        case DOOR_TRIGGER_KNOCK: EDGE(DOOR_STATE_CLOSED, USER | SELF);
        case DOOR_TRIGGER_ALARM: EDGE(DOOR_STATE_ALARMED, AUTO | SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case DOOR_STATE_OPENED:
        switch (trigger) {
        case DOOR_TRIGGER_CLOSE:
            EDGE(initiator == SELF ? DOOR_STATE_JAMMED : DOOR_STATE_CLOSED, USER | AUTO | SELF);
        case DOOR_TRIGGER_KNOCK: EDGE(DOOR_STATE_OPENED, USER);
        case DOOR_TRIGGER_ALARM: EDGE(DOOR_STATE_ALARMED, AUTO | SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case DOOR_STATE_LOCKED:
        switch (trigger) {
        case DOOR_TRIGGER_UNLOCK:
            EDGE(initiator == USER ? DOOR_STATE_OPENED : DOOR_STATE_CLOSED, USER | AUTO);
        case DOOR_TRIGGER_KNOCK: EDGE(DOOR_STATE_LOCKED, USER);
        case DOOR_TRIGGER_ALARM: EDGE(DOOR_STATE_ALARMED, AUTO | SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case DOOR_STATE_ALARMED:
        switch (trigger) {
        case DOOR_TRIGGER_RESET:
            EDGE(initiator == USER ? DOOR_STATE_CLOSED : DOOR_STATE_LOCKED, USER | AUTO);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case DOOR_STATE_JAMMED:
        switch (trigger) {
        case DOOR_TRIGGER_RESET: EDGE(DOOR_STATE_OPENED, USER | AUTO);
        case DOOR_TRIGGER_ALARM: EDGE(DOOR_STATE_ALARMED, AUTO | SELF);
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

/* Guarded machines ask bench_guard directly (g: the guards' state, seeded as every implementation
   seeds it). A choice tries its alternatives in the spec's order, asking the guards as it goes;
   none holding and no fallback is TRANSIT_GUARD_FAILED. */
#define HOLDS(guard) (bench_guard(g, NULL, (guard), NULL) != 0)
#define ALLOW(target, initiators)                                                                  \
    if (!((initiators) & (unsigned)initiator))                                                     \
        return TRANSIT_NOT_PERMITTED;                                                              \
    to = (target);                                                                                 \
    break
/* One guarded alternative, the last: not permitted unless one of initiators, guard failed unless
   holds (asked only when permitted). */
#define GUARDED(initiators, holds, target)                                                         \
    if (!((initiators) & (unsigned)initiator))                                                     \
        return TRANSIT_NOT_PERMITTED;                                                              \
    if (!(holds))                                                                                  \
        return TRANSIT_GUARD_FAILED;                                                               \
    EDGE(target, initiators)

static inline transit_result meshery_fire(hand_connection *c, int trigger, int initiator,
                                          uint32_t *g) {
    if ((unsigned)trigger >= MESHERY_CONNECTION_TRIGGERS ||
        (initiator != USER && initiator != AUTO && initiator != SELF))
        return TRANSIT_INVALID;
    unsigned to, by;
    switch (c->state) {
    case MESHERY_CONNECTION_STATE_DISCOVERED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_REGISTER:
            if (initiator == SELF)
                return TRANSIT_NOT_PERMITTED;
            if (HOLDS(MESHERY_CONNECTION_GUARD_REACHABLE)) {
                EDGE(MESHERY_CONNECTION_STATE_REGISTERED, USER | AUTO);
            }
            if (initiator == AUTO) {
                GUARDED(AUTO, !HOLDS(MESHERY_CONNECTION_GUARD_REACHABLE), MESHERY_CONNECTION_STATE_NOT_FOUND);
            }
            return TRANSIT_GUARD_FAILED;
        case MESHERY_CONNECTION_TRIGGER_CONNECT: GUARDED(SELF, HOLDS(MESHERY_CONNECTION_GUARD_SELF_MANAGED), MESHERY_CONNECTION_STATE_CONNECTED);
        case MESHERY_CONNECTION_TRIGGER_IGNORE: EDGE(MESHERY_CONNECTION_STATE_IGNORED, USER);
        case MESHERY_CONNECTION_TRIGGER_NOT_FOUND: EDGE(MESHERY_CONNECTION_STATE_NOT_FOUND, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: EDGE(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_REGISTERED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_CONNECT:
            if (initiator == AUTO) {
                GUARDED(AUTO, HOLDS(MESHERY_CONNECTION_GUARD_AUTO_CONNECTS), MESHERY_CONNECTION_STATE_CONNECTED);
            }
            if (initiator == SELF) {
                GUARDED(SELF, HOLDS(MESHERY_CONNECTION_GUARD_SELF_MANAGED), MESHERY_CONNECTION_STATE_CONNECTED);
            }
            EDGE(MESHERY_CONNECTION_STATE_CONNECTED, USER);
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
        case MESHERY_CONNECTION_TRIGGER_CONNECT:
            if (initiator == AUTO) {
                GUARDED(AUTO, HOLDS(MESHERY_CONNECTION_GUARD_AUTO_CONNECTS), MESHERY_CONNECTION_STATE_CONNECTED);
            }
            EDGE(MESHERY_CONNECTION_STATE_CONNECTED, USER);
        case MESHERY_CONNECTION_TRIGGER_DELETE: EDGE(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_DELETED: /* final: nothing leaves it */
        return TRANSIT_NO_TRANSITION;
    case MESHERY_CONNECTION_STATE_NOT_FOUND:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_REGISTER: GUARDED(USER, HOLDS(MESHERY_CONNECTION_GUARD_REACHABLE), MESHERY_CONNECTION_STATE_REGISTERED);
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

static inline transit_result bindplane_fire(hand_connection *c, int trigger, int initiator,
                                            uint32_t *g) {
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
        case BINDPLANE_COLLECTOR_TRIGGER_FAIL:
            if (initiator != SELF)
                return TRANSIT_NOT_PERMITTED;
            if (!HOLDS(BINDPLANE_COLLECTOR_GUARD_CONFIG_PENDING)) {
                EDGE(BINDPLANE_COLLECTOR_STATE_ERROR, SELF);
            }
            GUARDED(SELF, HOLDS(BINDPLANE_COLLECTOR_GUARD_CONFIG_PENDING), BINDPLANE_COLLECTOR_STATE_CONFIGURING);
        case BINDPLANE_COLLECTOR_TRIGGER_UPGRADED:
            if (initiator != SELF)
                return TRANSIT_NOT_PERMITTED;
            if (!HOLDS(BINDPLANE_COLLECTOR_GUARD_CONFIG_PENDING)) {
                EDGE(BINDPLANE_COLLECTOR_STATE_CONNECTED, SELF);
            }
            GUARDED(SELF, HOLDS(BINDPLANE_COLLECTOR_GUARD_CONFIG_PENDING), BINDPLANE_COLLECTOR_STATE_CONFIGURING);
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

static inline transit_result lease_fire_hand(hand_connection *c, int trigger, int initiator,
                                             uint32_t *g) {
    if ((unsigned)trigger >= LEASE_TRIGGERS ||
        (initiator != USER && initiator != AUTO && initiator != SELF))
        return TRANSIT_INVALID;
    unsigned to;
    switch (c->state) {
    case LEASE_STATE_IDLE:
        switch (trigger) {
        case LEASE_TRIGGER_REQUEST:
            if (initiator == USER) {
                to = HOLDS(LEASE_GUARD_AVAILABLE) ? LEASE_STATE_HELD : LEASE_STATE_WAITING;
                break;
            }
            if (initiator == AUTO) {
                to = !HOLDS(LEASE_GUARD_AVAILABLE) ? LEASE_STATE_FAILED : LEASE_STATE_HELD;
                break;
            }
            return TRANSIT_NOT_PERMITTED;
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case LEASE_STATE_WAITING:
        switch (trigger) {
        case LEASE_TRIGGER_GRANT:
            if (initiator == AUTO) {
                if (!HOLDS(LEASE_GUARD_AVAILABLE) && !HOLDS(LEASE_GUARD_APPROVED))
                    return TRANSIT_GUARD_FAILED;
                to = LEASE_STATE_HELD;
                break;
            }
            if (initiator == SELF) {
                if (HOLDS(LEASE_GUARD_APPROVED))
                    return TRANSIT_GUARD_FAILED;
                to = LEASE_STATE_FAILED;
                break;
            }
            return TRANSIT_NOT_PERMITTED;
        case LEASE_TRIGGER_RELEASE: ALLOW(LEASE_STATE_IDLE, USER | SELF);
        case LEASE_TRIGGER_CRASH: ALLOW(LEASE_STATE_FAILED, AUTO | SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case LEASE_STATE_HELD:
        switch (trigger) {
        case LEASE_TRIGGER_RENEW:
            if (initiator == SELF) {
                to = HOLDS(LEASE_GUARD_HEALTHY) ? LEASE_STATE_HELD : LEASE_STATE_EXPIRING;
                break;
            }
            if (initiator == USER) {
                if (!HOLDS(LEASE_GUARD_APPROVED))
                    return TRANSIT_GUARD_FAILED;
                to = LEASE_STATE_EXPIRING;
                break;
            }
            return TRANSIT_NOT_PERMITTED;
        case LEASE_TRIGGER_CHECK:
            if (initiator != AUTO)
                return TRANSIT_NOT_PERMITTED;
            to = !HOLDS(LEASE_GUARD_HEALTHY) ? LEASE_STATE_REVOKED : LEASE_STATE_HELD;
            break;
        case LEASE_TRIGGER_RELEASE: ALLOW(LEASE_STATE_IDLE, USER | SELF);
        case LEASE_TRIGGER_CRASH: ALLOW(LEASE_STATE_FAILED, AUTO | SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case LEASE_STATE_EXPIRING:
        switch (trigger) {
        case LEASE_TRIGGER_RENEW:
            if (!((USER | SELF) & (unsigned)initiator))
                return TRANSIT_NOT_PERMITTED;
            if (!HOLDS(LEASE_GUARD_APPROVED))
                return TRANSIT_GUARD_FAILED;
            to = LEASE_STATE_HELD;
            break;
        case LEASE_TRIGGER_EXPIRE: ALLOW(LEASE_STATE_IDLE, AUTO);
        case LEASE_TRIGGER_RELEASE: ALLOW(LEASE_STATE_IDLE, USER | SELF);
        case LEASE_TRIGGER_CRASH: ALLOW(LEASE_STATE_FAILED, AUTO | SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case LEASE_STATE_REVOKED:
        switch (trigger) {
        case LEASE_TRIGGER_RELEASE: ALLOW(LEASE_STATE_IDLE, USER | AUTO);
        case LEASE_TRIGGER_CRASH: ALLOW(LEASE_STATE_FAILED, AUTO | SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case LEASE_STATE_FAILED:
        switch (trigger) {
        case LEASE_TRIGGER_RELEASE: ALLOW(LEASE_STATE_IDLE, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    default:
        return TRANSIT_INVALID;
    }
    c->state = to;
    return TRANSIT_OK;
}

/* HAND_RUN for a guarded machine: the guards' state seeded as every implementation seeds it. */
#define GUARDED_HAND_RUN(name, initial, fire)                                                      \
    uint32_t name(const step *steps, size_t n, uint8_t *trace) {                                   \
        hand_connection conns[CONNECTIONS];                                                        \
        for (size_t k = 0; k < CONNECTIONS; k++)                                                   \
            conns[k].state = (initial);                                                            \
        uint32_t sum = 0, g = GUARD_SEED;                                                          \
        for (size_t i = 0; i < n; i++) {                                                           \
            hand_connection *c = &conns[steps[i].connection];                                      \
            sum += (uint32_t)fire(c, steps[i].trigger, steps[i].initiator, &g);                    \
            trace[i] = (uint8_t)c->state;                                                          \
        }                                                                                          \
        return sum;                                                                                \
    }

HAND_RUN(run_door_hand, DOOR_STATE_CLOSED, door_fire_hand)
GUARDED_HAND_RUN(run_meshery_hand, MESHERY_CONNECTION_STATE_DISCOVERED, meshery_fire)
GUARDED_HAND_RUN(run_bindplane_hand, BINDPLANE_COLLECTOR_STATE_CONNECTED, bindplane_fire)
GUARDED_HAND_RUN(run_lease_hand, LEASE_STATE_IDLE, lease_fire_hand)
