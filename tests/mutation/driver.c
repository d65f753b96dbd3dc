/*
** The mutation test's runner: runs the generated test of a machine (compiled with
** MACHINE_TEST_NO_MAIN, its run function given as TEST_RUN) against the original tables and then
** against every mutant's, each in a child process with its output discarded. A mutant is killed
** when the test fails (or crashes, or hangs). Prints the score; exits 1 unless every mutant died.
*/
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "transit.h"

#ifndef TEST_RUN
#error "compile with -DTEST_RUN=MACHINE_test_run -DMACHINE=MACHINE_machine"
#endif

int TEST_RUN(const transit_machine *def);
extern const transit_machine MACHINE;
extern const transit_machine *const mutation_subjects[];
extern const char *const mutation_descriptions[];
extern const int mutation_kinds[];
extern const char *const mutation_kind_names[];
extern const unsigned mutation_count;

enum { KINDS_MAX = 16, TIMEOUT_SECONDS = 20 };

/* Runs the test against def in a child; 1 when it passed, 0 when it failed, crashed or hung. */
static int passes(const transit_machine *def) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(2);
    }
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, 1);
            dup2(null, 2);
        }
        alarm(TIMEOUT_SECONDS);
        _exit(TEST_RUN(def) == 0 ? 0 : 1);
    }
    int status;
    if (waitpid(pid, &status, 0) != pid) {
        perror("waitpid");
        exit(2);
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

int main(int argc, char **argv) {
    const char *name = argc > 1 ? argv[1] : "machine";
    if (!passes(&MACHINE)) {
        printf("%s: the generated test fails on the original tables\n", name);
        return 1;
    }
    unsigned total[KINDS_MAX] = {0}, killed[KINDS_MAX] = {0}, all_killed = 0;
    for (unsigned i = 0; i < mutation_count; i++) {
        int k = mutation_kinds[i];
        total[k]++;
        if (!passes(mutation_subjects[i])) {
            killed[k]++;
            all_killed++;
        } else {
            printf("%s: SURVIVED: %s\n", name, mutation_descriptions[i]);
        }
    }
    printf("%s: %u of %u mutants killed (%.1f%%):", name, all_killed, mutation_count,
           mutation_count ? 100.0 * all_killed / mutation_count : 100.0);
    for (int k = 0; mutation_kind_names[k]; k++)
        printf("%s %s %u/%u", k ? "," : "", mutation_kind_names[k], killed[k], total[k]);
    printf("\n");
    return all_killed == mutation_count ? 0 : 1;
}
