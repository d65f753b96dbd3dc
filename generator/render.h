/*
** Rendering for the driver: pictures the emitters embed but cannot make themselves.
*/
#ifndef GEN_RENDER_H
#define GEN_RENDER_H

#include "emit.h"

/* emit_svg_fn through Graphviz: `dot -Tsvg` from PATH. NULL when dot is not installed (silently:
   the page falls back to text) or fails (after a warning on stderr). */
emit_svg_fn render_svg;

#endif
