/*
** Example: a Meshery connection driven through its life the way a server drives it. Discovery
** creates it, the server registers it automatically once it answers a ping (the spec's guard
** 'reachable', answered from the server's record), an operator's attempt to mark it "not found"
** is refused (only the server may), the server loses it, an operator deletes it. An observer hook
** prints every accepted transition with who made it: an audit line per change.
*/
#include <stdio.h>

#include "meshery_connection.h"

/* The server's record of one connection: what it knows answers the spec's guards. */
typedef struct connection {
    const char *name;
    int answers_ping;   /* guard reachable: the last ping was answered */
    int kind_connects;  /* guard auto_connects: its kind connects without an operator */
    transit_instance lifecycle;
} connection;

static const char *who(transit_initiator initiator) {
    switch (initiator) {
    case TRANSIT_USER: return "user";
    case TRANSIT_AUTO: return "auto";
    case TRANSIT_SELF: return "self";
    }
    return "?";
}

/* The observer: one audit line per accepted transition. */
static void audit(void *context, const transit_instance *inst, const transit_event *e) {
    const connection *c = context;
    (void)inst;
    printf("  %s: %s -> %s on %s by %s\n", c->name,
           transit_state_persisted(&meshery_connection_machine, e->from),
           transit_state_persisted(&meshery_connection_machine, e->to),
           transit_trigger_name(&meshery_connection_machine, e->trigger), who(e->initiator));
}

static const transit_hooks hooks = {NULL, NULL, NULL, audit};

/* The guard callback: the spec's conditions, answered from the server's record. */
static int guard(void *context, const transit_instance *inst, int g, const transit_event *e) {
    const connection *c = context;
    (void)inst;
    (void)e;
    switch ((meshery_connection_guard)g) {
    case MESHERY_CONNECTION_GUARD_REACHABLE: return c->answers_ping;
    case MESHERY_CONNECTION_GUARD_AUTO_CONNECTS: return c->kind_connects;
    case MESHERY_CONNECTION_GUARD_SELF_MANAGED: return 0; /* a Prometheus never reports itself */
    }
    return 0;
}

/* What a request handler does: fire, and report a refusal the way an API would. */
static transit_result request(connection *c, meshery_connection_trigger trigger,
                              transit_initiator initiator) {
    transit_result r = transit_fire(&c->lifecycle, (int)trigger, initiator);
    if (r != TRANSIT_OK)
        printf("  %s: %s by %s refused: %s (still %s)\n", c->name,
               transit_trigger_name(&meshery_connection_machine, (int)trigger), who(initiator),
               transit_result_string(r),
               transit_state_persisted(&meshery_connection_machine,
                                       transit_state(&c->lifecycle)));
    return r;
}

/* The actions the UI offers an operator now: transit_allowed_guarded for the user; a trigger
   whose outcome depends on a guard is marked '?' (it may still be refused: guard failed). */
static void show_actions(connection *c) {
    int triggers[MESHERY_CONNECTION_TRIGGERS], guarded[MESHERY_CONNECTION_TRIGGERS];
    int n = transit_allowed_guarded(&c->lifecycle, TRANSIT_USER, triggers, guarded,
                                    MESHERY_CONNECTION_TRIGGERS);
    printf("  %s: an operator may:", c->name);
    for (int i = 0; i < n; i++)
        printf(" %s%s", transit_trigger_name(&meshery_connection_machine, triggers[i]),
               guarded[i] ? "?" : "");
    printf("\n");
}

int main(void) {
    connection prometheus = {.name = "prometheus"};
    int failures = 0;

    puts("MeshSync discovers a Prometheus:");
    transit_init(&prometheus.lifecycle, &meshery_connection_machine);
    transit_set_hooks(&prometheus.lifecycle, &hooks, &prometheus);
    transit_set_guard(&prometheus.lifecycle, guard, &prometheus);
    printf("  %s: %s\n", prometheus.name,
           transit_state_persisted(&meshery_connection_machine,
                                   transit_state(&prometheus.lifecycle)));
    show_actions(&prometheus);

    puts("It does not answer yet: an operator's register is refused, and it stays discovered:");
    failures += request(&prometheus, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_USER) !=
                TRANSIT_GUARD_FAILED;

    puts("The server finds it reachable and registers it:");
    prometheus.answers_ping = 1;
    failures += request(&prometheus, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO) != TRANSIT_OK;
    show_actions(&prometheus);

    puts("A Prometheus is not a kind Meshery connects by itself: the server's connect is refused:");
    failures += request(&prometheus, MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_AUTO) !=
                TRANSIT_GUARD_FAILED;

    puts("An operator tries to mark it not found by hand:");
    failures += request(&prometheus, MESHERY_CONNECTION_TRIGGER_NOT_FOUND, TRANSIT_USER) !=
                TRANSIT_NOT_PERMITTED;

    puts("The operator connects it; later the server loses it:");
    failures += request(&prometheus, MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER) != TRANSIT_OK;
    failures +=
        request(&prometheus, MESHERY_CONNECTION_TRIGGER_DISCONNECT, TRANSIT_AUTO) != TRANSIT_OK;

    puts("After a restart the server restores the stored state by name:");
    connection restored = {.name = "prometheus"};
    transit_init(&restored.lifecycle, &meshery_connection_machine);
    transit_set_hooks(&restored.lifecycle, &hooks, &restored);
    transit_set_guard(&restored.lifecycle, guard, &restored);
    const char *stored = transit_state_persisted(&meshery_connection_machine,
                                                 transit_state(&prometheus.lifecycle));
    failures += transit_restore_name(&restored.lifecycle, stored) != TRANSIT_OK;
    printf("  %s: restored as %s\n", restored.name, stored);

    puts("The operator deletes it; nothing moves it afterwards:");
    failures += request(&restored, MESHERY_CONNECTION_TRIGGER_DELETE, TRANSIT_USER) != TRANSIT_OK;
    failures += request(&restored, MESHERY_CONNECTION_TRIGGER_DISCOVER, TRANSIT_AUTO) !=
                TRANSIT_NO_TRANSITION;
    show_actions(&restored);

    if (failures)
        fprintf(stderr, "%d step(s) did not go as the spec says\n", failures);
    return failures ? 1 : 0;
}
