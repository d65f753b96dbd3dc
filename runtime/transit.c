/*
** transit runtime: table lookups over the constant tables transitc generates, and the hooks of an
** instance. No allocation, no global state, no I/O.
*/
#include "transit.h"

#include <string.h>

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

/* Whether initiator is exactly one of the three bits: 1, 2 or 4 (the set bits of 0x16). */
static inline int one_initiator(uint32_t initiator) {
    return initiator < 8 && ((0x16u >> initiator) & 1u);
}

/* The cell of (state, trigger) in tables of entry type T, and what it says for initiator. */
#define FIND(T)                                                                                    \
    do {                                                                                           \
        uint32_t cell = ((const T *)def->row)[state] + trigger;                                    \
        unsigned bits = def->initiators[cell];                                                     \
        if (((const T *)def->owner)[cell] != state || !bits)                                       \
            return TRANSIT_NO_TRANSITION;                                                          \
        if (!(bits & initiator))                                                                   \
            return TRANSIT_NOT_PERMITTED;                                                          \
        *to = ((const T *)def->target)[cell * 3u + (initiator >> 1)];                              \
        return TRANSIT_OK;                                                                         \
    } while (0)

/* transit_lookup() for arguments already known to be in range: one index width chosen once, then
   three table reads. */
static inline transit_result find_cell(const transit_machine *def, uint32_t state, uint32_t trigger,
                                       uint32_t initiator, uint32_t *to) {
    switch (def->width) {
    case 1: FIND(uint8_t);
    case 2: FIND(uint16_t);
    default: FIND(uint32_t);
    }
}

transit_result transit_lookup(const transit_machine *def, int state, int trigger,
                              transit_initiator initiator, int *to) {
    if (!def || !one_initiator((uint32_t)initiator) || (uint32_t)state >= def->state_count ||
        (uint32_t)trigger >= def->trigger_count)
        return TRANSIT_INVALID;
    uint32_t target;
    transit_result r =
        find_cell(def, (uint32_t)state, (uint32_t)trigger, (uint32_t)initiator, &target);
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

transit_result transit_fire(transit_instance *inst, int trigger, transit_initiator initiator) {
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
    if (r != TRANSIT_OK)
        return r;
    if (inst->hooks) {
        transit_event event = {(int)from, (int)to, trigger, initiator};
        return fire_hooked(inst, &event);
    }
    inst->state = to;
    return TRANSIT_OK;
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
    return transit_restore(inst, transit_state_index(inst->machine, name));
}

int transit_allowed(const transit_instance *inst, transit_initiator initiator, int *out, int cap) {
    if (!inst || !inst->machine || initiator_slot(initiator) < 0 || cap < 0 || (cap > 0 && !out))
        return -1;
    const transit_machine *def = inst->machine;
    int n = 0;
    for (uint32_t t = 0; t < def->trigger_count; t++) {
        if (transit_lookup(def, (int)inst->state, (int)t, initiator, NULL) != TRANSIT_OK)
            continue;
        if (n < cap)
            out[n] = (int)t;
        n++;
    }
    return n;
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
