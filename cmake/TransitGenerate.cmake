# transit_generate(TARGET SPECS spec... [EMIT kind...] [OUTPUT_DIR dir])
#
# Runs `transitc generate` on the specs at build time (again whenever a spec or transitc changes)
# and makes TARGET a static library of the generated C, linked to the transit runtime. The C
# emitter always runs; other kinds in EMIT are written beside it (OUTPUT_DIR, by default
# ${CMAKE_CURRENT_BINARY_DIR}/TARGET). TARGET_OUTPUT_DIR is set in the caller's scope.
#
# With the dot kind, MACHINE.svg is rendered from MACHINE.dot too when Graphviz's dot is found.
#
# Inside this tree the transitc and transit_runtime targets are used; an installed package
# provides Transit::transitc and Transit::runtime instead.
find_program(TRANSIT_DOT_EXECUTABLE dot)

function(transit_generate target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "OUTPUT_DIR" "SPECS;EMIT")
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
    COMMAND ${transitc} generate -o "${outdir}" --emit ${kinds_arg} ${specs}
    ${render}
    DEPENDS ${specs} ${transitc}
    COMMENT "transitc: generating ${kinds_arg} for ${target}"
    VERBATIM)
  add_library(${target} STATIC ${sources})
  target_include_directories(${target} PUBLIC "${outdir}")
  target_link_libraries(${target} PUBLIC ${runtime})
  set(${target}_OUTPUT_DIR "${outdir}" PARENT_SCOPE)
endfunction()
