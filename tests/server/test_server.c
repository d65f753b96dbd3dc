/*
** Unit tests of the runtime's server side: atomic instances (state and sequence number, fire,
** fire_if, restore, hooks under the try-lock, BUSY for another thread), restore from a stored
** name, and the audit journal. Expected values come from door.transit and the Meshery spec.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>

#include "door.h"
#include "meshery_connection.h"
#include "transit.h"

/* --- Result codes and restore by stored name ------------------------------------------------ */

static void test_result_string_names_new_codes(void **unused) {
    (void)unused;
    assert_string_equal(transit_result_string(TRANSIT_STALE), "stale");
    assert_string_equal(transit_result_string(TRANSIT_UNKNOWN_NAME), "unknown name");
    assert_string_equal(transit_result_string(TRANSIT_RESULT_COUNT), "unknown");
}

static void test_restore_name_by_persisted_name_and_identifier(void **unused) {
    (void)unused;
    transit_instance m;
    transit_init(&m, &meshery_connection_machine);
    assert_int_equal(transit_restore_name(&m, "not found"), TRANSIT_OK);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_NOT_FOUND);
    assert_int_equal(transit_restore_name(&m, "ignored"), TRANSIT_OK);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_IGNORED);
    assert_int_equal(transit_restore_name(&m, "not_found"), TRANSIT_OK);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_NOT_FOUND);
}

static void test_restore_name_unknown_name(void **unused) {
    (void)unused;
    transit_instance m;
    transit_init(&m, &meshery_connection_machine);
    transit_restore(&m, MESHERY_CONNECTION_STATE_CONNECTED);
    /* A state a later spec removed, a different case, an empty name: unknown, state kept. */
    assert_int_equal(transit_restore_name(&m, "pending"), TRANSIT_UNKNOWN_NAME);
    assert_int_equal(transit_restore_name(&m, "Connected"), TRANSIT_UNKNOWN_NAME);
    assert_int_equal(transit_restore_name(&m, ""), TRANSIT_UNKNOWN_NAME);
    assert_int_equal(transit_restore_name(&m, NULL), TRANSIT_INVALID);
    assert_int_equal(transit_restore_name(NULL, "connected"), TRANSIT_INVALID);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_CONNECTED);
}

/* --- A recorder of hook calls on an atomic instance ------------------------------------------ */

enum hook_kind { HOOK_VETO, HOOK_EXIT, HOOK_ENTER, HOOK_OBSERVE };

typedef struct call {
    enum hook_kind kind;
    transit_event event;
    int state_during;              /* transit_state(inst) inside the hook */
    transit_snapshot load_during;  /* transit_atomic_load inside the hook */
    transit_result fire, fire_if, restore; /* re-entry on the same atomic instance */
} call;

typedef struct recorder {
    transit_atomic *self;
    call calls[8];
    int count;
    int veto_answer;
} recorder;

static void record(recorder *r, enum hook_kind kind, const transit_instance *inst,
                   const transit_event *e) {
    if (r->count >= 8)
        return;
    call *c = &r->calls[r->count++];
    c->kind = kind;
    c->event = *e;
    c->state_during = transit_state(inst);
    c->load_during = transit_atomic_load(r->self);
    c->fire = transit_atomic_fire(r->self, DOOR_TRIGGER_KNOCK, TRANSIT_USER, NULL);
    c->fire_if = transit_atomic_fire_if(r->self, c->load_during.seq, DOOR_TRIGGER_KNOCK,
                                        TRANSIT_USER, NULL);
    c->restore = transit_atomic_restore(r->self, DOOR_STATE_CLOSED, NULL);
}

static int hook_veto(void *ctx, const transit_instance *inst, const transit_event *e) {
    recorder *r = ctx;
    record(r, HOOK_VETO, inst, e);
    return r->veto_answer;
}
static void hook_exit(void *ctx, const transit_instance *inst, const transit_event *e) {
    record(ctx, HOOK_EXIT, inst, e);
}
static void hook_enter(void *ctx, const transit_instance *inst, const transit_event *e) {
    record(ctx, HOOK_ENTER, inst, e);
}
static void hook_observe(void *ctx, const transit_instance *inst, const transit_event *e) {
    record(ctx, HOOK_OBSERVE, inst, e);
}

static const transit_hooks all_hooks = {hook_veto, hook_exit, hook_enter, hook_observe};

/* --- Atomic instances ------------------------------------------------------------------------- */

static void test_atomic_init_starts_at_initial_seq_zero(void **unused) {
    (void)unused;
    transit_atomic a;
    assert_int_equal(transit_atomic_init(&a, &meshery_connection_machine), TRANSIT_OK);
    transit_snapshot s = transit_atomic_load(&a);
    assert_int_equal(s.state, MESHERY_CONNECTION_STATE_DISCOVERED);
    assert_int_equal(s.seq, 0);
}

static void test_atomic_init_rejects_invalid(void **unused) {
    (void)unused;
    transit_atomic a;
    assert_int_equal(transit_atomic_init(NULL, &door_machine), TRANSIT_INVALID);
    assert_int_equal(transit_atomic_init(&a, NULL), TRANSIT_INVALID);
    transit_machine other_abi = door_machine;
    other_abi.abi = TRANSIT_ABI_VERSION + 1;
    assert_int_equal(transit_atomic_init(&a, &other_abi), TRANSIT_INVALID);
    /* The state must fit the word's 16 bits. */
    transit_machine huge = door_machine;
    huge.state_count = TRANSIT_ATOMIC_MAX_STATES + 1;
    assert_int_equal(transit_atomic_init(&a, &huge), TRANSIT_INVALID);
    transit_atomic zero;
    memset(&zero, 0, sizeof zero);
    assert_int_equal(transit_atomic_load(&zero).state, -1);
    assert_int_equal(transit_atomic_load(NULL).state, -1);
    assert_int_equal(transit_atomic_fire(&zero, DOOR_TRIGGER_OPEN, TRANSIT_USER, NULL),
                     TRANSIT_INVALID);
    assert_int_equal(transit_atomic_restore(&zero, DOOR_STATE_OPENED, NULL), TRANSIT_INVALID);
    assert_int_equal(transit_atomic_set_hooks(NULL, &all_hooks, NULL), TRANSIT_INVALID);
}

static void test_atomic_fire_moves_and_counts(void **unused) {
    (void)unused;
    transit_atomic a;
    transit_snapshot seen;
    transit_atomic_init(&a, &door_machine);
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_OPEN, TRANSIT_USER, &seen), TRANSIT_OK);
    assert_int_equal(seen.state, DOOR_STATE_OPENED);
    assert_int_equal(seen.seq, 1);
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_CLOSE, TRANSIT_AUTO, NULL), TRANSIT_OK);
    /* A self-loop is a transition: it counts. */
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_KNOCK, TRANSIT_SELF, &seen), TRANSIT_OK);
    assert_int_equal(seen.state, DOOR_STATE_CLOSED);
    assert_int_equal(seen.seq, 3);
    /* The same initiator-dependent targets as the plain instance. */
    transit_atomic_fire(&a, DOOR_TRIGGER_LOCK, TRANSIT_USER, NULL);
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_FORCE, TRANSIT_AUTO, &seen), TRANSIT_OK);
    assert_int_equal(seen.state, DOOR_STATE_REMOVED);
    assert_int_equal(seen.seq, 5);
    assert_int_equal(transit_atomic_load(&a).seq, 5);
}

static void test_atomic_fire_refusals_change_nothing(void **unused) {
    (void)unused;
    transit_atomic a;
    transit_snapshot seen;
    transit_atomic_init(&a, &door_machine);
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_CLOSE, TRANSIT_USER, &seen),
                     TRANSIT_NO_TRANSITION);
    assert_int_equal(seen.state, DOOR_STATE_CLOSED);
    assert_int_equal(seen.seq, 0);
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_OPEN, TRANSIT_AUTO, NULL),
                     TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGERS, TRANSIT_USER, NULL), TRANSIT_INVALID);
    assert_int_equal(transit_atomic_fire(&a, -1, TRANSIT_USER, NULL), TRANSIT_INVALID);
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_OPEN, (transit_initiator)3, NULL),
                     TRANSIT_INVALID);
    assert_int_equal(transit_atomic_fire(NULL, DOOR_TRIGGER_OPEN, TRANSIT_USER, NULL),
                     TRANSIT_INVALID);
    transit_snapshot s = transit_atomic_load(&a);
    assert_int_equal(s.state, DOOR_STATE_CLOSED);
    assert_int_equal(s.seq, 0);
}

/* A guard callback for meshery_connection: every guard holds (reachable, auto_connects, ...). */
static int all_hold(void *ctx, const transit_instance *inst, int guard, const transit_event *e) {
    (void)ctx, (void)inst, (void)guard, (void)e;
    return 1;
}

static void test_atomic_fire_if_applies_only_unchanged(void **unused) {
    (void)unused;
    transit_atomic a;
    transit_snapshot seen;
    transit_atomic_init(&a, &meshery_connection_machine);
    /* register by auto asks 'reachable', connect by auto 'auto_connects': both hold here */
    assert_int_equal(transit_atomic_set_guard(&a, all_hold, NULL), TRANSIT_OK);
    /* A worker looks, then another request registers the connection first. */
    transit_snapshot looked = transit_atomic_load(&a);
    assert_int_equal(transit_atomic_fire(&a, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO,
                                         NULL),
                     TRANSIT_OK);
    /* The worker's stale transition is dropped, even though it would be legal now. */
    assert_int_equal(transit_atomic_fire_if(&a, looked.seq, MESHERY_CONNECTION_TRIGGER_CONNECT,
                                            TRANSIT_AUTO, &seen),
                     TRANSIT_STALE);
    assert_int_equal(seen.state, MESHERY_CONNECTION_STATE_REGISTERED);
    assert_int_equal(seen.seq, 1);
    assert_int_equal(transit_atomic_load(&a).state, MESHERY_CONNECTION_STATE_REGISTERED);
    /* Looking again, it applies. */
    assert_int_equal(transit_atomic_fire_if(&a, seen.seq, MESHERY_CONNECTION_TRIGGER_CONNECT,
                                            TRANSIT_AUTO, &seen),
                     TRANSIT_OK);
    assert_int_equal(seen.state, MESHERY_CONNECTION_STATE_CONNECTED);
    assert_int_equal(seen.seq, 2);
    /* Unchanged but not a transition: the usual answer, not stale. */
    assert_int_equal(transit_atomic_fire_if(&a, 2, MESHERY_CONNECTION_TRIGGER_NOT_FOUND,
                                            TRANSIT_USER, NULL),
                     TRANSIT_NOT_PERMITTED);
}

static void test_atomic_restore_counts_and_validates(void **unused) {
    (void)unused;
    transit_atomic a;
    transit_snapshot seen;
    transit_atomic_init(&a, &meshery_connection_machine);
    transit_snapshot looked = transit_atomic_load(&a);
    assert_int_equal(transit_atomic_restore(&a, MESHERY_CONNECTION_STATE_IGNORED, &seen),
                     TRANSIT_OK);
    assert_int_equal(seen.state, MESHERY_CONNECTION_STATE_IGNORED);
    assert_int_equal(seen.seq, 1);
    /* Work planned before the restore is stale. */
    assert_int_equal(transit_atomic_fire_if(&a, looked.seq, MESHERY_CONNECTION_TRIGGER_REGISTER,
                                            TRANSIT_USER, NULL),
                     TRANSIT_STALE);
    assert_int_equal(transit_atomic_restore(&a, MESHERY_CONNECTION_STATES, NULL), TRANSIT_INVALID);
    assert_int_equal(transit_atomic_restore(&a, -1, NULL), TRANSIT_INVALID);
    assert_int_equal(transit_atomic_restore_name(&a, "not found", &seen), TRANSIT_OK);
    assert_int_equal(seen.state, MESHERY_CONNECTION_STATE_NOT_FOUND);
    assert_int_equal(seen.seq, 2);
    assert_int_equal(transit_atomic_restore_name(&a, "pending", NULL), TRANSIT_UNKNOWN_NAME);
    assert_int_equal(transit_atomic_restore_name(&a, NULL, NULL), TRANSIT_INVALID);
    transit_snapshot s = transit_atomic_load(&a);
    assert_int_equal(s.state, MESHERY_CONNECTION_STATE_NOT_FOUND);
    assert_int_equal(s.seq, 2);
}

static void assert_call(const call *c, enum hook_kind kind, int from, int to, uint64_t seq,
                        int state_during, int load_state, uint64_t load_seq) {
    assert_int_equal(c->kind, kind);
    assert_int_equal(c->event.from, from);
    assert_int_equal(c->event.to, to);
    assert_int_equal(c->event.trigger, DOOR_TRIGGER_LOCK);
    assert_int_equal(c->event.initiator, TRANSIT_USER);
    assert_int_equal(c->event.seq, seq);
    assert_int_equal(c->state_during, state_during);
    assert_int_equal(c->load_during.state, load_state);
    assert_int_equal(c->load_during.seq, load_seq);
    /* From inside its own hooks the instance is busy for every change. */
    assert_int_equal(c->fire, TRANSIT_BUSY);
    assert_int_equal(c->fire_if, TRANSIT_BUSY);
    assert_int_equal(c->restore, TRANSIT_BUSY);
}

static void test_atomic_hooks_order_and_seq(void **unused) {
    (void)unused;
    transit_atomic a;
    recorder r = {0};
    r.self = &a;
    transit_atomic_init(&a, &door_machine);
    transit_atomic_restore(&a, DOOR_STATE_CLOSED, NULL); /* seq 1 */
    assert_int_equal(transit_atomic_set_hooks(&a, &all_hooks, &r), TRANSIT_OK);
    transit_snapshot seen;
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_LOCK, TRANSIT_USER, &seen), TRANSIT_OK);
    assert_int_equal(r.count, 4);
    int c = DOOR_STATE_CLOSED, l = DOOR_STATE_LOCKED;
    /* veto and exit see the state decided from; the commit comes before enter. */
    assert_call(&r.calls[0], HOOK_VETO, c, l, 2, c, c, 1);
    assert_call(&r.calls[1], HOOK_EXIT, c, l, 2, c, c, 1);
    assert_call(&r.calls[2], HOOK_ENTER, c, l, 2, l, l, 2);
    assert_call(&r.calls[3], HOOK_OBSERVE, c, l, 2, l, l, 2);
    assert_int_equal(seen.state, l);
    assert_int_equal(seen.seq, 2);
    /* The hooks' re-entries changed nothing; the instance is free again. */
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_UNLOCK, TRANSIT_USER, NULL), TRANSIT_OK);
    assert_int_equal(transit_atomic_load(&a).seq, 3);
}

static void test_atomic_veto_refuses(void **unused) {
    (void)unused;
    transit_atomic a;
    recorder r = {0};
    r.self = &a;
    r.veto_answer = 1;
    transit_atomic_init(&a, &door_machine);
    transit_atomic_set_hooks(&a, &all_hooks, &r);
    transit_snapshot seen;
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_LOCK, TRANSIT_USER, &seen),
                     TRANSIT_VETOED);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.calls[0].kind, HOOK_VETO);
    assert_int_equal(seen.state, DOOR_STATE_CLOSED);
    assert_int_equal(seen.seq, 0);
    transit_snapshot s = transit_atomic_load(&a);
    assert_int_equal(s.state, DOOR_STATE_CLOSED);
    assert_int_equal(s.seq, 0);
    /* Released after a veto: the next fire goes through. */
    r.veto_answer = 0;
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_LOCK, TRANSIT_USER, NULL), TRANSIT_OK);
    assert_int_equal(r.count, 5);
}

/* A veto hook that holds the instance until the main thread has tried it. */
typedef struct gate {
    _Atomic int inside, release;
} gate;

static int wait_at_gate(void *ctx, const transit_instance *inst, const transit_event *e) {
    (void)inst;
    (void)e;
    gate *g = ctx;
    g->inside = 1;
    while (!g->release)
        sched_yield();
    return 0;
}

typedef struct firing {
    transit_atomic *a;
    transit_result result;
} firing;

static void *fire_open(void *arg) {
    firing *f = arg;
    f->result = transit_atomic_fire(f->a, DOOR_TRIGGER_OPEN, TRANSIT_USER, NULL);
    return NULL;
}

static void test_atomic_other_thread_busy_while_hooks_run(void **unused) {
    (void)unused;
    transit_atomic a;
    gate g = {0, 0};
    transit_hooks h = {wait_at_gate, NULL, NULL, NULL};
    transit_atomic_init(&a, &door_machine);
    transit_atomic_set_hooks(&a, &h, &g);
    firing f = {&a, TRANSIT_INVALID};
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, fire_open, &f), 0);
    while (!g.inside)
        sched_yield();
    /* The other thread's veto hook runs: this thread is refused at once, and reads go on. */
    transit_snapshot seen;
    assert_int_equal(transit_atomic_fire(&a, DOOR_TRIGGER_LOCK, TRANSIT_USER, &seen), TRANSIT_BUSY);
    assert_int_equal(seen.state, DOOR_STATE_CLOSED);
    assert_int_equal(seen.seq, 0);
    assert_int_equal(transit_atomic_fire_if(&a, 0, DOOR_TRIGGER_LOCK, TRANSIT_USER, NULL),
                     TRANSIT_BUSY);
    assert_int_equal(transit_atomic_restore(&a, DOOR_STATE_LOCKED, &seen), TRANSIT_BUSY);
    assert_int_equal(transit_atomic_load(&a).state, DOOR_STATE_CLOSED);
    g.release = 1;
    pthread_join(t, NULL);
    assert_int_equal(f.result, TRANSIT_OK);
    transit_snapshot s = transit_atomic_load(&a);
    assert_int_equal(s.state, DOOR_STATE_OPENED);
    assert_int_equal(s.seq, 1);
}

static void test_plain_event_seq_is_zero(void **unused) {
    (void)unused;
    transit_instance d;
    recorder r = {0};
    transit_atomic dummy;
    transit_atomic_init(&dummy, &door_machine);
    r.self = &dummy;
    transit_init(&d, &door_machine);
    transit_set_hooks(&d, &all_hooks, &r);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(r.count, 4);
    assert_int_equal(r.calls[3].event.seq, 0);
}

/* --- Audit journal ------------------------------------------------------------------------- */

static transit_journal_entry entry(uint64_t time, int from, int to) {
    transit_journal_entry e = {0, time, 7, time + 100, from, to, DOOR_TRIGGER_OPEN, TRANSIT_AUTO};
    return e;
}

static void test_journal_init_rejects_invalid(void **unused) {
    (void)unused;
    transit_journal j;
    transit_journal_slot slots[2];
    assert_int_equal(transit_journal_init(&j, slots, 0), TRANSIT_INVALID);
    assert_int_equal(transit_journal_init(&j, NULL, 2), TRANSIT_INVALID);
    assert_int_equal(transit_journal_init(NULL, slots, 2), TRANSIT_INVALID);
    assert_int_equal(transit_journal_init(&j, slots, 2), TRANSIT_OK);
    assert_int_equal(transit_journal_push(&j, NULL), TRANSIT_INVALID);
    assert_int_equal(transit_journal_push_event(&j, 0, 0, NULL), TRANSIT_INVALID);
    transit_journal_cursor c = transit_journal_newest(&j);
    transit_journal_entry e;
    assert_int_equal(transit_journal_next(&j, &c, &e), 0);
    assert_int_equal(transit_journal_pushed(&j), 0);
}

static void test_journal_newest_first(void **unused) {
    (void)unused;
    transit_journal j;
    transit_journal_slot slots[8];
    transit_journal_init(&j, slots, 8);
    for (uint64_t t = 1; t <= 3; t++) {
        transit_journal_entry e = entry(t, (int)t, (int)t + 1);
        assert_int_equal(transit_journal_push(&j, &e), TRANSIT_OK);
    }
    transit_journal_cursor c = transit_journal_newest(&j);
    transit_journal_entry e;
    for (uint64_t t = 3; t >= 1; t--) {
        assert_int_equal(transit_journal_next(&j, &c, &e), 1);
        assert_int_equal(e.position, t - 1);
        assert_int_equal(e.time, t);
        assert_int_equal(e.instance, 7);
        assert_int_equal(e.seq, t + 100);
        assert_int_equal(e.from, (int)t);
        assert_int_equal(e.to, (int)t + 1);
        assert_int_equal(e.trigger, DOOR_TRIGGER_OPEN);
        assert_int_equal(e.initiator, TRANSIT_AUTO);
    }
    assert_int_equal(transit_journal_next(&j, &c, &e), 0);
    assert_int_equal(c.skipped, 0);
}

static void test_journal_keeps_the_last_capacity(void **unused) {
    (void)unused;
    transit_journal j;
    transit_journal_slot slots[4];
    transit_journal_init(&j, slots, 4);
    for (uint64_t t = 0; t < 10; t++) {
        transit_journal_entry e = entry(t, 0, 1);
        transit_journal_push(&j, &e);
    }
    assert_int_equal(transit_journal_pushed(&j), 10);
    assert_int_equal(transit_journal_dropped(&j), 0);
    transit_journal_cursor c = transit_journal_newest(&j);
    transit_journal_entry e;
    for (uint64_t t = 9; t >= 6; t--) {
        assert_int_equal(transit_journal_next(&j, &c, &e), 1);
        assert_int_equal(e.time, t);
        assert_int_equal(e.position, t);
    }
    assert_int_equal(transit_journal_next(&j, &c, &e), 0);
}

static void test_journal_drops_when_a_slot_is_still_written(void **unused) {
    (void)unused;
    transit_journal j;
    transit_journal_slot slots[2];
    transit_journal_init(&j, slots, 2);
    transit_journal_entry e = entry(1, 0, 1);
    transit_journal_push(&j, &e); /* position 0, slot 0 */
    /* White box: a pusher of position 2 stalled mid-write in slot 0 (odd version 2 * 2 + 1). */
    atomic_store(&slots[0].version, 5);
    transit_journal_push(&j, &e); /* position 1, slot 1 */
    /* Position 2 finds its slot still being written: dropped, never mixed into it. */
    assert_int_equal(transit_journal_push(&j, &e), TRANSIT_BUSY);
    transit_journal_push(&j, &e); /* position 3, slot 1 */
    /* Position 4 must not overwrite the unfinished slot either. */
    assert_int_equal(transit_journal_push(&j, &e), TRANSIT_BUSY);
    assert_int_equal(transit_journal_dropped(&j), 2);
    assert_int_equal(transit_journal_pushed(&j), 5);
    /* The reader returns position 3 and skips the unfinished slot. */
    transit_journal_cursor c = transit_journal_newest(&j);
    transit_journal_entry got;
    assert_int_equal(transit_journal_next(&j, &c, &got), 1);
    assert_int_equal(got.position, 3);
    assert_int_equal(transit_journal_next(&j, &c, &got), 0);
    assert_int_equal(c.skipped, 1);
}

static void test_journal_push_event_from_an_observer(void **unused) {
    (void)unused;
    transit_journal j;
    transit_journal_slot slots[4];
    transit_journal_init(&j, slots, 4);
    transit_event ev = {MESHERY_CONNECTION_STATE_REGISTERED, MESHERY_CONNECTION_STATE_IGNORED,
                        MESHERY_CONNECTION_TRIGGER_IGNORE, TRANSIT_USER, 42};
    assert_int_equal(transit_journal_push_event(&j, 1700000000, 3, &ev), TRANSIT_OK);
    transit_journal_cursor c = transit_journal_newest(&j);
    transit_journal_entry e;
    assert_int_equal(transit_journal_next(&j, &c, &e), 1);
    assert_int_equal(e.time, 1700000000);
    assert_int_equal(e.instance, 3);
    assert_int_equal(e.seq, 42);
    assert_int_equal(e.from, MESHERY_CONNECTION_STATE_REGISTERED);
    assert_int_equal(e.to, MESHERY_CONNECTION_STATE_IGNORED);
    assert_int_equal(e.trigger, MESHERY_CONNECTION_TRIGGER_IGNORE);
    assert_int_equal(e.initiator, TRANSIT_USER);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_result_string_names_new_codes),
        cmocka_unit_test(test_restore_name_by_persisted_name_and_identifier),
        cmocka_unit_test(test_restore_name_unknown_name),
        cmocka_unit_test(test_atomic_init_starts_at_initial_seq_zero),
        cmocka_unit_test(test_atomic_init_rejects_invalid),
        cmocka_unit_test(test_atomic_fire_moves_and_counts),
        cmocka_unit_test(test_atomic_fire_refusals_change_nothing),
        cmocka_unit_test(test_atomic_fire_if_applies_only_unchanged),
        cmocka_unit_test(test_atomic_restore_counts_and_validates),
        cmocka_unit_test(test_atomic_hooks_order_and_seq),
        cmocka_unit_test(test_atomic_veto_refuses),
        cmocka_unit_test(test_atomic_other_thread_busy_while_hooks_run),
        cmocka_unit_test(test_plain_event_seq_is_zero),
        cmocka_unit_test(test_journal_init_rejects_invalid),
        cmocka_unit_test(test_journal_newest_first),
        cmocka_unit_test(test_journal_keeps_the_last_capacity),
        cmocka_unit_test(test_journal_drops_when_a_slot_is_still_written),
        cmocka_unit_test(test_journal_push_event_from_an_observer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
