/*
** A program of an external project built against an installed transit: it drives the
** turnstile through its life and prints each step; the consumer test compares the output.
*/
#include <stdio.h>

#include "turnstile.h"

static int step(transit_instance *t, turnstile_trigger trigger, transit_initiator by) {
    transit_result r = transit_fire(t, trigger, by);
    printf("%s by %d: %s -> %s\n", transit_trigger_name(&turnstile_machine, trigger), (int)by,
           transit_result_string(r), transit_state_name(&turnstile_machine, transit_state(t)));
    return r == TRANSIT_OK ? 0 : 1;
}

int main(void) {
    transit_instance t;
    if (transit_init(&t, &turnstile_machine) != TRANSIT_OK)
        return 1;
    int refused = 0;
    refused += step(&t, TURNSTILE_TRIGGER_PUSH, TRANSIT_USER);
    refused += step(&t, TURNSTILE_TRIGGER_COIN, TRANSIT_USER);
    refused += step(&t, TURNSTILE_TRIGGER_COIN, TRANSIT_USER);
    refused += step(&t, TURNSTILE_TRIGGER_PUSH, TRANSIT_AUTO);
    refused += step(&t, TURNSTILE_TRIGGER_COIN, TRANSIT_AUTO);
    printf("refused %d\n", refused);
    return transit_state(&t) == TURNSTILE_STATE_LOCKED && refused == 2 ? 0 : 1;
}
