/*
** Escaping of spec text, one function per output format.
*/
#include "escape.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* How a format spells a byte or code point that needs it. */
typedef enum spelling {
    AS_IS,      /* the bytes as they are */
    AS_SPACE,   /* one space */
    AS_PICTURE, /* its Unicode control picture, U+2400 + c (U+2421 for 0x7f): control bytes */
    AS_OCTAL,   /* \ooo (C) */
    AS_HEX,     /* \xhh (Go) */
    AS_UNICODE, /* \uhhhh (JSON, Go, JavaScript) */
    AS_ENTITY,  /* &#N; (HTML, Markdown) */
    AS_MERMAID  /* #N; (Mermaid's entity codes) */
} spelling;

static void spell(out *o, unsigned code, spelling how) {
    switch (how) {
    case AS_IS: break;
    case AS_SPACE: out_write(o, " ", 1); break;
    case AS_PICTURE: {
        char buf[3] = {'\xe2', '\x90', (char)(code == 0x7f ? 0xa1 : 0x80 + code)};
        out_write(o, buf, 3);
        break;
    }
    case AS_OCTAL: out_printf(o, "\\%03o", code); break;
    case AS_HEX: out_printf(o, "\\x%02x", code); break;
    case AS_UNICODE: out_printf(o, "\\u%04x", code); break;
    case AS_ENTITY: out_printf(o, "&#%u;", code); break;
    case AS_MERMAID: out_printf(o, "#%u;", code); break;
    }
}

/* The code point of U+2028 or U+2029 (JavaScript's line separators) if p starts with one, else 0:
   parsers written in JavaScript end a line there, so Mermaid, Markdown and JSON escape them. */
static unsigned line_separator(const unsigned char *p) {
    return p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9) ? 0x2000u + p[2] - 0x80u
                                                                           : 0;
}

/* How one format escapes text: what escape() asks of each byte, in this order. */
typedef struct format {
    /* What depends on the neighbours (a trigraph, a comment's end, the start of the text or of a
       line): puts in text (at most 7 bytes and a NUL) what p (inside s) starts as and returns how
       many bytes that takes, or 0 to leave p to the rules below. NULL: none. */
    size_t (*rule)(const unsigned char *s, const unsigned char *p, char text[8]);
    const char *ascii[128]; /* an ASCII byte's replacement (a newline's followed by the prefix) */
    spelling control;       /* a byte below 0x20, or 0x7f, with no replacement */
    spelling separator;     /* U+2028 and U+2029 */
    spelling high;          /* every other byte from 0x80 on */
    size_t max; /* after this many bytes the text is cut, at a character, with an ellipsis; 0: never */
} format;

/* in escaped by format f; prefix (or nothing, NULL) after each newline's replacement. Bytes that
   need nothing are written in runs. */
static void escape(out *o, const char *in, const format *f, const char *prefix) {
    const unsigned char *s = (const unsigned char *)in, *p = s, *run = s;
    size_t start = o->len;
    while (*p) {
        if (!f->rule && !f->max) { /* the bytes that need nothing, in one pass */
            while (*p < 0x80 ? *p >= 0x20 && *p != 0x7f && !f->ascii[*p]
                             : f->high == AS_IS && (*p != 0xe2 || f->separator == AS_IS))
                p++;
            if (!*p)
                break;
        }
        if (f->max && o->len - start + (size_t)(p - run) > f->max && (*p & 0xc0) != 0x80) {
            out_write(o, (const char *)run, (size_t)(p - run));
            out_puts(o, "\xe2\x80\xa6");
            return;
        }
        char text[8];
        size_t n = f->rule ? f->rule(s, p, text) : 0;
        const char *with = *p < 0x80 ? f->ascii[*p] : NULL;
        bool control = *p < 0x20 || *p == 0x7f;
        unsigned separator = *p == 0xe2 && f->separator != AS_IS ? line_separator(p) : 0;
        bool high = *p >= 0x80 && !separator && f->high != AS_IS;
        if (!n && !with && !control && !separator && !high) {
            p++; /* as it is */
            continue;
        }
        out_write(o, (const char *)run, (size_t)(p - run));
        if (n) {
            out_puts(o, text);
            p += n;
        } else if (with) {
            out_puts(o, with);
            if (*p == '\n' && prefix)
                out_puts(o, prefix);
            p++;
        } else if (control) {
            spell(o, *p, f->control);
            p++;
        } else if (separator) {
            spell(o, separator, f->separator);
            p += 3;
        } else {
            spell(o, *p, f->high);
            p++;
        }
        run = p;
    }
    out_write(o, (const char *)run, (size_t)(p - run));
}

/* C: "??" could start a trigraph, so the second '?' is escaped. */
static size_t c_string_rule(const unsigned char *s, const unsigned char *p, char text[8]) {
    (void)s;
    if (*p != '?' || p[1] != '?')
        return 0;
    strcpy(text, "?\\");
    return 1;
}

static const format c_string = {
    c_string_rule, {['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t"},
    AS_OCTAL, AS_IS, AS_OCTAL, 0};

void escape_c_string(out *o, const char *s) { escape(o, s, &c_string, NULL); }

/* A C comment: nothing may close or open a comment, form a trigraph, or splice the next line. */
static size_t c_comment_rule(const unsigned char *s, const unsigned char *p, char text[8]) {
    (void)s;
    if (*p == '*' && p[1] == '/') {
        strcpy(text, "* /");
        return 2;
    }
    if (*p == '/' && p[1] == '*') {
        strcpy(text, "/ *");
        return 2;
    }
    if (*p == '?' && p[1] == '?') {
        strcpy(text, "? "); /* no trigraph */
        return 1;
    }
    if (*p == '\\' && (p[1] == '\0' || p[1] == '\n')) {
        /* A backslash at the end of a line would splice the next one into the comment. */
        strcpy(text, "\\ ");
        return 1;
    }
    return 0;
}

static const format c_comment = {c_comment_rule, {['\n'] = "\n"}, AS_SPACE, AS_IS, AS_IS, 0};

void escape_c_comment(out *o, const char *s, const char *prefix) {
    escape(o, s, &c_comment, prefix);
}

/* Mermaid: "direction LR" anywhere on a line is a statement, and only letters, digits, spaces and
   plain punctuation pass; other ASCII becomes an entity code. */
static size_t mermaid_rule(const unsigned char *s, const unsigned char *p, char text[8]) {
    size_t at = (size_t)(p - s);
    if (*p == ' ' && at >= 9 && strncasecmp((const char *)p - 9, "direction", 9) == 0) {
        strcpy(text, "#32;");
        return 1;
    }
    if (*p < 0x20 || *p >= 0x7f || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
        (*p >= '0' && *p <= '9') || strchr(" .,!?'()-_/+=*@^~", *p))
        return 0;
    snprintf(text, 8, "#%u;", *p);
    return 1;
}

static const format mermaid = {mermaid_rule, {['\n'] = "<br>"}, AS_PICTURE, AS_MERMAID, AS_IS, 0};

void escape_mermaid(out *o, const char *s) { escape(o, s, &mermaid, NULL); }

/* A Graphviz string with each backslash written as the given escape: two backslashes in a
   label, which Graphviz unescapes once; four in a tooltip, which it unescapes twice (so two
   would leave \N, which it then replaces with the node's name). Graphviz's scanner refuses a
   quoted string longer than 16384 bytes: longer text is cut, at a character boundary, and ends in
   an ellipsis. */
enum { DOT_STRING_MAX = 16000 };

static const format dot_label = {
    NULL, {['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['&'] = "&amp;"},
    AS_PICTURE, AS_IS, AS_IS, DOT_STRING_MAX};

static const format dot_tooltip = {
    NULL, {['"'] = "\\\"", ['\\'] = "\\\\\\\\", ['\n'] = "\\n", ['&'] = "&amp;"},
    AS_PICTURE, AS_IS, AS_IS, DOT_STRING_MAX};

void escape_dot(out *o, const char *s) { escape(o, s, &dot_label, NULL); }

void escape_dot_tooltip(out *o, const char *s) { escape(o, s, &dot_tooltip, NULL); }

/* Markdown: no block syntax at the start of the text ("-", "+", "=" or "1." would start a list
   or a heading). */
static size_t md_rule(const unsigned char *s, const unsigned char *p, char text[8]) {
    if (p != s)
        return 0;
    if (strchr("-+=", *p)) {
        snprintf(text, 8, "\\%c", *p);
        return 1;
    }
    if (*p >= '0' && *p <= '9') {
        snprintf(text, 8, "&#%u;", *p);
        return 1;
    }
    return 0;
}

static const format md = {
    md_rule,
    {['\n'] = "<br>", ['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['{'] = "&#123;",
     ['}'] = "&#125;", ['\\'] = "\\\\", ['`'] = "\\`", ['*'] = "\\*", ['_'] = "\\_",
     ['['] = "\\[", [']'] = "\\]", ['|'] = "\\|", ['#'] = "\\#", ['~'] = "\\~", ['!'] = "\\!"},
    AS_PICTURE, AS_ENTITY /* it would end the table row */, AS_IS, 0};

void escape_md(out *o, const char *s) { escape(o, s, &md, NULL); }

/* JSON: '<', '>' and '&' escaped too, so the text is safe inside HTML and JavaScript. */
static const format json = {
    NULL,
    {['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r",
     ['<'] = "\\u003c", ['>'] = "\\u003e", ['&'] = "\\u0026"},
    AS_UNICODE, AS_UNICODE, AS_IS, 0};

void escape_json(out *o, const char *s) { escape(o, s, &json, NULL); }

void escape_json_value(out *o, const char *s) {
    if (!s) {
        out_write(o, "null", 4);
        return;
    }
    out_write(o, "\"", 1);
    escape_json(o, s);
    out_write(o, "\"", 1);
}

/* Go and JavaScript strings differ only in how a control byte is spelled. */
static const format go_string = {
    NULL, {['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r"},
    AS_HEX, AS_UNICODE, AS_IS, 0};

static const format ts_string = {
    NULL, {['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t", ['\r'] = "\\r"},
    AS_UNICODE, AS_UNICODE, AS_IS, 0};

void escape_go_string(out *o, const char *s) { escape(o, s, &go_string, NULL); }

void escape_ts_string(out *o, const char *s) { escape(o, s, &ts_string, NULL); }

static const format line_comment = {NULL, {['\n'] = "\n"}, AS_SPACE, AS_SPACE, AS_IS, 0};

void escape_line_comment(out *o, const char *s, const char *prefix) {
    escape(o, s, &line_comment, prefix);
}

/* s between two quote characters q, each q inside doubled: the literal and identifier syntax
   SQLite and PostgreSQL share. */
static void sql_quoted(out *o, const char *s, char q) {
    out_write(o, &q, 1);
    for (const char *p = s; *p; p++) {
        if (*p == q)
            out_write(o, &q, 1);
        out_write(o, p, 1);
    }
    out_write(o, &q, 1);
}

void escape_sqlite_string(out *o, const char *s) { sql_quoted(o, s, '\''); }

void escape_sqlite_ident(out *o, const char *s) { sql_quoted(o, s, '"'); }

void escape_postgresql_string(out *o, const char *s) { sql_quoted(o, s, '\''); }

void escape_postgresql_ident(out *o, const char *s) { sql_quoted(o, s, '"'); }

static const format sql_comment = {NULL, {['\n'] = "\n"}, AS_SPACE, AS_IS, AS_IS, 0};

void escape_sql_comment(out *o, const char *s, const char *prefix) {
    escape(o, s, &sql_comment, prefix);
}

/* A TypeScript doc comment: "*" "/" cannot close it, and '@' cannot start a tag where only spaces
   stand before it on its line. */
static size_t ts_comment_rule(const unsigned char *s, const unsigned char *p, char text[8]) {
    if (*p == '*' && p[1] == '/') {
        strcpy(text, "*\\/");
        return 2;
    }
    if (*p != '@')
        return 0;
    const unsigned char *q = p;
    while (q > s && q[-1] == ' ')
        q--;
    if (q != s && q[-1] != '\n')
        return 0;
    strcpy(text, "\\@");
    return 1;
}

static const format ts_comment = {ts_comment_rule, {['\n'] = "\n"}, AS_SPACE, AS_SPACE, AS_IS, 0};

void escape_ts_comment(out *o, const char *s, const char *prefix) {
    escape(o, s, &ts_comment, prefix);
}

static const format html = {
    NULL,
    {['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['"'] = "&quot;", ['\''] = "&#39;",
     ['\n'] = "\n"},
    AS_PICTURE, AS_IS, AS_IS, 0};

void escape_html(out *o, const char *s) { escape(o, s, &html, NULL); }

void escape_html_script(out *o, const char *s, size_t len) {
    for (size_t i = 0; i < len; i++) {
        /* "</script" would end the element and "<!--" starts HTML's script escape states; "<\/"
           and "<\!" mean the same inside a JavaScript string, regex or comment. */
        if (s[i] == '<' && i + 1 < len && (s[i + 1] == '/' || s[i + 1] == '!')) {
            out_write(o, "<\\", 2);
            continue;
        }
        out_write(o, s + i, 1);
    }
}
