/*
** The machines as servers often write them by hand: the state a string (as stored in the
** database), the trigger and initiator strings (as received), and a list of rows searched with
** strcmp; a guard named by a string too, asked in the rows' order (the spec's) as transit_fire()
** asks the guard callback. Same result codes as transit_fire().
*/
#include <string.h>

#include "dispatch.h"
#include "transit.h"

typedef struct row {
    const char *from, *trigger, *to;
    const char *by;   /* initiators allowed, e.g. "user,auto" */
    const char *when; /* the guard, "!" before it when negated; NULL for none */
} row;

static const row meshery_rows[] = {
    {"discovered", "register", "registered", "user,auto", "reachable"},
    {"discovered", "register", "not found", "auto", "!reachable"},
    {"ignored", "register", "registered", "user", NULL},
    {"maintenance", "register", "registered", "user", NULL},
    {"not found", "register", "registered", "user", "reachable"},
    {"discovered", "connect", "connected", "self", "self_managed"},
    {"registered", "connect", "connected", "user", NULL},
    {"registered", "connect", "connected", "auto", "auto_connects"},
    {"registered", "connect", "connected", "self", "self_managed"},
    {"connected", "connect", "connected", "user,auto,self", NULL},
    {"disconnected", "connect", "connected", "user", NULL},
    {"disconnected", "connect", "connected", "auto", "auto_connects"},
    {"maintenance", "connect", "connected", "user", NULL},
    {"discovered", "ignore", "ignored", "user", NULL},
    {"registered", "ignore", "ignored", "user", NULL},
    {"connected", "ignore", "ignored", "user", NULL},
    {"maintenance", "ignore", "ignored", "user", NULL},
    {"registered", "maintain", "maintenance", "user", NULL},
    {"connected", "maintain", "maintenance", "user", NULL},
    {"connected", "disconnect", "disconnected", "user,auto", NULL},
    {"discovered", "not_found", "not found", "auto", NULL},
    {"registered", "not_found", "not found", "auto", NULL},
    {"connected", "not_found", "not found", "auto", NULL},
    {"maintenance", "not_found", "not found", "auto", NULL},
    {"not found", "discover", "discovered", "auto", NULL},
    {"discovered", "delete", "deleted", "user", NULL},
    {"registered", "delete", "deleted", "user", NULL},
    {"connected", "delete", "deleted", "user", NULL},
    {"ignored", "delete", "deleted", "user", NULL},
    {"maintenance", "delete", "deleted", "user", NULL},
    {"disconnected", "delete", "deleted", "user", NULL},
    {"not found", "delete", "deleted", "user", NULL},
};

static const char *const meshery_guards[] = {"reachable", "auto_connects", "self_managed", NULL};

static const char *const meshery_triggers[] = {"register",   "connect",   "ignore",   "maintain",
                                               "disconnect", "not_found", "discover", "delete"};

static const row bindplane_rows[] = {
    {"connected", "disconnect", "disconnected", "auto,self", NULL},
    {"error", "disconnect", "disconnected", "auto,self", NULL},
    {"configuring", "disconnect", "disconnected", "auto,self", NULL},
    {"incompatible", "disconnect", "disconnected", "auto,self", NULL},
    {"upgrading", "disconnect", "disconnected", "auto,self", NULL},
    {"disconnected", "reconnect", "connected", "self", NULL},
    {"connected", "fail", "error", "self", NULL},
    {"incompatible", "fail", "error", "self", NULL},
    {"configuring", "fail", "error", "self", NULL},
    {"upgrading", "fail", "error", "self", "!config_pending"},
    {"upgrading", "fail", "configuring", "self", "config_pending"},
    {"error", "recover", "connected", "self", NULL},
    {"connected", "configure", "configuring", "auto", NULL},
    {"error", "configure", "configuring", "auto", NULL},
    {"incompatible", "configure", "configuring", "auto", NULL},
    {"pending", "configure", "configuring", "auto", NULL},
    {"configuring", "apply", "connected", "self", NULL},
    {"connected", "queue", "pending", "user,auto", NULL},
    {"error", "queue", "pending", "user,auto", NULL},
    {"incompatible", "queue", "pending", "user,auto", NULL},
    {"connected", "reject", "incompatible", "auto", NULL},
    {"error", "reject", "incompatible", "auto", NULL},
    {"connected", "upgrade", "upgrading", "user", NULL},
    {"error", "upgrade", "upgrading", "user", NULL},
    {"incompatible", "upgrade", "upgrading", "user", NULL},
    {"upgrading", "upgraded", "connected", "self", "!config_pending"},
    {"upgrading", "upgraded", "configuring", "self", "config_pending"},
};

static const char *const bindplane_guards[] = {"config_pending", NULL};

static const char *const bindplane_triggers[] = {"disconnect", "reconnect", "fail",    "recover",
                                                 "configure",  "apply",     "queue",   "reject",
                                                 "upgrade",    "upgraded"};

static const char *const initiator_names[] = {"", "user", "auto", "", "self"};

/* Whether the comma list by names initiator. */
static int allows(const char *by, const char *initiator) {
    size_t n = strlen(initiator);
    for (const char *p = by; (p = strstr(p, initiator)) != NULL; p += n)
        if ((p == by || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return 1;
    return 0;
}

/* Whether the guard named by when (NULL: none) holds, asking bench_guard with its number in
   guards. */
static int holds(const char *when, const char *const *guards, uint32_t *g) {
    if (!when)
        return 1;
    int negated = when[0] == '!';
    int number = 0;
    while (strcmp(guards[number], when + negated) != 0)
        number++;
    return (bench_guard(g, NULL, number, NULL) != 0) != negated;
}

static transit_result naive_fire(const row *rows, size_t count, const char *const *guards,
                                 uint32_t *g, const char **state, const char *trigger,
                                 const char *initiator) {
    int found = 0, permitted = 0;
    for (size_t i = 0; i < count; i++) {
        if (strcmp(rows[i].from, *state) != 0 || strcmp(rows[i].trigger, trigger) != 0)
            continue;
        found = 1;
        if (!allows(rows[i].by, initiator))
            continue;
        permitted = 1;
        if (holds(rows[i].when, guards, g)) {
            *state = rows[i].to;
            return TRANSIT_OK;
        }
    }
    if (permitted)
        return TRANSIT_GUARD_FAILED;
    return found ? TRANSIT_NOT_PERMITTED : TRANSIT_NO_TRANSITION;
}

static uint32_t run(const row *rows, size_t count, const char *const *guards,
                    const char *const *triggers, const char *initial, const step *steps, size_t n,
                    const char **trace) {
    const char *state[CONNECTIONS];
    for (size_t k = 0; k < CONNECTIONS; k++)
        state[k] = initial;
    uint32_t sum = 0, g = GUARD_SEED;
    for (size_t i = 0; i < n; i++) {
        const char **c = &state[steps[i].connection];
        sum += (uint32_t)naive_fire(rows, count, guards, &g, c, triggers[steps[i].trigger],
                                    initiator_names[steps[i].initiator]);
        trace[i] = *c;
    }
    return sum;
}

uint32_t run_meshery_naive(const step *steps, size_t n, const char **trace) {
    return run(meshery_rows, sizeof meshery_rows / sizeof *meshery_rows, meshery_guards,
               meshery_triggers, "discovered", steps, n, trace);
}

uint32_t run_bindplane_naive(const step *steps, size_t n, const char **trace) {
    return run(bindplane_rows, sizeof bindplane_rows / sizeof *bindplane_rows, bindplane_guards,
               bindplane_triggers, "connected", steps, n, trace);
}
