/*
** Unit tests of the runtime (runtime/transit.c): every function and every result code, hook order
** and veto, on door.transit (beside this file) and on the two real specs. Expected values come
** from reading the specs, never from the generated tables.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>
#include <string.h>

#include "bindplane_collector.h"
#include "door.h"
#include "meshery_connection.h"
#include "transit.h"

/* --- A recorder of hook calls ------------------------------------------------------------- */

enum hook_kind { HOOK_VETO, HOOK_EXIT, HOOK_ENTER, HOOK_OBSERVE };

typedef struct call {
    enum hook_kind kind;
    transit_event event;
    int state_during; /* transit_state() inside the hook */
} call;

typedef struct recorder {
    call calls[16];
    int count;
    int veto_answer;           /* what the veto hook returns */
    transit_instance *reenter; /* if set, each hook tries to fire and restore it */
    transit_result reentry[16];
    transit_result restore_reentry[16];
} recorder;

static void record(recorder *r, enum hook_kind kind, const transit_instance *inst,
                   const transit_event *e) {
    if (r->count < 16) {
        r->calls[r->count] = (call){kind, *e, transit_state(inst)};
        if (r->reenter) {
            r->reentry[r->count] = transit_fire(r->reenter, DOOR_TRIGGER_OPEN, TRANSIT_USER);
            r->restore_reentry[r->count] = transit_restore(r->reenter, DOOR_STATE_LOCKED);
        }
    }
    r->count++;
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

static void assert_event(const call *c, enum hook_kind kind, int from, int to, int trigger,
                         transit_initiator initiator, int state_during) {
    assert_int_equal(c->kind, kind);
    assert_int_equal(c->event.from, from);
    assert_int_equal(c->event.to, to);
    assert_int_equal(c->event.trigger, trigger);
    assert_int_equal(c->event.initiator, initiator);
    assert_int_equal(c->state_during, state_during);
}

/* --- Result strings ------------------------------------------------------------------------ */

static void test_result_string_names_each(void **unused) {
    (void)unused;
    assert_string_equal(transit_result_string(TRANSIT_OK), "ok");
    assert_string_equal(transit_result_string(TRANSIT_NO_TRANSITION), "no transition");
    assert_string_equal(transit_result_string(TRANSIT_NOT_PERMITTED), "not permitted");
    assert_string_equal(transit_result_string(TRANSIT_VETOED), "vetoed");
    assert_string_equal(transit_result_string(TRANSIT_BUSY), "busy");
    assert_string_equal(transit_result_string(TRANSIT_INVALID), "invalid");
    assert_string_equal(transit_result_string((transit_result)99), "unknown");
    assert_string_equal(transit_result_string((transit_result)-1), "unknown");
}

/* --- init ----------------------------------------------------------------------------------- */

static void test_init_starts_in_initial_state(void **unused) {
    (void)unused;
    transit_instance d, m, b;
    assert_int_equal(transit_init(&d, &door_machine), TRANSIT_OK);
    assert_int_equal(transit_state(&d), DOOR_STATE_CLOSED);
    assert_int_equal(transit_init(&m, &meshery_connection_machine), TRANSIT_OK);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_DISCOVERED);
    assert_int_equal(transit_init(&b, &bindplane_collector_machine), TRANSIT_OK);
    assert_int_equal(transit_state(&b), BINDPLANE_COLLECTOR_STATE_CONNECTED);
}

static void test_init_rejects_invalid(void **unused) {
    (void)unused;
    transit_instance d;
    assert_int_equal(transit_init(NULL, &door_machine), TRANSIT_INVALID);
    assert_int_equal(transit_init(&d, NULL), TRANSIT_INVALID);
    transit_machine other_abi = door_machine;
    other_abi.abi = TRANSIT_ABI_VERSION + 1;
    assert_int_equal(transit_init(&d, &other_abi), TRANSIT_INVALID);
    transit_machine bad_initial = door_machine;
    bad_initial.initial = door_machine.state_count;
    assert_int_equal(transit_init(&d, &bad_initial), TRANSIT_INVALID);
}

static void test_uninitialised_instance_is_invalid(void **unused) {
    (void)unused;
    transit_instance zero;
    memset(&zero, 0, sizeof zero);
    int out[4];
    assert_int_equal(transit_fire(&zero, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_INVALID);
    assert_int_equal(transit_state(&zero), -1);
    assert_int_equal(transit_restore(&zero, 0), TRANSIT_INVALID);
    assert_int_equal(transit_restore_name(&zero, "closed"), TRANSIT_INVALID);
    assert_int_equal(transit_allowed(&zero, TRANSIT_USER, out, 4), -1);
    assert_int_equal(transit_set_hooks(&zero, &all_hooks, NULL), TRANSIT_INVALID);
    assert_int_equal(transit_fire(NULL, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_INVALID);
    assert_int_equal(transit_state(NULL), -1);
}

/* --- fire ----------------------------------------------------------------------------------- */

static void test_fire_ok_moves(void **unused) {
    (void)unused;
    transit_instance d;
    transit_init(&d, &door_machine);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(transit_state(&d), DOOR_STATE_OPENED);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_CLOSE, TRANSIT_AUTO), TRANSIT_OK);
    assert_int_equal(transit_state(&d), DOOR_STATE_CLOSED);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_LOCK, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(transit_state(&d), DOOR_STATE_LOCKED);
}

static void test_fire_self_loop_keeps_state(void **unused) {
    (void)unused;
    transit_instance d;
    transit_init(&d, &door_machine);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_KNOCK, TRANSIT_SELF), TRANSIT_OK);
    assert_int_equal(transit_state(&d), DOOR_STATE_CLOSED);
}

static void test_fire_no_transition(void **unused) {
    (void)unused;
    transit_instance d;
    transit_init(&d, &door_machine);
    /* closed has no 'close' and no 'unlock' for anyone */
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_CLOSE, TRANSIT_USER), TRANSIT_NO_TRANSITION);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_UNLOCK, TRANSIT_AUTO), TRANSIT_NO_TRANSITION);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_FORCE, TRANSIT_SELF), TRANSIT_NO_TRANSITION);
    assert_int_equal(transit_state(&d), DOOR_STATE_CLOSED);
}

static void test_fire_not_permitted(void **unused) {
    (void)unused;
    transit_instance d;
    transit_init(&d, &door_machine);
    /* closed -> opened on open is user only */
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_AUTO), TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_SELF), TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_KNOCK, TRANSIT_AUTO), TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_state(&d), DOOR_STATE_CLOSED);
}

static void test_fire_target_depends_on_initiator(void **unused) {
    (void)unused;
    transit_instance d;
    transit_init(&d, &door_machine);
    transit_restore(&d, DOOR_STATE_LOCKED);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_FORCE, TRANSIT_SELF), TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_FORCE, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(transit_state(&d), DOOR_STATE_OPENED);
    transit_restore(&d, DOOR_STATE_LOCKED);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_FORCE, TRANSIT_AUTO), TRANSIT_OK);
    assert_int_equal(transit_state(&d), DOOR_STATE_REMOVED);
}

static void test_fire_final_state_has_no_transition(void **unused) {
    (void)unused;
    transit_instance d;
    transit_init(&d, &door_machine);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_REMOVE, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(transit_state(&d), DOOR_STATE_REMOVED);
    for (int t = 0; t < DOOR_TRIGGERS; t++)
        for (int i = TRANSIT_USER; i <= TRANSIT_SELF; i <<= 1)
            assert_int_equal(transit_fire(&d, t, (transit_initiator)i), TRANSIT_NO_TRANSITION);
    assert_int_equal(transit_state(&d), DOOR_STATE_REMOVED);
}

static void test_fire_invalid_values(void **unused) {
    (void)unused;
    transit_instance d;
    transit_init(&d, &door_machine);
    assert_int_equal(transit_fire(&d, -1, TRANSIT_USER), TRANSIT_INVALID);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGERS, TRANSIT_USER), TRANSIT_INVALID);
    assert_int_equal(transit_fire(&d, 1000000, TRANSIT_USER), TRANSIT_INVALID);
    static const int bad_initiators[] = {0, 3, 5, 6, 7, 8, -1, 1 << 20};
    for (size_t k = 0; k < sizeof bad_initiators / sizeof *bad_initiators; k++)
        assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, (transit_initiator)bad_initiators[k]),
                         TRANSIT_INVALID);
    assert_int_equal(transit_state(&d), DOOR_STATE_CLOSED);
}

/* --- hooks ---------------------------------------------------------------------------------- */

static void test_hooks_run_in_order(void **unused) {
    (void)unused;
    transit_instance d;
    recorder r = {0};
    transit_init(&d, &door_machine);
    assert_int_equal(transit_set_hooks(&d, &all_hooks, &r), TRANSIT_OK);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(r.count, 4);
    int from = DOOR_STATE_CLOSED, to = DOOR_STATE_OPENED, t = DOOR_TRIGGER_OPEN;
    assert_event(&r.calls[0], HOOK_VETO, from, to, t, TRANSIT_USER, from);
    assert_event(&r.calls[1], HOOK_EXIT, from, to, t, TRANSIT_USER, from);
    assert_event(&r.calls[2], HOOK_ENTER, from, to, t, TRANSIT_USER, to);
    assert_event(&r.calls[3], HOOK_OBSERVE, from, to, t, TRANSIT_USER, to);
}

static void test_hooks_self_loop_runs_exit_and_enter(void **unused) {
    (void)unused;
    transit_instance d;
    recorder r = {0};
    transit_init(&d, &door_machine);
    transit_set_hooks(&d, &all_hooks, &r);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_KNOCK, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(r.count, 4);
    int s = DOOR_STATE_CLOSED, t = DOOR_TRIGGER_KNOCK;
    assert_event(&r.calls[1], HOOK_EXIT, s, s, t, TRANSIT_USER, s);
    assert_event(&r.calls[2], HOOK_ENTER, s, s, t, TRANSIT_USER, s);
}

static void test_hooks_veto_refuses(void **unused) {
    (void)unused;
    transit_instance d;
    recorder r = {0};
    r.veto_answer = 1;
    transit_init(&d, &door_machine);
    transit_set_hooks(&d, &all_hooks, &r);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_VETOED);
    assert_int_equal(transit_state(&d), DOOR_STATE_CLOSED);
    assert_int_equal(r.count, 1);
    assert_int_equal(r.calls[0].kind, HOOK_VETO);
    /* The instance is usable again after a veto. */
    r.veto_answer = 0;
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(transit_state(&d), DOOR_STATE_OPENED);
}

static void test_hooks_not_run_when_refused(void **unused) {
    (void)unused;
    transit_instance d;
    recorder r = {0};
    transit_init(&d, &door_machine);
    transit_set_hooks(&d, &all_hooks, &r);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_CLOSE, TRANSIT_USER), TRANSIT_NO_TRANSITION);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_AUTO), TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGERS, TRANSIT_USER), TRANSIT_INVALID);
    assert_int_equal(r.count, 0);
}

static void test_hooks_partial_set(void **unused) {
    (void)unused;
    transit_instance d;
    recorder r = {0};
    transit_hooks only_observe = {NULL, NULL, NULL, hook_observe};
    transit_init(&d, &door_machine);
    transit_set_hooks(&d, &only_observe, &r);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(r.count, 1);
    assert_event(&r.calls[0], HOOK_OBSERVE, DOOR_STATE_CLOSED, DOOR_STATE_OPENED,
                 DOOR_TRIGGER_OPEN, TRANSIT_USER, DOOR_STATE_OPENED);
    /* Detaching the hooks: nothing more is recorded. */
    transit_set_hooks(&d, NULL, NULL);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_CLOSE, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(r.count, 1);
}

static void test_hooks_reentry_is_busy(void **unused) {
    (void)unused;
    transit_instance d;
    recorder r = {0};
    r.reenter = &d;
    transit_init(&d, &door_machine);
    transit_set_hooks(&d, &all_hooks, &r);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_LOCK, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(r.count, 4);
    for (int k = 0; k < 4; k++) {
        assert_int_equal(r.reentry[k], TRANSIT_BUSY);
        assert_int_equal(r.restore_reentry[k], TRANSIT_BUSY);
    }
    /* The nested calls changed nothing: the outer transition's target stands. */
    assert_int_equal(transit_state(&d), DOOR_STATE_LOCKED);
}

static int set_hooks_from_hook(void *ctx, const transit_instance *inst, const transit_event *e) {
    (void)inst;
    (void)e;
    transit_instance *d = ctx;
    return transit_set_hooks(d, NULL, NULL) == TRANSIT_BUSY ? 0 : 1;
}

static void test_hooks_cannot_be_changed_from_a_hook(void **unused) {
    (void)unused;
    transit_instance d;
    transit_hooks h = {set_hooks_from_hook, NULL, NULL, NULL};
    transit_init(&d, &door_machine);
    transit_set_hooks(&d, &h, &d);
    /* The veto hook lets the transition through only if set_hooks answered BUSY. */
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_OK);
}

static void test_hooks_other_instance_may_fire(void **unused) {
    (void)unused;
    transit_instance d, other;
    recorder r = {0};
    transit_init(&d, &door_machine);
    transit_init(&other, &door_machine);
    r.reenter = &other;
    transit_set_hooks(&d, &all_hooks, &r);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_OK);
    /* Another instance is not busy: its first fire succeeds, then restore moves it to locked. */
    assert_int_equal(r.reentry[0], TRANSIT_OK);
    assert_int_equal(r.restore_reentry[0], TRANSIT_OK);
    assert_int_equal(transit_state(&other), DOOR_STATE_LOCKED);
}

/* --- lookup --------------------------------------------------------------------------------- */

/* The names are the spec's keywords (dsl/lexer.l), each the reverse of the other. */
static void test_initiator_names(void **unused) {
    (void)unused;
    assert_string_equal(transit_initiator_name(TRANSIT_USER), "user");
    assert_string_equal(transit_initiator_name(TRANSIT_AUTO), "auto");
    assert_string_equal(transit_initiator_name(TRANSIT_SELF), "self");
    assert_null(transit_initiator_name((transit_initiator)0));
    assert_null(transit_initiator_name((transit_initiator)(TRANSIT_USER | TRANSIT_AUTO)));
    assert_null(transit_initiator_name((transit_initiator)8));
    assert_null(transit_initiator_name((transit_initiator)-1));
    assert_int_equal(transit_initiator_from_name("user"), TRANSIT_USER);
    assert_int_equal(transit_initiator_from_name("auto"), TRANSIT_AUTO);
    assert_int_equal(transit_initiator_from_name("self"), TRANSIT_SELF);
    assert_int_equal(transit_initiator_from_name("User"), 0);
    assert_int_equal(transit_initiator_from_name("users"), 0);
    assert_int_equal(transit_initiator_from_name(""), 0);
    assert_int_equal(transit_initiator_from_name(NULL), 0);
}

static void test_lookup_without_firing(void **unused) {
    (void)unused;
    int to = -7;
    assert_int_equal(transit_lookup(&door_machine, DOOR_STATE_LOCKED, DOOR_TRIGGER_FORCE,
                                    TRANSIT_AUTO, &to),
                     TRANSIT_OK);
    assert_int_equal(to, DOOR_STATE_REMOVED);
    assert_int_equal(transit_lookup(&door_machine, DOOR_STATE_LOCKED, DOOR_TRIGGER_FORCE,
                                    TRANSIT_USER, NULL),
                     TRANSIT_OK);
    assert_int_equal(transit_lookup(&door_machine, DOOR_STATE_OPENED, DOOR_TRIGGER_FORCE,
                                    TRANSIT_USER, &to),
                     TRANSIT_NO_TRANSITION);
    assert_int_equal(transit_lookup(&door_machine, DOOR_STATE_OPENED, DOOR_TRIGGER_CLOSE,
                                    TRANSIT_SELF, &to),
                     TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_lookup(&door_machine, DOOR_STATES, 0, TRANSIT_USER, &to),
                     TRANSIT_INVALID);
    assert_int_equal(transit_lookup(&door_machine, -1, 0, TRANSIT_USER, &to), TRANSIT_INVALID);
    assert_int_equal(transit_lookup(NULL, 0, 0, TRANSIT_USER, &to), TRANSIT_INVALID);
    assert_int_equal(transit_lookup(&door_machine, 0, DOOR_TRIGGERS, TRANSIT_USER, &to),
                     TRANSIT_INVALID);
    assert_int_equal(transit_lookup(&door_machine, 0, 0, (transit_initiator)3, &to),
                     TRANSIT_INVALID);
}

/* --- restore -------------------------------------------------------------------------------- */

static void test_restore_by_index(void **unused) {
    (void)unused;
    transit_instance d;
    transit_init(&d, &door_machine);
    assert_int_equal(transit_restore(&d, DOOR_STATE_LOCKED), TRANSIT_OK);
    assert_int_equal(transit_state(&d), DOOR_STATE_LOCKED);
    assert_int_equal(transit_restore(&d, DOOR_STATES), TRANSIT_INVALID);
    assert_int_equal(transit_restore(&d, -1), TRANSIT_INVALID);
    assert_int_equal(transit_state(&d), DOOR_STATE_LOCKED);
    /* A restored final state is final. */
    assert_int_equal(transit_restore(&d, DOOR_STATE_REMOVED), TRANSIT_OK);
    assert_int_equal(transit_fire(&d, DOOR_TRIGGER_OPEN, TRANSIT_USER), TRANSIT_NO_TRANSITION);
}

static void test_restore_by_name(void **unused) {
    (void)unused;
    transit_instance m;
    transit_init(&m, &meshery_connection_machine);
    assert_int_equal(transit_restore_name(&m, "not found"), TRANSIT_OK);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_NOT_FOUND);
    assert_int_equal(transit_restore_name(&m, "connected"), TRANSIT_OK);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_CONNECTED);
    assert_int_equal(transit_restore_name(&m, "not_found"), TRANSIT_OK);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_NOT_FOUND);
    assert_int_equal(transit_restore_name(&m, "Connected"), TRANSIT_UNKNOWN_NAME);
    assert_int_equal(transit_restore_name(&m, ""), TRANSIT_UNKNOWN_NAME);
    assert_int_equal(transit_restore_name(&m, NULL), TRANSIT_INVALID);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_NOT_FOUND);
}

/* --- allowed -------------------------------------------------------------------------------- */

static void test_allowed_lists_triggers(void **unused) {
    (void)unused;
    transit_instance d;
    int out[DOOR_TRIGGERS];
    transit_init(&d, &door_machine);
    /* closed, user: open, lock, knock, remove (in trigger order) */
    assert_int_equal(transit_allowed(&d, TRANSIT_USER, out, DOOR_TRIGGERS), 4);
    assert_int_equal(out[0], DOOR_TRIGGER_OPEN);
    assert_int_equal(out[1], DOOR_TRIGGER_LOCK);
    assert_int_equal(out[2], DOOR_TRIGGER_KNOCK);
    assert_int_equal(out[3], DOOR_TRIGGER_REMOVE);
    /* closed, self: knock only; auto: nothing */
    assert_int_equal(transit_allowed(&d, TRANSIT_SELF, out, DOOR_TRIGGERS), 1);
    assert_int_equal(out[0], DOOR_TRIGGER_KNOCK);
    assert_int_equal(transit_allowed(&d, TRANSIT_AUTO, out, DOOR_TRIGGERS), 0);
}

static void test_allowed_counts_beyond_cap(void **unused) {
    (void)unused;
    transit_instance d;
    int out[2] = {-1, -1};
    transit_init(&d, &door_machine);
    assert_int_equal(transit_allowed(&d, TRANSIT_USER, out, 1), 4);
    assert_int_equal(out[0], DOOR_TRIGGER_OPEN);
    assert_int_equal(out[1], -1); /* nothing written past cap */
    assert_int_equal(transit_allowed(&d, TRANSIT_USER, NULL, 0), 4);
    assert_int_equal(transit_allowed(&d, TRANSIT_USER, NULL, 1), -1);
    assert_int_equal(transit_allowed(&d, TRANSIT_USER, out, -1), -1);
    assert_int_equal(transit_allowed(&d, (transit_initiator)6, out, 2), -1);
    assert_int_equal(transit_allowed(NULL, TRANSIT_USER, out, 2), -1);
}

/* --- names ---------------------------------------------------------------------------------- */

static void test_state_names_round_trip(void **unused) {
    (void)unused;
    assert_string_equal(transit_state_name(&door_machine, DOOR_STATE_LOCKED), "locked");
    assert_string_equal(transit_state_persisted(&door_machine, DOOR_STATE_LOCKED), "locked shut");
    assert_string_equal(transit_state_persisted(&door_machine, DOOR_STATE_OPENED), "opened");
    assert_int_equal(transit_state_index(&door_machine, "locked"), DOOR_STATE_LOCKED);
    assert_int_equal(transit_state_index(&door_machine, "locked shut"), DOOR_STATE_LOCKED);
    assert_int_equal(transit_state_index(&door_machine, "removed"), DOOR_STATE_REMOVED);
    assert_int_equal(transit_state_index(&door_machine, "locked shut "), -1);
    assert_int_equal(transit_state_index(&door_machine, "open"), -1); /* a trigger, not a state */
    assert_int_equal(transit_state_index(&door_machine, NULL), -1);
    assert_int_equal(transit_state_index(NULL, "closed"), -1);
    assert_null(transit_state_name(&door_machine, DOOR_STATES));
    assert_null(transit_state_name(&door_machine, -1));
    assert_null(transit_state_persisted(&door_machine, DOOR_STATES));
    assert_null(transit_state_name(NULL, 0));
}

static void test_trigger_names_round_trip(void **unused) {
    (void)unused;
    assert_string_equal(transit_trigger_name(&door_machine, DOOR_TRIGGER_FORCE), "force");
    assert_int_equal(transit_trigger_index(&door_machine, "force"), DOOR_TRIGGER_FORCE);
    assert_int_equal(transit_trigger_index(&door_machine, "closed"), -1); /* a state */
    assert_int_equal(transit_trigger_index(&door_machine, NULL), -1);
    assert_null(transit_trigger_name(&door_machine, DOOR_TRIGGERS));
    assert_null(transit_trigger_name(&door_machine, -1));
    /* A state and a trigger of one name stay apart. */
    const transit_machine *m = &meshery_connection_machine;
    assert_int_equal(transit_trigger_index(m, "not_found"), MESHERY_CONNECTION_TRIGGER_NOT_FOUND);
    assert_int_equal(transit_state_index(m, "not_found"), MESHERY_CONNECTION_STATE_NOT_FOUND);
    assert_int_equal(transit_trigger_index(m, "not found"), -1);
}

/* --- the real specs ------------------------------------------------------------------------- */

static void test_meshery_not_found_is_auto_only(void **unused) {
    (void)unused;
    transit_instance m;
    transit_init(&m, &meshery_connection_machine);
    /* The UI let operators pick "not found": the runtime refuses it. */
    assert_int_equal(transit_fire(&m, MESHERY_CONNECTION_TRIGGER_NOT_FOUND, TRANSIT_USER),
                     TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_DISCOVERED);
    assert_int_equal(transit_fire(&m, MESHERY_CONNECTION_TRIGGER_NOT_FOUND, TRANSIT_AUTO),
                     TRANSIT_OK);
    assert_string_equal(transit_state_persisted(&meshery_connection_machine, transit_state(&m)),
                        "not found");
}

/* A guard callback for the specs' guards: every guard holds. */
static int all_hold(void *ctx, const transit_instance *inst, int guard, const transit_event *e) {
    (void)ctx, (void)inst, (void)guard, (void)e;
    return 1;
}

static void test_meshery_registered_to_not_found_exists(void **unused) {
    (void)unused;
    /* The missing edge that left unreachable clusters stuck in registered. */
    transit_instance m;
    transit_init(&m, &meshery_connection_machine);
    /* discovered -> registered on register by user, auto when reachable */
    assert_int_equal(transit_set_guard(&m, all_hold, NULL), TRANSIT_OK);
    assert_int_equal(transit_fire(&m, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO),
                     TRANSIT_OK);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_REGISTERED);
    assert_int_equal(transit_fire(&m, MESHERY_CONNECTION_TRIGGER_NOT_FOUND, TRANSIT_AUTO),
                     TRANSIT_OK);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_NOT_FOUND);
}

/* A guard that fires its own instance on an unguarded trigger (delete by user: * -> deleted)
   while it is asked, recording what that fire answered and the state it left. */
typedef struct reentering_guard {
    transit_instance *inst;
    int asked;
    transit_result inner;
    int state_after_inner;
} reentering_guard;

static int fire_from_guard(void *ctx, const transit_instance *inst, int guard,
                           const transit_event *e) {
    reentering_guard *g = ctx;
    (void)inst, (void)guard, (void)e;
    g->asked++;
    g->inner = transit_fire(g->inst, MESHERY_CONNECTION_TRIGGER_DELETE, TRANSIT_USER);
    g->state_after_inner = transit_state(g->inst);
    return 1;
}

static int observed_to = -1, observed_count = 0;
static void observe_to(void *ctx, const transit_instance *inst, const transit_event *e) {
    (void)ctx, (void)inst;
    observed_to = e->to;
    observed_count++;
}

/* While a guard is asked the instance is busy, on an unguarded cell too (that is the fast table's
   path for an instance without hooks): the inner fire is refused and changes nothing, the outer
   one decides as if it never happened. With hooks the same, and the hooks stay attached. */
static void test_guard_firing_own_instance_is_busy(void **unused) {
    (void)unused;
    static const transit_hooks observer = {NULL, NULL, NULL, observe_to};
    for (int hooked = 0; hooked < 2; hooked++) {
        transit_instance m;
        reentering_guard g = {&m, 0, TRANSIT_OK, -1};
        assert_int_equal(transit_init(&m, &meshery_connection_machine), TRANSIT_OK);
        assert_int_equal(transit_set_guard(&m, fire_from_guard, &g), TRANSIT_OK);
        if (hooked)
            assert_int_equal(transit_set_hooks(&m, &observer, NULL), TRANSIT_OK);
        observed_to = -1, observed_count = 0;
        /* discovered -> registered on register by user, auto when reachable (it holds) */
        assert_int_equal(transit_fire(&m, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO),
                         TRANSIT_OK);
        assert_int_equal(g.asked, 1);
        assert_int_equal(g.inner, TRANSIT_BUSY);
        assert_int_equal(g.state_after_inner, MESHERY_CONNECTION_STATE_DISCOVERED);
        assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_REGISTERED);
        assert_int_equal(observed_count, hooked);
        /* busy no more: * -> deleted on delete by user, with the hooks (if any) still run */
        assert_int_equal(transit_fire(&m, MESHERY_CONNECTION_TRIGGER_DELETE, TRANSIT_USER),
                         TRANSIT_OK);
        assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_DELETED);
        assert_int_equal(observed_count, 2 * hooked);
        if (hooked)
            assert_int_equal(observed_to, MESHERY_CONNECTION_STATE_DELETED);
    }
}

static void test_meshery_second_connect_is_accepted(void **unused) {
    (void)unused;
    transit_instance m;
    transit_init(&m, &meshery_connection_machine);
    transit_restore(&m, MESHERY_CONNECTION_STATE_CONNECTED);
    assert_int_equal(transit_fire(&m, MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER),
                     TRANSIT_OK);
    assert_int_equal(transit_state(&m), MESHERY_CONNECTION_STATE_CONNECTED);
}

static void test_meshery_deleted_is_final(void **unused) {
    (void)unused;
    transit_instance m;
    transit_init(&m, &meshery_connection_machine);
    assert_int_equal(transit_fire(&m, MESHERY_CONNECTION_TRIGGER_DELETE, TRANSIT_AUTO),
                     TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_fire(&m, MESHERY_CONNECTION_TRIGGER_DELETE, TRANSIT_USER),
                     TRANSIT_OK);
    int out[MESHERY_CONNECTION_TRIGGERS];
    for (int i = TRANSIT_USER; i <= TRANSIT_SELF; i <<= 1)
        assert_int_equal(transit_allowed(&m, (transit_initiator)i, out, MESHERY_CONNECTION_TRIGGERS),
                         0);
}

static void test_bindplane_disconnected_cannot_configure(void **unused) {
    (void)unused;
    /* A rollout moved a disconnected collector straight to configuring. */
    transit_instance b;
    transit_init(&b, &bindplane_collector_machine);
    assert_int_equal(transit_fire(&b, BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT, TRANSIT_AUTO),
                     TRANSIT_OK);
    for (int i = TRANSIT_USER; i <= TRANSIT_SELF; i <<= 1)
        assert_int_equal(
            transit_fire(&b, BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE, (transit_initiator)i),
            TRANSIT_NO_TRANSITION);
    assert_int_equal(transit_fire(&b, BINDPLANE_COLLECTOR_TRIGGER_RECONNECT, TRANSIT_SELF),
                     TRANSIT_OK);
    assert_int_equal(transit_fire(&b, BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE, TRANSIT_AUTO),
                     TRANSIT_OK);
    assert_int_equal(transit_state(&b), BINDPLANE_COLLECTOR_STATE_CONFIGURING);
}

static void test_bindplane_pending_only_configures(void **unused) {
    (void)unused;
    transit_instance b;
    int out[BINDPLANE_COLLECTOR_TRIGGERS];
    transit_init(&b, &bindplane_collector_machine);
    assert_int_equal(transit_fire(&b, BINDPLANE_COLLECTOR_TRIGGER_QUEUE, TRANSIT_USER), TRANSIT_OK);
    assert_int_equal(transit_allowed(&b, TRANSIT_AUTO, out, BINDPLANE_COLLECTOR_TRIGGERS), 1);
    assert_int_equal(out[0], BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE);
    assert_int_equal(transit_allowed(&b, TRANSIT_USER, out, BINDPLANE_COLLECTOR_TRIGGERS), 0);
    assert_int_equal(transit_allowed(&b, TRANSIT_SELF, out, BINDPLANE_COLLECTOR_TRIGGERS), 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_result_string_names_each),
        cmocka_unit_test(test_init_starts_in_initial_state),
        cmocka_unit_test(test_init_rejects_invalid),
        cmocka_unit_test(test_uninitialised_instance_is_invalid),
        cmocka_unit_test(test_fire_ok_moves),
        cmocka_unit_test(test_fire_self_loop_keeps_state),
        cmocka_unit_test(test_fire_no_transition),
        cmocka_unit_test(test_fire_not_permitted),
        cmocka_unit_test(test_fire_target_depends_on_initiator),
        cmocka_unit_test(test_fire_final_state_has_no_transition),
        cmocka_unit_test(test_fire_invalid_values),
        cmocka_unit_test(test_hooks_run_in_order),
        cmocka_unit_test(test_hooks_self_loop_runs_exit_and_enter),
        cmocka_unit_test(test_hooks_veto_refuses),
        cmocka_unit_test(test_hooks_not_run_when_refused),
        cmocka_unit_test(test_hooks_partial_set),
        cmocka_unit_test(test_hooks_reentry_is_busy),
        cmocka_unit_test(test_hooks_cannot_be_changed_from_a_hook),
        cmocka_unit_test(test_hooks_other_instance_may_fire),
        cmocka_unit_test(test_lookup_without_firing),
        cmocka_unit_test(test_initiator_names),
        cmocka_unit_test(test_restore_by_index),
        cmocka_unit_test(test_restore_by_name),
        cmocka_unit_test(test_allowed_lists_triggers),
        cmocka_unit_test(test_allowed_counts_beyond_cap),
        cmocka_unit_test(test_state_names_round_trip),
        cmocka_unit_test(test_trigger_names_round_trip),
        cmocka_unit_test(test_meshery_not_found_is_auto_only),
        cmocka_unit_test(test_meshery_registered_to_not_found_exists),
        cmocka_unit_test(test_meshery_second_connect_is_accepted),
        cmocka_unit_test(test_guard_firing_own_instance_is_busy),
        cmocka_unit_test(test_meshery_deleted_is_final),
        cmocka_unit_test(test_bindplane_disconnected_cannot_configure),
        cmocka_unit_test(test_bindplane_pending_only_configures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
