/*
** The machines as servers often write them by hand: the state a string (as stored in the
** database), the trigger and initiator strings (as received), and a list of rows searched with
** strcmp. Same result codes as transit_fire().
*/
#include <string.h>

#include "dispatch.h"
#include "transit.h"

typedef struct row {
    const char *from, *trigger, *to;
    const char *by; /* initiators allowed, e.g. "user,auto" */
} row;

static const row meshery_rows[] = {
    {"discovered", "register", "registered", "user,auto"},
    {"ignored", "register", "registered", "user"},
    {"maintenance", "register", "registered", "user"},
    {"not found", "register", "registered", "user"},
    {"discovered", "connect", "connected", "self"},
    {"registered", "connect", "connected", "user,auto,self"},
    {"connected", "connect", "connected", "user,auto,self"},
    {"disconnected", "connect", "connected", "user,auto"},
    {"maintenance", "connect", "connected", "user"},
    {"discovered", "ignore", "ignored", "user"},
    {"registered", "ignore", "ignored", "user"},
    {"connected", "ignore", "ignored", "user"},
    {"maintenance", "ignore", "ignored", "user"},
    {"registered", "maintain", "maintenance", "user"},
    {"connected", "maintain", "maintenance", "user"},
    {"connected", "disconnect", "disconnected", "user,auto"},
    {"discovered", "not_found", "not found", "auto"},
    {"registered", "not_found", "not found", "auto"},
    {"connected", "not_found", "not found", "auto"},
    {"maintenance", "not_found", "not found", "auto"},
    {"not found", "discover", "discovered", "auto"},
    {"discovered", "delete", "deleted", "user"},
    {"registered", "delete", "deleted", "user"},
    {"connected", "delete", "deleted", "user"},
    {"ignored", "delete", "deleted", "user"},
    {"maintenance", "delete", "deleted", "user"},
    {"disconnected", "delete", "deleted", "user"},
    {"not found", "delete", "deleted", "user"},
};

static const char *const meshery_triggers[] = {"register",   "connect",   "ignore",   "maintain",
                                               "disconnect", "not_found", "discover", "delete"};

static const row bindplane_rows[] = {
    {"connected", "disconnect", "disconnected", "auto,self"},
    {"error", "disconnect", "disconnected", "auto,self"},
    {"configuring", "disconnect", "disconnected", "auto,self"},
    {"incompatible", "disconnect", "disconnected", "auto,self"},
    {"upgrading", "disconnect", "disconnected", "auto,self"},
    {"disconnected", "reconnect", "connected", "self"},
    {"connected", "fail", "error", "self"},
    {"incompatible", "fail", "error", "self"},
    {"configuring", "fail", "error", "self"},
    {"upgrading", "fail", "error", "self"},
    {"error", "recover", "connected", "self"},
    {"connected", "configure", "configuring", "auto"},
    {"error", "configure", "configuring", "auto"},
    {"incompatible", "configure", "configuring", "auto"},
    {"pending", "configure", "configuring", "auto"},
    {"configuring", "apply", "connected", "self"},
    {"connected", "queue", "pending", "user,auto"},
    {"error", "queue", "pending", "user,auto"},
    {"incompatible", "queue", "pending", "user,auto"},
    {"connected", "reject", "incompatible", "auto"},
    {"error", "reject", "incompatible", "auto"},
    {"connected", "upgrade", "upgrading", "user"},
    {"error", "upgrade", "upgrading", "user"},
    {"incompatible", "upgrade", "upgrading", "user"},
    {"upgrading", "upgraded", "connected", "self"},
};

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

static transit_result naive_fire(const row *rows, size_t count, const char **state,
                                 const char *trigger, const char *initiator) {
    int found = 0;
    for (size_t i = 0; i < count; i++) {
        if (strcmp(rows[i].from, *state) != 0 || strcmp(rows[i].trigger, trigger) != 0)
            continue;
        found = 1;
        if (allows(rows[i].by, initiator)) {
            *state = rows[i].to;
            return TRANSIT_OK;
        }
    }
    return found ? TRANSIT_NOT_PERMITTED : TRANSIT_NO_TRANSITION;
}

static uint32_t run(const row *rows, size_t count, const char *const *triggers, const char *initial,
                    const step *steps, size_t n, const char **trace) {
    const char *state[CONNECTIONS];
    for (size_t k = 0; k < CONNECTIONS; k++)
        state[k] = initial;
    uint32_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        const char **c = &state[steps[i].connection];
        sum += (uint32_t)naive_fire(rows, count, c, triggers[steps[i].trigger],
                                    initiator_names[steps[i].initiator]);
        trace[i] = *c;
    }
    return sum;
}

uint32_t run_meshery_naive(const step *steps, size_t n, const char **trace) {
    return run(meshery_rows, sizeof meshery_rows / sizeof *meshery_rows, meshery_triggers,
               "discovered", steps, n, trace);
}

uint32_t run_bindplane_naive(const step *steps, size_t n, const char **trace) {
    return run(bindplane_rows, sizeof bindplane_rows / sizeof *bindplane_rows, bindplane_triggers,
               "connected", steps, n, trace);
}
