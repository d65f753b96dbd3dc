/*
** Compiled (not run) by ctest as C99, C11 and C++: transit.h must compile warning-free for each,
** and offer the atomic instance and the journal exactly when C11 atomics are there.
*/
#include "transit.h"

#if defined(EXPECT_ATOMIC) != defined(TRANSIT_HAS_ATOMIC)
#error "TRANSIT_HAS_ATOMIC is wrong for this language"
#endif

int use_the_plain_api(transit_instance *inst);
int use_the_plain_api(transit_instance *inst) {
    transit_result r = transit_fire(inst, 0, TRANSIT_USER);
    if (r == TRANSIT_STALE || r == TRANSIT_UNKNOWN_NAME)
        return -1;
    return transit_restore_stored(inst, "closed") == TRANSIT_OK ? transit_state(inst) : -1;
}

#ifdef TRANSIT_HAS_ATOMIC
int use_the_atomic_api(transit_atomic *a);
int use_the_atomic_api(transit_atomic *a) {
    transit_snapshot s = transit_atomic_load(a);
    return transit_atomic_fire_if(a, s.seq, 0, TRANSIT_AUTO, &s) == TRANSIT_OK ? s.state : -1;
}
#endif
