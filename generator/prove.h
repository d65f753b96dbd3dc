/*
** The prover: decides every assertion of the checked model over the whole graph, and prints the
** counterexample path of each that fails (and, with --explain, the witness of each that holds).
*/
#ifndef GEN_PROVE_H
#define GEN_PROVE_H

#include <stdbool.h>

#include "diag.h"
#include "model.h"

/* Proves the assertions of every machine of mo, filling each assertion's proof, and reports
   each that fails (with --explain, the witness of each that holds). Returns false when one fails. */
bool prove_model(arena *a, diag *d, model *mo, bool explain);

#endif
