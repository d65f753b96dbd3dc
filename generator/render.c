/*
** Rendering Graphviz text to SVG for the emitters that embed a picture (the interactive page):
** svg_run_dot from PATH's dot. Only the driver uses it; emitters get it through emit_ctx.svg and
** stay free of I/O.
*/
#include "render.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svg.h"

const char *render_svg(arena *a, const char *dot, size_t len) {
    if (!svg_dot_found())
        return NULL; /* silently: the page shows the Mermaid text */
    out svg = {0};
    char *err = svg_run_dot("the page", dot, len, &svg);
    char *result = NULL;
    if (err) {
        fprintf(stderr, "transitc: warning: %s; the page shows the Mermaid text instead of the "
                        "diagram\n", err);
        free(err);
    } else {
        result = arena_alloc(a, svg.len + 1);
        if (svg.len)
            memcpy(result, svg.data, svg.len);
        result[svg.len] = '\0';
    }
    out_free(&svg);
    return result;
}
