/*
** Escaping of spec text, one function per output format.
*/
#include "escape.h"

#include <stdio.h>

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
