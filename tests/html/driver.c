/*
** The C runtime's answers for the page test: reads commands on stdin, one a line, and answers each
** on one line, firing an instance of the machine compiled in (MACHINE_HEADER, MACHINE_TABLES) as
** page.mjs drives the page. Commands:
**   guards [NAME...]   the guards that hold from now on (all others fail)
**   verdicts           every trigger under every initiator from the current state:
**                      "TRIGGER/BY=RESULT>TARGET" separated by spaces (TARGET only with "ok")
**   fire TRIGGER BY    fire it: "RESULT STATE"
**   timeout            fire the current state's timer as auto: "RESULT STATE"
**   undo               back to the state before the last accepted fire: "STATE" (or "nothing to
**                      undo")
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include MACHINE_HEADER

static const transit_machine *def = &MACHINE_TABLES;
static int held[64];

static int holds(void *context, const transit_instance *inst, int guard,
                 const transit_event *event) {
    (void)context, (void)inst, (void)event;
    return guard >= 0 && guard < 64 && held[guard];
}

static const char *const initiator_names[] = {"user", "auto", "self"};

static transit_initiator initiator(const char *name) {
    for (int k = 0; k < 3; k++)
        if (name && strcmp(name, initiator_names[k]) == 0)
            return (transit_initiator)(1 << k);
    fprintf(stderr, "driver: unknown initiator '%s'\n", name ? name : "");
    exit(2);
}

static int trigger(const char *name) {
    int t = name ? transit_trigger_index(def, name) : -1;
    if (t < 0) {
        fprintf(stderr, "driver: unknown trigger '%s'\n", name ? name : "");
        exit(2);
    }
    return t;
}

static void answer(transit_result r, const transit_instance *inst) {
    printf("%s %s\n", transit_result_string(r), transit_state_name(def, transit_state(inst)));
}

int main(void) {
    transit_instance inst;
    if (transit_init(&inst, def) != TRANSIT_OK ||
        transit_set_guard(&inst, holds, NULL) != TRANSIT_OK)
        return 2;
    static int undo[1 << 16];
    int depth = 0;
    char line[4096];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = '\0';
        char *cmd = strtok(line, " ");
        if (!cmd)
            continue;
        if (strcmp(cmd, "guards") == 0) {
            memset(held, 0, sizeof held);
            for (char *g; (g = strtok(NULL, " "));) {
                int i = transit_guard_index(def, g);
                if (i < 0 || i >= 64) {
                    fprintf(stderr, "driver: unknown guard '%s'\n", g);
                    return 2;
                }
                held[i] = 1;
            }
            printf("ok\n");
        } else if (strcmp(cmd, "verdicts") == 0) {
            const char *sep = "";
            for (int k = 0; k < 3; k++)
                for (int t = 0; t < (int)def->trigger_count; t++) {
                    int to = -1;
                    transit_result r =
                        transit_lookup_guarded(def, transit_state(&inst), t,
                                               (transit_initiator)(1 << k), holds, NULL, &to);
                    printf("%s%s/%s=%s", sep, transit_trigger_name(def, t), initiator_names[k],
                           transit_result_string(r));
                    if (r == TRANSIT_OK)
                        printf(">%s", transit_state_name(def, to));
                    sep = " ";
                }
            printf("\n");
        } else if (strcmp(cmd, "fire") == 0 || strcmp(cmd, "timeout") == 0) {
            int from = transit_state(&inst);
            transit_result r;
            if (cmd[0] == 'f') {
                int t = trigger(strtok(NULL, " "));
                r = transit_fire(&inst, t, initiator(strtok(NULL, " ")));
            } else {
                r = transit_fire_timeout(&inst);
            }
            if (r == TRANSIT_OK && depth < (int)(sizeof undo / sizeof *undo))
                undo[depth++] = from;
            answer(r, &inst);
        } else if (strcmp(cmd, "undo") == 0) {
            if (depth == 0)
                printf("nothing to undo\n");
            else if (transit_restore(&inst, undo[--depth]) != TRANSIT_OK)
                return 2;
            else
                printf("%s\n", transit_state_name(def, transit_state(&inst)));
        } else {
            fprintf(stderr, "driver: unknown command '%s'\n", cmd);
            return 2;
        }
    }
    return 0;
}
