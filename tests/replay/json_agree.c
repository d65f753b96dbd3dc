/*
** transitc replay reads a plain JSON line with cJSON and any other with jansson
** (generator/replay_log.c); the choice must never show. For seeded mutations of log lines (the
** bytes JSON cares about inserted, replaced or deleted: quotes, backslashes, digits, signs,
** dots, exponents, control bytes, non-ASCII, \u escapes, repeated keys, nested values), every
** line cJSON reads is read again by jansson alone, and both must give the same record, field by
** field, or the same message at the same column. The expectation is jansson's reading, which
** replay had before cJSON was added. Includes replay_log.c to reach its static functions.
**
**   replay_json_agree [ITERATIONS]
*/
#include "replay_log.c"

struct replay {
    int unused;
};

void replay_record_check(replay *rp, const replay_record *r) {
    (void)rp;
    (void)r;
}

void replay_malformed(replay *rp, uint64_t line, uint64_t column, const char *fmt, ...) {
    (void)rp;
    (void)line;
    (void)column;
    (void)fmt;
}

static const char *const base[] = {
    "{\"instance\": \"c1\", \"seq\": 3, \"from\": \"registered\", \"trigger\": \"connect\", "
    "\"initiator\": \"user\", \"to\": \"connected\", \"time\": \"2026-03-01T10:00:00Z\"}",
    "{\"instance\": \"c\\u00e9\", \"seq\": 0, \"trigger\": \"register\", \"initiator\": \"auto\", "
    "\"to\": \"registered\", \"guards\": [\"reachable\", \"synced\"], \"extra\": {\"a\": [1, -2, "
    "true, false, null], \"b\": \"x\\\"y\\\\z\"}}",
    "{\"instance\": \"\xc3\xa9\", \"seq\": 12345678901234, \"trigger\": \"t\", \"initiator\": "
    "\"self\", \"to\": \"s\", \"time\": null, \"guards\": []}",
    "  {\"to\":\"a\",\"initiator\":\"auto\",\"trigger\":\"b\",\"instance\":\"i\",\"seq\":-0}  ",
};

/* What a mutation puts in. */
static const char *const snippets[] = {
    "\"", "\\", "0", "1", "9", "-", "+", ".", "e", "E", "{", "}", "[", "]", ",", ":", " ",
    "\t", "\r", "\x01", "\x1f", "\x7f", "\xc3", "\xa9", "\xff", "\xef\xbb\xbf", "\xed\xa0\x80",
    "\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u00e9", "\\n", "\\x", "\\/",
    "\"seq\": 01, ", "\"to\": \"x\", ", "\"to\": 7, ", "\"instance\": 1, ", "\"seq\": 1.0, ",
    "\"seq\": 1e2, ", "\"guards\": [1], ", "\"x\": {\"a\": 1, \"a\": 2}, ", "1e400", "0.5",
    "true", "nul", "TRUE", "12345678901234567890", "1234567890123456", "-0", "[]", "{}", "null",
    "\"\"", "\"a\": 1 ",
};

static uint64_t state = 0x9E3779B97F4A7C15u;

static uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* The outcome of a line as text: the record's fields, or the message and column. */
static void describe(const json_lines *jl, json_outcome o, char *out, size_t size) {
    size_t n = 0;
    if (o == LINE_BLANK) {
        snprintf(out, size, "blank");
        return;
    }
    if (o == LINE_MALFORMED) {
        snprintf(out, size, "malformed at %" PRIu64 ": %s", jl->column, jl->message);
        return;
    }
    for (int f = 0; f < REPLAY_FIELD_COUNT && n < size; f++) {
        const char *t = jl->r.text[f];
        int w = snprintf(out + n, size - n, "%s=%s%s%s; ", jl->keys[f], t ? "'" : "",
                         t ? t : "(none)", t ? "'" : "");
        n += w > 0 ? (size_t)w : 0;
    }
}

int main(int argc, char **argv) {
    long iterations = argc > 1 ? strtol(argv[1], NULL, 10) : 100000;
    const char *keys[REPLAY_FIELD_COUNT];
#define KEY(id, name, required) keys[REPLAY_##id] = name;
    REPLAY_FIELDS(KEY)
#undef KEY
    json_begin();
    json_lines jl;
    json_lines_init(&jl, keys);
    long by_cjson = 0, records = 0, failures = 0;
    char line[2048], fast_text[4096], slow_text[4096];
    for (long it = 0; it < iterations; it++) {
        const char *b = base[next() % (sizeof base / sizeof *base)];
        size_t len = strlen(b);
        memcpy(line, b, len);
        for (uint64_t edits = 1 + next() % 3; edits; edits--) {
            size_t at = (size_t)(next() % (len + 1));
            uint64_t op = next() % 3;
            if (op == 2) { /* delete 1 to 3 bytes */
                size_t k = 1 + (size_t)(next() % 3);
                if (k > len - at)
                    k = len - at;
                memmove(line + at, line + at + k, len - at - k);
                len -= k;
                continue;
            }
            const char *s = snippets[next() % (sizeof snippets / sizeof *snippets)];
            size_t sl = strlen(s), gone = op == 1 && at < len ? 1 : 0; /* replace: 1 byte goes */
            if (len - gone + sl >= sizeof line)
                continue;
            memmove(line + at + sl, line + at + gone, len - at - gone);
            memcpy(line + at, s, sl);
            len = len - gone + sl;
        }
        json_outcome fast = json_line(&jl, line, len, true);
        bool read_by_cjson = jl.fast != NULL;
        describe(&jl, fast, fast_text, sizeof fast_text);
        json_line_done(&jl);
        if (!read_by_cjson)
            continue; /* jansson read it: nothing to compare */
        by_cjson++;
        records += fast == LINE_RECORD;
        json_outcome slow = json_line(&jl, line, len, false);
        describe(&jl, slow, slow_text, sizeof slow_text);
        json_line_done(&jl);
        if (strcmp(fast_text, slow_text) != 0 && failures++ < 10)
            printf("FAIL: %.*s\n  cJSON:   %s\n  jansson: %s\n", (int)len, line, fast_text,
                   slow_text);
    }
    json_lines_free(&jl);
    json_end();
    printf("%ld lines, %ld read by cJSON (%ld records), %ld disagreements\n", iterations, by_cjson,
           records, failures);
    /* The mutations must reach both readers, or the comparison proves nothing. */
    if (by_cjson < iterations / 10 || by_cjson > iterations - iterations / 10) {
        printf("FAIL: cJSON read %ld of %ld lines: the mutations do not exercise both readers\n",
               by_cjson, iterations);
        return 1;
    }
    return failures ? 1 : 0;
}
