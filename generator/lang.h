/*
** What the Go and TypeScript emitters share: the decision of a fire as the runtime makes it,
** computed from the model (the generated tests' expectations), and the Go identifiers of a
** machine, in one place so the code and its test spell them the same.
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

/* The distinct guards the alternatives of (from, trigger, bit) may ask, in guard order, written to
   out (room for m->guard_count); returns how many. */
uint32_t lang_guards_asked(const model_machine *m, uint32_t from, uint32_t trigger, unsigned bit,
                           uint32_t *out);

/* The indexes of m's transitions in try order: by (from, trigger, rank). Each state's keep the
   range m->out[s] .. m->out[s + 1]. */
uint32_t *lang_try_order(arena *a, const model_machine *m);

/* One expectation of a generated test: firing trigger from `from` by initiator bit, with no guard
   callback (guarded false) or with one answering true exactly for the guards in held. */
typedef struct lang_case {
    uint32_t from, trigger;
    unsigned bit;
    bool guarded;
    uint32_t *held, held_count;
    lang_result result;
    uint32_t to;
} lang_case;

/* Every case the generated tests check, from the model: each (state, trigger, initiator) with no
   callback, and with a callback for every valuation of the guards its alternatives ask (all of
   them up to 6 guards; beyond, none, all and each alone). */
lang_case *lang_cases(arena *a, const model_machine *m, size_t *count);

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
