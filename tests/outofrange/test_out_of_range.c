/*
** Every runtime function given every out-of-range value, on the generated tables of four machines
** (1- and 2-byte entries), under AddressSanitizer and UBSan: each call answers TRANSIT_INVALID, -1
** or NULL as runtime/transit.h promises and changes nothing; in-range calls touch only the tables.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>
#include <limits.h>

#include "bindplane_collector.h"
#include "door.h"
#include "meshery_connection.h"
#include "transit.h"
#include "wide.h"

static const transit_machine *const machines[] = {
    &door_machine, &meshery_connection_machine, &bindplane_collector_machine, &wide_machine};
enum { MACHINE_COUNT = sizeof machines / sizeof *machines };

/* Values just outside count and far outside, for an index in 0 .. count - 1. */
static int bad_index(uint32_t count, size_t k) {
    const int values[] = {-1, (int)count, (int)count + 1, INT_MIN, INT_MAX, -1000000, 1 << 24};
    return values[k];
}
enum { BAD_INDEXES = 7 };

static const int bad_initiators[] = {0, 3, 5, 6, 7, 8, 16, -1, INT_MIN, INT_MAX};
enum { BAD_INITIATORS = sizeof bad_initiators / sizeof *bad_initiators };
static const transit_initiator initiators[] = {TRANSIT_USER, TRANSIT_AUTO, TRANSIT_SELF};

static void test_out_of_range_result_string(void **unused) {
    (void)unused;
    const int bad[] = {-1, TRANSIT_RESULT_COUNT, TRANSIT_RESULT_COUNT + 1, INT_MIN, INT_MAX};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
        assert_string_equal(transit_result_string((transit_result)bad[k]), "unknown");
}

static void test_out_of_range_fire(void **unused) {
    (void)unused;
    for (size_t m = 0; m < MACHINE_COUNT; m++) {
        const transit_machine *def = machines[m];
        transit_instance inst;
        assert_int_equal(transit_init(&inst, def), TRANSIT_OK);
        for (uint32_t s = 0; s < def->state_count; s++) {
            assert_int_equal(transit_restore(&inst, (int)s), TRANSIT_OK);
            for (size_t k = 0; k < BAD_INDEXES; k++)
                for (size_t i = 0; i < 3; i++)
                    assert_int_equal(transit_fire(&inst, bad_index(def->trigger_count, k),
                                                  initiators[i]),
                                     TRANSIT_INVALID);
            for (uint32_t t = 0; t < def->trigger_count; t++)
                for (size_t i = 0; i < BAD_INITIATORS; i++)
                    assert_int_equal(
                        transit_fire(&inst, (int)t, (transit_initiator)bad_initiators[i]),
                        TRANSIT_INVALID);
            assert_int_equal(transit_state(&inst), (int)s);
        }
    }
}

static void test_out_of_range_lookup(void **unused) {
    (void)unused;
    for (size_t m = 0; m < MACHINE_COUNT; m++) {
        const transit_machine *def = machines[m];
        int to = -7;
        for (size_t k = 0; k < BAD_INDEXES; k++)
            for (uint32_t t = 0; t < def->trigger_count; t++)
                assert_int_equal(transit_lookup(def, bad_index(def->state_count, k), (int)t,
                                                TRANSIT_USER, &to),
                                 TRANSIT_INVALID);
        for (uint32_t s = 0; s < def->state_count; s++) {
            for (size_t k = 0; k < BAD_INDEXES; k++)
                assert_int_equal(transit_lookup(def, (int)s, bad_index(def->trigger_count, k),
                                                TRANSIT_AUTO, &to),
                                 TRANSIT_INVALID);
            for (size_t i = 0; i < BAD_INITIATORS; i++)
                assert_int_equal(
                    transit_lookup(def, (int)s, 0, (transit_initiator)bad_initiators[i], &to),
                    TRANSIT_INVALID);
            /* In range: every answer is a lookup result (TRANSIT_NO_GUARD for a choice that
               depends on a guard, as the specs' guarded cells do) and every target a state. */
            for (uint32_t t = 0; t < def->trigger_count; t++)
                for (size_t i = 0; i < 3; i++) {
                    transit_result r = transit_lookup(def, (int)s, (int)t, initiators[i], &to);
                    assert_true(r == TRANSIT_OK || r == TRANSIT_NO_TRANSITION ||
                                r == TRANSIT_NOT_PERMITTED || r == TRANSIT_NO_GUARD);
                    if (r == TRANSIT_OK)
                        assert_in_range(to, 0, def->state_count - 1);
                    assert_int_equal(transit_lookup(def, (int)s, (int)t, initiators[i], NULL), r);
                }
        }
        assert_int_equal(to == -7 || (to >= 0 && (uint32_t)to < def->state_count), 1);
    }
}

static void test_out_of_range_restore(void **unused) {
    (void)unused;
    for (size_t m = 0; m < MACHINE_COUNT; m++) {
        const transit_machine *def = machines[m];
        transit_instance inst;
        transit_init(&inst, def);
        for (size_t k = 0; k < BAD_INDEXES; k++)
            assert_int_equal(transit_restore(&inst, bad_index(def->state_count, k)),
                             TRANSIT_INVALID);
        const char *bad_names[] = {"", " ", "no such state", "\xff\xfe", "s0 "};
        for (size_t k = 0; k < sizeof bad_names / sizeof *bad_names; k++)
            assert_int_equal(transit_restore_name(&inst, bad_names[k]), TRANSIT_UNKNOWN_NAME);
        assert_int_equal(transit_restore_name(&inst, NULL), TRANSIT_INVALID);
        assert_int_equal(transit_state(&inst), (int)def->initial);
    }
}

static void test_out_of_range_allowed(void **unused) {
    (void)unused;
    int out[8];
    for (size_t m = 0; m < MACHINE_COUNT; m++) {
        transit_instance inst;
        transit_init(&inst, machines[m]);
        for (size_t i = 0; i < BAD_INITIATORS; i++)
            assert_int_equal(
                transit_allowed(&inst, (transit_initiator)bad_initiators[i], out, 8), -1);
        assert_int_equal(transit_allowed(&inst, TRANSIT_USER, out, -1), -1);
        assert_int_equal(transit_allowed(&inst, TRANSIT_USER, out, INT_MIN), -1);
        assert_int_equal(transit_allowed(&inst, TRANSIT_USER, NULL, 3), -1);
        /* A cap of 1 writes at most one entry: out[1] keeps its guard value. */
        out[1] = -99;
        int n = transit_allowed(&inst, TRANSIT_USER, out, 1);
        assert_true(n >= 0);
        assert_int_equal(out[1], -99);
    }
}

static void test_out_of_range_names(void **unused) {
    (void)unused;
    for (size_t m = 0; m < MACHINE_COUNT; m++) {
        const transit_machine *def = machines[m];
        for (size_t k = 0; k < BAD_INDEXES; k++) {
            assert_null(transit_state_name(def, bad_index(def->state_count, k)));
            assert_null(transit_state_persisted(def, bad_index(def->state_count, k)));
            assert_null(transit_trigger_name(def, bad_index(def->trigger_count, k)));
        }
        assert_int_equal(transit_state_index(def, ""), -1);
        assert_int_equal(transit_trigger_index(def, ""), -1);
        assert_int_equal(transit_trigger_index(def, "\x7f"), -1);
        /* Every name maps back to its index (the binary search over every table width). */
        for (uint32_t s = 0; s < def->state_count; s++) {
            assert_int_equal(transit_state_index(def, transit_state_name(def, (int)s)), (int)s);
            assert_int_equal(transit_state_index(def, transit_state_persisted(def, (int)s)),
                             (int)s);
        }
        for (uint32_t t = 0; t < def->trigger_count; t++)
            assert_int_equal(transit_trigger_index(def, transit_trigger_name(def, (int)t)), (int)t);
    }
}

/* The wide machine, from its spec (tests/outofrange/CMakeLists.txt): a ring of 300 states. */
static void test_out_of_range_wide_ring(void **unused) {
    (void)unused;
    transit_instance inst;
    transit_init(&inst, &wide_machine);
    for (int k = 0; k < 300; k++)
        assert_int_equal(transit_fire(&inst, WIDE_TRIGGER_NEXT, TRANSIT_AUTO), TRANSIT_OK);
    assert_string_equal(transit_state_name(&wide_machine, transit_state(&inst)), "s0");
    assert_int_equal(transit_fire(&inst, WIDE_TRIGGER_BACK, TRANSIT_SELF), TRANSIT_OK);
    assert_string_equal(transit_state_name(&wide_machine, transit_state(&inst)), "s299");
    assert_int_equal(transit_fire(&inst, WIDE_TRIGGER_BACK, TRANSIT_USER), TRANSIT_NOT_PERMITTED);
    assert_int_equal(transit_fire(&inst, WIDE_TRIGGER_STOP, TRANSIT_USER), TRANSIT_OK);
    assert_string_equal(transit_state_name(&wide_machine, transit_state(&inst)), "done");
    assert_int_equal(transit_fire(&inst, WIDE_TRIGGER_NEXT, TRANSIT_USER), TRANSIT_NO_TRANSITION);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_out_of_range_result_string),
        cmocka_unit_test(test_out_of_range_fire),
        cmocka_unit_test(test_out_of_range_lookup),
        cmocka_unit_test(test_out_of_range_restore),
        cmocka_unit_test(test_out_of_range_allowed),
        cmocka_unit_test(test_out_of_range_names),
        cmocka_unit_test(test_out_of_range_wide_ring),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
