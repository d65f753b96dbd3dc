/*
** The inline fast path MACHINE_fire() of generated headers must do exactly what transit_fire()
** does: the same result and the same state afterwards for every state, trigger and initiator, in
** range or not, and hand instances with hooks or of another machine to transit_fire(). A few
** expectations read from the specs make sure both are not wrong together. Fast path tables come
** in three shapes; wide.transit, tall.transit and huge.transit (beside this file) cover the other
** two and the machine too big for a table. The compact form MACHINE_compact is held to the same.
*/
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>
#include <limits.h>

#include "bindplane_collector.h"
#include "huge.h"
#include "meshery_connection.h"
#include "tall.h"
#include "transit.h"
#include "wide.h"

typedef transit_result fire_fn(transit_instance *inst, int trigger, transit_initiator initiator);

/* Each MACHINE_fire() takes its own trigger type; these walk triggers as ints. */
#define INT_FIRE(m)                                                                                \
    static transit_result m##_int(transit_instance *inst, int trigger, transit_initiator by) {     \
        return m##_fire(inst, (m##_trigger)trigger, by);                                           \
    }
INT_FIRE(meshery_connection)
INT_FIRE(bindplane_collector)
INT_FIRE(wide)
INT_FIRE(tall)
INT_FIRE(huge)

/* Triggers and initiators tried beyond the machine's own: negative, just out of range, extreme. */
static const int odd_values[] = {-1,  -2,  8,   9,    10,      11,     16,
                                  17, 64, 255, 256, 4096, INT_MAX, INT_MIN};

/* Fires (trigger, initiator) from state through both paths and compares result and state, with
   each other and with transit_lookup(), which reads the comb tables, not the fast path's table
   (transit_fire() reads that one too, for an instance without hooks). */
static void agree(const transit_machine *def, fire_fn *fast, uint32_t state, int trigger,
                  int initiator) {
    transit_instance a, b;
    assert_int_equal(transit_init(&a, def), TRANSIT_OK);
    assert_int_equal(transit_init(&b, def), TRANSIT_OK);
    a.state = b.state = state; /* out-of-range states too, which transit_restore() refuses */
    int to = (int)state;
    transit_result want = state > INT_MAX ? TRANSIT_INVALID
                                          : transit_lookup(def, (int)state, trigger,
                                                           (transit_initiator)initiator, &to);
    uint32_t want_state = want == TRANSIT_OK ? (uint32_t)to : state;
    transit_result ra = transit_fire(&a, trigger, (transit_initiator)initiator);
    transit_result rb = fast(&b, trigger, (transit_initiator)initiator);
    if (ra != want || a.state != want_state || rb != want || b.state != want_state)
        fail_msg("%s: state %u trigger %d initiator %d: transit_lookup %s -> %u, transit_fire %s "
                 "-> %u, fast path %s -> %u",
                 def->name, state, trigger, initiator, transit_result_string(want), want_state,
                 transit_result_string(ra), a.state, transit_result_string(rb), b.state);
}

/* The compact form under transit_fire()'s contract: a MACHINE_compact holding the instance's
   state is fired and the instance takes the state it ends in. A state its type cannot hold (past
   255 for a one-byte state) has no compact value: such calls go to transit_fire(). */
#define COMPACT_AS_FIRE(m, type, max)                                                              \
    static transit_result m##_compact_as_fire(transit_instance *inst, int trigger,                 \
                                              transit_initiator initiator) {                       \
        m##_compact c;                                                                             \
        if (inst->state > (max))                                                                   \
            return transit_fire(inst, trigger, initiator);                                         \
        c.state = (type)inst->state;                                                               \
        transit_result r = m##_compact_fire(&c, (m##_trigger)trigger, initiator);                  \
        inst->state = c.state;                                                                     \
        return r;                                                                                  \
    }
COMPACT_AS_FIRE(meshery_connection, uint8_t, UINT8_MAX)
COMPACT_AS_FIRE(bindplane_collector, uint8_t, UINT8_MAX)
COMPACT_AS_FIRE(wide, uint8_t, UINT8_MAX)
COMPACT_AS_FIRE(tall, uint16_t, UINT16_MAX)
COMPACT_AS_FIRE(huge, uint8_t, UINT8_MAX)

/* Every combination of states (and a few beyond), triggers and initiators (and odd values). */
static void agree_everywhere(const transit_machine *def, fire_fn *fast) {
    size_t odd = sizeof odd_values / sizeof *odd_values;
    for (uint32_t s = 0; s < def->state_count + 3; s++) {
        for (int t = 0; t < (int)def->trigger_count + (int)odd; t++) {
            int trigger = t < (int)def->trigger_count ? t : odd_values[t - (int)def->trigger_count];
            for (int i = 0; i < 8 + (int)odd; i++)
                agree(def, fast, s, trigger, i < 8 ? i : odd_values[i - 8]);
        }
    }
    agree(def, fast, UINT32_MAX, 0, TRANSIT_USER);
}

static void test_fastpath_meshery_agrees(void **state) {
    (void)state;
    agree_everywhere(&meshery_connection_machine, meshery_connection_int);
}

static void test_fastpath_bindplane_agrees(void **state) {
    (void)state;
    agree_everywhere(&bindplane_collector_machine, bindplane_collector_int);
}

/* The synthetic machines: states and triggers padded apart, 2-byte entries, no table at all. */
static void test_fastpath_other_shapes_agree(void **state) {
    (void)state;
    agree_everywhere(&wide_machine, wide_int);
    agree_everywhere(&tall_machine, tall_int);
    agree_everywhere(&huge_machine, huge_int);
}

/* The compact forms agree with transit_fire() and transit_lookup() everywhere too, through a
   table (meshery, bindplane, wide, tall) or transit_lookup() (huge). */
static void test_compact_agrees(void **state) {
    (void)state;
    agree_everywhere(&meshery_connection_machine, meshery_connection_compact_as_fire);
    agree_everywhere(&bindplane_collector_machine, bindplane_collector_compact_as_fire);
    agree_everywhere(&wide_machine, wide_compact_as_fire);
    agree_everywhere(&tall_machine, tall_compact_as_fire);
    agree_everywhere(&huge_machine, huge_compact_as_fire);
}

/* A guard callback answering every guard with *context (1: holds, 0: does not). */
static int answer_all(void *context, const transit_instance *inst, int guard,
                      const transit_event *e) {
    (void)inst, (void)guard, (void)e;
    return *(const int *)context;
}

/* MACHINE_compact_fire_guarded() with answer_all as a constant guard function agrees with
   transit_lookup_guarded() and with transit_fire() on an instance with that callback, for every
   state (and a few beyond, which a one-byte state holds), trigger and initiator (and odd values),
   every guard holding and none; with no guard function it answers as MACHINE_compact_fire(). */
#define COMPACT_GUARDED_AGREES(m)                                                                  \
    static void m##_compact_guarded_agrees(void) {                                                 \
        const transit_machine *def = &m##_machine;                                                 \
        size_t odd = sizeof odd_values / sizeof *odd_values;                                       \
        for (int holds = 0; holds < 2; holds++)                                                    \
            for (uint32_t s = 0; s < def->state_count + 3; s++)                                    \
                for (int t = 0; t < (int)def->trigger_count + (int)odd; t++) {                     \
                    int trigger = t < (int)def->trigger_count                                      \
                                      ? t                                                          \
                                      : odd_values[t - (int)def->trigger_count];                   \
                    for (int i = 0; i < 8 + (int)odd; i++) {                                       \
                        transit_initiator by = (transit_initiator)(i < 8 ? i : odd_values[i - 8]); \
                        int to = (int)s;                                                           \
                        transit_result want =                                                      \
                            transit_lookup_guarded(def, (int)s, trigger, by, answer_all, &holds,   \
                                                   &to);                                           \
                        uint32_t want_state = want == TRANSIT_OK ? (uint32_t)to : s;               \
                        transit_instance a;                                                        \
                        assert_int_equal(transit_init(&a, def), TRANSIT_OK);                       \
                        assert_int_equal(transit_set_guard(&a, answer_all, &holds), TRANSIT_OK);   \
                        a.state = s;                                                               \
                        transit_result ra = transit_fire(&a, trigger, by);                         \
                        m##_compact c, d;                                                          \
                        c.state = d.state = (uint8_t)s;                                            \
                        transit_result rc = m##_compact_fire_guarded(                              \
                            &c, (m##_trigger)trigger, by, answer_all, &holds);                     \
                        transit_result rd = m##_compact_fire_guarded(&d, (m##_trigger)trigger, by, \
                                                                     NULL, NULL);                  \
                        m##_compact e = {(uint8_t)s};                                              \
                        transit_result re = m##_compact_fire(&e, (m##_trigger)trigger, by);        \
                        if (ra != want || a.state != want_state || rc != want ||                   \
                            c.state != want_state || rd != re || d.state != e.state)               \
                            fail_msg("%s: guards %s, state %u trigger %d initiator %d: "           \
                                     "transit_lookup_guarded %s -> %u, transit_fire %s -> %u, "    \
                                     "compact guarded %s -> %u",                                   \
                                     def->name, holds ? "hold" : "fail", s, trigger, (int)by,      \
                                     transit_result_string(want), want_state,                      \
                                     transit_result_string(ra), a.state,                           \
                                     transit_result_string(rc), c.state);                          \
                    }                                                                              \
                }                                                                                  \
    }
COMPACT_GUARDED_AGREES(meshery_connection)
COMPACT_GUARDED_AGREES(bindplane_collector)

static void test_compact_guarded_agrees(void **state) {
    (void)state;
    meshery_connection_compact_guarded_agrees();
    bindplane_collector_compact_guarded_agrees();
}

/* The compact form's own functions: init, restore (refusing a state the machine lacks), state,
   a null pointer; its size. Expectations from specs/meshery_connection.transit. */
static void test_compact_functions(void **state) {
    (void)state;
    meshery_connection_compact c;
    meshery_connection_compact_init(&c);
    assert_int_equal(meshery_connection_compact_state(&c), MESHERY_CONNECTION_STATE_DISCOVERED);
    /* discovered -> registered on register by user, auto when reachable: the compact form has
       no guard callback, so a guarded choice is refused and nothing moves */
    assert_int_equal(meshery_connection_compact_fire(&c, MESHERY_CONNECTION_TRIGGER_REGISTER,
                                                     TRANSIT_AUTO),
                     TRANSIT_NO_GUARD);
    assert_int_equal(meshery_connection_compact_state(&c), MESHERY_CONNECTION_STATE_DISCOVERED);
    /* discovered -> ignored -> registered, both by user and unguarded */
    assert_int_equal(meshery_connection_compact_fire(&c, MESHERY_CONNECTION_TRIGGER_IGNORE,
                                                     TRANSIT_USER),
                     TRANSIT_OK);
    assert_int_equal(meshery_connection_compact_fire(&c, MESHERY_CONNECTION_TRIGGER_REGISTER,
                                                     TRANSIT_USER),
                     TRANSIT_OK);
    assert_int_equal(meshery_connection_compact_state(&c), MESHERY_CONNECTION_STATE_REGISTERED);
    assert_int_equal(meshery_connection_compact_fire(&c, MESHERY_CONNECTION_TRIGGER_NOT_FOUND,
                                                     TRANSIT_USER),
                     TRANSIT_NOT_PERMITTED);
    assert_int_equal(meshery_connection_compact_restore(&c, MESHERY_CONNECTION_STATES),
                     TRANSIT_INVALID);
    assert_int_equal(meshery_connection_compact_restore(&c, -1), TRANSIT_INVALID);
    assert_int_equal(meshery_connection_compact_state(&c), MESHERY_CONNECTION_STATE_REGISTERED);
    assert_int_equal(meshery_connection_compact_restore(&c, MESHERY_CONNECTION_STATE_DELETED),
                     TRANSIT_OK);
    assert_int_equal(meshery_connection_compact_fire(&c, MESHERY_CONNECTION_TRIGGER_REGISTER,
                                                     TRANSIT_USER),
                     TRANSIT_NO_TRANSITION);
    assert_int_equal(meshery_connection_compact_fire(NULL, 0, TRANSIT_USER), TRANSIT_INVALID);
    assert_int_equal(huge_compact_fire(NULL, 0, TRANSIT_USER), TRANSIT_INVALID);
    assert_int_equal(sizeof c, 1);
    assert_int_equal(sizeof(tall_compact), 2);
}

/* Fires from a restored state and returns the result; *to is the state afterwards. */
static transit_result fire_from(fire_fn *fast, const transit_machine *def, int from, int trigger,
                                int initiator, int *to) {
    transit_instance inst;
    assert_int_equal(transit_init(&inst, def), TRANSIT_OK);
    assert_int_equal(transit_restore(&inst, from), TRANSIT_OK);
    transit_result r = fast(&inst, trigger, (transit_initiator)initiator);
    *to = transit_state(&inst);
    return r;
}

/* fire_from, with a guard callback answering every guard with holds. */
static transit_result fire_guarded(const transit_machine *def, int from, int trigger,
                                   transit_initiator initiator, int holds, int *to) {
    transit_instance inst;
    assert_int_equal(transit_init(&inst, def), TRANSIT_OK);
    assert_int_equal(transit_restore(&inst, from), TRANSIT_OK);
    assert_int_equal(transit_set_guard(&inst, answer_all, &holds), TRANSIT_OK);
    transit_result r = meshery_connection_fire(&inst, (meshery_connection_trigger)trigger, initiator);
    *to = transit_state(&inst);
    return r;
}

/* Expectations read from specs/meshery_connection.transit. */
static void test_fastpath_meshery_spec(void **state) {
    (void)state;
    const transit_machine *m = &meshery_connection_machine;
    fire_fn *f = meshery_connection_int;
    int to;
    /* discovered -> registered on register by user, auto when reachable, then
       discovered -> not_found on register by auto when not reachable: without a callback the
       fast path refuses, as transit_fire() does; with one it takes the alternative that holds */
    assert_int_equal(fire_from(f, m, MESHERY_CONNECTION_STATE_DISCOVERED,
                               MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO, &to),
                     TRANSIT_NO_GUARD);
    assert_int_equal(to, MESHERY_CONNECTION_STATE_DISCOVERED);
    assert_int_equal(fire_guarded(m, MESHERY_CONNECTION_STATE_DISCOVERED,
                                  MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO, 1, &to),
                     TRANSIT_OK);
    assert_int_equal(to, MESHERY_CONNECTION_STATE_REGISTERED);
    assert_int_equal(fire_guarded(m, MESHERY_CONNECTION_STATE_DISCOVERED,
                                  MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO, 0, &to),
                     TRANSIT_OK);
    assert_int_equal(to, MESHERY_CONNECTION_STATE_NOT_FOUND);
    /* the user's register has no 'when not reachable' alternative: refused, nothing moves */
    assert_int_equal(fire_guarded(m, MESHERY_CONNECTION_STATE_DISCOVERED,
                                  MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_USER, 0, &to),
                     TRANSIT_GUARD_FAILED);
    assert_int_equal(to, MESHERY_CONNECTION_STATE_DISCOVERED);
    /* not_found only ever automatic: a user's attempt is refused */
    assert_int_equal(fire_from(f, m, MESHERY_CONNECTION_STATE_CONNECTED,
                               MESHERY_CONNECTION_TRIGGER_NOT_FOUND, TRANSIT_USER, &to),
                     TRANSIT_NOT_PERMITTED);
    assert_int_equal(to, MESHERY_CONNECTION_STATE_CONNECTED);
    assert_int_equal(fire_from(f, m, MESHERY_CONNECTION_STATE_CONNECTED,
                               MESHERY_CONNECTION_TRIGGER_NOT_FOUND, TRANSIT_AUTO, &to),
                     TRANSIT_OK);
    assert_int_equal(to, MESHERY_CONNECTION_STATE_NOT_FOUND);
    /* connect is a self-loop from connected */
    assert_int_equal(fire_from(f, m, MESHERY_CONNECTION_STATE_CONNECTED,
                               MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_SELF, &to),
                     TRANSIT_OK);
    assert_int_equal(to, MESHERY_CONNECTION_STATE_CONNECTED);
    /* nothing leaves ignored on connect */
    assert_int_equal(fire_from(f, m, MESHERY_CONNECTION_STATE_IGNORED,
                               MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER, &to),
                     TRANSIT_NO_TRANSITION);
    assert_int_equal(to, MESHERY_CONNECTION_STATE_IGNORED);
    /* two initiator bits at once, no bit, a trigger past the last */
    assert_int_equal(fire_from(f, m, MESHERY_CONNECTION_STATE_DISCOVERED,
                               MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_USER | TRANSIT_AUTO,
                               &to),
                     TRANSIT_INVALID);
    assert_int_equal(fire_from(f, m, MESHERY_CONNECTION_STATE_DISCOVERED,
                               MESHERY_CONNECTION_TRIGGER_REGISTER, 0, &to),
                     TRANSIT_INVALID);
    assert_int_equal(fire_from(f, m, MESHERY_CONNECTION_STATE_DISCOVERED,
                               MESHERY_CONNECTION_TRIGGERS, TRANSIT_USER, &to),
                     TRANSIT_INVALID);
    assert_int_equal(to, MESHERY_CONNECTION_STATE_DISCOVERED);
}

/* Expectations read from specs/bindplane_collector.transit. */
static void test_fastpath_bindplane_spec(void **state) {
    (void)state;
    const transit_machine *m = &bindplane_collector_machine;
    fire_fn *f = bindplane_collector_int;
    int to;
    /* * except pending -> disconnected on disconnect by auto, self */
    assert_int_equal(fire_from(f, m, BINDPLANE_COLLECTOR_STATE_UPGRADING,
                               BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT, TRANSIT_SELF, &to),
                     TRANSIT_OK);
    assert_int_equal(to, BINDPLANE_COLLECTOR_STATE_DISCONNECTED);
    assert_int_equal(fire_from(f, m, BINDPLANE_COLLECTOR_STATE_PENDING,
                               BINDPLANE_COLLECTOR_TRIGGER_DISCONNECT, TRANSIT_AUTO, &to),
                     TRANSIT_NO_TRANSITION);
    assert_int_equal(to, BINDPLANE_COLLECTOR_STATE_PENDING);
    /* connected, error, incompatible -> pending on queue by user, auto */
    assert_int_equal(fire_from(f, m, BINDPLANE_COLLECTOR_STATE_INCOMPATIBLE,
                               BINDPLANE_COLLECTOR_TRIGGER_QUEUE, TRANSIT_USER, &to),
                     TRANSIT_OK);
    assert_int_equal(to, BINDPLANE_COLLECTOR_STATE_PENDING);
    /* only Bindplane sends a configuration */
    assert_int_equal(fire_from(f, m, BINDPLANE_COLLECTOR_STATE_CONNECTED,
                               BINDPLANE_COLLECTOR_TRIGGER_CONFIGURE, TRANSIT_SELF, &to),
                     TRANSIT_NOT_PERMITTED);
    assert_int_equal(to, BINDPLANE_COLLECTOR_STATE_CONNECTED);
    assert_int_equal(fire_from(f, m, BINDPLANE_COLLECTOR_STATE_CONNECTED, -1, TRANSIT_SELF, &to),
                     TRANSIT_INVALID);
}

static int hook_count;

static void count_observe(void *ctx, const transit_instance *inst, const transit_event *e) {
    (void)ctx, (void)inst, (void)e;
    hook_count++;
}

static int refuse(void *ctx, const transit_instance *inst, const transit_event *e) {
    (void)ctx, (void)inst, (void)e;
    return 1;
}

/* With hooks the fast path is transit_fire(): the hooks run, a veto is honoured. */
static void test_fastpath_hooks(void **state) {
    (void)state;
    transit_hooks observe = {NULL, NULL, NULL, count_observe};
    transit_hooks veto = {refuse, NULL, NULL, NULL};
    transit_instance inst;
    int holds = 1;
    assert_int_equal(transit_init(&inst, &meshery_connection_machine), TRANSIT_OK);
    assert_int_equal(transit_set_hooks(&inst, &observe, NULL), TRANSIT_OK);
    assert_int_equal(transit_set_guard(&inst, answer_all, &holds), TRANSIT_OK); /* reachable */
    hook_count = 0;
    assert_int_equal(
        meshery_connection_fire(&inst, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO),
        TRANSIT_OK);
    assert_int_equal(hook_count, 1);
    assert_int_equal(transit_state(&inst), MESHERY_CONNECTION_STATE_REGISTERED);
    assert_int_equal(transit_set_hooks(&inst, &veto, NULL), TRANSIT_OK);
    assert_int_equal(
        meshery_connection_fire(&inst, MESHERY_CONNECTION_TRIGGER_CONNECT, TRANSIT_USER),
        TRANSIT_VETOED);
    assert_int_equal(transit_state(&inst), MESHERY_CONNECTION_STATE_REGISTERED);
}

/* A guard that fires its own instance through meshery_connection_fire() on an unguarded trigger
   (delete by user: * -> deleted) while it is asked, recording the answer and the state left. */
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
    g->inner = meshery_connection_fire(g->inst, MESHERY_CONNECTION_TRIGGER_DELETE, TRANSIT_USER);
    g->state_after_inner = transit_state(g->inst);
    return 1;
}

/* The generated fire keeps the instance busy while its guards are asked, on unguarded cells too:
   the inner fire is refused and changes nothing; the outer one ends as the spec says. */
static void test_fastpath_guard_firing_own_instance_is_busy(void **state) {
    (void)state;
    transit_instance inst;
    reentering_guard g = {&inst, 0, TRANSIT_OK, -1};
    assert_int_equal(transit_init(&inst, &meshery_connection_machine), TRANSIT_OK);
    assert_int_equal(transit_set_guard(&inst, fire_from_guard, &g), TRANSIT_OK);
    /* discovered -> registered on register by user, auto when reachable (it holds) */
    assert_int_equal(
        meshery_connection_fire(&inst, MESHERY_CONNECTION_TRIGGER_REGISTER, TRANSIT_AUTO),
        TRANSIT_OK);
    assert_int_equal(g.asked, 1);
    assert_int_equal(g.inner, TRANSIT_BUSY);
    assert_int_equal(g.state_after_inner, MESHERY_CONNECTION_STATE_DISCOVERED);
    assert_int_equal(transit_state(&inst), MESHERY_CONNECTION_STATE_REGISTERED);
    /* busy no more, the fast path again: * -> deleted on delete by user */
    assert_int_equal(
        meshery_connection_fire(&inst, MESHERY_CONNECTION_TRIGGER_DELETE, TRANSIT_USER),
        TRANSIT_OK);
    assert_int_equal(transit_state(&inst), MESHERY_CONNECTION_STATE_DELETED);
}

/* An instance of another machine, an uninitialised one and a null pointer: as transit_fire(). */
static void test_fastpath_foreign_instances(void **state) {
    (void)state;
    transit_instance other;
    assert_int_equal(transit_init(&other, &bindplane_collector_machine), TRANSIT_OK);
    /* bindplane's connected -> error on fail (trigger 2) by self; meshery has no such row */
    assert_int_equal(
        meshery_connection_fire(&other, (meshery_connection_trigger)BINDPLANE_COLLECTOR_TRIGGER_FAIL,
                                TRANSIT_SELF),
        TRANSIT_OK);
    assert_int_equal(transit_state(&other), BINDPLANE_COLLECTOR_STATE_ERROR);
    transit_instance blank = {NULL, NULL, NULL, 0, 0, NULL, NULL};
    assert_int_equal(meshery_connection_fire(&blank, 0, TRANSIT_USER), TRANSIT_INVALID);
    assert_int_equal(meshery_connection_fire(NULL, 0, TRANSIT_USER), TRANSIT_INVALID);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fastpath_meshery_agrees),
        cmocka_unit_test(test_fastpath_bindplane_agrees),
        cmocka_unit_test(test_fastpath_other_shapes_agree),
        cmocka_unit_test(test_fastpath_meshery_spec),
        cmocka_unit_test(test_fastpath_bindplane_spec),
        cmocka_unit_test(test_fastpath_hooks),
        cmocka_unit_test(test_fastpath_guard_firing_own_instance_is_busy),
        cmocka_unit_test(test_fastpath_foreign_instances),
        cmocka_unit_test(test_compact_agrees),
        cmocka_unit_test(test_compact_guarded_agrees),
        cmocka_unit_test(test_compact_functions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
