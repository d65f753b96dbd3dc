# generated/ holds every output of transitc for the specs in specs/, committed so the docs can link
# to them; each .dot is also rendered to .svg by Graphviz, and transitc itself runs Graphviz (dot
# from PATH) for the diagram inside each interactive page (.html).
#
# Included from the top CMakeLists.txt, this file defines
#   - the build target `regenerate`, which rewrites generated/ from the current specs and transitc;
#   - the test `emit/generated_up_to_date`, which fails when generated/ differs from what they
#     make now (drift). SVG bytes depend on the Graphviz version, and so do the pages that embed
#     them: .svg and .html files are compared only when the installed dot is the version that
#     wrote the committed files (without dot a page shows the Mermaid text: not compared either),
#     else the test says so.
# Run as a script (cmake -P) it does the work: -DMODE=write|check -DTRANSITC= -DDOT= -DSOURCE_DIR=
# -DWORK_DIR= (a scratch directory it empties).

if(NOT CMAKE_SCRIPT_MODE_FILE)
  find_program(TRANSIT_DOT_EXECUTABLE dot)
  set(regenerate_args -DTRANSITC=$<TARGET_FILE:transitc> -DDOT=${TRANSIT_DOT_EXECUTABLE}
      -DSOURCE_DIR=${CMAKE_CURRENT_SOURCE_DIR})
  add_custom_target(regenerate
    COMMAND ${CMAKE_COMMAND} -DMODE=write ${regenerate_args}
            -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/regenerate -P ${CMAKE_CURRENT_LIST_FILE}
    DEPENDS transitc
    COMMENT "Rewriting generated/ from specs/"
    VERBATIM)
  add_test(NAME emit/generated_up_to_date
           COMMAND ${CMAKE_COMMAND} -DMODE=check ${regenerate_args}
                   -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/generated_up_to_date
                   -P ${CMAKE_CURRENT_LIST_FILE})
  set_tests_properties(emit/generated_up_to_date PROPERTIES LABELS emit)
  return()
endif()

cmake_minimum_required(VERSION 3.20)

# The "graphviz version ..." an SVG file or `dot -V` names, or "" when none.
function(graphviz_version text out)
  string(REGEX MATCH "graphviz version [^ )]+ \\([^)]*\\)" v "${text}")
  set(${out} "${v}" PARENT_SCOPE)
endfunction()

set(generated ${SOURCE_DIR}/generated)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
file(GLOB specs RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/specs/*.transit)
list(SORT specs)
# Relative spec names, so the files name their spec the same on every machine.
execute_process(COMMAND ${TRANSITC} generate -o ${WORK_DIR} ${specs}
                WORKING_DIRECTORY ${SOURCE_DIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "transitc generate ${specs} failed (${rc})")
endif()

set(dot_version "")
file(GLOB dots ${WORK_DIR}/*.dot)
if(DOT)
  execute_process(COMMAND ${DOT} -V ERROR_VARIABLE v OUTPUT_VARIABLE v2)
  graphviz_version("${v}${v2}" dot_version)
  foreach(f IN LISTS dots)
    string(REGEX REPLACE "\\.dot$" ".svg" svg "${f}")
    execute_process(COMMAND ${DOT} -Tsvg ${f} -o ${svg} RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "dot -Tsvg ${f} failed")
    endif()
  endforeach()
elseif(MODE STREQUAL "write")
  message(FATAL_ERROR "regenerate needs Graphviz (dot) to render the SVG files")
endif()

file(GLOB made RELATIVE ${WORK_DIR} ${WORK_DIR}/*)
list(SORT made)
if(MODE STREQUAL "write")
  file(GLOB old ${generated}/*)
  if(old)
    file(REMOVE ${old})
  endif()
  foreach(f IN LISTS made)
    file(COPY ${WORK_DIR}/${f} DESTINATION ${generated})
  endforeach()
  file(REMOVE_RECURSE ${WORK_DIR})
  message(STATUS "generated/: ${made}")
  return()
endif()

# check: the same files, the same bytes.
file(GLOB have RELATIVE ${generated} ${generated}/*)
list(SORT have)
set(problems "")
foreach(f IN LISTS have)
  if(NOT f IN_LIST made AND NOT (f MATCHES "\\.svg$" AND NOT DOT))
    string(APPEND problems "  generated/${f}: transitc no longer writes it\n")
  endif()
endforeach()
set(skipped "")
foreach(f IN LISTS made)
  if(NOT f IN_LIST have)
    string(APPEND problems "  generated/${f}: missing\n")
    continue()
  endif()
  if(f MATCHES "\\.svg$" OR f MATCHES "\\.html$")
    set(made_version "${dot_version}")
    if(f MATCHES "\\.svg$")
      file(READ ${generated}/${f} committed LIMIT 400)
    else()
      # The page names the Graphviz that drew its diagram, or none (the Mermaid text).
      file(READ ${generated}/${f} committed)
      file(READ ${WORK_DIR}/${f} made_page)
      graphviz_version("${made_page}" made_version)
    endif()
    graphviz_version("${committed}" committed_version)
    if(NOT committed_version STREQUAL made_version)
      list(APPEND skipped ${f})
      continue()
    endif()
  endif()
  execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK_DIR}/${f} ${generated}/${f}
                  RESULT_VARIABLE differ)
  if(differ)
    string(APPEND problems "  generated/${f}: differs from what transitc writes now\n")
  endif()
endforeach()
if(skipped)
  message(STATUS "not compared (made by another Graphviz than ${dot_version}): ${skipped}")
endif()
if(problems)
  message(FATAL_ERROR "generated/ is out of date with specs/ or transitc; "
                      "run `cmake --build build --target regenerate` and commit:\n${problems}")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
message(STATUS "generated/ is up to date (${made})")
