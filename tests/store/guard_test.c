/*
** Guards through the store: the probe spec (tests/store/specs/probe.transit) on a fresh SQLite
** file or PostgreSQL database. A fire whose choice needs a guard is refused without a callback
** (no guard callback) and when no guard holds (guard failed), changing nothing; each value of
** the guards picks the alternative the spec orders; the history's guards column names the guards
** that held, timeouts included. Expected outcomes are the spec's, quoted at each test.
**   guard_test SCHEMA.sql PATH|postgresql
*/
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"
#include "common.h"

static const transit_machine *const M = &probe_machine;

/* The guards' values, and what the store asked: "guard(from->to on trigger by initiator)" each. */
typedef struct answers {
    int reachable, trusted;
    char asked[512];
} answers;

static int answer(void *context, const transit_machine *def, int guard, const transit_event *e) {
    answers *a = context;
    static const char *const by[] = {"?", "user", "auto", "?", "self"};
    const char *name = transit_guard_name(def, guard);
    size_t n = strlen(a->asked);
    snprintf(a->asked + n, sizeof a->asked - n, "%s%s(%s->%s on %s by %s)", n ? " " : "",
             name ? name : "?", transit_state_name(def, e->from), transit_state_name(def, e->to),
             transit_trigger_name(def, e->trigger), by[e->initiator]);
    if (name && strcmp(name, "reachable") == 0)
        return a->reachable;
    if (name && strcmp(name, "trusted") == 0)
        return a->trusted;
    return 0;
}

/* The newest history row of id: "from -> to on trigger by initiator [guards]", guards "NULL"
   when the column is NULL. */
static int newest(void *context, const transit_store_entry *e) {
    snprintf(context, 256, "%s -> %s on %s by %s [%s]", e->from_state, e->to_state, e->trigger,
             e->initiator, e->guards ? e->guards : "NULL");
    return 1;
}

static void assert_newest(transit_store *s, const char *id, const char *want) {
    char got[256] = "(none)";
    assert_int_equal(transit_store_history(s, M, id, UINT64_MAX, 1, newest, got, NULL), TRANSIT_OK);
    assert_string_equal(got, want);
}

static void assert_at(transit_store *s, const char *id, int want_state, uint64_t want_seq) {
    int st = -1;
    uint64_t seq = 99;
    assert_int_equal(transit_store_load(s, M, id, &st, &seq), TRANSIT_OK);
    assert_string_equal(transit_state_name(M, st), transit_state_name(M, want_state));
    assert_int_equal(seq, want_seq);
}

static transit_store_result fire(transit_store *s, const char *id, int trigger,
                                 transit_initiator by, answers *a) {
    return transit_store_fire(s, M, id, trigger, by, NULL, "probe", NULL, a ? answer : NULL, a,
                              NULL);
}

static void test_guard_no_callback(void **state) {
    transit_store *s = *state;
    unsigned rows = 99;
    assert_int_equal(transit_store_create(s, M, "p1"), TRANSIT_OK);
    /* discovered -> registered on register by auto when reachable: a guard must be asked */
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_REGISTER, TRANSIT_AUTO, NULL), TRANSIT_NO_GUARD);
    assert_at(s, "p1", PROBE_STATE_DISCOVERED, 0);
    assert_int_equal(transit_store_history(s, M, "p1", UINT64_MAX, 10, newest, (char[256]){0}, &rows),
                     TRANSIT_OK);
    assert_int_equal(rows, 0);
    /* the refusals before the guards come first: nothing on connect from discovered, and
       register is auto's only */
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_CONNECT, TRANSIT_USER, NULL), TRANSIT_NO_TRANSITION);
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_REGISTER, TRANSIT_USER, NULL), TRANSIT_NOT_PERMITTED);
}

static void test_guard_failed(void **state) {
    transit_store *s = *state;
    answers a = {1, 0, ""};
    assert_int_equal(transit_store_create(s, M, "p1"), TRANSIT_OK);
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_REGISTER, TRANSIT_AUTO, &a), TRANSIT_OK);
    assert_at(s, "p1", PROBE_STATE_REGISTERED, 1);
    /* registered -> connected on connect by user when trusted, -> quarantined when reachable, no
       fallback: neither holds */
    a = (answers){0, 0, ""};
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_CONNECT, TRANSIT_USER, &a), TRANSIT_GUARD_FAILED);
    assert_string_equal(a.asked, "trusted(registered->connected on connect by user) "
                                 "reachable(registered->quarantined on connect by user)");
    assert_at(s, "p1", PROBE_STATE_REGISTERED, 1);
    assert_newest(s, "p1", "discovered -> registered on register by auto [reachable]");
    /* without a callback: no guard callback, also unchanged */
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_CONNECT, TRANSIT_USER, NULL), TRANSIT_NO_GUARD);
    assert_at(s, "p1", PROBE_STATE_REGISTERED, 1);
}

/* register, then connect, from a new instance for each value of (reachable, trusted). */
static void test_guard_values_choose(void **state) {
    transit_store *s = *state;
    static const struct {
        int reachable, trusted;
        const char *after_register, *after_connect; /* the newest history row, or the refusal */
    } cases[] = {
        /* register: 'when reachable' first, 'when not reachable' second; connect: 'when
           trusted' first, 'when reachable' second, no fallback */
        {1, 1, "discovered -> registered on register by auto [reachable]",
         "registered -> connected on connect by user [trusted]"},
        {1, 0, "discovered -> registered on register by auto [reachable]",
         "registered -> quarantined on connect by user [reachable]"},
        {0, 1, "discovered -> not_found on register by auto []", "no transition"},
        {0, 0, "discovered -> not_found on register by auto []", "no transition"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char id[16];
        snprintf(id, sizeof id, "p%zu", i);
        answers a = {cases[i].reachable, cases[i].trusted, ""};
        assert_int_equal(transit_store_create(s, M, id), TRANSIT_OK);
        assert_int_equal(fire(s, id, PROBE_TRIGGER_REGISTER, TRANSIT_AUTO, &a), TRANSIT_OK);
        assert_newest(s, id, cases[i].after_register);
        transit_store_result r = fire(s, id, PROBE_TRIGGER_CONNECT, TRANSIT_USER, &a);
        if (r == TRANSIT_OK)
            assert_newest(s, id, cases[i].after_connect);
        else
            assert_string_equal(transit_store_result_string(r), cases[i].after_connect);
    }
}

static void test_guard_trusted_asks_one(void **state) {
    transit_store *s = *state;
    answers a = {1, 1, ""};
    assert_int_equal(transit_store_create(s, M, "p1"), TRANSIT_OK);
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_REGISTER, TRANSIT_AUTO, &a), TRANSIT_OK);
    assert_string_equal(a.asked, "reachable(discovered->registered on register by auto)");
    a.asked[0] = '\0';
    /* trusted holds: the first alternative is taken, reachable never asked */
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_CONNECT, TRANSIT_USER, &a), TRANSIT_OK);
    assert_string_equal(a.asked, "trusted(registered->connected on connect by user)");
    assert_at(s, "p1", PROBE_STATE_CONNECTED, 2);
}

static void test_guard_unguarded_records_null(void **state) {
    transit_store *s = *state;
    answers a = {0, 0, ""};
    assert_int_equal(transit_store_create(s, M, "p1"), TRANSIT_OK);
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_REGISTER, TRANSIT_AUTO, &a), TRANSIT_OK);
    /* * except discovered -> discovered on reset by user: unguarded, with or without a callback */
    a.asked[0] = '\0';
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_RESET, TRANSIT_USER, &a), TRANSIT_OK);
    assert_string_equal(a.asked, "");
    assert_newest(s, "p1", "not_found -> discovered on reset by user [NULL]");
    a.reachable = 1;
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_REGISTER, TRANSIT_AUTO, &a), TRANSIT_OK);
    assert_int_equal(fire(s, "p1", PROBE_TRIGGER_RESET, TRANSIT_USER, NULL), TRANSIT_OK);
    assert_newest(s, "p1", "registered -> discovered on reset by user [NULL]");
    assert_at(s, "p1", PROBE_STATE_DISCOVERED, 4);
}

/* create id and take it to connected (register when reachable, connect when trusted) */
static void to_connected(transit_store *s, const char *id) {
    answers a = {1, 1, ""};
    assert_int_equal(transit_store_create(s, M, id), TRANSIT_OK);
    assert_int_equal(fire(s, id, PROBE_TRIGGER_REGISTER, TRANSIT_AUTO, &a), TRANSIT_OK);
    assert_int_equal(fire(s, id, PROBE_TRIGGER_CONNECT, TRANSIT_USER, &a), TRANSIT_OK);
    assert_at(s, id, PROBE_STATE_CONNECTED, 2);
}

static void test_guard_timeout(void **state) {
    transit_store *s = *state;
    to_connected(s, "p1");
    store_sleep_ms(50);
    to_connected(s, "p2"); /* due after p1 */
    store_sleep_ms(1300);
    /* connected -> registered on expire after 1s by auto when not trusted, -> not_found
       unguarded: the first alternative needs the guard */
    unsigned fired = 99;
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_NO_GUARD);
    assert_int_equal(fired, 0);
    assert_at(s, "p1", PROBE_STATE_CONNECTED, 2);
    answers a = {0, 1, ""};
    assert_int_equal(transit_store_fire_due(s, M, 1, "sweeper", answer, &a, &fired), TRANSIT_OK);
    assert_int_equal(fired, 1);
    assert_string_equal(a.asked, "trusted(connected->registered on expire by auto)");
    assert_newest(s, "p1", "connected -> not_found on expire by auto [trusted]");
    a = (answers){0, 0, ""};
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", answer, &a, &fired), TRANSIT_OK);
    assert_int_equal(fired, 1);
    assert_newest(s, "p2", "connected -> registered on expire by auto []");
    assert_at(s, "p2", PROBE_STATE_REGISTERED, 3);
}

static void test_guard_timeout_refused_holds_up_none(void **state) {
    transit_store *s = *state;
    answers a = {1, 0, ""};
    assert_int_equal(transit_store_create(s, M, "q1"), TRANSIT_OK);
    assert_int_equal(fire(s, "q1", PROBE_TRIGGER_REGISTER, TRANSIT_AUTO, &a), TRANSIT_OK);
    /* registered -> quarantined on connect by user when reachable (trusted does not hold) */
    assert_int_equal(fire(s, "q1", PROBE_TRIGGER_CONNECT, TRANSIT_USER, &a), TRANSIT_OK);
    assert_at(s, "q1", PROBE_STATE_QUARANTINED, 2);
    store_sleep_ms(50);
    to_connected(s, "p2"); /* due after q1 */
    store_sleep_ms(1300);
    /* quarantined -> registered on expire after 1s by auto when trusted, no fallback: trusted
       does not hold, so q1 is refused and stays due; connected -> registered on expire after 1s
       by auto when not trusted: p2, due later, still fires in the same sweep */
    a = (answers){0, 0, ""};
    unsigned fired = 99;
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", answer, &a, &fired),
                     TRANSIT_GUARD_FAILED);
    assert_int_equal(fired, 1);
    assert_at(s, "q1", PROBE_STATE_QUARANTINED, 2);
    assert_at(s, "p2", PROBE_STATE_REGISTERED, 3);
    /* q1 is still due: the next sweep tries it again, and fires it once trusted holds */
    a = (answers){0, 1, ""};
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", answer, &a, &fired), TRANSIT_OK);
    assert_int_equal(fired, 1);
    assert_newest(s, "q1", "quarantined -> registered on expire by auto [trusted]");
    assert_at(s, "q1", PROBE_STATE_REGISTERED, 3);
}

/* Guards per instance: trusted holds for the instance trusted_id only, which the callback learns
   from the store (transit_store_deciding); asked lists the ids it was asked for. */
typedef struct per_instance {
    transit_store *s;
    const char *trusted_id;
    char asked[128];
} per_instance;

static int trusted_for(void *context, const transit_machine *def, int guard, const transit_event *e) {
    (void)e;
    per_instance *p = context;
    const char *id = transit_store_deciding(p->s);
    size_t n = strlen(p->asked);
    snprintf(p->asked + n, sizeof p->asked - n, "%s%s", n ? " " : "", id ? id : "(none)");
    const char *name = transit_guard_name(def, guard);
    return name && strcmp(name, "trusted") == 0 && id && strcmp(id, p->trusted_id) == 0;
}

static void test_guard_timeout_asks_per_instance(void **state) {
    transit_store *s = *state;
    to_connected(s, "p1");
    to_connected(s, "p2");
    store_sleep_ms(1300);
    assert_null(transit_store_deciding(s));
    /* connected -> registered on expire after 1s by auto when not trusted, -> not_found
       unguarded: trusted holds for p2 only */
    per_instance p = {s, "p2", ""};
    unsigned fired = 99;
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", trusted_for, &p, &fired), TRANSIT_OK);
    assert_int_equal(fired, 2);
    assert_string_equal(p.asked, "p1 p2");
    assert_newest(s, "p1", "connected -> registered on expire by auto []");
    assert_newest(s, "p2", "connected -> not_found on expire by auto [trusted]");
    assert_null(transit_store_deciding(s));
    /* and a plain fire's: discovered -> registered on register by auto when reachable, ->
       not_found when not reachable: reachable asked for each alternative, both times for p3 */
    assert_int_equal(transit_store_create(s, M, "p3"), TRANSIT_OK);
    p = (per_instance){s, "p3", ""};
    assert_int_equal(transit_store_fire(s, M, "p3", PROBE_TRIGGER_REGISTER, TRANSIT_AUTO, NULL, "probe",
                                        NULL, trusted_for, &p, NULL),
                     TRANSIT_OK);
    assert_string_equal(p.asked, "p3 p3");
}

int main(int argc, char **argv) {
    if (store_fixture_args(argc, argv, "transit_guard_test") != 0)
        return 2;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_guard_no_callback, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_guard_failed, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_guard_values_choose, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_guard_trusted_asks_one, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_guard_unguarded_records_null, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_guard_timeout, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_guard_timeout_refused_holds_up_none, store_setup,
                                        store_teardown),
        cmocka_unit_test_setup_teardown(test_guard_timeout_asks_per_instance, store_setup,
                                        store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
