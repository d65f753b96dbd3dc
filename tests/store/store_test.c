/*
** The store against a real database: a fresh SQLite file, or a fresh database in the fixture's
** PostgreSQL cluster (TRANSIT_PG_URL), with meshery_connection's generated schema loaded.
** Expected outcomes come from the spec (specs/meshery_connection.transit), quoted at each test.
**   store_test sqlite PATH | store_test postgresql
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

#include "meshery_connection.h"
#include "common.h"

static const transit_machine *const M = &meshery_connection_machine;

static void test_store_create_and_load(void **state) {
    transit_store *s = *state;
    int st = -1;
    uint64_t seq = 99;
    assert_int_equal(transit_store_create(s, M, "c1"), TRANSIT_OK);
    assert_int_equal(transit_store_load(s, M, "c1", &st, &seq), TRANSIT_OK);
    /* initial discovered */
    assert_int_equal(st, MESHERY_CONNECTION_STATE_DISCOVERED);
    assert_int_equal(seq, 0);
    assert_int_equal(transit_store_create(s, M, "c1"), TRANSIT_STORE_EXISTS);
    assert_int_equal(transit_store_load(s, M, "nobody", &st, &seq), TRANSIT_STORE_UNKNOWN_INSTANCE);
    assert_int_equal(transit_store_create(s, M, ""), TRANSIT_INVALID);
    assert_int_equal(transit_store_create(s, M, NULL), TRANSIT_INVALID);
}

/* A guard callback for meshery_connection: every guard holds (register asks 'reachable', an
   automatic connect 'auto_connects'). */
static int all_hold(void *context, const transit_machine *def, int guard, const transit_event *e) {
    (void)context, (void)def, (void)guard, (void)e;
    return 1;
}

static void test_store_fire_accepted(void **state) {
    transit_store *s = *state;
    transit_store_outcome o;
    assert_int_equal(transit_store_create(s, M, "c1"), TRANSIT_OK);
    /* discovered -> registered on register by user, auto when reachable */
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO,
                                        NULL, "sync", "reachable", all_hold, NULL, &o),
                     TRANSIT_OK);
    assert_int_equal(o.from, MESHERY_CONNECTION_STATE_DISCOVERED);
    assert_int_equal(o.to, MESHERY_CONNECTION_STATE_REGISTERED);
    assert_int_equal(o.seq, 1);
    /* registered -> connected on connect by user (unguarded); with the expected seq */
    uint64_t expected = 1;
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER,
                                        &expected, "ana", NULL, NULL, NULL, &o),
                     TRANSIT_OK);
    int st;
    uint64_t seq;
    assert_int_equal(transit_store_load(s, M, "c1", &st, &seq), TRANSIT_OK);
    assert_int_equal(st, MESHERY_CONNECTION_STATE_CONNECTED);
    assert_int_equal(seq, 2);
}

static int count_rows(void *context, const transit_store_entry *e) {
    (void)e;
    ++*(int *)context;
    return 0;
}

static void test_store_fire_refused(void **state) {
    transit_store *s = *state;
    assert_int_equal(transit_store_create(s, M, "c1"), TRANSIT_OK);
    /* nothing leaves discovered on disconnect */
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_DISCONNECT, TRANSIT_USER,
                                        NULL, NULL, NULL, NULL, NULL, NULL),
                     TRANSIT_NO_TRANSITION);
    /* discovered -> not_found on not_found by auto only */
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_NOT_FOUND, TRANSIT_USER,
                                        NULL, NULL, NULL, NULL, NULL, NULL),
                     TRANSIT_NOT_PERMITTED);
    uint64_t wrong = 3;
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_NOT_FOUND, TRANSIT_AUTO,
                                        &wrong, NULL, NULL, NULL, NULL, NULL),
                     TRANSIT_STALE);
    assert_int_equal(transit_store_fire(s, M, "nobody", MESHERY_CONNECTION_TRIGGER_NOT_FOUND,
                                        TRANSIT_AUTO, NULL, NULL, NULL, NULL, NULL, NULL),
                     TRANSIT_STORE_UNKNOWN_INSTANCE);
    assert_int_equal(transit_store_fire(s, M, "c1", 99, TRANSIT_AUTO, NULL, NULL, NULL, NULL, NULL, NULL),
                     TRANSIT_INVALID);
    assert_int_equal(transit_store_fire(s, M, "c1", 0, (transit_initiator)3, NULL, NULL, NULL, NULL,
                                        NULL, NULL),
                     TRANSIT_INVALID);
    int st, rows = 0;
    uint64_t seq;
    assert_int_equal(transit_store_load(s, M, "c1", &st, &seq), TRANSIT_OK);
    assert_int_equal(st, MESHERY_CONNECTION_STATE_DISCOVERED);
    assert_int_equal(seq, 0);
    assert_int_equal(transit_store_history(s, M, "c1", UINT64_MAX, 100, count_rows, &rows, NULL),
                     TRANSIT_OK);
    assert_int_equal(rows, 0);
}

typedef struct seen {
    uint64_t seq[16];
    char actor[16][8];
    int n;
} seen;

static int remember(void *context, const transit_store_entry *e) {
    seen *v = context;
    v->seq[v->n] = e->seq;
    snprintf(v->actor[v->n], sizeof v->actor[0], "%s", e->actor ? e->actor : "-");
    v->n++;
    return 0;
}

static void test_store_history_newest_first_paged(void **state) {
    transit_store *s = *state;
    assert_int_equal(transit_store_create(s, M, "c1"), TRANSIT_OK);
    /* discovered -register-> registered -connect-> connected -connect-> connected
       -disconnect-> disconnected -connect-> connected */
    const int steps[5][2] = {{MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_USER},
                             {MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER},
                             {MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_SELF},
                             {MESHERY_CONNECTION_TRIGGER_DISCONNECT, TRANSIT_AUTO},
                             {MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_AUTO}};
    for (int i = 0; i < 5; i++) {
        char actor[8];
        snprintf(actor, sizeof actor, "a%d", i + 1);
        assert_int_equal(transit_store_fire(s, M, "c1", steps[i][0], (transit_initiator)steps[i][1],
                                            NULL, actor, NULL, all_hold, NULL, NULL),
                         TRANSIT_OK);
    }
    seen v = {0};
    unsigned n;
    assert_int_equal(transit_store_history(s, M, "c1", UINT64_MAX, 2, remember, &v, &n), TRANSIT_OK);
    assert_int_equal(n, 2);
    assert_int_equal(v.seq[0], 5);
    assert_int_equal(v.seq[1], 4);
    assert_string_equal(v.actor[0], "a5");
    assert_int_equal(transit_store_history(s, M, "c1", 4, 10, remember, &v, &n), TRANSIT_OK);
    assert_int_equal(n, 3);
    assert_int_equal(v.seq[2], 3);
    assert_int_equal(v.seq[4], 1);
    assert_string_equal(v.actor[4], "a1");
}

typedef struct texts {
    size_t actor_len, reason_len;
    int actor_null, reason_null;
    int n;
} texts;

static int measure(void *context, const transit_store_entry *e) {
    texts *t = context;
    t->actor_null = e->actor == NULL;
    t->reason_null = e->reason == NULL;
    t->actor_len = e->actor ? strlen(e->actor) : 0;
    t->reason_len = e->reason ? strlen(e->reason) : 0;
    t->n++;
    return 1;
}

static void test_store_actor_reason_null_empty_huge(void **state) {
    transit_store *s = *state;
    size_t big = 1u << 20;
    char *huge = malloc(big + 1);
    assert_non_null(huge);
    for (size_t i = 0; i < big; i++)
        huge[i] = (char)('a' + i % 26);
    huge[big] = '\0';
    huge[7] = '\'';
    huge[9] = '"';
    assert_int_equal(transit_store_create(s, M, "c1"), TRANSIT_OK);
    texts t = {0};
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_USER,
                                        NULL, NULL, NULL, all_hold, NULL, NULL),
                     TRANSIT_OK);
    assert_int_equal(transit_store_history(s, M, "c1", UINT64_MAX, 1, measure, &t, NULL), TRANSIT_OK);
    assert_true(t.actor_null && t.reason_null);
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER,
                                        NULL, "", "", NULL, NULL, NULL),
                     TRANSIT_OK);
    assert_int_equal(transit_store_history(s, M, "c1", UINT64_MAX, 1, measure, &t, NULL), TRANSIT_OK);
    assert_true(!t.actor_null && !t.reason_null && t.actor_len == 0 && t.reason_len == 0);
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER,
                                        NULL, huge, huge, NULL, NULL, NULL),
                     TRANSIT_OK);
    assert_int_equal(transit_store_history(s, M, "c1", UINT64_MAX, 1, measure, &t, NULL), TRANSIT_OK);
    assert_int_equal(t.actor_len, big);
    assert_int_equal(t.reason_len, big);
    free(huge);
}

static void test_store_database_refusals_mapped(void **state) {
    transit_store *s = *state;
    assert_int_equal(transit_store_create(s, M, "c1"), TRANSIT_OK);
    /* A raw UPDATE the spec forbids, through the store's exec: the database's refusal. */
    assert_int_equal(transit_store_exec(s, "UPDATE meshery_connection_instance SET state = 'deleted', "
                                           "seq = seq + 1, last_trigger = 'delete', "
                                           "last_initiator = 'auto' WHERE id = 'c1'"),
                     TRANSIT_NOT_PERMITTED);
    assert_non_null(strstr(transit_store_error(s), "transit: not permitted"));
    assert_int_equal(transit_store_exec(s, "UPDATE meshery_connection_instance SET state = 'connected'"),
                     TRANSIT_STALE);
    assert_int_equal(transit_store_exec(s, "SELECT * FROM no_such_table"), TRANSIT_STORE_DB_ERROR);
    assert_true(strlen(transit_store_error(s)) > 0);
    /* the store still works after each */
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_USER,
                                        NULL, NULL, NULL, all_hold, NULL, NULL),
                     TRANSIT_OK);
}

static void test_store_fire_due_none(void **state) {
    transit_store *s = *state;
    unsigned fired = 7;
    /* meshery_connection has no timed transition: nothing is ever due */
    assert_int_equal(transit_store_create(s, M, "c1"), TRANSIT_OK);
    assert_int_equal(transit_store_fire_due(s, M, 10, "sweeper", NULL, NULL, &fired), TRANSIT_OK);
    assert_int_equal(fired, 0);
}

static void test_store_open_errors(void **state) {
    (void)state;
    char err[256];
    assert_null(transit_store_open("", err, sizeof err));
    assert_true(strlen(err) > 0);
    assert_null(transit_store_open("/nonexistent-dir/x/y.db", err, sizeof err));
    assert_non_null(strstr(err, "cannot open"));
    assert_null(transit_store_open("postgresql:///nope?host=/nonexistent-socket-dir", err, sizeof err));
    assert_non_null(strstr(err, "cannot connect"));
    assert_string_equal(transit_store_result_string(TRANSIT_STORE_UNKNOWN_INSTANCE), "unknown instance");
    assert_string_equal(transit_store_result_string(TRANSIT_STALE), "stale");
}

static void test_store_locked_sqlite_file(void **state) {
    transit_store *s = *state;
    if (store_fixture.pg)
        skip();
    assert_int_equal(transit_store_create(s, M, "c1"), TRANSIT_OK);
    char err[256];
    transit_store *other = transit_store_open(store_fixture.url, err, sizeof err);
    assert_non_null(other);
    /* another connection holds the write lock for longer than the busy timeout (5 s) */
    assert_int_equal(transit_store_exec(other, "BEGIN EXCLUSIVE"), TRANSIT_OK);
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_USER,
                                        NULL, NULL, NULL, all_hold, NULL, NULL),
                     TRANSIT_BUSY);
    assert_non_null(strstr(transit_store_error(s), "locked"));
    assert_int_equal(transit_store_exec(other, "ROLLBACK"), TRANSIT_OK);
    transit_store_close(other);
    /* nothing half done: the fire goes through now */
    assert_int_equal(transit_store_fire(s, M, "c1", MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_USER,
                                        NULL, NULL, NULL, all_hold, NULL, NULL),
                     TRANSIT_OK);
}

int main(int argc, char **argv) {
    if (store_fixture_args(argc, argv, "transit_store_test") != 0)
        return 2;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_store_create_and_load, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_store_fire_accepted, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_store_fire_refused, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_store_history_newest_first_paged, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_store_actor_reason_null_empty_huge, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_store_database_refusals_mapped, store_setup, store_teardown),
        cmocka_unit_test_setup_teardown(test_store_fire_due_none, store_setup, store_teardown),
        cmocka_unit_test(test_store_open_errors),
        cmocka_unit_test_setup_teardown(test_store_locked_sqlite_file, store_setup, store_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
