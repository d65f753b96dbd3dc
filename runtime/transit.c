/*
** transit runtime: table lookups over the constant tables transitc generates, and the hooks of an
** instance. No allocation, no global state, no I/O.
*/
#include "transit.h"

#include <string.h>

#if !TRANSIT_HAS_ATOMIC
#error "the transit runtime is C11 with <stdatomic.h>"
#endif

static const char *const result_names[] = {
#define TRANSIT_RESULT_NAME(name, text) text,
    TRANSIT_RESULTS(TRANSIT_RESULT_NAME)
#undef TRANSIT_RESULT_NAME
};

const char *transit_result_string(transit_result result) {
    if ((unsigned)result >= (unsigned)TRANSIT_RESULT_COUNT)
        return "unknown";
    return result_names[result];
}

/* Entry i of an index table of the machine's width. */
static inline uint32_t entry(const transit_machine *def, const void *table, uint32_t i) {
    switch (def->width) {
    case 1: return ((const uint8_t *)table)[i];
    case 2: return ((const uint16_t *)table)[i];
    default: return ((const uint32_t *)table)[i];
    }
}

/* The bit number of a single initiator bit (user 0, auto 1, self 2), or -1. */
static inline int initiator_slot(transit_initiator initiator) {
    switch (initiator) {
    case TRANSIT_USER: return 0;
    case TRANSIT_AUTO: return 1;
    case TRANSIT_SELF: return 2;
    }
    return -1;
}

transit_result transit_init(transit_instance *inst, const transit_machine *def) {
    if (!inst || !def || def->abi != TRANSIT_ABI_VERSION || def->initial >= def->state_count)
        return TRANSIT_INVALID;
    inst->machine = def;
    inst->hooks = NULL;
    inst->context = NULL;
    inst->state = def->initial;
    inst->busy = 0;
    inst->guard = NULL;
    inst->guard_context = NULL;
    return TRANSIT_OK;
}

transit_result transit_set_hooks(transit_instance *inst, const transit_hooks *hooks, void *context) {
    if (!inst || !inst->machine)
        return TRANSIT_INVALID;
    if (inst->busy)
        return TRANSIT_BUSY;
    inst->hooks = hooks;
    inst->context = context;
    return TRANSIT_OK;
}

transit_result transit_set_guard(transit_instance *inst, transit_guard_fn *fn, void *context) {
    if (!inst || !inst->machine)
        return TRANSIT_INVALID;
    if (inst->busy)
        return TRANSIT_BUSY;
    inst->guard = fn;
    inst->guard_context = context;
    return TRANSIT_OK;
}

/* Whether initiator is exactly one of the three bits: 1, 2 or 4 (the set bits of 0x16). */
static inline int one_initiator(uint32_t initiator) {
    return initiator < 8 && ((0x16u >> initiator) & 1u);
}

/* The cell of (state, trigger) in tables of entry type T, and what it says for initiator: one
   function per index width. TRANSIT_NO_GUARD when the choice is guarded: *to is then the index of
   its first alternative. */
#define DEFINE_FIND(name, T)                                                                       \
    static inline transit_result name(const transit_machine *def, uint32_t state,                \
                                      uint32_t trigger, uint32_t initiator, uint32_t *to) {        \
        uint32_t cell = ((const T *)def->row)[state] + trigger;                                    \
        unsigned bits = def->initiators[cell];                                                     \
        if (((const T *)def->owner)[cell] != state || !bits)                                       \
            return TRANSIT_NO_TRANSITION;                                                          \
        if (!(bits & initiator))                                                                   \
            return TRANSIT_NOT_PERMITTED;                                                          \
        *to = ((const T *)def->target)[cell * 3u + (initiator >> 1)];                              \
        if (bits & (initiator << TRANSIT_GUARDED_SHIFT))                                           \
            return TRANSIT_NO_GUARD;                                                               \
        return TRANSIT_OK;                                                                         \
    }
DEFINE_FIND(find8, uint8_t)
DEFINE_FIND(find16, uint16_t)
DEFINE_FIND(find32, uint32_t)
#undef DEFINE_FIND

/* transit_lookup() for arguments already known to be in range: one index width chosen once, then
   three table reads. */
static inline transit_result find_cell(const transit_machine *def, uint32_t state, uint32_t trigger,
                                       uint32_t initiator, uint32_t *to) {
    switch (def->width) {
    case 1: return find8(def, state, trigger, initiator, to);
    case 2: return find16(def, state, trigger, initiator, to);
    default: return find32(def, state, trigger, initiator, to);
    }
}

/* Decides among the alternatives starting at first, asking fn (with context and inst) the guards
   of event's fire in turn: TRANSIT_OK and *to, TRANSIT_NO_GUARD or TRANSIT_GUARD_FAILED. The
   generated MACHINE_choose() in MACHINE.h (generator/emit_c.c, emit_choices()) makes the same
   decision with each choice's guards and targets as constants: a change to one is a change to
   the other. */
static transit_result choose(const transit_machine *def, uint32_t first, transit_guard_fn *fn,
                             void *context, const transit_instance *inst, transit_event *event,
                             uint32_t *to) {
    for (uint32_t k = first; k < def->alternative_count; k++) {
        const transit_alternative *alt = &def->alternatives[k];
        if (alt->guard == TRANSIT_UNGUARDED) {
            *to = alt->target;
            return TRANSIT_OK;
        }
        if (!fn)
            return TRANSIT_NO_GUARD;
        event->to = (int)alt->target;
        int holds = fn(context, inst, (int)alt->guard, event) != 0;
        if (holds != (alt->negated != 0)) {
            *to = alt->target;
            return TRANSIT_OK;
        }
        if (alt->last)
            break;
    }
    return TRANSIT_GUARD_FAILED;
}

/* transit_lookup_guarded for arguments in range, with the instance the guard is told of. */
static transit_result decide(const transit_machine *def, uint32_t state, int trigger,
                             transit_initiator initiator, transit_guard_fn *fn, void *context,
                             const transit_instance *inst, uint32_t *to) {
    transit_result r = find_cell(def, state, (uint32_t)trigger, (uint32_t)initiator, to);
    if (r != TRANSIT_NO_GUARD)
        return r;
    transit_event event = {(int)state, 0, trigger, initiator, 0};
    return choose(def, *to, fn, context, inst, &event, to);
}

static int lookup_in_range(const transit_machine *def, int state, int trigger,
                           transit_initiator initiator) {
    return def && one_initiator((uint32_t)initiator) && (uint32_t)state < def->state_count &&
           (uint32_t)trigger < def->trigger_count;
}

transit_result transit_lookup(const transit_machine *def, int state, int trigger,
                              transit_initiator initiator, int *to) {
    if (!lookup_in_range(def, state, trigger, initiator))
        return TRANSIT_INVALID;
    uint32_t target;
    transit_result r =
        find_cell(def, (uint32_t)state, (uint32_t)trigger, (uint32_t)initiator, &target);
    if (r == TRANSIT_OK && to)
        *to = (int)target;
    return r;
}

transit_result transit_lookup_guarded(const transit_machine *def, int state, int trigger,
                                      transit_initiator initiator, transit_guard_fn *fn,
                                      void *context, int *to) {
    if (!lookup_in_range(def, state, trigger, initiator))
        return TRANSIT_INVALID;
    uint32_t target;
    transit_result r = decide(def, (uint32_t)state, trigger, initiator, fn, context, NULL, &target);
    if (r == TRANSIT_OK && to)
        *to = (int)target;
    return r;
}

/* The accepted transition of an instance with hooks: veto, exit, the change, enter, observe. Out
   of line, so that transit_fire() without hooks saves no register and builds no event. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static transit_result fire_hooked(transit_instance *inst, const transit_event *event) {
    const transit_hooks *hooks = inst->hooks;
    inst->busy = 1;
    if (hooks->veto && hooks->veto(inst->context, inst, event)) {
        inst->busy = 0;
        return TRANSIT_VETOED;
    }
    if (hooks->exit)
        hooks->exit(inst->context, inst, event);
    inst->state = (uint32_t)event->to;
    if (hooks->enter)
        hooks->enter(inst->context, inst, event);
    if (hooks->observe)
        hooks->observe(inst->context, inst, event);
    inst->busy = 0;
    return TRANSIT_OK;
}

const transit_hooks transit_hooks_guarding = {NULL, NULL, NULL, NULL};

/* The choice of a guarded cell for a plain instance, whose first alternative is *to: the guards
   asked with the instance busy. An instance without hooks gets transit_hooks_guarding meanwhile,
   so that a fire from a guard leaves the fast paths (which read hooks, never busy) for
   fire_tables(), which answers TRANSIT_BUSY. Out of line: unguarded fires never pay for it. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static transit_result fire_guarded(transit_instance *inst, int trigger,
                                   transit_initiator initiator, uint32_t *to) {
    transit_event event = {(int)inst->state, 0, trigger, initiator, 0};
    const transit_hooks *hooks = inst->hooks;
    inst->busy = 1;
    if (!hooks)
        inst->hooks = &transit_hooks_guarding;
    transit_result r =
        choose(inst->machine, *to, inst->guard, inst->guard_context, inst, &event, to);
    inst->hooks = hooks;
    inst->busy = 0;
    return r;
}

/* transit_fire() without the fast table: every check, the comb tables, the hooks. Out of line, so
   that the fast table's path saves no register. */
#if defined(__GNUC__) || defined(__clang__)
__attribute__((noinline))
#endif
static transit_result fire_tables(transit_instance *inst, int trigger, transit_initiator initiator) {
    if (!inst || !inst->machine)
        return TRANSIT_INVALID;
    if (inst->busy)
        return TRANSIT_BUSY;
    const transit_machine *def = inst->machine;
    uint32_t from = inst->state, to;
    if (!one_initiator((uint32_t)initiator) || from >= def->state_count ||
        (uint32_t)trigger >= def->trigger_count)
        return TRANSIT_INVALID;
    transit_result r = find_cell(def, from, (uint32_t)trigger, (uint32_t)initiator, &to);
    if (r != TRANSIT_OK) {
        if (r != TRANSIT_NO_GUARD)
            return r;
        r = fire_guarded(inst, trigger, initiator, &to);
        if (r != TRANSIT_OK)
            return r;
    }
    if (inst->hooks) {
        transit_event event = {(int)from, (int)to, trigger, initiator, 0};
        return fire_hooked(inst, &event);
    }
    inst->state = to;
    return TRANSIT_OK;
}

transit_result transit_fire(transit_instance *inst, int trigger, transit_initiator initiator) {
    /* An instance without hooks (so not busy either: running hooks make it busy, and asking
       guards does so with transit_hooks_guarding attached) of a machine with a fast table, every
       value in range: one entry is the answer. */
    const transit_machine *def;
    if (inst && (def = inst->machine) != NULL && !inst->hooks && inst->state < def->fast_states &&
        (uint32_t)trigger < def->trigger_count && (uint32_t)initiator < 8) {
        /* In 32 bits: the table is far smaller, and the sum needs no widening on the way. */
        const uint8_t *e = def->fast + (inst->state * def->fast_state_stride +
                                        (uint32_t)trigger * def->fast_trigger_stride +
                                        2 * (uint32_t)initiator);
        if (e[1] != TRANSIT_FAST_GUARDED) { /* a guarded choice asks its guards below */
            inst->state = e[0];
            return (transit_result)e[1];
        }
    }
    return fire_tables(inst, trigger, initiator);
}

int transit_state(const transit_instance *inst) {
    if (!inst || !inst->machine)
        return -1;
    return (int)inst->state;
}

transit_result transit_restore(transit_instance *inst, int state) {
    if (!inst || !inst->machine || state < 0 || (uint32_t)state >= inst->machine->state_count)
        return TRANSIT_INVALID;
    if (inst->busy)
        return TRANSIT_BUSY;
    inst->state = (uint32_t)state;
    return TRANSIT_OK;
}

transit_result transit_restore_name(transit_instance *inst, const char *name) {
    if (!inst || !inst->machine || !name)
        return TRANSIT_INVALID;
    int state = transit_state_index(inst->machine, name);
    if (state < 0)
        return TRANSIT_UNKNOWN_NAME;
    return transit_restore(inst, state);
}

int transit_allowed_guarded(const transit_instance *inst, transit_initiator initiator, int *out,
                            int *guarded, int cap) {
    if (!inst || !inst->machine || initiator_slot(initiator) < 0 || cap < 0 || (cap > 0 && !out) ||
        inst->state >= inst->machine->state_count)
        return -1;
    const transit_machine *def = inst->machine;
    int n = 0;
    for (uint32_t t = 0; t < def->trigger_count; t++) {
        uint32_t to;
        transit_result r = find_cell(def, inst->state, t, (uint32_t)initiator, &to);
        if (r != TRANSIT_OK && r != TRANSIT_NO_GUARD)
            continue;
        if (n < cap) {
            out[n] = (int)t;
            if (guarded)
                guarded[n] = r == TRANSIT_NO_GUARD && to < def->alternative_count &&
                             def->alternatives[to].guard != TRANSIT_UNGUARDED;
        }
        n++;
    }
    return n;
}

int transit_allowed(const transit_instance *inst, transit_initiator initiator, int *out, int cap) {
    return transit_allowed_guarded(inst, initiator, out, NULL, cap);
}

const char *transit_state_name(const transit_machine *def, int state) {
    if (!def || state < 0 || (uint32_t)state >= def->state_count)
        return NULL;
    return def->state_names[state];
}

const char *transit_state_persisted(const transit_machine *def, int state) {
    if (!def || state < 0 || (uint32_t)state >= def->state_count)
        return NULL;
    return def->state_persisted[state];
}

/* Binary search of name among names[], visited in the order of the index table `sorted`. */
static int find(const transit_machine *def, const char *const *names, const void *sorted,
                uint32_t count, const char *name) {
    uint32_t lo = 0, hi = count;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        uint32_t i = entry(def, sorted, mid);
        int c = strcmp(name, names[i]);
        if (c == 0)
            return (int)i;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

int transit_state_index(const transit_machine *def, const char *name) {
    if (!def || !name)
        return -1;
    int i = find(def, def->state_names, def->state_by_name, def->state_count, name);
    if (i < 0)
        i = find(def, def->state_persisted, def->state_by_persisted, def->state_count, name);
    return i;
}

const char *transit_trigger_name(const transit_machine *def, int trigger) {
    if (!def || trigger < 0 || (uint32_t)trigger >= def->trigger_count)
        return NULL;
    return def->trigger_names[trigger];
}

int transit_trigger_index(const transit_machine *def, const char *name) {
    if (!def || !name)
        return -1;
    return find(def, def->trigger_names, def->trigger_by_name, def->trigger_count, name);
}

const char *transit_initiator_name(transit_initiator initiator) {
    switch (initiator) {
    case TRANSIT_USER: return "user";
    case TRANSIT_AUTO: return "auto";
    case TRANSIT_SELF: return "self";
    }
    return NULL;
}

transit_initiator transit_initiator_from_name(const char *name) {
    static const transit_initiator all[] = {TRANSIT_USER, TRANSIT_AUTO, TRANSIT_SELF};
    for (size_t i = 0; name && i < sizeof all / sizeof all[0]; i++)
        if (strcmp(name, transit_initiator_name(all[i])) == 0)
            return all[i];
    return (transit_initiator)0;
}

const char *transit_guard_name(const transit_machine *def, int guard) {
    if (!def || guard < 0 || (uint32_t)guard >= def->guard_count)
        return NULL;
    return def->guard_names[guard];
}

int transit_guard_index(const transit_machine *def, const char *name) {
    if (!def || !name || !def->guard_count)
        return -1;
    return find(def, def->guard_names, def->guard_by_name, def->guard_count, name);
}

/* --- Timers --------------------------------------------------------------------------------- */

int transit_state_timer(const transit_machine *def, int state, transit_timer *out) {
    if (!def || state < 0 || (uint32_t)state >= def->state_count)
        return -1;
    if (!def->timer_ms || !def->timer_ms[state])
        return 0;
    if (out) {
        out->trigger = (int)entry(def, def->timer_trigger, (uint32_t)state);
        out->after_ms = def->timer_ms[state];
    }
    return 1;
}

transit_result transit_timer_due(const transit_instance *inst, uint64_t entered_at_ms,
                                 uint64_t *due_ms) {
    if (!inst || !inst->machine || !due_ms)
        return TRANSIT_INVALID;
    transit_timer timer;
    int has = transit_state_timer(inst->machine, (int)inst->state, &timer);
    if (has < 0)
        return TRANSIT_INVALID;
    if (!has)
        return TRANSIT_NO_TRANSITION;
    *due_ms = entered_at_ms > UINT64_MAX - timer.after_ms ? UINT64_MAX
                                                          : entered_at_ms + timer.after_ms;
    return TRANSIT_OK;
}

transit_result transit_fire_timeout(transit_instance *inst) {
    if (!inst || !inst->machine)
        return TRANSIT_INVALID;
    transit_timer timer;
    int has = transit_state_timer(inst->machine, (int)inst->state, &timer);
    if (has < 0)
        return TRANSIT_INVALID;
    if (!has)
        return TRANSIT_NO_TRANSITION;
    return transit_fire(inst, timer.trigger, TRANSIT_AUTO);
}


/* --- Atomic instances ----------------------------------------------------------------------- */

#define STATE_MASK UINT64_C(0xffff)
#define HELD_BIT (UINT64_C(1) << 16)
#define SEQ_SHIFT 17
#define SEQ_MASK (~UINT64_C(0) >> SEQ_SHIFT)

static inline uint64_t word_make(uint32_t state, uint64_t seq) {
    return (uint64_t)state | (seq & SEQ_MASK) << SEQ_SHIFT;
}
static inline int word_state(uint64_t w) { return (int)(w & STATE_MASK); }
static inline uint64_t word_seq(uint64_t w) { return w >> SEQ_SHIFT; }
static inline transit_snapshot word_snapshot(uint64_t w) {
    transit_snapshot s = {word_state(w), word_seq(w)};
    return s;
}

transit_result transit_atomic_init(transit_atomic *a, const transit_machine *def) {
    if (!a || !def || def->state_count > TRANSIT_ATOMIC_MAX_STATES)
        return TRANSIT_INVALID;
    transit_result r = transit_init(&a->base, def);
    if (r != TRANSIT_OK)
        return r;
    atomic_init(&a->word, word_make(def->initial, 0));
    return TRANSIT_OK;
}

transit_result transit_atomic_set_hooks(transit_atomic *a, const transit_hooks *hooks,
                                        void *context) {
    if (!a)
        return TRANSIT_INVALID;
    return transit_set_hooks(&a->base, hooks, context);
}

transit_result transit_atomic_set_guard(transit_atomic *a, transit_guard_fn *fn, void *context) {
    if (!a)
        return TRANSIT_INVALID;
    return transit_set_guard(&a->base, fn, context);
}

transit_snapshot transit_atomic_load(const transit_atomic *a) {
    if (!a || !a->base.machine) {
        transit_snapshot none = {-1, 0};
        return none;
    }
    /* A load from a const object: C11 allows it, the generic function wants a non-const one. */
    return word_snapshot(atomic_load_explicit((_Atomic uint64_t *)&a->word, memory_order_acquire));
}

/* Runs the hooks of an accepted transition from the word w, which this thread has marked held:
   veto, exit, commit, enter, observe, then releases the word. */
static transit_result fire_held(transit_atomic *a, uint64_t w, int to, int trigger,
                                transit_initiator initiator, transit_snapshot *seen) {
    transit_instance *inst = &a->base;
    const transit_hooks *hooks = inst->hooks;
    uint64_t seq = (word_seq(w) + 1) & SEQ_MASK;
    transit_event event = {word_state(w), to, trigger, initiator, seq};
    inst->state = (uint32_t)event.from;
    inst->busy = 1;
    if (hooks->veto && hooks->veto(inst->context, inst, &event)) {
        inst->busy = 0;
        atomic_store_explicit(&a->word, w, memory_order_release);
        if (seen)
            *seen = word_snapshot(w);
        return TRANSIT_VETOED;
    }
    if (hooks->exit)
        hooks->exit(inst->context, inst, &event);
    uint64_t next = word_make((uint32_t)to, seq);
    /* Readers see the new state from here on; other fires stay out until the hooks end. */
    atomic_store_explicit(&a->word, next | HELD_BIT, memory_order_release);
    inst->state = (uint32_t)to;
    if (hooks->enter)
        hooks->enter(inst->context, inst, &event);
    if (hooks->observe)
        hooks->observe(inst->context, inst, &event);
    inst->busy = 0;
    atomic_store_explicit(&a->word, next, memory_order_release);
    if (seen)
        *seen = word_snapshot(next);
    return TRANSIT_OK;
}

/* transit_atomic_fire and, with check_seq, transit_atomic_fire_if. */
static transit_result fire_atomic(transit_atomic *a, int check_seq, uint64_t expected_seq,
                                  int trigger, transit_initiator initiator,
                                  transit_snapshot *seen) {
    if (!a || !a->base.machine)
        return TRANSIT_INVALID;
    const transit_machine *def = a->base.machine;
    uint64_t w = atomic_load_explicit(&a->word, memory_order_acquire);
    for (;;) {
        transit_result r = TRANSIT_OK;
        int to = 0;
        if (w & HELD_BIT)
            r = TRANSIT_BUSY;
        else if (check_seq && word_seq(w) != (expected_seq & SEQ_MASK))
            r = TRANSIT_STALE;
        else if (!lookup_in_range(def, word_state(w), trigger, initiator))
            r = TRANSIT_INVALID;
        else {
            uint32_t target = 0;
            r = decide(def, (uint32_t)word_state(w), trigger, initiator, a->base.guard,
                       a->base.guard_context, &a->base, &target);
            to = (int)target;
        }
        if (r != TRANSIT_OK) {
            if (seen)
                *seen = word_snapshot(w & ~HELD_BIT);
            return r;
        }
        if (a->base.hooks) {
            /* Take the word (same state and seq, held): then nothing else can move it. */
            if (atomic_compare_exchange_weak_explicit(&a->word, &w, w | HELD_BIT,
                                                      memory_order_acquire, memory_order_acquire))
                return fire_held(a, w, to, trigger, initiator, seen);
            continue;
        }
        uint64_t next = word_make((uint32_t)to, word_seq(w) + 1);
        if (atomic_compare_exchange_weak_explicit(&a->word, &w, next, memory_order_acq_rel,
                                                  memory_order_acquire)) {
            if (seen)
                *seen = word_snapshot(next);
            return TRANSIT_OK;
        }
        /* Another thread committed first (or the CAS failed spuriously): decide again from w. */
    }
}

transit_result transit_atomic_fire(transit_atomic *a, int trigger, transit_initiator initiator,
                                   transit_snapshot *seen) {
    return fire_atomic(a, 0, 0, trigger, initiator, seen);
}

transit_result transit_atomic_fire_if(transit_atomic *a, uint64_t expected_seq, int trigger,
                                      transit_initiator initiator, transit_snapshot *seen) {
    return fire_atomic(a, 1, expected_seq, trigger, initiator, seen);
}

transit_result transit_atomic_restore(transit_atomic *a, int state, transit_snapshot *seen) {
    if (!a || !a->base.machine || state < 0 || (uint32_t)state >= a->base.machine->state_count)
        return TRANSIT_INVALID;
    uint64_t w = atomic_load_explicit(&a->word, memory_order_acquire), next;
    do {
        if (w & HELD_BIT) {
            if (seen)
                *seen = word_snapshot(w & ~HELD_BIT);
            return TRANSIT_BUSY;
        }
        next = word_make((uint32_t)state, word_seq(w) + 1);
    } while (!atomic_compare_exchange_weak_explicit(&a->word, &w, next, memory_order_acq_rel,
                                                    memory_order_acquire));
    if (seen)
        *seen = word_snapshot(next);
    return TRANSIT_OK;
}

transit_result transit_atomic_restore_name(transit_atomic *a, const char *name,
                                             transit_snapshot *seen) {
    if (!a || !a->base.machine || !name)
        return TRANSIT_INVALID;
    int state = transit_state_index(a->base.machine, name);
    if (state < 0)
        return TRANSIT_UNKNOWN_NAME;
    return transit_atomic_restore(a, state, seen);
}

/* --- Audit journal -------------------------------------------------------------------------- */

/* Each slot is a seqlock whose version also names the position it holds, so a reader can tell
   the entry it wants from a newer one in the same slot, and a pusher claims a slot only from a
   finished older entry (never from one still being written). The entry's words are atomics
   written and read relaxed, ordered by fences around the version. */

transit_result transit_journal_init(transit_journal *j, transit_journal_slot *slots,
                                    uint32_t capacity) {
    if (!j || !slots || capacity == 0)
        return TRANSIT_INVALID;
    j->slots = slots;
    j->capacity = capacity;
    atomic_init(&j->pushed, 0);
    atomic_init(&j->dropped, 0);
    for (uint32_t i = 0; i < capacity; i++) {
        atomic_init(&slots[i].version, 0);
        for (unsigned k = 0; k < 5; k++)
            atomic_init(&slots[i].words[k], 0);
    }
    return TRANSIT_OK;
}

static inline uint64_t pack(int low, int high) {
    return (uint64_t)(uint32_t)low | (uint64_t)(uint32_t)high << 32;
}
static inline int low_half(uint64_t v) { return (int)(int32_t)(uint32_t)(v & 0xffffffffu); }
static inline int high_half(uint64_t v) { return (int)(int32_t)(uint32_t)(v >> 32); }

transit_result transit_journal_push(transit_journal *j, const transit_journal_entry *entry) {
    if (!j || !entry || !j->slots)
        return TRANSIT_INVALID;
    uint64_t pos = atomic_fetch_add_explicit(&j->pushed, 1, memory_order_relaxed);
    transit_journal_slot *slot = &j->slots[pos % j->capacity];
    uint64_t writing = 2 * pos + 1;
    uint64_t v = atomic_load_explicit(&slot->version, memory_order_relaxed);
    do {
        /* Odd: an older pusher is still writing. Larger: a newer pusher already went by. */
        if ((v & 1) || v >= writing) {
            atomic_fetch_add_explicit(&j->dropped, 1, memory_order_relaxed);
            return TRANSIT_BUSY;
        }
    } while (!atomic_compare_exchange_weak_explicit(&slot->version, &v, writing,
                                                    memory_order_relaxed, memory_order_relaxed));
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&slot->words[0], entry->time, memory_order_relaxed);
    atomic_store_explicit(&slot->words[1], entry->instance, memory_order_relaxed);
    atomic_store_explicit(&slot->words[2], entry->seq, memory_order_relaxed);
    atomic_store_explicit(&slot->words[3], pack(entry->from, entry->to), memory_order_relaxed);
    atomic_store_explicit(&slot->words[4], pack(entry->trigger, (int)entry->initiator),
                          memory_order_relaxed);
    atomic_store_explicit(&slot->version, writing + 1, memory_order_release);
    return TRANSIT_OK;
}

transit_result transit_journal_push_event(transit_journal *j, uint64_t time, uint64_t instance,
                                          const transit_event *event) {
    if (!event)
        return TRANSIT_INVALID;
    transit_journal_entry e = {0,           time,      instance,       event->seq,
                               event->from, event->to, event->trigger, event->initiator};
    return transit_journal_push(j, &e);
}

uint64_t transit_journal_pushed(const transit_journal *j) {
    return j ? atomic_load_explicit((_Atomic uint64_t *)&j->pushed, memory_order_relaxed) : 0;
}

uint64_t transit_journal_dropped(const transit_journal *j) {
    return j ? atomic_load_explicit((_Atomic uint64_t *)&j->dropped, memory_order_relaxed) : 0;
}

transit_journal_cursor transit_journal_newest(const transit_journal *j) {
    transit_journal_cursor c = {transit_journal_pushed(j), 0};
    return c;
}

int transit_journal_next(const transit_journal *j, transit_journal_cursor *c,
                         transit_journal_entry *out) {
    if (!j || !c || !out || !j->slots)
        return 0;
    uint64_t pushed = transit_journal_pushed(j);
    /* Positions older than the ring holds are gone for good. */
    uint64_t oldest = pushed > j->capacity ? pushed - j->capacity : 0;
    if (c->next > pushed)
        c->next = pushed;
    while (c->next > oldest) {
        uint64_t pos = --c->next;
        transit_journal_slot *slot = &j->slots[pos % j->capacity];
        uint64_t want = 2 * pos + 2;
        if (atomic_load_explicit(&slot->version, memory_order_acquire) != want) {
            c->skipped++;
            continue;
        }
        uint64_t w[5];
        for (unsigned k = 0; k < 5; k++)
            w[k] = atomic_load_explicit(&slot->words[k], memory_order_relaxed);
        atomic_thread_fence(memory_order_acquire);
        if (atomic_load_explicit(&slot->version, memory_order_relaxed) != want) {
            c->skipped++;
            continue;
        }
        out->position = pos;
        out->time = w[0];
        out->instance = w[1];
        out->seq = w[2];
        out->from = low_half(w[3]);
        out->to = high_half(w[3]);
        out->trigger = low_half(w[4]);
        out->initiator = (transit_initiator)high_half(w[4]);
        return 1;
    }
    return 0;
}
