/*
** Shared by the Go and TypeScript emitters and the three test emitters: the model's decision of
** a fire, the guard values the generated tests fire a choice under, and the Go identifiers of a
** machine.
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
            for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++)
                if (m->transitions[e].trigger == t)
                    order[n++] = e;
            model_sort_tried(m, &order[first], n - first);
        }
    return order;
}

void lang_choices_init(lang_choices *cs, arena *a, const model_machine *m) {
    uint32_t most = 0;
    for (uint32_t s = 0; s < m->state_count; s++)
        if (m->out[s + 1] - m->out[s] > most)
            most = m->out[s + 1] - m->out[s];
    *cs = (lang_choices){a, m, arena_array(a, m->guard_count + 1, sizeof *cs->position),
                         arena_array(a, most + 1, sizeof *cs->buffer)};
    for (uint32_t g = 0; g < m->guard_count; g++)
        cs->position[g] = UINT32_MAX;
}

bool lang_choice_make(lang_choices *cs, uint32_t from, uint32_t trigger, unsigned bit,
                      lang_choice *c) {
    const model_machine *m = cs->m;
    arena *a = cs->a;
    uint32_t n = model_alternatives(m, from, trigger, bit, cs->buffer);
    *c = (lang_choice){.from = from, .trigger = trigger, .bit = bit, .alt_count = n};
    c->alts = arena_array(a, n + 1, sizeof *c->alts);
    c->alt_guard = arena_array(a, n + 1, sizeof *c->alt_guard);
    c->guards = arena_array(a, n + 1, sizeof *c->guards);
    c->first_alt = arena_array(a, n + 1, sizeof *c->first_alt);
    c->holding = arena_array(a, n + 1, sizeof *c->holding);
    for (uint32_t i = 0; i < n; i++) {
        const model_transition *t = &m->transitions[cs->buffer[i]];
        c->alts[i] = cs->buffer[i];
        c->alt_guard[i] = UINT32_MAX;
        if (t->guard == MODEL_NO_GUARD)
            continue;
        if (cs->position[t->guard] == UINT32_MAX) {
            cs->position[t->guard] = c->guard_count;
            c->guards[c->guard_count] = t->guard;
            c->first_alt[c->guard_count] = i;
            c->holding[c->guard_count++] = !t->negated;
        }
        c->alt_guard[i] = cs->position[t->guard];
    }
    for (uint32_t p = 0; p < c->guard_count; p++)
        cs->position[c->guards[p]] = UINT32_MAX;
    c->all = c->guard_count <= LANG_ALL_ASSIGNMENTS;
    c->assignments = c->all ? 1u << c->guard_count : c->guard_count + 1;
    return c->guard_count > 0;
}

lang_assignment lang_choice_assignment(const lang_choice *c, uint32_t i) {
    return (lang_assignment){!c->all, i};
}

lang_assignment lang_choice_taking(const lang_choice *c, uint32_t i) {
    uint32_t p = c->alt_guard[i];
    return (lang_assignment){true, p != UINT32_MAX && c->first_alt[p] == i ? p : c->guard_count};
}

bool lang_choice_holds(const lang_choice *c, lang_assignment v, uint32_t position) {
    if (!v.prefix)
        return (v.v >> position) & 1u;
    return position >= v.v ? c->holding[position] : !c->holding[position];
}

lang_result lang_choice_decide(const model_machine *m, const lang_choice *c, lang_assignment v,
                               uint32_t *to) {
    for (uint32_t i = 0; i < c->alt_count; i++) {
        const model_transition *t = &m->transitions[c->alts[i]];
        if (t->guard == MODEL_NO_GUARD || lang_choice_holds(c, v, c->alt_guard[i]) != t->negated) {
            *to = t->to;
            return LANG_OK;
        }
    }
    *to = c->from;
    return LANG_GUARD_FAILED;
}

lang_case *lang_cases(arena *a, const model_machine *m, size_t *count, lang_choice **choices,
                      uint32_t *choice_count) {
    size_t n = 0, cap = 64;
    uint32_t nc = 0, choice_cap = 16;
    lang_case *c = malloc(cap * sizeof *c);
    lang_choice *ch = malloc(choice_cap * sizeof *ch);
    lang_choices cs;
    if (!c || !ch)
        arena_out_of_memory();
    lang_choices_init(&cs, a, m);
    for (uint32_t s = 0; s < m->state_count; s++)
        for (uint32_t t = 0; t < m->trigger_count; t++)
            for (unsigned bit = 1; bit <= 4; bit <<= 1) {
                lang_choice k;
                int32_t choice = -1;
                uint32_t assignments = 1;
                if (lang_choice_make(&cs, s, t, bit, &k)) {
                    if (nc == choice_cap && !(ch = realloc(ch, (choice_cap *= 2) * sizeof *ch)))
                        arena_out_of_memory();
                    ch[nc] = k;
                    choice = (int32_t)nc++;
                    assignments = k.assignments;
                }
                for (uint32_t v = 0; v <= assignments; v++) {
                    if (n == cap && !(c = realloc(c, (cap *= 2) * sizeof *c)))
                        arena_out_of_memory();
                    lang_case *e = &c[n++];
                    *e = (lang_case){.from = s, .trigger = t, .bit = bit, .guarded = v > 0,
                                     .choice = v > 0 ? choice : -1, .assignment = v ? v - 1 : 0};
                    if (v == 0 || choice < 0)
                        e->result = lang_decide(m, s, t, bit, NULL, &e->to);
                    else
                        e->result = lang_choice_decide(m, &k, lang_choice_assignment(&k, v - 1),
                                                       &e->to);
                }
            }
    lang_case *kept = arena_array(a, n ? n : 1, sizeof *kept);
    memcpy(kept, c, n * sizeof *c);
    free(c);
    lang_choice *kept_choices = arena_array(a, nc ? nc : 1, sizeof *kept_choices);
    memcpy(kept_choices, ch, nc * sizeof *ch);
    free(ch);
    *count = n;
    *choices = kept_choices;
    *choice_count = nc;
    return kept;
}
