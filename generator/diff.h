/*
** Comparing two versions of a spec: what a reviewer must know before the new one ships, above
** all which changes break instances already stored under the old one.
*/
#ifndef GEN_DIFF_H
#define GEN_DIFF_H

#include <stdint.h>

#include "model.h"
#include "out.h"

/* What diff_models found. */
typedef struct diff_counts {
    uint32_t changes;  /* every line reported */
    uint32_t breaking; /* of which break stored data: removed machines and states, and changed
                          persisted names */
} diff_counts;

/* Writes to o one line per change from old_ to new_, "FILE:LINE:COL: KIND: text", each at the
   declaration it concerns (in OLD for what was removed, in NEW otherwise), machines matched by
   name, states by persisted name and then by identifier, triggers by name. Stored instances
   are kept by persisted name: a removed state, or a persisted name that no longer restores,
   is breaking. */
diff_counts diff_models(out *o, const model *old_, const model *new_);

#endif
