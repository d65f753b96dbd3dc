# Configures and builds the fuzz harnesses with clang in their own build tree (cmake -P):
#   -DSOURCE=tree -DBINARY=build-dir -DCLANG=path -DTARGETS=a;b;c -DTRANSITC=path
# The transitc given answers its configure-time questions (no bootstrap build of its own).
foreach(step configure build)
  if(step STREQUAL configure)
    set(cmd ${CMAKE_COMMAND} -S ${SOURCE} -B ${BINARY} -DCMAKE_C_COMPILER=${CLANG}
            -DTRANSIT_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
            -DTRANSIT_CONFIGURE_TRANSITC=${TRANSITC})
  else()
    set(cmd ${CMAKE_COMMAND} --build ${BINARY} -j2 --target ${TARGETS})
  endif()
  execute_process(COMMAND ${cmd} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "fuzz sub-build: ${step} failed:\n${out}")
  endif()
endforeach()
