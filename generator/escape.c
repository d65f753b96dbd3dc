/*
** Escaping of spec text, one function per output format.
*/
#include "escape.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

void escape_c_string(out *o, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': out_write(o, "\\\"", 2); break;
        case '\\': out_write(o, "\\\\", 2); break;
        case '\n': out_write(o, "\\n", 2); break;
        case '\t': out_write(o, "\\t", 2); break;
        case '?':
            /* "??" could start a trigraph: escape the second. */
            if (p[1] == '?')
                out_write(o, "?\\", 2);
            else
                out_write(o, "?", 1);
            break;
        default:
            if (*p < 0x20 || *p >= 0x7f) {
                char buf[8];
                snprintf(buf, sizeof buf, "\\%03o", *p);
                out_write(o, buf, 4);
            } else {
                out_write(o, (const char *)p, 1);
            }
        }
    }
}

void escape_c_comment(out *o, const char *s, const char *prefix) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '*' && p[1] == '/') {
            out_write(o, "* /", 3);
            p++;
        } else if (*p == '/' && p[1] == '*') {
            out_write(o, "/ *", 3);
            p++;
        } else if (*p == '?' && p[1] == '?') {
            out_write(o, "? ", 2); /* no trigraph */
        } else if (*p == '\n') {
            out_write(o, "\n", 1);
            out_puts(o, prefix);
        } else if (*p == '\\' && (p[1] == '\0' || p[1] == '\n')) {
            /* A backslash at the end of a line would splice the next one into the comment. */
            out_write(o, "\\ ", 2);
        } else if (*p < 0x20 || *p == 0x7f) {
            out_write(o, " ", 1);
        } else {
            out_write(o, (const char *)p, 1);
        }
    }
}

/* A control byte (below 0x20, or 0x7f) as its Unicode control picture, U+2400 + c (U+2421). */
/* The code point of U+2028 or U+2029 (JavaScript's line separators) if p starts with one, else 0:
   parsers written in JavaScript end a line there, so Mermaid, Markdown and JSON escape them. */
static unsigned line_separator(const unsigned char *p) {
    return p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9) ? 0x2000u + p[2] - 0x80u
                                                                           : 0;
}

static void control_picture(out *o, unsigned char c) {
    char buf[3] = {'\xe2', '\x90', (char)(c == 0x7f ? 0xa1 : 0x80 + c)};
    out_write(o, buf, 3);
}

void escape_mermaid(out *o, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        size_t at = (size_t)(p - (const unsigned char *)s);
        if (*p == ' ' && at >= 9 && strncasecmp((const char *)p - 9, "direction", 9) == 0) {
            /* Mermaid reads "direction LR" anywhere on a line as a statement. */
            out_write(o, "#32;", 4);
        } else if (*p == '\n') {
            out_write(o, "<br>", 4);
        } else if (*p < 0x20 || *p == 0x7f) {
            control_picture(o, *p);
        } else if (line_separator(p)) {
            out_printf(o, "#%u;", line_separator(p));
            p += 2;
        } else if (*p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                   (*p >= '0' && *p <= '9') || strchr(" .,!?'()-_/+=*@^~", *p)) {
            out_write(o, (const char *)p, 1);
        } else {
            out_printf(o, "#%d;", *p);
        }
    }
}

/* A Graphviz string with each backslash written as the given escape: two backslashes in a
   label, which Graphviz unescapes once; four in a tooltip, which it unescapes twice (so two
   would leave \N, which it then replaces with the node's name). */
/* Graphviz's scanner refuses a quoted string longer than 16384 bytes: longer text is cut, at a
   character boundary, and ends in an ellipsis. */
enum { DOT_STRING_MAX = 16000 };

static void dot_string(out *o, const char *s, const char *backslash) {
    size_t start = o->len;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (o->len - start > DOT_STRING_MAX && (*p & 0xc0) != 0x80) {
            out_puts(o, "\xe2\x80\xa6");
            return;
        }
        switch (*p) {
        case '"': out_write(o, "\\\"", 2); break;
        case '\\': out_puts(o, backslash); break;
        case '\n': out_write(o, "\\n", 2); break;
        case '&': out_write(o, "&amp;", 5); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                control_picture(o, *p);
            else
                out_write(o, (const char *)p, 1);
        }
    }
}

void escape_dot(out *o, const char *s) { dot_string(o, s, "\\\\"); }

void escape_dot_tooltip(out *o, const char *s) { dot_string(o, s, "\\\\\\\\"); }

void escape_md(out *o, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '\n': out_write(o, "<br>", 4); break;
        case '<': out_write(o, "&lt;", 4); break;
        case '>': out_write(o, "&gt;", 4); break;
        case '&': out_write(o, "&amp;", 5); break;
        case '{': out_write(o, "&#123;", 6); break;
        case '}': out_write(o, "&#125;", 6); break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                control_picture(o, *p);
            } else if (line_separator(p)) {
                out_printf(o, "&#%u;", line_separator(p)); /* it would end the table row */
                p += 2;
            } else if (strchr("\\`*_[]|#~!", *p) ||
                       (p == (const unsigned char *)s && strchr("-+=", *p))) {
                out_write(o, "\\", 1);
                out_write(o, (const char *)p, 1);
            } else if (p == (const unsigned char *)s && *p >= '0' && *p <= '9') {
                out_printf(o, "&#%d;", *p); /* "1." would start a list */
            } else {
                out_write(o, (const char *)p, 1);
            }
        }
    }
}

/* Bytes escape_json copies as they are: printable ASCII but the quote, backslash, <, > and &,
   and UTF-8 bytes other than 0xe2 (which may start a line separator). */
static bool json_plain(unsigned char c) {
    return c >= 0x20 && c != 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' &&
           c != 0xe2;
}

void escape_json(out *o, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        /* A run of plain bytes in one write. */
        const unsigned char *run = p;
        while (json_plain(*p))
            p++;
        if (p > run)
            out_write(o, (const char *)run, (size_t)(p - run));
        if (!*p)
            break;
        switch (*p) {
        case '"': out_write(o, "\\\"", 2); break;
        case '\\': out_write(o, "\\\\", 2); break;
        case '\n': out_write(o, "\\n", 2); break;
        case '\t': out_write(o, "\\t", 2); break;
        case '\r': out_write(o, "\\r", 2); break;
        default:
            if (*p < 0x20 || *p == 0x7f || *p == '<' || *p == '>' || *p == '&') {
                out_printf(o, "\\u%04x", *p);
            } else if (line_separator(p)) {
                out_printf(o, "\\u%04x", line_separator(p));
                p += 2;
            } else {
                out_write(o, (const char *)p, 1);
            }
        }
    }
}

void escape_json_value(out *o, const char *s) {
    if (!s) {
        out_write(o, "null", 4);
        return;
    }
    out_write(o, "\"", 1);
    escape_json(o, s);
    out_write(o, "\"", 1);
}

/* A Go or JavaScript string: the two differ only in how a control byte is spelled. */
static void quoted(out *o, const char *s, bool go) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': out_write(o, "\\\"", 2); break;
        case '\\': out_write(o, "\\\\", 2); break;
        case '\n': out_write(o, "\\n", 2); break;
        case '\t': out_write(o, "\\t", 2); break;
        case '\r': out_write(o, "\\r", 2); break;
        default:
            if (*p < 0x20 || *p == 0x7f) {
                out_printf(o, go ? "\\x%02x" : "\\u%04x", *p);
            } else if (line_separator(p)) {
                out_printf(o, "\\u%04x", line_separator(p));
                p += 2;
            } else {
                out_write(o, (const char *)p, 1);
            }
        }
    }
}

void escape_go_string(out *o, const char *s) { quoted(o, s, true); }

void escape_ts_string(out *o, const char *s) { quoted(o, s, false); }

void escape_line_comment(out *o, const char *s, const char *prefix) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n') {
            out_write(o, "\n", 1);
            out_puts(o, prefix);
        } else if (*p < 0x20 || *p == 0x7f) {
            out_write(o, " ", 1);
        } else if (line_separator(p)) {
            out_write(o, " ", 1);
            p += 2;
        } else {
            out_write(o, (const char *)p, 1);
        }
    }
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

void escape_sql_comment(out *o, const char *s, const char *prefix) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '\n') {
            out_write(o, "\n", 1);
            out_puts(o, prefix);
        } else if (*p < 0x20 || *p == 0x7f) {
            out_write(o, " ", 1);
        } else {
            out_write(o, (const char *)p, 1);
        }
    }
}

void escape_ts_comment(out *o, const char *s, const char *prefix) {
    bool line_start = true;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '*' && p[1] == '/') {
            out_write(o, "*\\/", 3);
            p++;
        } else if (*p == '@' && line_start) {
            out_write(o, "\\@", 2);
        } else if (*p == '\n') {
            out_write(o, "\n", 1);
            out_puts(o, prefix);
            line_start = true;
            continue;
        } else if (*p < 0x20 || *p == 0x7f) {
            out_write(o, " ", 1);
        } else if (line_separator(p)) {
            out_write(o, " ", 1);
            p += 2;
        } else {
            out_write(o, (const char *)p, 1);
        }
        if (*p != ' ')
            line_start = false;
    }
}

void escape_html(out *o, const char *s) {
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '<': out_write(o, "&lt;", 4); break;
        case '>': out_write(o, "&gt;", 4); break;
        case '&': out_write(o, "&amp;", 5); break;
        case '"': out_write(o, "&quot;", 6); break;
        case '\'': out_write(o, "&#39;", 5); break;
        case '\n': out_write(o, "\n", 1); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                control_picture(o, *p);
            else
                out_write(o, (const char *)p, 1);
        }
    }
}

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
