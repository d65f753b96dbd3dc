/*
** Replays logs through the machine of guarded.transit, its checked model built here by hand
** (guards, alternatives in rank order, a timer), so replay's guard and timeout checks are tested
** while the language cannot yet write guards. Locations point at guarded.transit's lines.
**   guards_model SPEC SOURCE...   (prints what transitc replay would; same exit status)
*/
#include <stdio.h>
#include <string.h>

#include "replay.h"

/* The location of the first line of src holding needle: its column, spanning the needle's first
   word (as the checker's location of a transition spans its first source). */
static src_loc find(const source *src, const char *needle) {
    for (uint32_t line = 1; line <= src->line_count; line++) {
        size_t len;
        const char *text = source_line(src, line, &len);
        for (size_t i = 0; i + strlen(needle) <= len; i++)
            if (strncmp(text + i, needle, strlen(needle)) == 0)
                return (src_loc){src, line, (uint32_t)i + 1,
                                 (uint32_t)(i + 1 + strcspn(needle, " "))};
    }
    fprintf(stderr, "guards_model: '%s' is not in the spec\n", needle);
    return (src_loc){0};
}

enum { DISCOVERED, REGISTERED, NOT_FOUND, CONNECTED, QUARANTINED, DISCONNECTED, STATES };
enum { REGISTER, CONNECT, REPORT, EXPIRE, TRIGGERS };
enum { REACHABLE, TRUSTED, GUARDS };

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: guards_model SPEC SOURCE...\n");
        return 2;
    }
    arena a = {0};
    const char *err = NULL;
    source *src = source_read(&a, argv[1], &err);
    if (!src) {
        fprintf(stderr, "guards_model: %s\n", err);
        return 2;
    }
    static const char *const state_names[STATES] = {"discovered", "registered", "not_found",
                                                    "connected", "quarantined", "disconnected"};
    static const char *const trigger_names[TRIGGERS] = {"register", "connect", "report", "expire"};
    model_state states[STATES];
    for (int s = 0; s < STATES; s++) {
        char decl[64];
        snprintf(decl, sizeof decl, "state %s", state_names[s]);
        src_loc loc = find(src, decl);
        loc.column += 6;
        states[s] = (model_state){.name = state_names[s], .persisted = state_names[s], .loc = loc};
    }
    states[CONNECTED].after_ms = 90000;
    states[CONNECTED].timer_trigger = EXPIRE;
    model_trigger triggers[TRIGGERS];
    for (int t = 0; t < TRIGGERS; t++)
        triggers[t] = (model_trigger){.name = trigger_names[t]};
    model_guard guards[GUARDS] = {{.name = "reachable"}, {.name = "trusted"}};
    /* Sorted by (from, trigger, to, guard, negated); rank is the spec's line order. */
    model_transition transitions[] = {
        {DISCOVERED, REGISTER, REGISTERED, AST_AUTO, REACHABLE, false, 0, 0, NULL, NULL,
         find(src, "discovered -> registered")},
        {DISCOVERED, REGISTER, NOT_FOUND, AST_AUTO, REACHABLE, true, 1, 0, NULL, NULL,
         find(src, "discovered -> not_found")},
        {REGISTERED, CONNECT, CONNECTED, AST_USER | AST_AUTO, TRUSTED, false, 2, 0, NULL, NULL,
         find(src, "registered -> connected")},
        {REGISTERED, CONNECT, QUARANTINED, AST_AUTO, MODEL_NO_GUARD, false, 3, 0, NULL, NULL,
         find(src, "registered -> quarantined")},
        {CONNECTED, REPORT, CONNECTED, AST_SELF, MODEL_NO_GUARD, false, 4, 0, NULL, NULL,
         find(src, "connected  -> connected")},
        {CONNECTED, EXPIRE, DISCONNECTED, AST_AUTO, MODEL_NO_GUARD, false, 5, 90000, "90s", NULL,
         find(src, "connected  -> disconnected")},
        {DISCONNECTED, REPORT, CONNECTED, AST_SELF, MODEL_NO_GUARD, false, 6, 0, NULL, NULL,
         find(src, "disconnected -> connected")},
    };
    uint32_t out[STATES + 1] = {0, 2, 4, 4, 6, 6, 7};
    model_machine m = {
        .name = "probe",
        .src = src,
        .initial = DISCOVERED,
        .states = states,
        .state_count = STATES,
        .triggers = triggers,
        .trigger_count = TRIGGERS,
        .guards = guards,
        .guard_count = GUARDS,
        .transitions = transitions,
        .transition_count = sizeof transitions / sizeof transitions[0],
        .out = out,
    };
    replay_log keys = {0};
#define DEFAULT_KEY(id, name, required) keys.keys[REPLAY_##id] = name;
    REPLAY_FIELDS(DEFAULT_KEY)
#undef DEFAULT_KEY
    int status = replay_run(&m, false, &keys, 0, (const char *const *)argv + 2, argc - 2);
    arena_free(&a);
    return status;
}
