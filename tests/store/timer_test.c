/*
** Timers through the store: the lease spec with a 1 s timer on 'held' (expire, by auto; see
** timed_sql.c), on a fresh SQLite file or PostgreSQL database. The due time is set at each entry
** into held (a renewing self-loop included), transit_store_fire_due fires only what is due, as
** auto, and on PostgreSQL skips an instance another transaction holds (SKIP LOCKED).
**   timer_test SCHEMA.sql PATH|postgresql
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

#include "lease.h"
#include "common.h"

static const transit_machine *const M = &lease_machine;

static int last_entry(void *context, const transit_store_entry *e) {
    char *out = context;
    snprintf(out, 128, "%s -> %s on %s by %s (%s)", e->from_state, e->to_state, e->trigger,
             e->initiator, e->reason ? e->reason : "-");
    return 1;
}

static void fire(transit_store *s, const char *id, int trigger) {
    assert_int_equal(transit_store_fire(s, M, id, trigger, TRANSIT_USER, NULL, "ana", NULL, NULL,
                                        NULL, NULL),
                     TRANSIT_OK);
}

static void test_timer_fires_when_due_only(void **state) {
    transit_store *s = *state;
    unsigned fired = 99;
    assert_int_equal(transit_store_create(s, M, "l1"), TRANSIT_OK);
    /* idle has no timer: never due */
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_OK);
    assert_int_equal(fired, 0);
    fire(s, "l1", LEASE_TRIGGER_TAKE); /* idle -> held: held expires after 1 s */
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_OK);
    assert_int_equal(fired, 0);
    store_sleep_ms(1300);
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_OK);
    assert_int_equal(fired, 1);
    int st;
    uint64_t seq;
    assert_int_equal(transit_store_load(s, M, "l1", &st, &seq), TRANSIT_OK);
    assert_int_equal(st, LEASE_STATE_IDLE);
    assert_int_equal(seq, 2);
    char last[128] = "";
    assert_int_equal(transit_store_history(s, M, "l1", UINT64_MAX, 1, last_entry, last, NULL), TRANSIT_OK);
    assert_string_equal(last, "held -> idle on expire by auto (timeout)");
    /* back in idle: nothing due any more */
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_OK);
    assert_int_equal(fired, 0);
}

static void test_timer_restarts_on_self_loop(void **state) {
    transit_store *s = *state;
    unsigned fired = 99;
    assert_int_equal(transit_store_create(s, M, "l2"), TRANSIT_OK);
    fire(s, "l2", LEASE_TRIGGER_TAKE);
    store_sleep_ms(600);
    fire(s, "l2", LEASE_TRIGGER_RENEW); /* held -> held: the timer starts again */
    store_sleep_ms(600); /* 1.2 s after take, 0.6 s after renew */
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_OK);
    assert_int_equal(fired, 0);
    store_sleep_ms(700);
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_OK);
    assert_int_equal(fired, 1);
}

static void test_timer_fires_long_id(void **state) {
    transit_store *s = *state;
    char id[6001];
    memset(id, 'x', sizeof id - 1);
    id[sizeof id - 1] = '\0';
    unsigned fired = 99;
    assert_int_equal(transit_store_create(s, M, id), TRANSIT_OK);
    fire(s, id, LEASE_TRIGGER_TAKE);
    store_sleep_ms(1300);
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_OK);
    assert_int_equal(fired, 1);
    int st;
    uint64_t seq;
    assert_int_equal(transit_store_load(s, M, id, &st, &seq), TRANSIT_OK);
    assert_int_equal(st, LEASE_STATE_IDLE);
}

static void test_timer_sweepers_skip_locked(void **state) {
    transit_store *s = *state;
    if (!store_fixture.pg)
        skip();
    unsigned fired = 99;
    assert_int_equal(transit_store_create(s, M, "a"), TRANSIT_OK);
    assert_int_equal(transit_store_create(s, M, "b"), TRANSIT_OK);
    fire(s, "a", LEASE_TRIGGER_TAKE);
    fire(s, "b", LEASE_TRIGGER_TAKE);
    store_sleep_ms(1300);
    char err[256];
    transit_store *other = transit_store_open(store_fixture.url, err, sizeof err);
    assert_non_null(other);
    /* another sweeper holds 'a' */
    assert_int_equal(transit_store_exec(other, "BEGIN; SELECT * FROM lease_instance WHERE id = 'a' FOR UPDATE"),
                     TRANSIT_OK);
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_OK);
    assert_int_equal(fired, 1); /* 'b' only, without waiting for 'a' */
    int st;
    uint64_t seq;
    assert_int_equal(transit_store_load(s, M, "b", &st, &seq), TRANSIT_OK);
    assert_int_equal(st, LEASE_STATE_IDLE);
    assert_int_equal(transit_store_exec(other, "ROLLBACK"), TRANSIT_OK);
    transit_store_close(other);
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_OK);
    assert_int_equal(fired, 1); /* now 'a' */
}

int main(int argc, char **argv) {
    if (store_fixture_args(argc, argv, "transit_timer_test") != 0)
        return 2;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_timer_fires_when_due_only, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_timer_restarts_on_self_loop, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_timer_fires_long_id, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_timer_sweepers_skip_locked, store_setup, store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
