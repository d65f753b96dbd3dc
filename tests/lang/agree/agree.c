/*
** The agreement test's C side. `agree_c stream SEED STEPS` writes a seeded random stream of steps
** for the machine it is built with (-DMACHINE=name_machine); `agree_c run < STREAM` drives the
** generated C code and the runtime over it and prints one line per step: the result and the
** state after it. The Go and TypeScript drivers read the same stream and must print the same
** lines (agree.sh compares them).
**
** A stream line is one of
**   fire TRIGGER INITIATOR GUARDS   GUARDS: one 0/1 per guard in guard order, or '-' for no
**                                   guard callback
**   timeout GUARDS                  the current state's timer runs out
**   restore NAME                    a stored state name (persisted)
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "transit.h"

extern const transit_machine MACHINE;

static uint64_t rng;

/* xorshift64*: enough for a reproducible stream. */
static uint64_t next(void) {
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717u;
}

static unsigned below(unsigned n) { return n ? (unsigned)(next() % n) : 0; }

#if TRANSIT_ABI_VERSION >= 2
static unsigned guard_count(const transit_machine *def) {
    unsigned n = 0;
    while (transit_guard_name(def, (int)n))
        n++;
    return n;
}
#define GUARD_COUNT(def) guard_count(def)
static int answer(void *context, const transit_instance *inst, int guard,
                  const transit_event *event) {
    (void)inst;
    (void)event;
    return ((const char *)context)[guard] == '1';
}
#else
/* Before the runtime's guards (ABI 1) a machine has none. */
static unsigned guard_count(const transit_machine *def) {
    (void)def;
    return 0;
}
#define GUARD_COUNT(def) guard_count(def)
#endif

static const char *const initiator_names[] = {"user", "auto", "self"};

static void guards(const transit_machine *def) {
    if (below(8) == 0 || GUARD_COUNT(def) == 0) {
        fputs(" -", stdout);
        return;
    }
    putchar(' ');
    for (unsigned g = 0; g < GUARD_COUNT(def); g++)
        putchar(below(2) ? '1' : '0');
}

static int stream(uint64_t seed, unsigned steps) {
    const transit_machine *def = &MACHINE;
    rng = seed ? seed : 1;
    for (unsigned i = 0; i < steps; i++) {
        unsigned kind = below(20);
        if (kind == 0) {
            printf("restore %s\n", transit_state_persisted(def, (int)below(def->state_count)));
            continue;
        }
        if (kind <= 2) {
            fputs("timeout", stdout);
        } else {
            if (def->trigger_count == 0) {
                printf("restore %s\n", transit_state_persisted(def, 0));
                continue;
            }
            printf("fire %s %s", transit_trigger_name(def, (int)below(def->trigger_count)),
                   initiator_names[below(3)]);
        }
        guards(def);
        putchar('\n');
    }
    return 0;
}

static int run(void) {
    const transit_machine *def = &MACHINE;
    transit_instance inst;
    if (transit_init(&inst, def) != TRANSIT_OK)
        return 2;
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *word = strtok(line, " ");
        transit_result r;
        if (!word)
            continue;
        if (strcmp(word, "restore") == 0) {
            r = transit_restore_name(&inst, line + 8);
        } else {
            int trigger = -1;
            transit_initiator by = TRANSIT_AUTO;
            if (strcmp(word, "fire") == 0) {
                trigger = transit_trigger_index(def, strtok(NULL, " "));
                const char *who = strtok(NULL, " ");
                by = strcmp(who, "user") == 0 ? TRANSIT_USER
                     : strcmp(who, "auto") == 0 ? TRANSIT_AUTO
                                                : TRANSIT_SELF;
            }
            char *bits = strtok(NULL, " ");
#if TRANSIT_ABI_VERSION >= 2
            transit_set_guard(&inst, strcmp(bits, "-") == 0 ? NULL : answer, bits);
            r = trigger < 0 ? transit_fire_timeout(&inst) : transit_fire(&inst, trigger, by);
#else
            (void)bits;
            r = trigger < 0 ? TRANSIT_NO_TRANSITION : transit_fire(&inst, trigger, by);
#endif
        }
        printf("%s %s\n", transit_result_string(r), transit_state_name(def, transit_state(&inst)));
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "stream") == 0)
        return stream(strtoull(argv[2], NULL, 10), (unsigned)strtoul(argv[3], NULL, 10));
    if (argc == 2 && strcmp(argv[1], "run") == 0)
        return run();
    fputs("usage: agree_c stream SEED STEPS | agree_c run < STREAM\n", stderr);
    return 2;
}
