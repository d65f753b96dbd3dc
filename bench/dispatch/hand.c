/*
** The door, Meshery and Bindplane machines written by hand as a careful C programmer would: a
** switch on the state, a switch on the trigger, the initiators allowed as a bit mask, the same result codes as
** transit_fire() (out-of-range trigger or initiator first, then no transition, then not permitted).
** It uses the generated enums for names only; the logic is transcribed from the specs. Where
** the target depends on the initiator (door's close, unlock and reset) it is chosen by a compare.
** The guarded machines (lease, Meshery, Bindplane) ask their guards in spec order through
** bench_guard (guard.c), called directly with the guard and no instance or event.
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

/* The lease (specs/lease.transit): each (state, trigger, initiator) tries its alternatives in the
   spec's order, asking the guards as it goes (bench_guard, called directly); none holding and no
   fallback is TRANSIT_GUARD_FAILED. */
#define HOLDS(guard) (bench_guard(g, NULL, GUARD(guard), NULL) != 0)
#define GUARD(name) LEASE_GUARD_##name
#define ALLOW(target, initiators)                                                                  \
    if (!((initiators) & (unsigned)initiator))                                                     \
        return TRANSIT_NOT_PERMITTED;                                                              \
    to = (target);                                                                                 \
    break

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
                to = HOLDS(AVAILABLE) ? LEASE_STATE_HELD : LEASE_STATE_WAITING;
                break;
            }
            if (initiator == AUTO) {
                to = !HOLDS(AVAILABLE) ? LEASE_STATE_FAILED : LEASE_STATE_HELD;
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
                if (!HOLDS(AVAILABLE) && !HOLDS(APPROVED))
                    return TRANSIT_GUARD_FAILED;
                to = LEASE_STATE_HELD;
                break;
            }
            if (initiator == SELF) {
                if (HOLDS(APPROVED))
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
                to = HOLDS(HEALTHY) ? LEASE_STATE_HELD : LEASE_STATE_EXPIRING;
                break;
            }
            if (initiator == USER) {
                if (!HOLDS(APPROVED))
                    return TRANSIT_GUARD_FAILED;
                to = LEASE_STATE_EXPIRING;
                break;
            }
            return TRANSIT_NOT_PERMITTED;
        case LEASE_TRIGGER_CHECK:
            if (initiator != AUTO)
                return TRANSIT_NOT_PERMITTED;
            to = !HOLDS(HEALTHY) ? LEASE_STATE_REVOKED : LEASE_STATE_HELD;
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
            if (!HOLDS(APPROVED))
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

/* Meshery and Bindplane with their guards (specs/), as the lease: the guards asked in spec order
   through bench_guard, called directly. A guard asked by two alternatives (when reachable, when
   not reachable) is asked twice, as the spec's order says. */
#undef GUARD
#define GUARD(name) MESHERY_CONNECTION_GUARD_##name
static inline transit_result meshery_fire(hand_connection *c, int trigger, int initiator,
                                          uint32_t *g) {
    if ((unsigned)trigger >= MESHERY_CONNECTION_TRIGGERS ||
        (initiator != USER && initiator != AUTO && initiator != SELF))
        return TRANSIT_INVALID;
    unsigned to;
    switch (c->state) {
    case MESHERY_CONNECTION_STATE_DISCOVERED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_REGISTER:
            if (initiator == USER) {
                if (!HOLDS(REACHABLE))
                    return TRANSIT_GUARD_FAILED;
                to = MESHERY_CONNECTION_STATE_REGISTERED;
                break;
            }
            if (initiator == AUTO) {
                if (HOLDS(REACHABLE))
                    to = MESHERY_CONNECTION_STATE_REGISTERED;
                else if (!HOLDS(REACHABLE))
                    to = MESHERY_CONNECTION_STATE_NOT_FOUND;
                else
                    return TRANSIT_GUARD_FAILED;
                break;
            }
            return TRANSIT_NOT_PERMITTED;
        case MESHERY_CONNECTION_TRIGGER_CONNECT:
            if (initiator != SELF)
                return TRANSIT_NOT_PERMITTED;
            if (!HOLDS(SELF_MANAGED))
                return TRANSIT_GUARD_FAILED;
            to = MESHERY_CONNECTION_STATE_CONNECTED;
            break;
        case MESHERY_CONNECTION_TRIGGER_IGNORE: ALLOW(MESHERY_CONNECTION_STATE_IGNORED, USER);
        case MESHERY_CONNECTION_TRIGGER_NOT_FOUND: ALLOW(MESHERY_CONNECTION_STATE_NOT_FOUND, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: ALLOW(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_REGISTERED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_CONNECT:
            if (initiator == AUTO ? !HOLDS(AUTO_CONNECTS)
                                  : initiator == SELF && !HOLDS(SELF_MANAGED))
                return TRANSIT_GUARD_FAILED;
            to = MESHERY_CONNECTION_STATE_CONNECTED;
            break;
        case MESHERY_CONNECTION_TRIGGER_IGNORE: ALLOW(MESHERY_CONNECTION_STATE_IGNORED, USER);
        case MESHERY_CONNECTION_TRIGGER_MAINTAIN: ALLOW(MESHERY_CONNECTION_STATE_MAINTENANCE, USER);
        case MESHERY_CONNECTION_TRIGGER_NOT_FOUND: ALLOW(MESHERY_CONNECTION_STATE_NOT_FOUND, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: ALLOW(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_CONNECTED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_CONNECT:
            ALLOW(MESHERY_CONNECTION_STATE_CONNECTED, USER | AUTO | SELF);
        case MESHERY_CONNECTION_TRIGGER_IGNORE: ALLOW(MESHERY_CONNECTION_STATE_IGNORED, USER);
        case MESHERY_CONNECTION_TRIGGER_MAINTAIN: ALLOW(MESHERY_CONNECTION_STATE_MAINTENANCE, USER);
        case MESHERY_CONNECTION_TRIGGER_DISCONNECT:
            ALLOW(MESHERY_CONNECTION_STATE_DISCONNECTED, USER | AUTO);
        case MESHERY_CONNECTION_TRIGGER_NOT_FOUND: ALLOW(MESHERY_CONNECTION_STATE_NOT_FOUND, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: ALLOW(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_IGNORED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_REGISTER: ALLOW(MESHERY_CONNECTION_STATE_REGISTERED, USER);
        case MESHERY_CONNECTION_TRIGGER_DELETE: ALLOW(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_MAINTENANCE:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_REGISTER: ALLOW(MESHERY_CONNECTION_STATE_REGISTERED, USER);
        case MESHERY_CONNECTION_TRIGGER_CONNECT: ALLOW(MESHERY_CONNECTION_STATE_CONNECTED, USER);
        case MESHERY_CONNECTION_TRIGGER_IGNORE: ALLOW(MESHERY_CONNECTION_STATE_IGNORED, USER);
        case MESHERY_CONNECTION_TRIGGER_NOT_FOUND: ALLOW(MESHERY_CONNECTION_STATE_NOT_FOUND, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: ALLOW(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_DISCONNECTED:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_CONNECT:
            if (initiator == SELF)
                return TRANSIT_NOT_PERMITTED;
            if (initiator == AUTO && !HOLDS(AUTO_CONNECTS))
                return TRANSIT_GUARD_FAILED;
            to = MESHERY_CONNECTION_STATE_CONNECTED;
            break;
        case MESHERY_CONNECTION_TRIGGER_DELETE: ALLOW(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case MESHERY_CONNECTION_STATE_DELETED: /* final: nothing leaves it */
        return TRANSIT_NO_TRANSITION;
    case MESHERY_CONNECTION_STATE_NOT_FOUND:
        switch (trigger) {
        case MESHERY_CONNECTION_TRIGGER_REGISTER:
            if (initiator != USER)
                return TRANSIT_NOT_PERMITTED;
            if (!HOLDS(REACHABLE))
                return TRANSIT_GUARD_FAILED;
            to = MESHERY_CONNECTION_STATE_REGISTERED;
            break;
        case MESHERY_CONNECTION_TRIGGER_DISCOVER: ALLOW(MESHERY_CONNECTION_STATE_DISCOVERED, AUTO);
        case MESHERY_CONNECTION_TRIGGER_DELETE: ALLOW(MESHERY_CONNECTION_STATE_DELETED, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    default:
        return TRANSIT_INVALID;
    }
    c->state = to;
    return TRANSIT_OK;
}

#undef GUARD
#define GUARD(name) BINDPLANE_COLLECTOR_GUARD_##name

/* Bindplane's upgrading collector on fail and upgraded (by self only): 'when not config_pending'
   first, then 'when config_pending', each asked. */
#define UPGRADE_END(target)                                                                        \
    if (initiator != SELF)                                                                         \
        return TRANSIT_NOT_PERMITTED;                                                              \
    if (!HOLDS(CONFIG_PENDING))                                                                    \
        to = (target);                                                                             \
    else if (HOLDS(CONFIG_PENDING))                                                                \
        to = BINDPLANE_COLLECTOR_STATE_CONFIGURING;                                                \
    else                                                                                           \
        return TRANSIT_GUARD_FAILED;                                                               \
    break

static inline transit_result bindplane_fire(hand_connection *c, int trigger, int initiator,
                                            uint32_t *g) {
    if ((unsigned)trigger >= BINDPLANE_COLLECTOR_TRIGGERS ||
        (initiator != USER && initiator != AUTO && initiator != SELF))
        return TRANSIT_INVALID;
    unsigned to;
    switch (c->state) {
    case BINDPLANE_COLLECTOR_STATE_CONNECTED:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: ALLOW(BINDPLANE_COLLECTOR_STATE_DISCONNECTED, AUTO | SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_FAIL: ALLOW(BINDPLANE_COLLECTOR_STATE_ERROR, SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE: ALLOW(BINDPLANE_COLLECTOR_STATE_CONFIGURING, AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_QUEUE: ALLOW(BINDPLANE_COLLECTOR_STATE_PENDING, USER | AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_REJECT: ALLOW(BINDPLANE_COLLECTOR_STATE_INCOMPATIBLE, AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_UPGRADE: ALLOW(BINDPLANE_COLLECTOR_STATE_UPGRADING, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_DISCONNECTED:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_RECONNECT: ALLOW(BINDPLANE_COLLECTOR_STATE_CONNECTED, SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_ERROR:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: ALLOW(BINDPLANE_COLLECTOR_STATE_DISCONNECTED, AUTO | SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_RECOVER: ALLOW(BINDPLANE_COLLECTOR_STATE_CONNECTED, SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE: ALLOW(BINDPLANE_COLLECTOR_STATE_CONFIGURING, AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_QUEUE: ALLOW(BINDPLANE_COLLECTOR_STATE_PENDING, USER | AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_REJECT: ALLOW(BINDPLANE_COLLECTOR_STATE_INCOMPATIBLE, AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_UPGRADE: ALLOW(BINDPLANE_COLLECTOR_STATE_UPGRADING, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_CONFIGURING:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: ALLOW(BINDPLANE_COLLECTOR_STATE_DISCONNECTED, AUTO | SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_FAIL: ALLOW(BINDPLANE_COLLECTOR_STATE_ERROR, SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_APPLY: ALLOW(BINDPLANE_COLLECTOR_STATE_CONNECTED, SELF);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_PENDING:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE: ALLOW(BINDPLANE_COLLECTOR_STATE_CONFIGURING, AUTO);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_INCOMPATIBLE:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: ALLOW(BINDPLANE_COLLECTOR_STATE_DISCONNECTED, AUTO | SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_FAIL: ALLOW(BINDPLANE_COLLECTOR_STATE_ERROR, SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE: ALLOW(BINDPLANE_COLLECTOR_STATE_CONFIGURING, AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_QUEUE: ALLOW(BINDPLANE_COLLECTOR_STATE_PENDING, USER | AUTO);
        case BINDPLANE_COLLECTOR_TRIGGER_UPGRADE: ALLOW(BINDPLANE_COLLECTOR_STATE_UPGRADING, USER);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    case BINDPLANE_COLLECTOR_STATE_UPGRADING:
        switch (trigger) {
        case BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT: ALLOW(BINDPLANE_COLLECTOR_STATE_DISCONNECTED, AUTO | SELF);
        case BINDPLANE_COLLECTOR_TRIGGER_FAIL: UPGRADE_END(BINDPLANE_COLLECTOR_STATE_ERROR);
        case BINDPLANE_COLLECTOR_TRIGGER_UPGRADED: UPGRADE_END(BINDPLANE_COLLECTOR_STATE_CONNECTED);
        default: return TRANSIT_NO_TRANSITION;
        }
        break;
    default:
        return TRANSIT_INVALID;
    }
    c->state = to;
    return TRANSIT_OK;
}

/* HAND_RUN with the guards' state, seeded as every implementation seeds it. */
#define HAND_RUN_GUARDED(name, initial, fire)                                                      \
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

HAND_RUN_GUARDED(run_lease_hand, LEASE_STATE_IDLE, lease_fire_hand)
HAND_RUN_GUARDED(run_meshery_hand, MESHERY_CONNECTION_STATE_DISCOVERED, meshery_fire)
HAND_RUN_GUARDED(run_bindplane_hand, BINDPLANE_COLLECTOR_STATE_CONNECTED, bindplane_fire)

HAND_RUN(run_door_hand, DOOR_STATE_CLOSED, door_fire_hand)
