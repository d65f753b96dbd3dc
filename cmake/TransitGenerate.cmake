# transit_generate(TARGET SPECS spec... [EMIT kind...] [TESTS [LABEL label]] [OUTPUT_DIR dir]
#                  [OPTIONS option...])
#
# Runs `transitc generate` on the specs at build time (again whenever a spec or transitc changes)
# and makes TARGET a static library of the generated C, linked to the transit runtime. The C
# emitter always runs; other kinds in EMIT are written beside it (OUTPUT_DIR, by default
# ${CMAKE_CURRENT_BINARY_DIR}/TARGET). TARGET_OUTPUT_DIR and TARGET_MACHINES (the machines the
# specs define) are set in the caller's scope.
#
# Which files that makes is asked of transitc itself at configure time (`transitc generate
# --list-outputs`), so a spec is never read by CMake and a spec error stops the configure with
# transitc's own message. Installed, the package's transitc answers; inside this tree a transitc
# built at configure time does (TRANSIT_CONFIGURE_TRANSITC_USED, see the top CMakeLists.txt).
#
# TESTS emits the generated tests too (EMIT test), builds each MACHINE_test.c and registers it
# with ctest, as transit_add_generated_tests(TARGET [LABEL label]) below does (needs cmocka).
#
# OPTIONS go to transitc as they are, e.g. OPTIONS -Werror or -Wno-unreachable.
#
# EMIT go writes MACHINE.go (the package named by OPTIONS --go-package NAME, else the machine),
# gotest MACHINE_test.go, ts MACHINE.ts (an ES module), tstest MACHINE.test.ts: they are files
# for the caller's Go module or TypeScript build; the library target holds the C only. E.g.
#   transit_generate(lifecycles SPECS specs/a.transit EMIT go ts OPTIONS --go-package lifecycle)
#
# With the dot kind, MACHINE.svg is rendered from MACHINE.dot too when Graphviz's dot is found.
#
# Inside this tree the transitc and transit_runtime targets are used; an installed package
# provides Transit::transitc and Transit::runtime instead.
find_program(TRANSIT_DOT_EXECUTABLE dot)

function(transit_generate target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "TESTS" "OUTPUT_DIR;LABEL" "SPECS;EMIT;OPTIONS")
  if(NOT arg_SPECS)
    message(FATAL_ERROR "transit_generate(${target}): SPECS is required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "transit_generate(${target}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(TARGET Transit::transitc)
    set(transitc Transit::transitc)
    set(runtime Transit::runtime)
    get_target_property(ask Transit::transitc LOCATION)
  else()
    set(transitc transitc)
    set(runtime transit_runtime)
    set(ask "${TRANSIT_CONFIGURE_TRANSITC_USED}")
  endif()
  if(NOT ask OR NOT EXISTS "${ask}")
    message(FATAL_ERROR "transit_generate(${target}): no transitc to ask at configure time ('${ask}')")
  endif()
  set(outdir "${arg_OUTPUT_DIR}")
  if(NOT outdir)
    set(outdir "${CMAKE_CURRENT_BINARY_DIR}/${target}")
  endif()
  set(kinds c ${arg_EMIT})
  if(arg_TESTS)
    list(APPEND kinds test)
  endif()
  list(REMOVE_DUPLICATES kinds)
  string(REPLACE ";" "," kinds_arg "${kinds}")

  set(specs "")
  foreach(spec IN LISTS arg_SPECS)
    get_filename_component(spec "${spec}" ABSOLUTE)
    list(APPEND specs "${spec}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${spec}")
  endforeach()
  # transitc says what it writes, one path per line: the C alone names the machines (MACHINE.h
  # and MACHINE.c each), all the kinds name every output.
  foreach(what IN ITEMS c all)
    set(emit ${kinds_arg})
    if(what STREQUAL "c")
      set(emit c)
    endif()
    execute_process(COMMAND "${ask}" generate --list-outputs -o "${outdir}" --emit ${emit}
                            ${arg_OPTIONS} -- ${specs}
                    OUTPUT_VARIABLE listed ERROR_VARIABLE problems RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "transit_generate(${target}): transitc refuses the specs:\n${problems}")
    endif()
    string(REGEX REPLACE "\n$" "" listed "${listed}")
    string(REPLACE "\n" ";" listed_${what} "${listed}")
  endforeach()
  set(machines "")
  set(sources "")
  foreach(f IN LISTS listed_c)
    if(f MATCHES "/([^/]+)\\.h$")
      list(APPEND machines "${CMAKE_MATCH_1}")
    else()
      list(APPEND sources "${f}")
    endif()
  endforeach()
  set(outputs ${listed_all})
  set(render "")
  foreach(f IN LISTS listed_all)
    if(f MATCHES "^(.*)\\.dot$" AND TRANSIT_DOT_EXECUTABLE)
      list(APPEND outputs "${CMAKE_MATCH_1}.svg")
      list(APPEND render COMMAND ${TRANSIT_DOT_EXECUTABLE} -Tsvg "${f}" -o "${CMAKE_MATCH_1}.svg")
    endif()
  endforeach()
  if(NOT sources)
    message(FATAL_ERROR "transit_generate(${target}): transitc lists no C source for ${arg_SPECS}")
  endif()

  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${transitc} generate -o "${outdir}" --emit ${kinds_arg} ${arg_OPTIONS} -- ${specs}
    ${render}
    DEPENDS ${specs} ${transitc}
    COMMENT "transitc: generating ${kinds_arg} for ${target}"
    VERBATIM)
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC "${outdir}")
  target_link_libraries(${target} PUBLIC ${runtime})
  set(${target}_OUTPUT_DIR "${outdir}" PARENT_SCOPE)
  set(${target}_MACHINES "${machines}" PARENT_SCOPE)
  if(arg_TESTS)
    set(${target}_OUTPUT_DIR "${outdir}")
    set(${target}_MACHINES "${machines}")
    if(arg_LABEL)
      transit_add_generated_tests(${target} LABEL "${arg_LABEL}")
    else()
      transit_add_generated_tests(${target})
    endif()
  endif()
endfunction()

# transit_add_generated_tests(TARGET [LIBRARIES lib...] [LABEL label])
#
# Builds the MACHINE_test.c that transit_generate(TARGET ... EMIT test) wrote for each machine
# into a program TARGET_MACHINE_test, linked to TARGET and the LIBRARIES (cmocka: by default the
# PkgConfig::CMOCKA target, found when missing), and registers it with ctest as
# TARGET/MACHINE_test, labelled LABEL (default: generated).
function(transit_add_generated_tests target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "LABEL" "LIBRARIES")
  if(NOT DEFINED ${target}_MACHINES)
    message(FATAL_ERROR "transit_add_generated_tests(${target}): call transit_generate(${target} ... EMIT test) first")
  endif()
  set(libraries ${arg_LIBRARIES})
  if(NOT libraries)
    if(NOT TARGET PkgConfig::CMOCKA)
      find_package(PkgConfig REQUIRED)
      pkg_check_modules(CMOCKA REQUIRED IMPORTED_TARGET cmocka)
    endif()
    set(libraries PkgConfig::CMOCKA)
  endif()
  set(label "${arg_LABEL}")
  if(NOT label)
    set(label generated)
  endif()
  foreach(m IN LISTS ${target}_MACHINES)
    set(exe ${target}_${m}_test)
    add_executable(${exe} "${${target}_OUTPUT_DIR}/${m}_test.c")
    target_link_libraries(${exe} PRIVATE ${target} ${libraries})
    add_test(NAME ${target}/${m}_test COMMAND ${exe})
    set_tests_properties(${target}/${m}_test PROPERTIES LABELS "${label}")
  endforeach()
endfunction()
