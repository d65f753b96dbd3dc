/*
** The prover (issue: properties). Until it lands every assertion is accepted unproved.
*/
#include "prove.h"

bool prove_model(arena *a, diag *d, model *mo, bool explain) {
    (void)a;
    (void)d;
    (void)mo;
    (void)explain;
    return true;
}
