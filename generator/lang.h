/*
** What the Go and TypeScript emitters share: the decision of a fire as the runtime makes it,
** computed from the model (the generated tests' expectations), the guard values every generated
** test (C, Go, TypeScript) fires a choice under, and the Go identifiers of a machine, in one
** place so the code and its tests spell them the same.
*/
#ifndef GEN_LANG_H
#define GEN_LANG_H

#include <stdbool.h>

#include "model.h"

/* The results of runtime/transit.h in order, with the names every language uses. */
#define LANG_RESULTS(X)                                                                            \
    X(OK, "ok")                                                                                    \
    X(NO_TRANSITION, "no transition")                                                              \
    X(NOT_PERMITTED, "not permitted")                                                              \
    X(VETOED, "vetoed")                                                                            \
    X(BUSY, "busy")                                                                                \
    X(INVALID, "invalid")                                                                          \
    X(STALE, "stale")                                                                              \
    X(UNKNOWN_NAME, "unknown name")                                                                \
    X(GUARD_FAILED, "guard failed")                                                                \
    X(NO_GUARD, "no guard callback")

typedef enum lang_result {
#define LANG_RESULT_ENUM(id, text) LANG_##id,
    LANG_RESULTS(LANG_RESULT_ENUM)
#undef LANG_RESULT_ENUM
        LANG_RESULT_COUNT
} lang_result;

/* The name of a result ("no transition"). */
const char *lang_result_name(lang_result r);

/* The Go spelling of a result constant's suffix ("NoTransition"). */
const char *lang_result_go(lang_result r);

/* What firing trigger from state `from` by initiator bit does by the model, the guards answering
   holds[guard] (holds NULL: no guard callback). *to is the state reached (from on a refusal). */
lang_result lang_decide(const model_machine *m, uint32_t from, uint32_t trigger, unsigned bit,
                        const bool *holds, uint32_t *to);

/* The indexes of m's transitions in try order: by (from, trigger, rank). Each state's keep the
   range m->out[s] .. m->out[s + 1]. */
uint32_t *lang_try_order(arena *a, const model_machine *m);

/* The guard assignments the generated tests (C, Go and TypeScript alike) fire a (state, trigger,
   initiator) under when its alternatives ask guards. The n distinct guards they ask are numbered
   by position, in the order first asked. With n <= LANG_ALL_ASSIGNMENTS, all 2^n assignments
   (bits v: the guard at position i holds iff bit i of v is set). Beyond, the n + 1 prefix
   assignments (p = 0 .. n: the guards at positions before p answer what makes the first
   alternative asking them fail, those from p on what makes it hold), which take every
   alternative that can be taken at least once and the fallback (or guard failed) once, in
   O(n) fires where 2^n would never end. Expectations come from lang_choice_decide, the model's
   decision over the alternatives. */
enum { LANG_ALL_ASSIGNMENTS = 8 };

/* One (state, trigger, initiator) and its alternatives, with the guards they ask. */
typedef struct lang_choice {
    uint32_t from, trigger;
    unsigned bit;
    uint32_t *alts, alt_count;     /* the alternatives (transition indexes) in try order */
    uint32_t *alt_guard;           /* per alternative: its guard's position, UINT32_MAX if none */
    uint32_t *guards, guard_count; /* the distinct guards asked, in the order first asked */
    uint32_t *first_alt;           /* per position: the alternative that asks it first */
    bool *holding;                 /* per position: the answer that makes first_alt hold */
    bool all;                      /* all 2^n assignments (n <= LANG_ALL_ASSIGNMENTS), else prefixes */
    uint32_t assignments;          /* how many the test fires: 2^n or n + 1 */
} lang_choice;

/* One assignment of a choice's guards: bits (prefix false) or the prefix p = v. */
typedef struct lang_assignment {
    bool prefix;
    uint32_t v;
} lang_assignment;

/* Scratch for making choices of one machine: a position per guard. */
typedef struct lang_choices {
    arena *a;
    const model_machine *m;
    uint32_t *position; /* per guard: its position in the choice being made, or UINT32_MAX */
    uint32_t *buffer;   /* room for any state's transitions */
} lang_choices;

void lang_choices_init(lang_choices *cs, arena *a, const model_machine *m);

/* Fills *c for (from, trigger, initiator bit) in O(its transitions); returns whether an
   alternative asks a guard. */
bool lang_choice_make(lang_choices *cs, uint32_t from, uint32_t trigger, unsigned bit,
                      lang_choice *c);

/* Assignment i (< c->assignments) of the ones the tests fire c under. */
lang_assignment lang_choice_assignment(const lang_choice *c, uint32_t i);

/* The prefix assignment that takes alternative i (every guard asked before it failing). */
lang_assignment lang_choice_taking(const lang_choice *c, uint32_t i);

/* The answer of the guard at position under assignment v. */
bool lang_choice_holds(const lang_choice *c, lang_assignment v, uint32_t position);

/* The model's decision of c under v: LANG_OK and *to the target of the first alternative that is
   unguarded or whose guard (negated or not) holds, else LANG_GUARD_FAILED (*to = c->from). */
lang_result lang_choice_decide(const model_machine *m, const lang_choice *c, lang_assignment v,
                               uint32_t *to);

/* One expectation of a generated test: firing trigger from `from` by initiator bit, with no guard
   callback (guarded false), or with one (guarded true) answering choices[choice]'s guards under
   its assignment number `assignment`, any other question being a stray one (choice -1: every
   question is stray). */
typedef struct lang_case {
    uint32_t from, trigger;
    unsigned bit;
    bool guarded;
    int32_t choice;
    uint32_t assignment;
    lang_result result;
    uint32_t to;
} lang_case;

/* Every case the generated Go and TypeScript tests check, from the model: each (state, trigger,
   initiator) with no callback and with one, the one under every assignment of the guards its
   alternatives ask (see LANG_ALL_ASSIGNMENTS); *choices are the ones that ask a guard. */
lang_case *lang_cases(arena *a, const model_machine *m, size_t *count, lang_choice **choices,
                      uint32_t *choice_count);

/* A machine's Go identifiers. Every exported name starts with prefix (the machine name in
   CamelCase), so machines generated into one package do not collide; constants are
   prefix + State/Trigger/Guard + the name in CamelCase, or prefix + State_ + the spec name for
   every member of a kind where CamelCase would make two the same. */
typedef struct lang_go_names {
    const char *prefix;
    const char **state, **trigger, **guard; /* the constants */
} lang_go_names;

void lang_go_names_make(arena *a, const model_machine *m, lang_go_names *n);

/* Whether name is a Go keyword. */
bool lang_go_keyword(const char *name);

/* Why Go identifier name cannot name a package of generated Go (a keyword, documentation, a
   name ending in _test), or NULL when it can. */
const char *lang_go_package_problem(const char *name);

/* The Go package name for machine m when none is given: its name, with '_' after it when
   lang_go_package_problem() objects or it is main (a package main needs a func main). */
const char *lang_go_package(arena *a, const model_machine *m);

/* The stem of machine m's Go files, STEM.go and STEM_test.go: its name, unless Go would read
   a meaning into that file name (a name ending in _test is a test file; one whose last
   '_'-separated word is a GOOS or GOARCH, as x_linux or y_windows_arm64, builds only there):
   then NAME-machine, which no machine's name can be (a name has no '-'). */
const char *lang_go_file(arena *a, const model_machine *m);

#endif
