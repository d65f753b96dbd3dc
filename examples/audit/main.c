/*
** Example: the audit trail of a server managing Meshery connections. Each connection is an atomic
** instance (request handlers on any thread may fire at it); its observer appends every accepted
** transition to one journal with the server's clock. Later an operator asks: who moved grafana to
** ignored, and when? Along the way: a stale background job is dropped instead of undoing a newer
** change, and a restart restores the stored states by name. The spec's guards (is it reachable,
** does its kind connect by itself) are answered from the server's record of each connection.
*/
#include <stdio.h>

#include "meshery_connection.h"

#define MACHINE (&meshery_connection_machine)

/* The server's clock: minutes since 09:00, advanced by hand to keep the output reproducible. */
static uint64_t now;

static transit_journal_slot journal_slots[32];
static transit_journal journal;

typedef struct connection {
    uint64_t id;
    const char *name;
    int reachable;     /* guard reachable: it answered the last ping */
    int auto_connects; /* guard auto_connects: its kind (a Kubernetes cluster) connects by itself */
    transit_atomic lifecycle;
} connection;

static connection connections[] = {
    {.id = 1, .name = "prometheus", .reachable = 1},
    {.id = 2, .name = "grafana", .reachable = 1},
    {.id = 3, .name = "k8s-east", .reachable = 1, .auto_connects = 1}};
enum { CONNECTIONS = sizeof connections / sizeof connections[0] };

/* The observer: one journal entry per accepted transition; it never blocks the fire. */
static void record(void *context, const transit_instance *inst, const transit_event *e) {
    const connection *c = context;
    (void)inst;
    transit_journal_push_event(&journal, now, c->id, e);
}

static const transit_hooks hooks = {NULL, NULL, NULL, record};

/* The guard callback: the spec's conditions, answered from the server's record (none of these
   connections manages its own state). */
static int guard(void *context, const transit_instance *inst, int g, const transit_event *e) {
    const connection *c = context;
    (void)inst;
    (void)e;
    return g == MESHERY_CONNECTION_GUARD_REACHABLE       ? c->reachable
           : g == MESHERY_CONNECTION_GUARD_AUTO_CONNECTS ? c->auto_connects
                                                         : 0;
}

static void request(connection *c, meshery_connection_trigger trigger, transit_initiator by) {
    transit_result r = transit_atomic_fire(&c->lifecycle, (int)trigger, by, NULL);
    if (r != TRANSIT_OK)
        printf("  09:%02u %s: %s by %s refused: %s\n", (unsigned)now, c->name,
               transit_trigger_name(MACHINE, (int)trigger), transit_initiator_name(by), transit_result_string(r));
}

/* Answers "who moved c to state, and when" from the journal: its newest entry that did. */
static void who_moved(const connection *c, meshery_connection_state state) {
    transit_journal_cursor cur = transit_journal_newest(&journal);
    transit_journal_entry e;
    while (transit_journal_next(&journal, &cur, &e))
        if (e.instance == c->id && e.to == (int)state) {
            printf("  %s was moved to %s by %s at 09:%02u (%s from %s, change #%llu)\n", c->name,
                   transit_state_persisted(MACHINE, e.to), transit_initiator_name(e.initiator), (unsigned)e.time,
                   transit_trigger_name(MACHINE, e.trigger),
                   transit_state_persisted(MACHINE, e.from), (unsigned long long)e.seq);
            return;
        }
    printf("  %s was never moved to %s (as far as the journal reaches)\n", c->name,
           transit_state_persisted(MACHINE, (int)state));
}

int main(void) {
    transit_journal_init(&journal, journal_slots, 32);
    for (int i = 0; i < CONNECTIONS; i++) {
        transit_atomic_init(&connections[i].lifecycle, MACHINE);
        transit_atomic_set_hooks(&connections[i].lifecycle, &hooks, &connections[i]);
        transit_atomic_set_guard(&connections[i].lifecycle, guard, &connections[i]);
    }
    connection *prometheus = &connections[0], *grafana = &connections[1], *k8s = &connections[2];

    puts("A morning on the server:");
    now = 1;
    request(prometheus, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO);
    request(grafana, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO);
    request(k8s, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO);
    request(k8s, MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_AUTO);
    request(grafana, MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_AUTO);
    now = 5;
    request(grafana, MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER);
    request(prometheus, MESHERY_CONNECTION_TRIGGER_NOT_FOUND, TRANSIT_USER);
    now = 12;
    request(grafana, MESHERY_CONNECTION_TRIGGER_IGNORE, TRANSIT_USER);
    now = 20;
    request(grafana, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO);

    puts("A health check looked at k8s-east, then a user disconnected it meanwhile:");
    transit_snapshot looked = transit_atomic_load(&k8s->lifecycle);
    now = 25;
    request(k8s, MESHERY_CONNECTION_TRIGGER_DISCONNECT, TRANSIT_USER);
    now = 26;
    transit_snapshot seen;
    transit_result r = transit_atomic_fire_if(&k8s->lifecycle, looked.seq,
                                              MESHERY_CONNECTION_TRIGGER_NOT_FOUND, TRANSIT_AUTO,
                                              &seen);
    printf("  the check's late \"not found\" (planned at change #%llu): %s; k8s-east stays %s "
           "(change #%llu)\n",
           (unsigned long long)looked.seq, transit_result_string(r),
           transit_state_persisted(MACHINE, seen.state), (unsigned long long)seen.seq);

    puts("The journal, newest first:");
    transit_journal_cursor cur = transit_journal_newest(&journal);
    transit_journal_entry e;
    while (transit_journal_next(&journal, &cur, &e))
        printf("  09:%02u %-10s %s -> %s on %s by %s\n", (unsigned)e.time,
               connections[e.instance - 1].name, transit_state_persisted(MACHINE, e.from),
               transit_state_persisted(MACHINE, e.to), transit_trigger_name(MACHINE, e.trigger),
               transit_initiator_name(e.initiator));

    puts("Who moved grafana to ignored, and when?");
    who_moved(grafana, MESHERY_CONNECTION_STATE_IGNORED);
    who_moved(prometheus, MESHERY_CONNECTION_STATE_IGNORED);

    puts("After a restart, the stored states come back by name (k8s-east was stored by an older");
    puts("version of the spec, which had a state the current one lacks):");
    const char *stored[CONNECTIONS] = {"registered", "registered", "pending"};
    for (int i = 0; i < CONNECTIONS; i++) {
        transit_atomic restored;
        transit_atomic_init(&restored, MACHINE);
        r = transit_atomic_restore_name(&restored, stored[i], NULL);
        printf("  %s: stored \"%s\": %s%s\n", connections[i].name, stored[i],
               transit_result_string(r),
               r == TRANSIT_UNKNOWN_NAME ? " (left for an operator, never guessed)" : "");
    }
    return transit_journal_dropped(&journal) == 0 ? 0 : 1;
}
