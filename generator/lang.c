/*
** Shared by the Go and TypeScript emitters and their test emitters: the model's decision of a
** fire, and the Go identifiers of a machine.
*/
#include "lang.h"
#include "names.h"

#include <stdlib.h>
#include <string.h>

static const char *const result_names[] = {
#define LANG_RESULT_NAME(id, text) text,
    LANG_RESULTS(LANG_RESULT_NAME)
#undef LANG_RESULT_NAME
};

static const char *const result_go[] = {"OK",      "NoTransition", "NotPermitted", "Vetoed",
                                        "Busy",    "Invalid",      "Stale",        "UnknownName",
                                        "GuardFailed", "NoGuard"};

const char *lang_result_name(lang_result r) { return result_names[r]; }

const char *lang_result_go(lang_result r) { return result_go[r]; }

lang_result lang_decide(const model_machine *m, uint32_t from, uint32_t trigger, unsigned bit,
                        const bool *holds, uint32_t *to) {
    *to = from;
    bool any = false;
    for (uint32_t e = m->out[from]; e < m->out[from + 1]; e++)
        any = any || m->transitions[e].trigger == trigger;
    if (!any)
        return LANG_NO_TRANSITION;
    uint32_t n_alt = m->out[from + 1] - m->out[from];
    uint32_t alt_buf[64];
    uint32_t *alt = alt_buf;
    if (n_alt > 64 && !(alt = malloc(n_alt * sizeof *alt)))
        arena_out_of_memory();
    uint32_t n = model_alternatives(m, from, trigger, bit, alt);
    lang_result r = n ? LANG_GUARD_FAILED : LANG_NOT_PERMITTED;
    for (uint32_t i = 0; i < n; i++) {
        const model_transition *t = &m->transitions[alt[i]];
        if (t->guard != MODEL_NO_GUARD && !holds) {
            r = LANG_NO_GUARD;
            break;
        }
        if (t->guard == MODEL_NO_GUARD || holds[t->guard] != t->negated) {
            *to = t->to;
            r = LANG_OK;
            break;
        }
    }
    if (alt != alt_buf)
        free(alt);
    return r;
}

uint32_t lang_guards_asked(const model_machine *m, uint32_t from, uint32_t trigger, unsigned bit,
                           uint32_t *out) {
    uint32_t n = 0;
    for (uint32_t g = 0; g < m->guard_count; g++)
        for (uint32_t e = m->out[from]; e < m->out[from + 1]; e++) {
            const model_transition *t = &m->transitions[e];
            if (t->trigger == trigger && (t->by & bit) && t->guard == g) {
                out[n++] = g;
                break;
            }
        }
    return n;
}

/* name in CamelCase: each '_'-separated part with its first letter in upper case. */
static char *camel(arena *a, const char *name) {
    char *s = arena_strdup(a, name);
    size_t k = 0;
    bool up = true;
    for (const char *p = name; *p; p++) {
        if (*p == '_') {
            up = true;
            continue;
        }
        s[k++] = up && *p >= 'a' && *p <= 'z' ? (char)(*p - 'a' + 'A') : *p;
        up = false;
    }
    s[k] = '\0';
    return s;
}

/* The constants of one kind: CamelCase unless two would be the same, then the spec names. */
static const char **constants(arena *a, const char *prefix, const char *kind, const char *items,
                              size_t stride, uint32_t n) {
    const char **c = arena_array(a, n ? n : 1, sizeof *c);
    bool clash = false;
    names seen = {0};
    for (uint32_t i = 0; i < n; i++) {
        const char *name = *(const char *const *)(const void *)(items + i * stride);
        c[i] = arena_printf(a, "%s%s%s", prefix, kind, camel(a, name));
        clash = clash || names_put(&seen, c[i], i) != i;
    }
    names_free(&seen);
    if (clash)
        for (uint32_t i = 0; i < n; i++)
            c[i] = arena_printf(a, "%s%s_%s", prefix, kind,
                                *(const char *const *)(const void *)(items + i * stride));
    return c;
}

void lang_go_names_make(arena *a, const model_machine *m, lang_go_names *n) {
    n->prefix = camel(a, m->name);
#define NAMES(v, count) count ? (const char *)&v[0].name : NULL, sizeof v[0], count
    n->state = constants(a, n->prefix, "State", NAMES(m->states, m->state_count));
    n->trigger = constants(a, n->prefix, "Trigger", NAMES(m->triggers, m->trigger_count));
    n->guard = constants(a, n->prefix, "Guard", NAMES(m->guards, m->guard_count));
#undef NAMES
}

bool lang_go_keyword(const char *name) {
    static const char *const keywords[] = {
        "break",  "case",   "chan",      "const", "continue", "default", "defer",
        "else",   "fallthrough", "for",  "func",  "go",       "goto",    "if",
        "import", "interface",   "map",  "package", "range",  "return",  "select",
        "struct", "switch", "type",      "var"};
    for (size_t i = 0; i < sizeof keywords / sizeof *keywords; i++)
        if (strcmp(name, keywords[i]) == 0)
            return true;
    return false;
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

const char *lang_go_package_problem(const char *name) {
    if (lang_go_keyword(name))
        return "a Go keyword";
    if (strcmp(name, "documentation") == 0)
        return "go build ignores the files of a package named documentation";
    if (ends_with(name, "_test"))
        return "Go takes a package ending in _test for the external test package of another";
    return NULL;
}

const char *lang_go_package(arena *a, const model_machine *m) {
    if (lang_go_package_problem(m->name) || strcmp(m->name, "main") == 0)
        return arena_printf(a, "%s_", m->name);
    return m->name;
}

/* Go's known GOOS and GOARCH values (go/build's syslist.go, Go 1.19 to 1.23): a file name
   whose last '_'-separated word is one of them builds only for it. */
static const char *const go_os_arch[] = {
    "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux",
    "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
    "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle",
    "mips64", "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv",
    "riscv64", "s390", "s390x", "sparc", "sparc64", "wasm"};

const char *lang_go_file(arena *a, const model_machine *m) {
    const char *last = strrchr(m->name, '_');
    bool constrained = false;
    for (size_t i = 0; last && i < sizeof go_os_arch / sizeof *go_os_arch; i++)
        constrained = constrained || strcmp(last + 1, go_os_arch[i]) == 0;
    if (constrained || ends_with(m->name, "_test"))
        return arena_printf(a, "%s-machine", m->name);
    return m->name;
}

uint32_t *lang_try_order(arena *a, const model_machine *m) {
    uint32_t *order = arena_array(a, m->transition_count ? m->transition_count : 1, sizeof *order);
    uint32_t n = 0;
    for (uint32_t s = 0; s < m->state_count; s++)
        for (uint32_t t = 0; t < m->trigger_count; t++) {
            uint32_t first = n;
            for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
                if (m->transitions[e].trigger != t)
                    continue;
                uint32_t i = n++;
                for (; i > first && m->transitions[order[i - 1]].rank > m->transitions[e].rank; i--)
                    order[i] = order[i - 1];
                order[i] = e;
            }
        }
    return order;
}

lang_case *lang_cases(arena *a, const model_machine *m, size_t *count) {
    size_t n = 0, cap = 64;
    lang_case *c = malloc(cap * sizeof *c);
    uint32_t *asked = arena_array(a, m->guard_count + 1, sizeof *asked);
    bool *holds = arena_array(a, m->guard_count + 1, sizeof *holds);
    if (!c)
        arena_out_of_memory();
    for (uint32_t s = 0; s < m->state_count; s++)
        for (uint32_t t = 0; t < m->trigger_count; t++)
            for (unsigned bit = 1; bit <= 4; bit <<= 1) {
                uint32_t g = lang_guards_asked(m, s, t, bit, asked);
                uint64_t valuations = g <= 6 ? (uint64_t)1 << g : (uint64_t)g + 2;
                for (uint64_t v = 0; v <= valuations; v++) {
                    if (n == cap && !(c = realloc(c, (cap *= 2) * sizeof *c)))
                        arena_out_of_memory();
                    lang_case *k = &c[n++];
                    *k = (lang_case){.from = s, .trigger = t, .bit = bit, .guarded = v > 0};
                    memset(holds, 0, (m->guard_count + 1) * sizeof *holds);
                    if (v > 0) {
                        uint64_t x = v - 1; /* the valuation */
                        for (uint32_t i = 0; i < g; i++)
                            holds[asked[i]] = g <= 6 ? (x >> i) & 1u
                                                     : x == 1 || (x >= 2 && x - 2 == i);
                        k->held = arena_array(a, g + 1, sizeof *k->held);
                        for (uint32_t i = 0; i < g; i++)
                            if (holds[asked[i]])
                                k->held[k->held_count++] = asked[i];
                    }
                    k->result = lang_decide(m, s, t, bit, v > 0 ? holds : NULL, &k->to);
                }
            }
    lang_case *kept = arena_array(a, n ? n : 1, sizeof *kept);
    memcpy(kept, c, n * sizeof *c);
    free(c);
    *count = n;
    return kept;
}
