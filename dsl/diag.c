/*
** Diagnostics: one place that formats every message the compiler prints about a spec.
*/
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const warning_names[] = {
#define DIAG_WARNING_NAME(id, name, what) name,
    DIAG_WARNINGS(DIAG_WARNING_NAME)
#undef DIAG_WARNING_NAME
};

void diag_init(diag *d, FILE *out) {
    memset(d, 0, sizeof *d);
    d->out = out;
}

int diag_warning_index(const char *name) {
    for (int i = 0; i < DIAG_WARNING_COUNT; i++)
        if (strcmp(name, warning_names[i]) == 0)
            return i;
    return -1;
}

const char *diag_warning_name(diag_warning w) { return warning_names[w]; }

typedef enum severity { SEV_ERROR, SEV_WARNING, SEV_NOTE, SEV_INFO } severity;

static const char *const severity_names[] = {"error", "warning", "note", "info"};
static const char *const severity_colors[] = {"\033[1;31m", "\033[1;35m", "\033[1;36m", ""};

static void json_string(FILE *out, const char *s) {
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

/* The source line of loc and a caret line under its span. Tabs before the column are copied so
   the caret lines up however the terminal shows tabs. */
static void show_line(diag *d, src_loc loc) {
    size_t len;
    const char *line = source_line(loc.src, loc.line, &len);
    /* A very long line is shown as a window around the column. */
    enum { WINDOW = 160 };
    size_t start = 0, col = 1;
    size_t i = 0;
    for (; i < len && col < loc.column; i++)
        if (((unsigned char)line[i] & 0xC0) != 0x80)
            col++;
    /* i is now the byte offset of the column (or the end of the line). */
    size_t caret_at = i;
    if (caret_at > WINDOW)
        start = caret_at - WINDOW / 2;
    while (start > 0 && start < len && ((unsigned char)line[start] & 0xC0) == 0x80)
        start--;
    size_t end = len - start > 2 * WINDOW ? start + 2 * WINDOW : len;
    while (end < len && ((unsigned char)line[end] & 0xC0) == 0x80)
        end++;
    fputs(" ", d->out);
    if (start > 0)
        fputs("...", d->out);
    for (size_t k = start; k < end; k++) {
        unsigned char c = (unsigned char)line[k];
        if (c == '\0' || (c < 0x20 && c != '\t') || c == 0x7f)
            fputc(' ', d->out); /* control bytes would garble the terminal */
        else
            fputc(c, d->out);
    }
    if (end < len)
        fputs("...", d->out);
    fputs("\n ", d->out);
    if (start > 0)
        fputs("   ", d->out);
    for (size_t k = start; k < caret_at && k < end; k++) {
        unsigned char c = (unsigned char)line[k];
        if (c == '\t')
            fputc('\t', d->out);
        else if ((c & 0xC0) != 0x80)
            fputc(' ', d->out);
    }
    if (d->color)
        fputs("\033[1;32m", d->out);
    fputc('^', d->out);
    for (uint32_t c = loc.column + 1; c < loc.end_column && c < loc.column + 2 * WINDOW; c++)
        fputc('~', d->out);
    if (d->color)
        fputs("\033[0m", d->out);
    fputc('\n', d->out);
}

static void emit(diag *d, severity sev, const char *flag, src_loc loc, bool line,
                 const char *fmt, va_list ap) {
    char small[512];
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(small, sizeof small, fmt, copy);
    va_end(copy);
    char *msg = small;
    if (n >= (int)sizeof small) {
        msg = xrealloc(NULL, (size_t)n + 1);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    }
    if (d->format == DIAG_JSON) {
        fputs("{\"severity\":", d->out);
        json_string(d->out, severity_names[sev]);
        if (loc.src) {
            fputs(",\"file\":", d->out);
            json_string(d->out, loc.src->path);
            fprintf(d->out, ",\"line\":%u,\"column\":%u,\"end_column\":%u", loc.line, loc.column,
                    loc.end_column > loc.column ? loc.end_column : loc.column + 1);
        }
        fputs(",\"message\":", d->out);
        json_string(d->out, msg);
        if (flag) {
            fputs(",\"flag\":", d->out);
            json_string(d->out, flag);
        }
        fputs("}\n", d->out);
    } else {
        if (loc.src) {
            if (d->color)
                fputs("\033[1m", d->out);
            fprintf(d->out, "%s:%u:%u: ", loc.src->path, loc.line, loc.column);
            if (d->color)
                fputs("\033[0m", d->out);
        }
        if (sev != SEV_INFO) {
            if (d->color)
                fputs(severity_colors[sev], d->out);
            fprintf(d->out, "%s:", severity_names[sev]);
            if (d->color)
                fputs("\033[0m", d->out);
            fputc(' ', d->out);
        }
        fputs(msg, d->out);
        if (flag)
            fprintf(d->out, " [%s]", flag);
        fputc('\n', d->out);
        if (loc.src && sev != SEV_INFO && line)
            show_line(d, loc);
    }
    if (msg != small)
        free(msg);
}

void diag_error(diag *d, src_loc loc, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    emit(d, SEV_ERROR, NULL, loc, true, fmt, ap);
    va_end(ap);
    d->errors++;
    d->muted = false;
    d->last = loc;
}

void diag_warn(diag *d, diag_warning w, src_loc loc, const char *fmt, ...) {
    d->muted = d->disabled[w];
    if (d->muted)
        return;
    char flag[64];
    snprintf(flag, sizeof flag, d->werror ? "-Werror=%s" : "-W%s", warning_names[w]);
    va_list ap;
    va_start(ap, fmt);
    emit(d, d->werror ? SEV_ERROR : SEV_WARNING, flag, loc, true, fmt, ap);
    va_end(ap);
    d->last = loc;
    if (d->werror) {
        d->errors++;
        d->promoted++;
    } else
        d->warnings++;
}

void diag_note(diag *d, src_loc loc, const char *fmt, ...) {
    if (d->muted)
        return;
    bool own = loc.src != NULL;
    va_list ap;
    va_start(ap, fmt);
    emit(d, SEV_NOTE, NULL, own ? loc : d->last, own, fmt, ap);
    va_end(ap);
}

void diag_note_step(diag *d, src_loc loc, const char *fmt, ...) {
    if (d->muted)
        return;
    va_list ap;
    va_start(ap, fmt);
    emit(d, SEV_NOTE, NULL, loc.src ? loc : d->last, false, fmt, ap);
    va_end(ap);
}

void diag_info(diag *d, src_loc loc, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    emit(d, SEV_INFO, NULL, loc, true, fmt, ap);
    va_end(ap);
    d->muted = false;
    d->last = loc;
}
