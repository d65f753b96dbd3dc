/*
** transitc replay: checks what really happened against the spec. Every record of a history is
** one transition of one instance; each instance is followed from its first record through the
** checked model, and every move the spec could not have made is reported at its line, with a
** note at the spec line that decides it. Memory holds the live instances, never the log.
*/
#include "replay.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "names.h"
#include "out.h"
#include "parse.h"

enum { EXIT_VIOLATION = 1, EXIT_USAGE = 2 };

/* Every kind of violation: id, name (in reports and the summary). */
#define REPLAY_KINDS(X)                                                                            \
    X(NO_TRANSITION, "no-transition")                                                              \
    X(NOT_PERMITTED, "not-permitted")                                                              \
    X(WRONG_TARGET, "wrong-target")                                                                \
    X(GUARD, "guard")                                                                              \
    X(FINAL, "final")                                                                              \
    X(FROM, "from-mismatch")                                                                       \
    X(SEQ_GAP, "seq-gap")                                                                          \
    X(SEQ_REPEAT, "seq-repeat")                                                                    \
    X(SEQ_DECREASE, "seq-decrease")                                                                \
    X(UNKNOWN_STATE, "unknown-state")                                                              \
    X(UNKNOWN_TRIGGER, "unknown-trigger")                                                          \
    X(UNKNOWN_INITIATOR, "unknown-initiator")                                                      \
    X(UNKNOWN_GUARD, "unknown-guard")                                                              \
    X(TIMEOUT, "timeout")                                                                          \
    X(TIME_ORDER, "time-order")                                                                    \
    X(MALFORMED, "malformed")

typedef enum kind {
#define KIND_ENUM(id, name) KIND_##id,
    REPLAY_KINDS(KIND_ENUM)
#undef KIND_ENUM
        KIND_COUNT
} kind;

static const char *const kind_names[] = {
#define KIND_NAME(id, name) name,
    REPLAY_KINDS(KIND_NAME)
#undef KIND_NAME
};

/* What replay knows of one instance. */
typedef struct instance {
    char *id; /* NULL: an empty slot */
    uint32_t hash;
    uint32_t state;
    bool lost;         /* its state is unknown (a record named a state the spec lacks) */
    bool has_seq, has_time, has_entered;
    int64_t seq;
    int64_t last_ms;    /* the latest time recorded */
    int64_t entered_ms; /* when it entered its state */
    uint32_t last_source;
    uint64_t last_line; /* its previous record */
} instance;

struct replay {
    const model_machine *m;
    diag d; /* notes at spec lines, to stdout */
    names states, persisted, triggers, guards;
    bool *held; /* [guard_count]: the guards of the current record */
    uint32_t *alternatives;
    const char **source_names;
    uint32_t source;
    /* The instances: open addressing, linear probing; cap is a power of two. */
    instance *table;
    size_t count, cap;
    uint64_t records, violations, by_kind[KIND_COUNT];
    out msg;     /* the message being built */
    out scratch;         /* names listed in a message */
    const char *current; /* the instance of the record being checked, for messages */
};

/* ---- Reporting ---- */

/* Appends s to o for a message: control bytes, quotes and invalid UTF-8 as \xNN, and at most
   80 characters (a log can hold anything). */
static void shown(out *o, const char *s) {
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; n++) {
        if (n == 80) {
            out_printf(o, "...");
            return;
        }
        size_t len = 0;
        if (*p >= 0x20 && *p < 0x7f && *p != '\'' && *p != '\\')
            len = 1;
        else if (*p >= 0xC2 && *p <= 0xF4) {
            len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : 2;
            for (size_t i = 1; i < len; i++)
                if ((p[i] & 0xC0) != 0x80)
                    len = 0;
        }
        if (len) {
            out_printf(o, "%.*s", (int)len, (const char *)p);
            p += len;
        } else {
            out_printf(o, "\\x%02x", *p++);
        }
    }
}

/* A message: printf text where %q takes a string shown quoted ('name', escaped). */
static void vbuild(out *o, const char *fmt, va_list ap) {
    for (const char *p = fmt; *p;) {
        const char *pct = strchr(p, '%');
        if (!pct) {
            out_printf(o, "%s", p);
            return;
        }
        out_printf(o, "%.*s", (int)(pct - p), p);
        p = pct + 2;
        switch (pct[1]) {
        case 'q':
            out_printf(o, "'");
            shown(o, va_arg(ap, const char *));
            out_printf(o, "'");
            break;
        case 's':
            out_printf(o, "%s", va_arg(ap, const char *));
            break;
        case 'u':
            out_printf(o, "%" PRIu64, va_arg(ap, uint64_t));
            break;
        case 'd':
            out_printf(o, "%" PRId64, va_arg(ap, int64_t));
            break;
        default:
            out_printf(o, "%%");
            p = pct + 1;
        }
    }
}

static void vbuild_args(out *o, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vbuild(o, fmt, ap);
    va_end(ap);
}

static void json_text(const char *s, size_t len) {
    putchar('"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            printf("\\%c", c);
        else if (c < 0x20 || c == 0x7f)
            printf("\\u%04x", c);
        else
            putchar(c);
    }
    putchar('"');
}

/* One line of a report at the record's line: error (with its kind) or note. */
static void emit(replay *rp, const char *severity, kind k, uint32_t from_source, uint64_t line,
                 uint64_t column) {
    const char *name = rp->source_names[from_source];
    if (rp->d.format == DIAG_JSON) {
        printf("{\"severity\":\"%s\",\"file\":", severity);
        json_text(name, strlen(name));
        printf(",\"line\":%" PRIu64, line);
        if (column)
            printf(",\"column\":%" PRIu64, column);
        if (k < KIND_COUNT)
            printf(",\"kind\":\"%s\"", kind_names[k]);
        printf(",\"message\":");
        json_text(rp->msg.data, rp->msg.len);
        printf("}\n");
    } else {
        printf("%s:%" PRIu64, name, line);
        if (column)
            printf(":%" PRIu64, column);
        printf(": %s: %.*s", severity, (int)rp->msg.len, rp->msg.data);
        if (k < KIND_COUNT)
            printf(" [%s]", kind_names[k]);
        putchar('\n');
    }
    rp->msg.len = 0;
}

static void violation(replay *rp, kind k, uint64_t line, uint64_t column, const char *fmt, ...) {
    if (rp->current)
        vbuild_args(&rp->msg, "%q: ", rp->current);
    va_list ap;
    va_start(ap, fmt);
    vbuild(&rp->msg, fmt, ap);
    va_end(ap);
    rp->violations++;
    rp->by_kind[k]++;
    emit(rp, "error", k, rp->source, line, column);
}

/* A note at an earlier record of the log. */
static void log_note(replay *rp, uint32_t from_source, uint64_t line, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vbuild(&rp->msg, fmt, ap);
    va_end(ap);
    emit(rp, "note", KIND_COUNT, from_source, line, 0);
}

void replay_malformed(replay *rp, uint64_t line, uint64_t column, const char *fmt, ...) {
    char text[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    out_puts(&rp->msg, text);
    rp->violations++;
    rp->by_kind[KIND_MALFORMED]++;
    emit(rp, "error", KIND_MALFORMED, rp->source, line, column);
}

/* A malformed record for a value: "WHAT, not 'VALUE'". */
static void malformed_value(replay *rp, uint64_t line, const char *what, const char *value) {
    vbuild_args(&rp->msg, "%s, not %q", what, value);
    rp->violations++;
    rp->by_kind[KIND_MALFORMED]++;
    emit(rp, "error", KIND_MALFORMED, rp->source, line, 0);
}

/* ---- Names ---- */

/* A state by persisted name or identifier, or -1 after reporting it unknown. */
static int64_t find_state(replay *rp, const replay_record *r, replay_field f) {
    const char *name = r->text[f];
    int64_t i = names_get(&rp->persisted, name);
    if (i < 0)
        i = names_get(&rp->states, name);
    if (i >= 0)
        return i;
    const char *hint =
        names_closest(name, &rp->m->states[0].persisted, sizeof(model_state), rp->m->state_count);
    if (!hint)
        hint = names_closest(name, rp->m->states, sizeof(model_state), rp->m->state_count);
    const char *field = f == REPLAY_FROM ? "from" : "to";
    if (hint)
        violation(rp, KIND_UNKNOWN_STATE, r->line, 0, "unknown state %q in '%s'; did you mean %q?",
                  name, field, hint);
    else
        violation(rp, KIND_UNKNOWN_STATE, r->line, 0, "unknown state %q in '%s'", name, field);
    return -1;
}

static int64_t find_trigger(replay *rp, const replay_record *r) {
    const char *name = r->text[REPLAY_TRIGGER];
    int64_t i = names_get(&rp->triggers, name);
    if (i >= 0)
        return i;
    const char *hint =
        names_closest(name, rp->m->triggers, sizeof(model_trigger), rp->m->trigger_count);
    if (hint)
        violation(rp, KIND_UNKNOWN_TRIGGER, r->line, 0, "unknown trigger %q; did you mean %q?",
                  name, hint);
    else
        violation(rp, KIND_UNKNOWN_TRIGGER, r->line, 0, "unknown trigger %q", name);
    return -1;
}

static const char *const initiator_names[] = {"user", "auto", "self"};

/* An initiator bit, or 0 after reporting it unknown. */
static unsigned find_initiator(replay *rp, const replay_record *r) {
    const char *name = r->text[REPLAY_INITIATOR];
    for (unsigned i = 0; i < 3; i++)
        if (strcmp(name, initiator_names[i]) == 0)
            return 1u << i;
    const char *hint = names_closest(name, initiator_names, sizeof *initiator_names, 3);
    if (hint)
        violation(rp, KIND_UNKNOWN_INITIATOR, r->line, 0,
                  "unknown initiator %q; did you mean %q?", name, hint);
    else
        violation(rp, KIND_UNKNOWN_INITIATOR, r->line, 0,
                  "unknown initiator %q (user, auto or self)", name);
    return 0;
}

/* Sets held[] from the record's space-separated guard names; false after reporting one
   unknown. */
static bool read_guards(replay *rp, const replay_record *r) {
    memset(rp->held, 0, rp->m->guard_count * sizeof *rp->held);
    bool ok = true;
    const char *p = r->text[REPLAY_GUARDS];
    char name[256];
    while (*p) {
        size_t len = strcspn(p, " ");
        if (len == 0) {
            p++;
            continue;
        }
        if (len >= sizeof name) {
            violation(rp, KIND_UNKNOWN_GUARD, r->line, 0, "unknown guard (a name of %u bytes)",
                      (uint64_t)len);
            return false;
        }
        memcpy(name, p, len);
        name[len] = '\0';
        p += len;
        int64_t g = names_get(&rp->guards, name);
        if (g >= 0) {
            rp->held[g] = true;
            continue;
        }
        const char *hint =
            names_closest(name, rp->m->guards, sizeof(model_guard), rp->m->guard_count);
        if (hint)
            violation(rp, KIND_UNKNOWN_GUARD, r->line, 0, "unknown guard %q; did you mean %q?",
                      name, hint);
        else
            violation(rp, KIND_UNKNOWN_GUARD, r->line, 0, "unknown guard %q", name);
        ok = false;
    }
    return ok;
}

/* ---- Values ---- */

/* seq: decimal digits; -1 after reporting anything else. */
static int64_t read_seq(replay *rp, const replay_record *r) {
    const char *s = r->text[REPLAY_SEQ];
    int64_t v = 0;
    size_t i = 0;
    for (; s[i] >= '0' && s[i] <= '9'; i++) {
        if (v > (INT64_MAX - 9) / 10) {
            i = 0;
            break;
        }
        v = v * 10 + (s[i] - '0');
    }
    if (i == 0 || s[i]) {
        malformed_value(rp, r->line, "'seq' must be an integer 0 or more", s);
        return -1;
    }
    return v;
}

static bool digits(const char *s, int n, int *v) {
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        *v = *v * 10 + (s[i] - '0');
    }
    return true;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian; Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* An RFC 3339 time (YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM), 'T' or a space) in
   milliseconds since 1970; false when s is not one. */
static bool parse_time(const char *s, int64_t *ms) {
    int y, mo, d, h, mi, sec, frac = 0;
    if (strlen(s) < 20 || !digits(s, 4, &y) || s[4] != '-' || !digits(s + 5, 2, &mo) ||
        s[7] != '-' || !digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') ||
        !digits(s + 11, 2, &h) || s[13] != ':' || !digits(s + 14, 2, &mi) || s[16] != ':' ||
        !digits(s + 17, 2, &sec))
        return false;
    static const int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo < 1 || mo > 12 || d < 1 || d > month_days[mo - 1] || (mo == 2 && d == 29 && !leap) ||
        h > 23 || mi > 59 || sec > 60)
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        int n = 0;
        for (p++; *p >= '0' && *p <= '9'; p++, n++)
            if (n < 3)
                frac = frac * 10 + (*p - '0');
        if (n == 0)
            return false;
        for (; n < 3; n++)
            frac *= 10;
    }
    int64_t offset = 0;
    if (*p == 'Z' || *p == 'z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om;
        if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om) || oh > 23 || om > 59)
            return false;
        offset = (oh * 60 + om) * 60 * (*p == '-' ? -1 : 1);
        p += 6;
    } else {
        return false;
    }
    if (*p)
        return false;
    int64_t secs = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + (sec > 59 ? 59 : sec);
    *ms = (secs - offset) * 1000 + frac;
    return true;
}

/* A duration for messages: "95s", "1.5s", "2m 5s" -- as precise as the milliseconds. */
static const char *duration_text(char *buf, size_t size, int64_t ms) {
    int64_t s = ms / 1000, rest = ms % 1000;
    if (s >= 60)
        snprintf(buf, size, "%" PRId64 "m %" PRId64 "%s%.3" PRId64 "s", s / 60, s % 60,
                 rest ? "." : "", rest);
    else
        snprintf(buf, size, "%" PRId64 "%s%.3" PRId64 "s", s, rest ? "." : "", rest);
    if (!rest) { /* drop the empty fraction */
        char *dot = strrchr(buf, 's');
        if (dot && dot - buf >= 3 && strncmp(dot - 3, "000", 3) == 0)
            memmove(dot - 3, dot, 2);
    }
    return buf;
}

/* ---- Instances ---- */

static uint32_t hash_of(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The instance named id; *fresh says whether it was added now. */
static instance *instance_get(replay *rp, const char *id, bool *fresh) {
    if (2 * (rp->count + 1) > rp->cap) {
        size_t cap = rp->cap ? rp->cap * 2 : 1024;
        instance *table = calloc(cap, sizeof *table);
        if (!table)
            arena_out_of_memory();
        for (size_t i = 0; i < rp->cap; i++) {
            if (!rp->table[i].id)
                continue;
            size_t j = rp->table[i].hash & (cap - 1);
            while (table[j].id)
                j = (j + 1) & (cap - 1);
            table[j] = rp->table[i];
        }
        free(rp->table);
        rp->table = table;
        rp->cap = cap;
    }
    uint32_t h = hash_of(id);
    size_t j = h & (rp->cap - 1);
    for (; rp->table[j].id; j = (j + 1) & (rp->cap - 1))
        if (rp->table[j].hash == h && strcmp(rp->table[j].id, id) == 0) {
            *fresh = false;
            return &rp->table[j];
        }
    *fresh = true;
    rp->count++;
    instance *in = &rp->table[j];
    size_t len = strlen(id);
    in->id = xrealloc(NULL, len + 1);
    memcpy(in->id, id, len + 1);
    in->hash = h;
    return in;
}

/* ---- Checking ---- */

/* A note at a transition of the spec, in model_step_text's form. */
static void spec_note(replay *rp, const model_transition *t, const char *why) {
    const model_machine *m = rp->m;
    char by[32] = "";
    for (unsigned i = 0; i < 3; i++)
        if (t->by & (1u << i))
            snprintf(by + strlen(by), sizeof by - strlen(by), "%s%s", *by ? ", " : "",
                     initiator_names[i]);
    bool guarded = t->guard != MODEL_NO_GUARD;
    diag_note(&rp->d, t->loc, "%s: %s -> %s on %s by %s%s%s%s", why, m->states[t->from].name,
              m->states[t->to].name, m->triggers[t->trigger].name, by,
              guarded ? " when " : "", guarded && t->negated ? "not " : "",
              guarded ? m->guards[t->guard].name : "");
}

/* Whether alternative k of alts can be taken for some answers of the guards: every earlier
   one must fail and k hold, with each guard answering one way only. */
static bool producible(const replay *rp, const uint32_t *alts, uint32_t k) {
    const model_transition *tk = &rp->m->transitions[alts[k]];
    for (uint32_t j = 0; j < k; j++) {
        const model_transition *tj = &rp->m->transitions[alts[j]];
        if (tj->guard == MODEL_NO_GUARD)
            return false; /* an unguarded alternative is always taken */
        /* tj fails: its guard answers negated; tk holds: its guard answers !negated. */
        if (tk->guard == tj->guard && tk->negated != tj->negated)
            continue;
        if (tk->guard == tj->guard)
            return false;
        for (uint32_t i = 0; i < j; i++) {
            const model_transition *ti = &rp->m->transitions[alts[i]];
            if (ti->guard == tj->guard && ti->negated != tj->negated)
                return false; /* ti fails needs the opposite answer */
        }
    }
    return true;
}

/* Whether the alternative holds under the record's guards (the ones named held, others not). */
static bool holds(const replay *rp, const model_transition *t) {
    return t->guard == MODEL_NO_GUARD || rp->held[t->guard] != t->negated;
}

/* The guard names of the record for a message: "reachable, synced" or "no guard". */
static const char *held_text(replay *rp) {
    out *o = &rp->scratch;
    o->len = 0;
    for (uint32_t g = 0; g < rp->m->guard_count; g++)
        if (rp->held[g])
            out_printf(o, "%s%s", o->len ? ", " : "", rp->m->guards[g].name);
    if (!o->len)
        out_puts(o, "no guard");
    return o->data;
}

/* Checks the move from state s of the record; reports what the spec could not have done. */
static void check_move(replay *rp, const replay_record *r, uint32_t s, uint32_t trig,
                       unsigned bit, uint32_t to, bool has_guards) {
    const model_machine *m = rp->m;
    const char *sname = m->states[s].name, *tname = m->triggers[trig].name;
    const char *toname = m->states[to].name, *by = r->text[REPLAY_INITIATOR];
    if (m->states[s].final) {
        violation(rp, KIND_FINAL, r->line, 0, "moved out of final state %q (on %q to %q)", sname,
                  tname, toname);
        diag_note(&rp->d, m->states[s].loc, "'%s' declared final here", sname);
        return;
    }
    uint32_t first = UINT32_MAX;
    for (uint32_t e = m->out[s]; e < m->out[s + 1] && first == UINT32_MAX; e++)
        if (m->transitions[e].trigger == trig)
            first = e;
    if (first == UINT32_MAX) {
        violation(rp, KIND_NO_TRANSITION, r->line, 0, "no transition from %q on %q (to %q)", sname,
                  tname, toname);
        out o = {0};
        for (uint32_t e = m->out[s]; e < m->out[s + 1]; e++) {
            const char *name = m->triggers[m->transitions[e].trigger].name;
            if (e == m->out[s] || m->transitions[e - 1].trigger != m->transitions[e].trigger)
                out_printf(&o, "%s'%s'", o.len ? ", " : "", name);
        }
        diag_note(&rp->d, m->states[s].loc, "'%s' declared here; it takes %s", sname,
                  o.len ? o.data : "no trigger");
        out_free(&o);
        return;
    }
    uint32_t n = model_alternatives(m, s, trig, bit, rp->alternatives);
    const uint32_t *alts = rp->alternatives;
    if (n == 0) {
        violation(rp, KIND_NOT_PERMITTED, r->line, 0,
                  "%q may not fire %q from %q (not permitted)", by, tname, sname);
        for (uint32_t e = first; e < m->out[s + 1] && m->transitions[e].trigger == trig; e++)
            spec_note(rp, &m->transitions[e], "the spec allows");
        return;
    }
    if (has_guards) {
        uint32_t taken = 0;
        while (taken < n && !holds(rp, &m->transitions[alts[taken]]))
            taken++;
        if (taken == n) {
            violation(rp, KIND_GUARD, r->line, 0,
                      "with %s held, no transition from %q on %q by %q applies: the "
                      "spec refuses (guard failed), yet the log moved to %q",
                      held_text(rp), sname, tname, by, toname);
            for (uint32_t k = 0; k < n; k++)
                spec_note(rp, &m->transitions[alts[k]], "tried");
            return;
        }
        const model_transition *t = &m->transitions[alts[taken]];
        if (t->to == to)
            return;
        bool reachable = false;
        for (uint32_t k = 0; k < n; k++)
            reachable |= m->transitions[alts[k]].to == to;
        if (reachable)
            violation(rp, KIND_GUARD, r->line, 0,
                      "with %s held, %q on %q by %q goes to %q, not %q", held_text(rp),
                      sname, tname, by, m->states[t->to].name, toname);
        else
            violation(rp, KIND_WRONG_TARGET, r->line, 0, "%q on %q by %q goes to %q, not %q",
                      sname, tname, by, m->states[t->to].name, toname);
        spec_note(rp, t, "the transition that applies");
        return;
    }
    bool listed = false;
    for (uint32_t k = 0; k < n; k++)
        if (m->transitions[alts[k]].to == to) {
            if (producible(rp, alts, k))
                return;
            listed = true;
        }
    if (listed) {
        violation(rp, KIND_GUARD, r->line, 0,
                  "no answer of the guards takes %q on %q by %q to %q: an earlier alternative "
                  "always applies first", sname, tname, by, toname);
    } else {
        out o = {0};
        for (uint32_t k = 0; k < n; k++) {
            const char *name = m->states[m->transitions[alts[k]].to].name;
            if (producible(rp, alts, k) && !strstr(o.data ? o.data : "", name))
                out_printf(&o, "%s'%s'", o.len ? " or " : "", name);
        }
        violation(rp, KIND_WRONG_TARGET, r->line, 0, "%q on %q by %q goes to %s, not %q", sname,
                  tname, by, o.data, toname);
        out_free(&o);
    }
    for (uint32_t k = 0; k < n; k++)
        if (producible(rp, alts, k))
            spec_note(rp, &m->transitions[alts[k]],
                      n == 1 ? "the transition that applies" : "an alternative that applies");
}

void replay_record_check(replay *rp, const replay_record *r) {
    const model_machine *m = rp->m;
    /* The store's import rows (initiator 'import', no trigger): an instance placed in a state
       with a seq, not a transition. */
    bool import = r->text[REPLAY_INITIATOR] && strcmp(r->text[REPLAY_INITIATOR], "import") == 0;
#define REQUIRED(id, name, required)                                                               \
    if (required && !r->text[REPLAY_##id] && !(import && REPLAY_##id == REPLAY_TRIGGER)) {         \
        replay_malformed(rp, r->line, 0, "no '%s' in the record", name);                          \
        return;                                                                                    \
    }
    REPLAY_FIELDS(REQUIRED)
#undef REQUIRED
    int64_t seq = 0, at = 0;
    if (r->text[REPLAY_SEQ] && (seq = read_seq(rp, r)) < 0)
        return;
    if (r->text[REPLAY_TIME] && !parse_time(r->text[REPLAY_TIME], &at)) {
        malformed_value(rp, r->line, "'time' must be an RFC 3339 time such as 2026-03-01T10:00:00Z",
                        r->text[REPLAY_TIME]);
        return;
    }
    rp->records++; /* a transition read whole: counted, whatever the spec says of it */
    rp->current = r->text[REPLAY_INSTANCE];
    if (import) {
        int64_t to = find_state(rp, r, REPLAY_TO);
        bool fresh;
        instance *in = instance_get(rp, r->text[REPLAY_INSTANCE], &fresh);
        in->state = to >= 0 ? (uint32_t)to : 0;
        in->lost = to < 0;
        in->has_seq = r->text[REPLAY_SEQ] != NULL;
        in->seq = seq;
        in->has_entered = r->text[REPLAY_TIME] != NULL;
        in->entered_ms = at;
        if (r->text[REPLAY_TIME]) {
            in->has_time = true;
            in->last_ms = at;
        }
        in->last_source = rp->source;
        in->last_line = r->line;
        rp->current = NULL;
        return;
    }
    /* Names: every unknown one is reported. */
    int64_t trig = find_trigger(rp, r);
    unsigned bit = find_initiator(rp, r);
    int64_t to = find_state(rp, r, REPLAY_TO);
    int64_t from = r->text[REPLAY_FROM] ? find_state(rp, r, REPLAY_FROM) : -2;
    bool guards_ok = !r->text[REPLAY_GUARDS] || read_guards(rp, r);

    bool fresh;
    instance *in = instance_get(rp, r->text[REPLAY_INSTANCE], &fresh);
    const char *id = in->id;
    if (fresh) {
        /* An instance starts where its first record says it was, else in the initial state. */
        in->state = from >= 0 ? (uint32_t)from : m->initial;
        in->lost = from == -1;
    }

    /* Order: seq, then time. A repeated or older seq is a stale record: reported, not applied. */
    bool gap = false;
    if (r->text[REPLAY_SEQ] && in->has_seq) {
        if (seq <= in->seq) {
            /* A stale record: skipped. But a smaller seq on a record that leaves from where the
               instance is suggests the earlier seq was wrong: it is followed from here, so one
               bad seq does not make every later record stale. */
            kind k = seq == in->seq ? KIND_SEQ_REPEAT : KIND_SEQ_DECREASE;
            bool fits = k == KIND_SEQ_DECREASE && from >= 0 && (uint32_t)from == in->state &&
                        !in->lost && !fresh;
            if (k == KIND_SEQ_REPEAT)
                violation(rp, k, r->line, 0, "seq %d repeated (the record is skipped)", seq);
            else if (!fits)
                violation(rp, k, r->line, 0, "seq %d after %d (the record is skipped)", seq,
                          in->seq);
            else
                violation(rp, k, r->line, 0,
                          "seq %d after %d (the record leaves from where the instance is: "
                          "the seq is followed from here)", seq, in->seq);
            log_note(rp, in->last_source, in->last_line, "%q: seq %d here", id, in->seq);
            if (!fits)
                return;
        }
        if (seq > in->seq + 1) {
            gap = true;
            uint64_t missing = (uint64_t)(seq - in->seq - 1);
            violation(rp, KIND_SEQ_GAP, r->line, 0, "seq %d after %d: %u transition%s missing", seq, in->seq, missing, missing == 1 ? "" : "s");
            log_note(rp, in->last_source, in->last_line, "%q: seq %d here", id, in->seq);
        }
    }
    if (r->text[REPLAY_SEQ]) {
        in->has_seq = true;
        in->seq = seq;
    }
    bool in_order = true;
    if (r->text[REPLAY_TIME] && in->has_time && at < in->last_ms) {
        in_order = false;
        violation(rp, KIND_TIME_ORDER, r->line, 0, "time %q is before its previous record",
                  r->text[REPLAY_TIME]);
        log_note(rp, in->last_source, in->last_line, "%q: the previous record", id);
    }

    if (trig < 0 || !bit || to < 0 || from == -1 || !guards_ok) { /* cannot be checked */
        in->lost = to < 0;
        if (to >= 0)
            in->state = (uint32_t)to;
        in->has_entered = false;
        goto done;
    }
    /* The instance was where the record says it left from; after a gap, or while its state is
       unknown, the record's from is believed. */
    if (from >= 0 && (uint32_t)from != in->state) {
        if (!gap && !in->lost && !fresh) {
            violation(rp, KIND_FROM, r->line, 0, "'from' is %q, but the instance was in %q",
                      r->text[REPLAY_FROM], m->states[in->state].name);
            log_note(rp, in->last_source, in->last_line, "%q entered '%s' here", id,
                     m->states[in->state].name);
        }
        in->state = (uint32_t)from;
        in->has_entered = false;
    } else if (in->lost) {
        /* No from: nothing to check against. */
        in->state = (uint32_t)to;
        in->lost = false;
        in->has_entered = r->text[REPLAY_TIME] != NULL;
        in->entered_ms = at;
        goto done;
    }
    in->lost = false;
    /* A timed state held past its timeout with something else recorded than its timer. */
    const model_state *st = &m->states[in->state];
    if (r->text[REPLAY_TIME] && in_order && st->after_ms && in->has_entered &&
        at - in->entered_ms > (int64_t)st->after_ms &&
        !((uint32_t)trig == st->timer_trigger && bit == AST_AUTO)) {
        const model_transition *timed = NULL;
        for (uint32_t e = m->out[in->state]; e < m->out[in->state + 1] && !timed; e++)
            if (m->transitions[e].after_ms)
                timed = &m->transitions[e];
        char held[64];
        violation(rp, KIND_TIMEOUT, r->line, 0,
                  "stayed in %q for %s, past its timeout, with no %q recorded", st->name,
                  duration_text(held, sizeof held, at - in->entered_ms),
                  m->triggers[st->timer_trigger].name);
        if (timed) {
            char why[64];
            snprintf(why, sizeof why, "its timer (after %s)", timed->after ? timed->after : "?");
            spec_note(rp, timed, why);
        }
    }
    check_move(rp, r, in->state, (uint32_t)trig, bit, (uint32_t)to, r->text[REPLAY_GUARDS] != NULL);
    /* The log is what happened: the instance continues from the recorded target. */
    in->state = (uint32_t)to;
    in->has_entered = r->text[REPLAY_TIME] != NULL;
    in->entered_ms = at;
done:
    if (r->text[REPLAY_TIME] && (!in->has_time || at > in->last_ms)) {
        in->has_time = true;
        in->last_ms = at;
    }
    in->last_source = rp->source;
    in->last_line = r->line;
    rp->current = NULL;
}

/* ---- The command ---- */

static const char usage_text[] =
    "usage: transitc replay SPEC [--machine M] [--field NAME=KEY]... [--input=FMT]\n"
    "                       [--format=FMT] [SOURCE]...\n";

static int usage_error(const char *fmt, const char *arg) {
    fputs("transitc: error: ", stderr);
    fprintf(stderr, fmt, arg);
    fputs("\nTry 'transitc --help' for more information.\n", stderr);
    return EXIT_USAGE;
}

typedef enum input_kind { INPUT_AUTO, INPUT_JSON, INPUT_CSV } input_kind;

/* The input format of a file: by its name, else by its first character ('{': JSON lines). The
   blank lines skipped to find it are counted in log->skipped_lines. */
static input_kind sniff(FILE *f, const char *path, input_kind forced, replay_log *log) {
    log->skipped_lines = 0;
    if (forced != INPUT_AUTO)
        return forced;
    const char *dot = strrchr(path, '.');
    if (dot && strcmp(dot, ".csv") == 0)
        return INPUT_CSV;
    if (dot && (!strcmp(dot, ".jsonl") || !strcmp(dot, ".ndjson") || !strcmp(dot, ".json")))
        return INPUT_JSON;
    int c;
    while ((c = getc(f)) == ' ' || c == '\t' || c == '\r' || c == '\n')
        log->skipped_lines += c == '\n';
    if (c != EOF)
        ungetc(c, f);
    return c == '{' ? INPUT_JSON : INPUT_CSV;
}

/* One source; false after an I/O error (printed). */
static bool read_source(replay *rp, const char *path, replay_log *log, input_kind forced) {
    if (strncmp(path, "sqlite:", 7) == 0)
        return replay_read_sqlite(rp, path + 7, rp->m->name);
    if (strncmp(path, "postgresql://", 13) == 0 || strncmp(path, "postgres://", 11) == 0)
        return replay_read_pq(rp, path, rp->m->name);
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *f = is_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "transitc: error: cannot open %s: %s\n", path, strerror(errno));
        return false;
    }
    log->in = f;
    log->name = is_stdin ? "<stdin>" : path;
    bool ok = sniff(f, path, forced, log) == INPUT_CSV ? replay_read_csv(rp, log)
                                                  : replay_read_json(rp, log);
    if (!is_stdin)
        fclose(f);
    return ok;
}

static void summary(replay *rp) {
    if (rp->d.format == DIAG_JSON) {
        printf("{\"summary\":{\"instances\":%zu,\"transitions\":%" PRIu64 ",\"violations\":%" PRIu64
               ",\"by_kind\":{",
               rp->count, rp->records, rp->violations);
        bool first = true;
        for (int k = 0; k < KIND_COUNT; k++)
            if (rp->by_kind[k]) {
                printf("%s\"%s\":%" PRIu64, first ? "" : ",", kind_names[k], rp->by_kind[k]);
                first = false;
            }
        printf("}}}\n");
        return;
    }
    printf("%zu instance%s, %" PRIu64 " transition%s, ", rp->count, rp->count == 1 ? "" : "s",
           rp->records, rp->records == 1 ? "" : "s");
    if (!rp->violations) {
        printf("no violations\n");
        return;
    }
    printf("%" PRIu64 " violation%s:", rp->violations, rp->violations == 1 ? "" : "s");
    bool first = true;
    for (int k = 0; k < KIND_COUNT; k++)
        if (rp->by_kind[k]) {
            printf("%s %" PRIu64 " %s", first ? "" : ",", rp->by_kind[k], kind_names[k]);
            first = false;
        }
    putchar('\n');
}

int replay_run(const model_machine *m, bool json, const replay_log *keys, char input,
               const char *const *sources, int source_count) {
    arena a = {0};
    int status = 0;
    replay_log log = *keys;
    input_kind forced = input == 'j' ? INPUT_JSON : input == 'c' ? INPUT_CSV : INPUT_AUTO;
    diag_format format = json ? DIAG_JSON : DIAG_TEXT;
    replay *rp = calloc(1, sizeof *rp);
    if (!rp)
        arena_out_of_memory();
    rp->m = m;
    diag_init(&rp->d, stdout);
    rp->d.format = format;
    for (uint32_t s = 0; s < m->state_count; s++) {
        names_put(&rp->states, m->states[s].name, s);
        names_put(&rp->persisted, m->states[s].persisted, s);
    }
    for (uint32_t t = 0; t < m->trigger_count; t++)
        names_put(&rp->triggers, m->triggers[t].name, t);
    for (uint32_t g = 0; g < m->guard_count; g++)
        names_put(&rp->guards, m->guards[g].name, g);
    rp->held = arena_array(&a, m->guard_count + 1, sizeof *rp->held);
    rp->alternatives = arena_array(&a, m->transition_count + 1, sizeof *rp->alternatives);
    rp->source_names = arena_array(&a, (size_t)source_count, sizeof *rp->source_names);
    for (int i = 0; i < source_count; i++) {
        const char *s = sources[i];
        /* A PostgreSQL URI may hold a password: reports name the database by its URI's scheme
           and path only. */
        if (strncmp(s, "postgres", 8) == 0 && strstr(s, "://")) {
            const char *q = strchr(s, '?');
            const char *slash = strchr(strstr(s, "://") + 3, '/');
            s = arena_printf(&a, "postgresql:%.*s", slash ? (int)((q ? q : slash + strlen(slash)) - slash) : 0,
                             slash ? slash : "");
        }
        rp->source_names[i] = strcmp(s, "-") == 0 ? "<stdin>" : s;
    }
    for (int i = 0; i < source_count; i++) {
        rp->source = (uint32_t)i;
        if (!read_source(rp, sources[i], &log, forced))
            status = EXIT_USAGE;
    }
    summary(rp);
    if (status == 0 && rp->violations)
        status = EXIT_VIOLATION;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, "transitc: error: cannot write the report\n");
        status = EXIT_USAGE;
    }
    for (size_t i = 0; i < rp->cap; i++)
        free(rp->table[i].id);
    free(rp->table);
    names_free(&rp->states);
    names_free(&rp->persisted);
    names_free(&rp->triggers);
    names_free(&rp->guards);
    out_free(&rp->msg);
    out_free(&rp->scratch);
    free(rp);
    arena_free(&a);
    return status;
}

int replay_main(int argc, char **argv) {
    const char *spec = NULL, *machine = NULL;
    const char **sources = calloc((size_t)argc + 1, sizeof *sources);
    if (!sources)
        arena_out_of_memory();
    int source_count = 0;
    replay_log log = {0};
#define DEFAULT_KEY(id, name, required) log.keys[REPLAY_##id] = name;
    REPLAY_FIELDS(DEFAULT_KEY)
#undef DEFAULT_KEY
    input_kind forced = INPUT_AUTO;
    diag_format format = DIAG_TEXT;
    int status = 0;
    for (int i = 1; i < argc && status == 0; i++) {
        const char *arg = argv[i];
        const char *value = NULL;
        if (strcmp(arg, "--") == 0) {
            while (++i < argc)
                if (!spec)
                    spec = argv[i];
                else
                    sources[source_count++] = argv[i];
            break;
        } else if (arg[0] != '-' || arg[1] == '\0') {
            if (!spec)
                spec = arg;
            else
                sources[source_count++] = arg;
        } else if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage_text, stdout);
            status = -1;
        } else if (strcmp(arg, "--machine") == 0 || strncmp(arg, "--machine=", 10) == 0) {
            if (arg[9] == '=')
                machine = arg + 10;
            else if (++i < argc)
                machine = argv[i];
            else
                status = usage_error("%s needs a machine name", arg);
        } else if (strcmp(arg, "--field") == 0 || strncmp(arg, "--field=", 8) == 0) {
            if (arg[7] == '=')
                value = arg + 8;
            else if (++i < argc)
                value = argv[i];
            else
                status = usage_error("%s needs NAME=KEY", arg);
            if (value) {
                const char *eq = strchr(value, '=');
                int f = -1;
#define FIELD_MATCH(id, name, required)                                                            \
    if (eq && (size_t)(eq - value) == strlen(name) && strncmp(value, name, strlen(name)) == 0)    \
        f = REPLAY_##id;
                REPLAY_FIELDS(FIELD_MATCH)
#undef FIELD_MATCH
                if (f < 0 || !eq[1])
                    status = usage_error("--field takes NAME=KEY with NAME one of instance, seq, "
                                         "from, trigger, initiator, to, time, guards, not '%s'",
                                         value);
                else
                    log.keys[f] = eq + 1;
            }
        } else if (strcmp(arg, "--input=json") == 0) {
            forced = INPUT_JSON;
        } else if (strcmp(arg, "--input=csv") == 0) {
            forced = INPUT_CSV;
        } else if (strcmp(arg, "--format=json") == 0) {
            format = DIAG_JSON;
        } else if (strcmp(arg, "--format=text") == 0) {
            format = DIAG_TEXT;
        } else {
            status = usage_error("unknown replay option '%s'", arg);
        }
    }
    if (status == 0 && !spec)
        status = usage_error("%s: no spec file given", "replay");
    if (status) {
        free(sources);
        return status < 0 ? 0 : status;
    }
    if (source_count == 0)
        sources[source_count++] = "-";
    int stdin_uses = 0;
    for (int i = 0; i < source_count; i++)
        stdin_uses += strcmp(sources[i], "-") == 0;
    if (stdin_uses > 1 || (stdin_uses && strcmp(spec, "-") == 0)) {
        free(sources);
        return usage_error("%s: standard input can be read only once", "replay");
    }

    /* The spec: checked as 'transitc check' checks it; its errors stop the replay. */
    arena a = {0};
    diag spec_diag;
    diag_init(&spec_diag, stderr);
    spec_diag.format = format;
    for (int w = 0; w < DIAG_WARNING_COUNT; w++)
        spec_diag.disabled[w] = true;
    const char *err = NULL;
    source *src = source_read(&a, spec, &err);
    ast_file *file = NULL;
    model mo = {0};
    if (!src) {
        fprintf(stderr, "transitc: error: %s\n", err);
        status = EXIT_USAGE;
    } else if (!(file = dsl_parse(&a, &spec_diag, src)) ||
               !check_files(&a, &spec_diag, &file, 1, &mo) || spec_diag.errors) {
        fprintf(stderr, "transitc: error: %s has errors: nothing replayed\n", spec);
        status = EXIT_USAGE;
    }
    const model_machine *m = NULL;
    for (uint32_t i = 0; status == 0 && i < mo.machine_count; i++)
        if (!machine || strcmp(mo.machines[i].name, machine) == 0) {
            if (m) {
                fprintf(stderr, "transitc: error: %s has several machines: choose one with "
                                "--machine\n", spec);
                status = EXIT_USAGE;
            }
            m = &mo.machines[i];
        }
    if (status == 0 && !m) {
        fprintf(stderr, "transitc: error: %s has no machine '%s'\n", spec, machine ? machine : "");
        status = EXIT_USAGE;
    }
    if (status) {
        free(sources);
        arena_free(&a);
        return status;
    }

    status = replay_run(m, format == DIAG_JSON, &log,
                        forced == INPUT_JSON ? 'j' : forced == INPUT_CSV ? 'c' : 0, sources,
                        source_count);
    free(sources);
    arena_free(&a);
    return status;
}
