/*
** Stress test of the atomic runtime: several threads fire random triggers (and now and then
** restore or fire only-if-unchanged) at a shared set of Meshery connections for a bounded time,
** recording each accepted change with its sequence number. Afterwards each instance's records,
** ordered by sequence number, must number 1, 2, 3, ... with none lost or doubled, every fire must
** be a legal transition from the state the previous record left, and the replay must end in the
** instance's final state. Half the instances have hooks feeding an audit journal that a reader
** thread walks meanwhile. Legality is judged by transit_lookup on the generated tables, which
** tests/runtime checks against the spec.
**
**   stress [THREADS [MILLISECONDS]]   (default 4 threads, 1000 ms)
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "meshery_connection.h"
#include "transit.h"

enum { INSTANCES = 8, MAX_THREADS = 16, MAX_RECORDS = 200000, JOURNAL_SLOTS = 64 };

/* One accepted change, as the thread that made it saw it. */
typedef struct record {
    uint64_t seq;
    int instance;
    int to;
    int trigger; /* -1: a restore */
    transit_initiator initiator;
} record;

/* What the hooks of one instance keep: plain fields, written only inside hooks, so a broken
   try-lock shows up as a data race under ThreadSanitizer. */
typedef struct hook_state {
    int instance;
    long observed;     /* observer calls */
    uint64_t last_seq; /* event->seq of the last observed transition */
    long errors;
} hook_state;

static transit_atomic instances[INSTANCES];
static hook_state hook_states[INSTANCES];
static transit_journal journal;
static transit_journal_slot journal_slots[JOURNAL_SLOTS];
static _Atomic int stop;
static _Atomic long journal_errors, journal_read;

static const transit_machine *const def = &meshery_connection_machine;

/* A veto that depends only on the event: from connected, ignore is refused on odd instances. */
static int veto(void *context, const transit_instance *inst, const transit_event *e) {
    hook_state *h = context;
    if (transit_state(inst) != e->from)
        h->errors++;
    return e->from == MESHERY_CONNECTION_STATE_CONNECTED &&
           e->trigger == MESHERY_CONNECTION_TRIGGER_IGNORE;
}

static void enter(void *context, const transit_instance *inst, const transit_event *e) {
    hook_state *h = context;
    if (transit_state(inst) != e->to)
        h->errors++;
}

static void observe(void *context, const transit_instance *inst, const transit_event *e) {
    hook_state *h = context;
    (void)inst;
    if (e->seq <= h->last_seq)
        h->errors++;
    h->last_seq = e->seq;
    h->observed++;
    /* time: a value derived from the rest, so a torn entry would not match it */
    transit_journal_push_event(&journal, e->seq * 31u + (uint64_t)h->instance,
                               (uint64_t)h->instance, e);
}

static const transit_hooks hooks = {veto, NULL, enter, observe};

typedef struct worker {
    pthread_t thread;
    uint64_t rng;
    record *records;
    long count;
    long refused[TRANSIT_RESULT_COUNT]; /* [TRANSIT_INVALID]: things that must not happen */
} worker;

static uint32_t next_random(uint64_t *x) {
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return (uint32_t)(*x >> 32);
}

static void *work(void *arg) {
    worker *w = arg;
    static const transit_initiator who[3] = {TRANSIT_USER, TRANSIT_AUTO, TRANSIT_SELF};
    while (!stop && w->count < MAX_RECORDS) {
        uint32_t r = next_random(&w->rng);
        int i = (int)(r % INSTANCES);
        int trigger = (int)((r >> 8) % MESHERY_CONNECTION_TRIGGERS);
        transit_initiator initiator = who[(r >> 16) % 3];
        uint32_t kind = (r >> 20) % 32;
        transit_snapshot seen;
        transit_result res;
        if (kind == 0) {
            int state = (int)((r >> 25) % MESHERY_CONNECTION_STATES);
            res = transit_atomic_restore(&instances[i], state, &seen);
            if (res == TRANSIT_OK) {
                w->records[w->count++] = (record){seen.seq, i, seen.state, -1, 0};
                continue;
            }
        } else if (kind < 12) {
            transit_snapshot before = transit_atomic_load(&instances[i]);
            res = transit_atomic_fire_if(&instances[i], before.seq, trigger, initiator, &seen);
            if (res == TRANSIT_OK && seen.seq != before.seq + 1) {
                fprintf(stderr, "fire_if from seq %llu committed as %llu\n",
                        (unsigned long long)before.seq, (unsigned long long)seen.seq);
                w->refused[TRANSIT_INVALID]++;
            }
        } else {
            res = transit_atomic_fire(&instances[i], trigger, initiator, &seen);
        }
        if (res == TRANSIT_OK)
            w->records[w->count++] = (record){seen.seq, i, seen.state, trigger, initiator};
        else
            w->refused[res]++;
        /* Only an instance with hooks is ever busy; without, a fire just retries its CAS. */
        if (res == TRANSIT_BUSY && i % 2 == 0)
            w->refused[TRANSIT_INVALID]++;
    }
    return NULL;
}

/* A reader walking the journal while pushes go on: every entry it gets must be whole. */
static void *read_journal(void *arg) {
    (void)arg;
    while (!stop) {
        transit_journal_cursor c = transit_journal_newest(&journal);
        transit_journal_entry e;
        uint64_t last = UINT64_MAX;
        while (transit_journal_next(&journal, &c, &e)) {
            int to;
            if (e.position >= last || e.time != e.seq * 31u + e.instance ||
                e.instance >= INSTANCES ||
                transit_lookup(def, e.from, e.trigger, e.initiator, &to) != TRANSIT_OK ||
                to != e.to)
                journal_errors++;
            last = e.position;
            journal_read++;
        }
    }
    return NULL;
}

static int by_instance_then_seq(const void *a, const void *b) {
    const record *x = a, *y = b;
    if (x->instance != y->instance)
        return x->instance < y->instance ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 4;
    long ms = argc > 2 ? atol(argv[2]) : 1000;
    if (threads < 1 || threads > MAX_THREADS || ms < 1) {
        fprintf(stderr, "usage: stress [THREADS (1-%d) [MILLISECONDS]]\n", MAX_THREADS);
        return 2;
    }
    transit_journal_init(&journal, journal_slots, JOURNAL_SLOTS);
    for (int i = 0; i < INSTANCES; i++) {
        transit_atomic_init(&instances[i], def);
        hook_states[i].instance = i;
        if (i % 2)
            transit_atomic_set_hooks(&instances[i], &hooks, &hook_states[i]);
    }
    worker w[MAX_THREADS];
    memset(w, 0, sizeof w);
    for (int t = 0; t < threads; t++) {
        w[t].rng = 0x9e3779b97f4a7c15u * (uint64_t)(t + 1);
        w[t].records = malloc(MAX_RECORDS * sizeof *w[t].records);
        if (!w[t].records)
            return 2;
    }
    pthread_t reader;
    pthread_create(&reader, NULL, read_journal, NULL);
    for (int t = 0; t < threads; t++)
        pthread_create(&w[t].thread, NULL, work, &w[t]);
    struct timespec pause = {ms / 1000, (ms % 1000) * 1000000};
    nanosleep(&pause, NULL);
    stop = 1;
    long total = 0, refused[TRANSIT_RESULT_COUNT] = {0};
    for (int t = 0; t < threads; t++) {
        pthread_join(w[t].thread, NULL);
        total += w[t].count;
        for (int r = 0; r < TRANSIT_RESULT_COUNT; r++)
            refused[r] += w[t].refused[r];
    }
    pthread_join(reader, NULL);

    /* All records together, by instance then sequence number. */
    record *all = malloc((size_t)(total ? total : 1) * sizeof *all);
    if (!all)
        return 2;
    long n = 0;
    for (int t = 0; t < threads; t++) {
        memcpy(all + n, w[t].records, (size_t)w[t].count * sizeof *all);
        n += w[t].count;
        free(w[t].records);
    }
    qsort(all, (size_t)n, sizeof *all, by_instance_then_seq);

    long failures = refused[TRANSIT_INVALID], fires = 0;
    for (int i = 0, k = 0; i < INSTANCES; i++) {
        /* Replay: each change took the next sequence number; a fire must be legal from the
           state the previous change left, a restore may set any state. */
        int state = (int)def->initial;
        uint64_t seq = 0;
        long observed = 0;
        for (; k < n && all[k].instance == i; k++) {
            const record *r = &all[k];
            if (r->seq != seq + 1) {
                fprintf(stderr, "instance %d: seq %llu follows %llu\n", i,
                        (unsigned long long)r->seq, (unsigned long long)seq);
                failures++;
            }
            int to;
            if (r->trigger >= 0) {
                if (transit_lookup(def, state, r->trigger, r->initiator, &to) != TRANSIT_OK ||
                    to != r->to) {
                    fprintf(stderr, "instance %d: seq %llu: %s by %d from %s is no transition "
                                    "to %s\n", i, (unsigned long long)r->seq, transit_trigger_name(def, r->trigger),
                            r->initiator, transit_state_name(def, state),
                            transit_state_name(def, r->to));
                    failures++;
                }
                fires++;
                observed++;
            }
            state = r->to;
            seq = r->seq;
        }
        transit_snapshot end = transit_atomic_load(&instances[i]);
        if (end.seq != seq || end.state != state) {
            fprintf(stderr, "instance %d: ends at %s seq %llu, the replay at %s seq %llu\n", i,
                    transit_state_name(def, end.state), (unsigned long long)end.seq,
                    transit_state_name(def, state), (unsigned long long)seq);
            failures++;
        }
        if (i % 2 && (hook_states[i].observed != observed || hook_states[i].errors)) {
            fprintf(stderr, "instance %d: %ld observer calls for %ld fires, %ld hook errors\n", i,
                    hook_states[i].observed, observed, hook_states[i].errors);
            failures++;
        }
    }
    failures += journal_errors;

    printf("%d threads, %ld ms: %ld changes (%ld fires, %ld restores); refused:", threads, ms,
           n, fires, n - fires);
    for (int r = 1; r < TRANSIT_RESULT_COUNT; r++)
        if (refused[r])
            printf(" %s %ld", transit_result_string((transit_result)r), refused[r]);
    printf("; journal: %llu pushed, %llu dropped, %ld read during the run\n",
           (unsigned long long)transit_journal_pushed(&journal),
           (unsigned long long)transit_journal_dropped(&journal), (long)journal_read);
    free(all);
    if (journal_errors)
        fprintf(stderr, "%ld torn or out-of-order journal entries\n", (long)journal_errors);
    if (fires == 0 || n == fires) {
        fprintf(stderr, "the run did not exercise both fires and restores\n");
        failures++;
    }
    return failures ? 1 : 0;
}
