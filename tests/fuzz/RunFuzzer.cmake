# One bounded fuzz run (cmake -P): the regression inputs first, then RUNS inputs grown from
# the seeds (every .transit file of specs/ and tests/, and corpus/NAME/) with the dictionary.
# Fails on any crash, leak, timeout or sanitizer report.
#   -DBINARY=harness -DSOURCE=tree -DWORK=dir -DRUNS=n -DSECONDS=s (whichever ends first)
get_filename_component(name ${BINARY} NAME)
set(fuzz ${SOURCE}/tests/fuzz)
file(GLOB regressions ${fuzz}/regressions/${name}/*)
if(regressions)
  execute_process(COMMAND ${BINARY} ${regressions} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${name}: a regression input fails again (exit ${rc})")
  endif()
endif()

set(corpus ${WORK}/${name}-corpus)
set(seeds ${WORK}/${name}-seeds)
file(REMOVE_RECURSE ${seeds})
file(MAKE_DIRECTORY ${corpus} ${seeds})
file(GLOB_RECURSE specs ${SOURCE}/specs/*.transit ${SOURCE}/tests/*.transit ${fuzz}/corpus/${name}/*)
list(FILTER specs EXCLUDE REGEX "/node_modules/")
set(i 0)
foreach(f IN LISTS specs)
  math(EXPR i "${i} + 1")
  get_filename_component(base ${f} NAME)
  file(COPY_FILE ${f} ${seeds}/${i}-${base})
endforeach()

execute_process(COMMAND ${BINARY} -seed=1 -runs=${RUNS} -max_total_time=${SECONDS} -max_len=4096 -timeout=10 -rss_limit_mb=2048
                        -dict=${fuzz}/transit.dict -artifact_prefix=${WORK}/${name}-
                        ${corpus} ${seeds}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${name}: the fuzzer found a failure (exit ${rc}); the input is saved as "
                      "${WORK}/${name}-crash-* (add it under tests/fuzz/regressions/${name}/)")
endif()
