# cmake -DPROGRAM=path -DEXPECTED=file -P RunAndCompare.cmake
# Runs PROGRAM and fails unless it exits 0 and its standard output equals EXPECTED exactly.
execute_process(COMMAND ${PROGRAM} OUTPUT_VARIABLE actual RESULT_VARIABLE status)
file(READ ${EXPECTED} expected)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${status}:\n${actual}")
endif()
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "${PROGRAM}: output differs from ${EXPECTED}\n--- expected\n${expected}--- actual\n${actual}")
endif()
