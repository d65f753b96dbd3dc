/*
** Unit tests of the runtime's guards and timers (runtime/transit.c) on a hand-written machine, so
** the runtime is tested apart from the generator. Expected values come from the machine as
** written in the comment below, never from reading the tables back.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "transit.h"

/* The machine 'lease', as a spec would say it:
     guard reachable
     guard pending
     discovered -> registered on register by auto when reachable
     discovered -> not_found  on register by auto when not reachable
     discovered -> registered on register by user
     registered -> connected  on connect by user, self when pending
     registered -> not_found  on connect by user
     registered -> not_found  on expire after 1h by auto when not reachable
     connected  -> connected  on heartbeat by self
     connected  -> not_found  on expire after 90s by auto
   The tables are laid out by hand, one row of four cells per state (no compression). */
enum { DISCOVERED, REGISTERED, NOT_FOUND, CONNECTED, STATES };
enum { REGISTER, EXPIRE, HEARTBEAT, CONNECT };
enum { REACHABLE, PENDING };

static const char *const state_names[] = {"discovered", "registered", "not_found", "connected"};
static const char *const trigger_names[] = {"register", "expire", "heartbeat", "connect"};
static const char *const guard_names[] = {"reachable", "pending"};
static const uint8_t row[] = {0, 4, 8, 12};
static const uint8_t owner[16] = {
    DISCOVERED, STATES, STATES, STATES,     /* discovered: register */
    STATES, REGISTERED, STATES, REGISTERED, /* registered: expire, connect */
    STATES, STATES, STATES, STATES,         /* not_found: none */
    STATES, CONNECTED, CONNECTED, STATES,   /* connected: expire, heartbeat */
};
/* Bits 0-2: user 1, auto 2, self 4; bits 3-5: the same when the choice is guarded. */
static const uint8_t initiators[16] = {
    1 | 2 | 2 << 3, 0, 0, 0,
    0, 2 | 2 << 3, 0, 1 | 4 | (1 | 4) << 3,
    0, 0, 0, 0,
    0, 2, 4, 0,
};
static const uint8_t target[48] = {
    REGISTERED, 0, 0, /* discovered register: user registered, auto run 0 */
    0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0,          /* registered (cell 4) */
    0, 5, 0,          /* registered expire: auto run 5 */
    0, 0, 0,
    2, 0, 4,          /* registered connect: user run 2, self run 4 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0,
    0, NOT_FOUND, 0,  /* connected expire: auto */
    0, 0, CONNECTED,  /* connected heartbeat: self */
    0, 0, 0,
};
static const transit_alternative alternatives[] = {
    {REACHABLE, 0, 0, REGISTERED},         /* 0: discovered register auto */
    {REACHABLE, 1, 1, NOT_FOUND},          /* 1 */
    {PENDING, 0, 0, CONNECTED},            /* 2: registered connect user */
    {TRANSIT_UNGUARDED, 0, 1, NOT_FOUND},  /* 3: its fallback */
    {PENDING, 0, 1, CONNECTED},            /* 4: registered connect self */
    {REACHABLE, 1, 1, NOT_FOUND},          /* 5: registered expire auto */
};
static const uint64_t timer_ms[] = {0, 3600000, 0, 90000};
static const uint8_t timer_trigger[] = {0, EXPIRE, 0, EXPIRE};
static const uint8_t state_by_name[] = {CONNECTED, DISCOVERED, NOT_FOUND, REGISTERED};
static const uint8_t trigger_by_name[] = {CONNECT, EXPIRE, HEARTBEAT, REGISTER};
static const uint8_t guard_by_name[] = {PENDING, REACHABLE};

static const transit_machine lease = {
    TRANSIT_ABI_VERSION, "lease", STATES, 4, DISCOVERED, state_names, state_names,
    trigger_names, 1, 16, row, owner, initiators, target, state_by_name, state_by_name,
    trigger_by_name, 2, guard_names, guard_by_name, 6, alternatives, timer_ms, timer_trigger,
    NULL, 0, 0, 0, /* no fast table */
};

/* --- A guard callback that answers from a table and records what it was asked ------------- */

typedef struct oracle {
    int holds[2];             /* the answer per guard */
    int asked[8];             /* the guards asked, in order */
    transit_event events[8];  /* what each was told */
    const transit_instance *insts[8];
    int count;
    transit_instance *reenter; /* if set, the callback tries to fire and restore it */
    transit_result reentry, restore_reentry, set_guard_reentry;
} oracle;

static int answer(void *context, const transit_instance *inst, int guard, const transit_event *e) {
    oracle *o = context;
    if (o->count < 8) {
        o->asked[o->count] = guard;
        o->events[o->count] = *e;
        o->insts[o->count] = inst;
    }
    o->count++;
    if (o->reenter) {
        o->reentry = transit_fire(o->reenter, HEARTBEAT, TRANSIT_SELF);
        o->restore_reentry = transit_restore(o->reenter, CONNECTED);
        o->set_guard_reentry = transit_set_guard(o->reenter, NULL, NULL);
    }
    return o->holds[guard];
}

static transit_instance at(int state, oracle *o) {
    transit_instance inst;
    assert_int_equal(transit_init(&inst, &lease), TRANSIT_OK);
    assert_int_equal(transit_restore(&inst, state), TRANSIT_OK);
    if (o)
        assert_int_equal(transit_set_guard(&inst, answer, o), TRANSIT_OK);
    return inst;
}

/* --- Results and names ---------------------------------------------------------------------- */

static void test_guards_result_strings(void **unused) {
    (void)unused;
    assert_string_equal(transit_result_string(TRANSIT_GUARD_FAILED), "guard failed");
    assert_string_equal(transit_result_string(TRANSIT_NO_GUARD), "no guard callback");
    /* the results before them keep their values */
    assert_int_equal(TRANSIT_UNKNOWN_NAME, 7);
    assert_int_equal(TRANSIT_GUARD_FAILED, 8);
    assert_int_equal(TRANSIT_NO_GUARD, 9);
    assert_int_equal(TRANSIT_RESULT_COUNT, 10);
    assert_int_equal(TRANSIT_ABI_VERSION, 2);
}

static void test_guards_names_round_trip(void **unused) {
    (void)unused;
    assert_string_equal(transit_guard_name(&lease, REACHABLE), "reachable");
    assert_string_equal(transit_guard_name(&lease, PENDING), "pending");
    assert_null(transit_guard_name(&lease, 2));
    assert_null(transit_guard_name(&lease, -1));
    assert_null(transit_guard_name(NULL, 0));
    assert_int_equal(transit_guard_index(&lease, "reachable"), REACHABLE);
    assert_int_equal(transit_guard_index(&lease, "pending"), PENDING);
    assert_int_equal(transit_guard_index(&lease, "reach"), -1);
    assert_int_equal(transit_guard_index(&lease, NULL), -1);
    assert_int_equal(transit_guard_index(NULL, "pending"), -1);
}

static void test_guards_init_has_no_callback(void **unused) {
    (void)unused;
    transit_instance inst;
    memset(&inst, 0xff, sizeof inst);
    assert_int_equal(transit_init(&inst, &lease), TRANSIT_OK);
    assert_null(inst.guard);
    assert_null(inst.guard_context);
    assert_int_equal(transit_set_guard(NULL, answer, NULL), TRANSIT_INVALID);
    transit_instance blank = {0};
    assert_int_equal(transit_set_guard(&blank, answer, NULL), TRANSIT_INVALID);
}

/* --- Deciding among alternatives -------------------------------------------------------------- */

static void test_guards_no_callback_is_no_guard(void **unused) {
    (void)unused;
    transit_instance inst = at(DISCOVERED, NULL);
    assert_int_equal(transit_fire(&inst, REGISTER, TRANSIT_AUTO), TRANSIT_NO_GUARD);
    assert_int_equal(transit_state(&inst), DISCOVERED);
    /* the unguarded choice of another initiator needs no callback */
    assert_int_equal(transit_fire(&inst, REGISTER, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(transit_state(&inst), REGISTERED);
}

static void test_guards_refusals_come_before_guards(void **unused) {
    (void)unused;
    oracle o = {{1, 1}, {0}, {{0}}, {0}, 0, NULL, 0, 0, 0};
    transit_instance inst = at(DISCOVERED, NULL);
    assert_int_equal(transit_fire(&inst, REGISTER, TRANSIT_SELF), TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_fire(&inst, CONNECT, TRANSIT_AUTO), TRANSIT_NO_TRANSITION);
    inst = at(DISCOVERED, &o);
    assert_int_equal(transit_fire(&inst, REGISTER, TRANSIT_SELF), TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_fire(&inst, HEARTBEAT, TRANSIT_SELF), TRANSIT_NO_TRANSITION);
    assert_int_equal(o.count, 0);
}

static void test_guards_first_holding_alternative_is_taken(void **unused) {
    (void)unused;
    oracle o = {{1, 0}, {0}, {{0}}, {0}, 0, NULL, 0, 0, 0};
    transit_instance inst = at(DISCOVERED, &o);
    assert_int_equal(transit_fire(&inst, REGISTER, TRANSIT_AUTO), TRANSIT_OK);
    assert_int_equal(transit_state(&inst), REGISTERED);
    assert_int_equal(o.count, 1);
    assert_int_equal(o.asked[0], REACHABLE);
    assert_int_equal(o.events[0].from, DISCOVERED);
    assert_int_equal(o.events[0].to, REGISTERED);
    assert_int_equal(o.events[0].trigger, REGISTER);
    assert_int_equal(o.events[0].initiator, TRANSIT_AUTO);
    assert_ptr_equal(o.insts[0], &inst);
}

static void test_guards_negated_alternative(void **unused) {
    (void)unused;
    oracle o = {{0, 0}, {0}, {{0}}, {0}, 0, NULL, 0, 0, 0};
    transit_instance inst = at(DISCOVERED, &o);
    assert_int_equal(transit_fire(&inst, REGISTER, TRANSIT_AUTO), TRANSIT_OK);
    assert_int_equal(transit_state(&inst), NOT_FOUND);
    /* asked twice, in spec order, each told the alternative's own target */
    assert_int_equal(o.count, 2);
    assert_int_equal(o.asked[0], REACHABLE);
    assert_int_equal(o.events[0].to, REGISTERED);
    assert_int_equal(o.asked[1], REACHABLE);
    assert_int_equal(o.events[1].to, NOT_FOUND);
}

static void test_guards_fallback_and_guard_failed(void **unused) {
    (void)unused;
    oracle o = {{0, 0}, {0}, {{0}}, {0}, 0, NULL, 0, 0, 0};
    transit_instance inst = at(REGISTERED, &o);
    assert_int_equal(transit_fire(&inst, CONNECT, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(transit_state(&inst), NOT_FOUND); /* the unguarded fallback */
    assert_int_equal(o.count, 1);
    inst = at(REGISTERED, &o);
    assert_int_equal(transit_fire(&inst, CONNECT, TRANSIT_SELF), TRANSIT_GUARD_FAILED);
    assert_int_equal(transit_state(&inst), REGISTERED);
    o.holds[PENDING] = 1;
    assert_int_equal(transit_fire(&inst, CONNECT, TRANSIT_SELF), TRANSIT_OK);
    assert_int_equal(transit_state(&inst), CONNECTED);
    inst = at(REGISTERED, &o);
    assert_int_equal(transit_fire(&inst, CONNECT, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(transit_state(&inst), CONNECTED);
}

static void test_guards_callback_removed(void **unused) {
    (void)unused;
    oracle o = {{1, 1}, {0}, {{0}}, {0}, 0, NULL, 0, 0, 0};
    transit_instance inst = at(REGISTERED, &o);
    assert_int_equal(transit_set_guard(&inst, NULL, NULL), TRANSIT_OK);
    assert_int_equal(transit_fire(&inst, CONNECT, TRANSIT_USER), TRANSIT_NO_GUARD);
    assert_int_equal(transit_state(&inst), REGISTERED);
    assert_int_equal(o.count, 0);
}

static void test_guards_instance_busy_inside_callback(void **unused) {
    (void)unused;
    oracle o = {{1, 1}, {0}, {{0}}, {0}, 0, NULL, 0, 0, 0};
    transit_instance inst = at(DISCOVERED, &o);
    o.reenter = &inst;
    assert_int_equal(transit_fire(&inst, REGISTER, TRANSIT_AUTO), TRANSIT_OK);
    assert_int_equal(o.reentry, TRANSIT_BUSY);
    assert_int_equal(o.restore_reentry, TRANSIT_BUSY);
    assert_int_equal(o.set_guard_reentry, TRANSIT_BUSY);
    assert_int_equal(transit_state(&inst), REGISTERED);
    /* and not busy after: the next fire asks again */
    o.reenter = NULL;
    assert_int_equal(transit_fire(&inst, CONNECT, TRANSIT_SELF), TRANSIT_OK);
}

/* Hooks see the alternative the guards chose; a failed guard runs no hook. */
typedef struct hook_log {
    int vetoes, observed, last_to;
    int veto_answer;
} hook_log;

static int log_veto(void *ctx, const transit_instance *inst, const transit_event *e) {
    hook_log *l = ctx;
    (void)inst;
    l->vetoes++;
    l->last_to = e->to;
    return l->veto_answer;
}
static void log_observe(void *ctx, const transit_instance *inst, const transit_event *e) {
    hook_log *l = ctx;
    (void)inst;
    l->observed++;
    l->last_to = e->to;
}

static void test_guards_then_hooks(void **unused) {
    (void)unused;
    static const transit_hooks hooks = {log_veto, NULL, NULL, log_observe};
    hook_log log = {0, 0, -1, 0};
    oracle o = {{0, 0}, {0}, {{0}}, {0}, 0, NULL, 0, 0, 0};
    transit_instance inst = at(DISCOVERED, &o);
    assert_int_equal(transit_set_hooks(&inst, &hooks, &log), TRANSIT_OK);
    assert_int_equal(transit_fire(&inst, REGISTER, TRANSIT_AUTO), TRANSIT_OK);
    assert_int_equal(log.vetoes, 1);
    assert_int_equal(log.observed, 1);
    assert_int_equal(log.last_to, NOT_FOUND);
    inst = at(REGISTERED, &o);
    assert_int_equal(transit_set_hooks(&inst, &hooks, &log), TRANSIT_OK);
    assert_int_equal(transit_fire(&inst, CONNECT, TRANSIT_SELF), TRANSIT_GUARD_FAILED);
    assert_int_equal(log.vetoes, 1);
    o.holds[PENDING] = 1;
    log.veto_answer = 1;
    assert_int_equal(transit_fire(&inst, CONNECT, TRANSIT_SELF), TRANSIT_VETOED);
    assert_int_equal(log.last_to, CONNECTED);
    assert_int_equal(transit_state(&inst), REGISTERED);
}

/* --- Lookups ----------------------------------------------------------------------------------- */

static void test_guards_lookup_answers_no_guard(void **unused) {
    (void)unused;
    int to = -7;
    assert_int_equal(transit_lookup(&lease, DISCOVERED, REGISTER, TRANSIT_AUTO, &to),
                     TRANSIT_NO_GUARD);
    assert_int_equal(to, -7);
    assert_int_equal(transit_lookup(&lease, DISCOVERED, REGISTER, TRANSIT_USER, &to), TRANSIT_OK);
    assert_int_equal(to, REGISTERED);
    assert_int_equal(transit_lookup(&lease, DISCOVERED, REGISTER, TRANSIT_SELF, &to),
                     TRANSIT_NOT_PERMITTED);
}

static void test_guards_lookup_guarded_asks(void **unused) {
    (void)unused;
    oracle o = {{0, 1}, {0}, {{0}}, {0}, 0, NULL, 0, 0, 0};
    int to = -7;
    assert_int_equal(transit_lookup_guarded(&lease, DISCOVERED, REGISTER, TRANSIT_AUTO, NULL, NULL,
                                            &to),
                     TRANSIT_NO_GUARD);
    assert_int_equal(to, -7);
    assert_int_equal(
        transit_lookup_guarded(&lease, DISCOVERED, REGISTER, TRANSIT_AUTO, answer, &o, &to),
        TRANSIT_OK);
    assert_int_equal(to, NOT_FOUND);
    assert_null(o.insts[0]);
    assert_int_equal(
        transit_lookup_guarded(&lease, REGISTERED, CONNECT, TRANSIT_SELF, answer, &o, &to),
        TRANSIT_OK);
    assert_int_equal(to, CONNECTED);
    o.holds[PENDING] = 0;
    assert_int_equal(
        transit_lookup_guarded(&lease, REGISTERED, CONNECT, TRANSIT_SELF, answer, &o, NULL),
        TRANSIT_GUARD_FAILED);
    assert_int_equal(
        transit_lookup_guarded(&lease, CONNECTED, HEARTBEAT, TRANSIT_SELF, NULL, NULL, &to),
        TRANSIT_OK);
    assert_int_equal(to, CONNECTED);
    assert_int_equal(transit_lookup_guarded(&lease, STATES, 0, TRANSIT_AUTO, answer, &o, &to),
                     TRANSIT_INVALID);
    assert_int_equal(transit_lookup_guarded(&lease, 0, 4, TRANSIT_AUTO, answer, &o, &to),
                     TRANSIT_INVALID);
    assert_int_equal(transit_lookup_guarded(NULL, 0, 0, TRANSIT_AUTO, answer, &o, &to),
                     TRANSIT_INVALID);
    assert_int_equal(transit_lookup_guarded(&lease, 0, 0, (transit_initiator)3, answer, &o, &to),
                     TRANSIT_INVALID);
}

static void test_guards_allowed_marks_guarded(void **unused) {
    (void)unused;
    int out[4], guarded[4];
    transit_instance inst = at(DISCOVERED, NULL);
    assert_int_equal(transit_allowed_guarded(&inst, TRANSIT_AUTO, out, guarded, 4), 1);
    assert_int_equal(out[0], REGISTER);
    assert_int_equal(guarded[0], 1);
    assert_int_equal(transit_allowed_guarded(&inst, TRANSIT_USER, out, guarded, 4), 1);
    assert_int_equal(out[0], REGISTER);
    assert_int_equal(guarded[0], 0);
    /* transit_allowed lists guarded triggers too */
    assert_int_equal(transit_allowed(&inst, TRANSIT_AUTO, out, 4), 1);
    assert_int_equal(out[0], REGISTER);
    inst = at(REGISTERED, NULL);
    assert_int_equal(transit_allowed_guarded(&inst, TRANSIT_AUTO, out, guarded, 4), 1);
    assert_int_equal(out[0], EXPIRE);
    assert_int_equal(guarded[0], 1);
    inst = at(CONNECTED, NULL);
    assert_int_equal(transit_allowed_guarded(&inst, TRANSIT_SELF, out, NULL, 4), 1);
    assert_int_equal(out[0], HEARTBEAT);
    assert_int_equal(transit_allowed_guarded(&inst, TRANSIT_AUTO, out, guarded, 4), 1);
    assert_int_equal(out[0], EXPIRE);
    assert_int_equal(guarded[0], 0);
    assert_int_equal(transit_allowed_guarded(&inst, TRANSIT_AUTO, NULL, NULL, 0), 1);
    assert_int_equal(transit_allowed_guarded(NULL, TRANSIT_AUTO, out, guarded, 4), -1);
}

/* --- Timers ------------------------------------------------------------------------------------ */

static void test_timers_state_timer(void **unused) {
    (void)unused;
    transit_timer t = {-1, 0};
    assert_int_equal(transit_state_timer(&lease, CONNECTED, &t), 1);
    assert_int_equal(t.trigger, EXPIRE);
    assert_int_equal(t.after_ms, 90000);
    assert_int_equal(transit_state_timer(&lease, REGISTERED, &t), 1);
    assert_int_equal(t.after_ms, 3600000);
    t.trigger = -1;
    assert_int_equal(transit_state_timer(&lease, DISCOVERED, &t), 0);
    assert_int_equal(t.trigger, -1);
    assert_int_equal(transit_state_timer(&lease, CONNECTED, NULL), 1);
    assert_int_equal(transit_state_timer(&lease, STATES, &t), -1);
    assert_int_equal(transit_state_timer(&lease, -1, &t), -1);
    assert_int_equal(transit_state_timer(NULL, 0, &t), -1);
    /* a machine without timers */
    transit_machine untimed = lease;
    untimed.timer_ms = NULL;
    untimed.timer_trigger = NULL;
    assert_int_equal(transit_state_timer(&untimed, CONNECTED, &t), 0);
}

static void test_timers_due(void **unused) {
    (void)unused;
    uint64_t due = 7;
    transit_instance inst = at(CONNECTED, NULL);
    assert_int_equal(transit_timer_due(&inst, 1000, &due), TRANSIT_OK);
    assert_int_equal(due, 91000);
    assert_int_equal(transit_timer_due(&inst, UINT64_MAX - 10, &due), TRANSIT_OK);
    assert_true(due == UINT64_MAX);
    /* a heartbeat re-enters connected: the timer counts from the new entry */
    assert_int_equal(transit_fire(&inst, HEARTBEAT, TRANSIT_SELF), TRANSIT_OK);
    assert_int_equal(transit_timer_due(&inst, 50000, &due), TRANSIT_OK);
    assert_int_equal(due, 140000);
    inst = at(DISCOVERED, NULL);
    due = 7;
    assert_int_equal(transit_timer_due(&inst, 1000, &due), TRANSIT_NO_TRANSITION);
    assert_int_equal(due, 7);
    assert_int_equal(transit_timer_due(&inst, 1000, NULL), TRANSIT_INVALID);
    assert_int_equal(transit_timer_due(NULL, 1000, &due), TRANSIT_INVALID);
}

static void test_timers_fire_timeout(void **unused) {
    (void)unused;
    transit_instance inst = at(CONNECTED, NULL);
    assert_int_equal(transit_fire_timeout(&inst), TRANSIT_OK);
    assert_int_equal(transit_state(&inst), NOT_FOUND);
    assert_int_equal(transit_fire_timeout(&inst), TRANSIT_NO_TRANSITION);
    assert_int_equal(transit_state(&inst), NOT_FOUND);
    assert_int_equal(transit_fire_timeout(NULL), TRANSIT_INVALID);
}

static void test_timers_fire_timeout_asks_guards(void **unused) {
    (void)unused;
    oracle o = {{1, 0}, {0}, {{0}}, {0}, 0, NULL, 0, 0, 0};
    transit_instance inst = at(REGISTERED, NULL);
    assert_int_equal(transit_fire_timeout(&inst), TRANSIT_NO_GUARD);
    inst = at(REGISTERED, &o);
    assert_int_equal(transit_fire_timeout(&inst), TRANSIT_GUARD_FAILED);
    assert_int_equal(o.events[0].initiator, TRANSIT_AUTO);
    assert_int_equal(o.events[0].trigger, EXPIRE);
    o.holds[REACHABLE] = 0;
    assert_int_equal(transit_fire_timeout(&inst), TRANSIT_OK);
    assert_int_equal(transit_state(&inst), NOT_FOUND);
}

/* --- Atomic instances ---------------------------------------------------------------------- */

static void test_guards_atomic(void **unused) {
    (void)unused;
    oracle o = {{1, 0}, {0}, {{0}}, {0}, 0, NULL, 0, 0, 0};
    transit_atomic a;
    transit_snapshot seen;
    assert_int_equal(transit_atomic_init(&a, &lease), TRANSIT_OK);
    assert_int_equal(transit_atomic_fire(&a, REGISTER, TRANSIT_AUTO, &seen), TRANSIT_NO_GUARD);
    assert_int_equal(seen.state, DISCOVERED);
    assert_int_equal(seen.seq, 0);
    assert_int_equal(transit_atomic_set_guard(NULL, answer, &o), TRANSIT_INVALID);
    assert_int_equal(transit_atomic_set_guard(&a, answer, &o), TRANSIT_OK);
    assert_int_equal(transit_atomic_fire(&a, REGISTER, TRANSIT_AUTO, &seen), TRANSIT_OK);
    assert_int_equal(seen.state, REGISTERED);
    assert_int_equal(seen.seq, 1);
    assert_int_equal(o.events[0].from, DISCOVERED);
    assert_ptr_equal(o.insts[0], &a.base);
    assert_int_equal(transit_atomic_fire(&a, CONNECT, TRANSIT_SELF, &seen), TRANSIT_GUARD_FAILED);
    assert_int_equal(seen.state, REGISTERED);
    assert_int_equal(seen.seq, 1);
    o.holds[PENDING] = 1;
    assert_int_equal(transit_atomic_fire_if(&a, 1, CONNECT, TRANSIT_SELF, &seen), TRANSIT_OK);
    assert_int_equal(seen.state, CONNECTED);
    /* with hooks, the guards decide before the hooks run */
    static const transit_hooks hooks = {log_veto, NULL, NULL, log_observe};
    hook_log log = {0, 0, -1, 0};
    assert_int_equal(transit_atomic_restore(&a, DISCOVERED, NULL), TRANSIT_OK);
    assert_int_equal(transit_atomic_set_hooks(&a, &hooks, &log), TRANSIT_OK);
    o.holds[REACHABLE] = 0;
    assert_int_equal(transit_atomic_fire(&a, REGISTER, TRANSIT_AUTO, &seen), TRANSIT_OK);
    assert_int_equal(seen.state, NOT_FOUND);
    assert_int_equal(log.observed, 1);
    assert_int_equal(log.last_to, NOT_FOUND);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_guards_result_strings),
        cmocka_unit_test(test_guards_names_round_trip),
        cmocka_unit_test(test_guards_init_has_no_callback),
        cmocka_unit_test(test_guards_no_callback_is_no_guard),
        cmocka_unit_test(test_guards_refusals_come_before_guards),
        cmocka_unit_test(test_guards_first_holding_alternative_is_taken),
        cmocka_unit_test(test_guards_negated_alternative),
        cmocka_unit_test(test_guards_fallback_and_guard_failed),
        cmocka_unit_test(test_guards_callback_removed),
        cmocka_unit_test(test_guards_instance_busy_inside_callback),
        cmocka_unit_test(test_guards_then_hooks),
        cmocka_unit_test(test_guards_lookup_answers_no_guard),
        cmocka_unit_test(test_guards_lookup_guarded_asks),
        cmocka_unit_test(test_guards_allowed_marks_guarded),
        cmocka_unit_test(test_timers_state_timer),
        cmocka_unit_test(test_timers_due),
        cmocka_unit_test(test_timers_fire_timeout),
        cmocka_unit_test(test_timers_fire_timeout_asks_guards),
        cmocka_unit_test(test_guards_atomic),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
