# transit_generate(TARGET SPECS spec... [EMIT kind...] [OUTPUT_DIR dir] [OPTIONS option...])
#
# Runs `transitc generate` on the specs at build time (again whenever a spec or transitc changes)
# and makes TARGET a static library of the generated C, linked to the transit runtime. The C
# emitter always runs; other kinds in EMIT are written beside it (OUTPUT_DIR, by default
# ${CMAKE_CURRENT_BINARY_DIR}/TARGET). TARGET_OUTPUT_DIR and TARGET_MACHINES (the machines the
# specs define) are set in the caller's scope.
#
# OPTIONS go to transitc as they are, e.g. OPTIONS -Werror or -Wno-unreachable.
#
# With the dot kind, MACHINE.svg is rendered from MACHINE.dot too when Graphviz's dot is found.
#
# Inside this tree the transitc and transit_runtime targets are used; an installed package
# provides Transit::transitc and Transit::runtime instead.
find_program(TRANSIT_DOT_EXECUTABLE dot)

function(transit_generate target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_DIR" "SPECS;EMIT;OPTIONS")
  if(NOT arg_SPECS)
    message(FATAL_ERROR "transit_generate(${target}): SPECS is required")
  endif()
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "transit_generate(${target}): unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(TARGET Transit::transitc)
    set(transitc Transit::transitc)
    set(runtime Transit::runtime)
  else()
    set(transitc transitc)
    set(runtime transit_runtime)
  endif()
  set(outdir "${arg_OUTPUT_DIR}")
  if(NOT outdir)
    set(outdir "${CMAKE_CURRENT_BINARY_DIR}/${target}")
  endif()
  set(kinds c ${arg_EMIT})
  list(REMOVE_DUPLICATES kinds)
  string(REPLACE ";" "," kinds_arg "${kinds}")

  # The machines a spec defines name its outputs: read them from the spec text.
  set(outputs "")
  set(machines "")
  set(render "")
  set(sources "")
  set(specs "")
  foreach(spec IN LISTS arg_SPECS)
    get_filename_component(spec "${spec}" ABSOLUTE)
    list(APPEND specs "${spec}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${spec}")
    file(STRINGS "${spec}" lines REGEX "^[ \t]*machine[ \t]+[A-Za-z][A-Za-z0-9_]*")
    foreach(line IN LISTS lines)
      string(REGEX MATCH "machine[ \t]+([A-Za-z][A-Za-z0-9_]*)" _ "${line}")
      set(m "${CMAKE_MATCH_1}")
      list(APPEND machines "${m}")
      list(APPEND outputs "${outdir}/${m}.h" "${outdir}/${m}.c")
      list(APPEND sources "${outdir}/${m}.c")
      foreach(kind IN LISTS arg_EMIT)
        if(kind STREQUAL "test")
          list(APPEND outputs "${outdir}/${m}_test.c")
        elseif(kind STREQUAL "mermaid")
          list(APPEND outputs "${outdir}/${m}.mmd")
        elseif(kind STREQUAL "dot")
          list(APPEND outputs "${outdir}/${m}.dot")
          if(TRANSIT_DOT_EXECUTABLE)
            list(APPEND outputs "${outdir}/${m}.svg")
            list(APPEND render COMMAND ${TRANSIT_DOT_EXECUTABLE} -Tsvg "${outdir}/${m}.dot"
                                       -o "${outdir}/${m}.svg")
          endif()
        elseif(kind STREQUAL "md")
          list(APPEND outputs "${outdir}/${m}.md")
        elseif(kind STREQUAL "json")
          list(APPEND outputs "${outdir}/${m}.json")
        elseif(kind STREQUAL "sqlite" OR kind STREQUAL "postgresql")
          list(APPEND outputs "${outdir}/${m}.${kind}.sql")
        elseif(kind STREQUAL "html")
          list(APPEND outputs "${outdir}/${m}.html")
        endif()
      endforeach()
    endforeach()
  endforeach()
  if(NOT sources)
    message(FATAL_ERROR "transit_generate(${target}): no machine found in ${arg_SPECS}")
  endif()

  add_custom_command(
    OUTPUT ${outputs}
    COMMAND ${CMAKE_COMMAND} -E make_directory "${outdir}"
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
