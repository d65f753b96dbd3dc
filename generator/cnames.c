/*
** Generated C identifiers and the checks that keep them unique.
*/
#include "cnames.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

char *cnames_upper(arena *a, const char *name) {
    char *s = arena_strdup(a, name);
    for (char *p = s; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return s;
}

char *cnames_state(arena *a, const model_machine *m, uint32_t s) {
    return arena_printf(a, "%s_STATE_%s", cnames_upper(a, m->name),
                        cnames_upper(a, m->states[s].name));
}

char *cnames_trigger(arena *a, const model_machine *m, uint32_t t) {
    return arena_printf(a, "%s_TRIGGER_%s", cnames_upper(a, m->name),
                        cnames_upper(a, m->triggers[t].name));
}

char *cnames_guard(arena *a, const model_machine *m, uint32_t g) {
    return arena_printf(a, "%s_GUARD_%s", cnames_upper(a, m->name),
                        cnames_upper(a, m->guards[g].name));
}

/* One declared identifier and what declares it, for messages. */
typedef struct ident {
    const char *text;
    const char *what;
    src_loc loc;
} ident;

typedef struct ident_set {
    names index;
    ident *items;
    uint32_t count, cap;
    uint32_t collisions;
    const char *reported[2]; /* the last pair reported: one error per pair of declarations */
} ident_set;

/* Adds an identifier; a collision is reported to d, or only counted when d is NULL. */
static void add(arena *a, diag *d, ident_set *set, const char *text, const char *what,
                src_loc loc) {
    uint32_t owner = names_put(&set->index, text, set->count);
    if (owner != set->count) {
        const ident *p = &set->items[owner];
        set->collisions++;
        bool again = set->reported[0] == p->what && set->reported[1] == what;
        set->reported[0] = p->what;
        set->reported[1] = what;
        if (d && !again && !p->loc.src) {
            diag_error(d, loc, "%s would declare the C name '%s', which %s already declares",
                       what, text, p->what);
        } else if (d && !again) {
            diag_error(d, loc, "%s and %s both become the C name '%s'", p->what, what, text);
            diag_note(d, p->loc, "%s is here", p->what);
        }
        return;
    }
    if (set->count == set->cap) {
        set->cap = set->cap ? set->cap * 2 : 64;
        set->items = xrealloc(set->items, set->cap * sizeof *set->items);
    }
    set->items[set->count++] = (ident){text, what, loc};
    (void)a;
}

static void add_machine(arena *a, diag *d, ident_set *set, const model_machine *m) {
    const char *upper = cnames_upper(a, m->name);
    const char *what = arena_printf(a, "machine '%s'", m->name);
#define CNAMES_ADD_LOWER(suffix)                                                                   \
    add(a, d, set, arena_printf(a, "%s_" #suffix, m->name), what, m->loc);
    CNAMES_LOWER(CNAMES_ADD_LOWER)
#undef CNAMES_ADD_LOWER
#define CNAMES_ADD_UPPER(suffix) add(a, d, set, arena_printf(a, "%s_" #suffix, upper), what, m->loc);
    CNAMES_UPPER(CNAMES_ADD_UPPER)
#undef CNAMES_ADD_UPPER
    for (uint32_t s = 0; s < m->state_count; s++)
        add(a, d, set, cnames_state(a, m, s),
            arena_printf(a, "state '%s' of machine '%s'", m->states[s].name, m->name),
            m->states[s].loc);
    for (uint32_t t = 0; t < m->trigger_count; t++)
        add(a, d, set, cnames_trigger(a, m, t),
            arena_printf(a, "trigger '%s' of machine '%s'", m->triggers[t].name, m->name),
            m->triggers[t].loc);
    for (uint32_t g = 0; g < m->guard_count; g++)
        add(a, d, set, cnames_guard(a, m, g),
            arena_printf(a, "guard '%s' of machine '%s'", m->guards[g].name, m->name),
            m->guards[g].loc);
}

static void free_set(ident_set *set) {
    names_free(&set->index);
    free(set->items);
}

void cnames_check_machine(arena *a, diag *d, const model_machine *m) {
    /* Every name the runtime declares is transit_*, TRANSIT_* or transit.h, and every name generated
       for a machine starts with the machine's name: a machine called 'transit' or 'transit_...'
       (in any case, for case-insensitive file systems) is the one way to collide with them. */
    const char *upper = cnames_upper(a, m->name);
    if (strcmp(upper, "TRANSIT") == 0 || strncmp(upper, "TRANSIT_", 8) == 0)
        diag_error(d, m->loc, "machine '%s' would take the runtime's names (transit.h, transit_*, "
                   "TRANSIT_*): 'transit' and 'transit_...' are reserved, choose another name",
                   m->name);
    ident_set set = {0};
    add_machine(a, d, &set, m);
    free_set(&set);
}

void cnames_check_model(arena *a, diag *d, const model *mo) {
    if (mo->machine_count < 2)
        return;
    /* Collisions inside one machine were reported with it; report only those across machines. */
    ident_set set = {0};
    for (uint32_t i = 0; i < mo->machine_count; i++) {
        ident_set own = {0};
        add_machine(a, NULL, &own, &mo->machines[i]);
        uint32_t inside = own.collisions;
        free_set(&own);
        if (!inside)
            add_machine(a, d, &set, &mo->machines[i]);
    }
    free_set(&set);
}
