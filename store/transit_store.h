/*
** transit store: instances of generated machines kept in a database whose generated schema
** (transitc generate --emit sqlite,postgresql) enforces the lifecycle. A thin layer over the
** database's own client library: SQLite (a file path) or PostgreSQL (a postgresql:// URL).
** Each fire is one transaction: the store decides with the machine's tables through the runtime,
** and commits one UPDATE that the database checks again and records in MACHINE_history.
**
** Threads: a transit_store is one connection; use it from one thread at a time (open one per
** thread or process; SQLite and PostgreSQL serialise the writers). No global state.
** Errors: every function returns a result; on TRANSIT_STORE_DB_ERROR or TRANSIT_BUSY,
** transit_store_error() tells what the database said. Nothing is retried behind the caller's
** back; after a lost PostgreSQL connection the next call reconnects once before it runs.
*/
#ifndef TRANSIT_STORE_H
#define TRANSIT_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "transit.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The results of the store: every transit_result (TRANSIT_OK, TRANSIT_NO_TRANSITION,
   TRANSIT_NOT_PERMITTED, TRANSIT_STALE, TRANSIT_UNKNOWN_NAME, TRANSIT_INVALID, TRANSIT_BUSY for a
   locked database, ...) and these. */
#define TRANSIT_STORE_RESULTS(X)                                                                   \
    X(TRANSIT_STORE_UNKNOWN_INSTANCE, "unknown instance") /* no instance with that id */          \
    X(TRANSIT_STORE_EXISTS, "instance exists")           /* create: the id is taken */             \
    X(TRANSIT_STORE_DB_ERROR, "database error")          /* see transit_store_error() */

enum {
    TRANSIT_STORE_FIRST = TRANSIT_RESULT_COUNT - 1,
#define TRANSIT_STORE_ENUM(name, text) name,
    TRANSIT_STORE_RESULTS(TRANSIT_STORE_ENUM)
#undef TRANSIT_STORE_ENUM
        TRANSIT_STORE_RESULT_END
};

typedef int transit_store_result;

/* The name of any store result: the runtime's names, then "unknown instance", ... */
const char *transit_store_result_string(transit_store_result r);

typedef struct transit_store transit_store;

/* Opens a store: where is a "postgresql://" (or "postgres://") URL, else a SQLite file path
   (created when missing; WAL mode, synchronous NORMAL, busy timeout 5 s). NULL on failure, with
   the reason in err[errlen]. The machines' schemas are loaded with transit_store_exec. */
transit_store *transit_store_open(const char *where, char *err, size_t errlen);

/* Closes the connection and frees everything; s may be NULL. */
void transit_store_close(transit_store *s);

/* The database's message for the last TRANSIT_STORE_DB_ERROR or TRANSIT_BUSY ("" when none). */
const char *transit_store_error(const transit_store *s);

/* Runs SQL text, e.g. a generated MACHINE.sqlite.sql or MACHINE.postgresql.sql. */
transit_store_result transit_store_exec(transit_store *s, const char *sql);

/* The table-name prefix of machine name, as the SQL emitters make it: name itself up to 39 bytes,
   else its first 30 bytes, '_' and the 8 hex digits of its 32-bit FNV-1a hash. out: 40 bytes. */
void transit_store_prefix(const char *name, char out[40]);

/* Creates instance id (a non-empty string) in def's initial state at seq 0.
   TRANSIT_STORE_EXISTS when the id is taken. */
transit_store_result transit_store_create(transit_store *s, const transit_machine *def,
                                          const char *id);

/* Reads instance id's state (index in def) and seq. TRANSIT_STORE_UNKNOWN_INSTANCE,
   TRANSIT_UNKNOWN_NAME for a stored state def lacks (*state = -1). */
transit_store_result transit_store_load(transit_store *s, const transit_machine *def,
                                        const char *id, int *state, uint64_t *seq);

/* A guard callback: nonzero when guard (an index of def, as the runtime's guards) holds. Asked
   while a fire decides, for the guard of each guarded alternative tried in the spec's order
   (event->to that alternative's target; from, trigger and initiator the fire's) until one is
   taken. The history row's guards column names those that held, space-separated, each once, in
   the order asked: "" when guards were asked and none held, NULL when none was asked. */
typedef int transit_store_guard_fn(void *context, const transit_machine *def, int guard,
                                   const transit_event *event);

/* During a guard callback, the id of the instance whose fire is being decided (a sweep's too:
   transit_store_fire_due asks for each due instance in turn); NULL at any other time. */
const char *transit_store_deciding(const transit_store *s);

/* What a fire did: the states and the seq it committed (or was refused at). */
typedef struct transit_store_outcome {
    int from, to;
    uint64_t seq;
} transit_store_outcome;

/* Fires trigger on instance id for initiator, in one transaction: reads the instance (locking
   it), decides with def's tables (the guard callback asked for guarded alternatives; may be NULL
   for unguarded machines), and commits the UPDATE the database checks, with actor and reason
   (may be NULL or empty; any length) in the history row. expected_seq: NULL for none, else the
   seq the caller saw: TRANSIT_STALE when it moved since. Results: TRANSIT_OK, the runtime's
   refusals (TRANSIT_NO_TRANSITION, TRANSIT_NOT_PERMITTED, TRANSIT_NO_GUARD when the choice needs
   a guard and guard is NULL, TRANSIT_GUARD_FAILED when no guard held and there is no fallback),
   TRANSIT_STALE, TRANSIT_STORE_UNKNOWN_INSTANCE, TRANSIT_UNKNOWN_NAME,
   TRANSIT_BUSY (locked), TRANSIT_STORE_DB_ERROR. out (may be NULL) tells from, to and seq.
   A TRANSIT_STORE_DB_ERROR from a connection lost during the commit leaves it unknown whether
   the transition committed: load the instance (its seq tells) before firing again. Any other
   refusal or error changed nothing. */
transit_store_result transit_store_fire(transit_store *s, const transit_machine *def,
                                        const char *id, int trigger, transit_initiator initiator,
                                        const uint64_t *expected_seq, const char *actor,
                                        const char *reason, transit_store_guard_fn *guard,
                                        void *guard_context, transit_store_outcome *out);

/* One row of an instance's history. Strings are valid during the callback only; from_state and
   trigger are NULL for an import, guards/actor/reason NULL when none. */
typedef struct transit_store_entry {
    uint64_t seq;
    const char *from_state, *to_state, *trigger, *initiator, *guards, *actor, *reason;
    const char *at; /* "YYYY-MM-DDTHH:MM:SS.SSSZ" (UTC) */
} transit_store_entry;

/* Calls each for the history rows of id with seq < before_seq (UINT64_MAX: from the newest),
   newest first, at most limit of them; a nonzero return from each stops the walk. *count
   (may be NULL) receives how many were passed. */
transit_store_result transit_store_history(transit_store *s, const transit_machine *def,
                                           const char *id, uint64_t before_seq, unsigned limit,
                                           int (*each)(void *context,
                                                       const transit_store_entry *entry),
                                           void *context, unsigned *count);

/* Fires, as auto, the timer trigger of up to limit instances whose due_at has passed, in the
   order of (due_at, id), each in its own transaction (PostgreSQL: claimed with FOR UPDATE SKIP
   LOCKED, so several sweepers share the work). *fired (may be NULL) counts the accepted ones. An
   instance whose fire is refused (TRANSIT_GUARD_FAILED when no guard holds, TRANSIT_NO_GUARD
   without a callback, ...) is left as it is, still due (the next call tries it again), and holds
   up no other: the call goes on with the next and returns the first refusal at the end
   (TRANSIT_OK when every instance tried fired). TRANSIT_STORE_DB_ERROR and TRANSIT_BUSY stop it
   at once. */
transit_store_result transit_store_fire_due(transit_store *s, const transit_machine *def,
                                            unsigned limit, const char *actor,
                                            transit_store_guard_fn *guard, void *guard_context,
                                            unsigned *fired);

#ifdef __cplusplus
}
#endif

#endif
