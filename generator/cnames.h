/*
** The C identifiers generated code declares for a machine, in one place, so the checker can
** prove they never collide and the C emitters spell them the same way.
** For machine m, state s, trigger t and guard g: M_STATE_S, M_TRIGGER_T, M_GUARD_G (upper case),
** the counts M_STATES, M_TRIGGERS and M_GUARDS, and the lower-case m_<suffix> names listed below.
*/
#ifndef GEN_CNAMES_H
#define GEN_CNAMES_H

#include "diag.h"
#include "model.h"

/* Lower-case names declared per machine: m_machine (the tables), m_state, m_trigger and m_guard
   (the enum types), m_fire (the inline fast path) and m_next (its table). */
#define CNAMES_LOWER(X) X(machine) X(state) X(trigger) X(guard) X(fire) X(next)

/* Upper-case names declared per machine besides the enum constants. */
#define CNAMES_UPPER(X) X(STATES) X(TRIGGERS) X(GUARDS) X(H_INCLUDED)

/* name in upper case (ASCII). */
char *cnames_upper(arena *a, const char *name);

/* The enum constant of state s: M_STATE_S. */
char *cnames_state(arena *a, const model_machine *m, uint32_t s);

/* The enum constant of trigger t: M_TRIGGER_T. */
char *cnames_trigger(arena *a, const model_machine *m, uint32_t t);

/* The enum constant of guard g: M_GUARD_G. */
char *cnames_guard(arena *a, const model_machine *m, uint32_t g);

/* Reports states (or triggers) of m whose enum constants would be the same identifier. */
void cnames_check_machine(arena *a, diag *d, const model_machine *m);

/* Reports any identifier two machines compiled together would both declare. */
void cnames_check_model(arena *a, diag *d, const model *mo);

#endif
