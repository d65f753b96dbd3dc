# Installation: transitc, the runtime (static libtransit.a and shared libtransit.so, whose soname
# carries the runtime ABI), transit.h, a CMake package (find_package(Transit): Transit::transitc,
# Transit::runtime, Transit::runtime_shared and transit_generate()), transit.pc, the man pages,
# the docs and the editor files. `cmake --install build --prefix P` puts them under P.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The runtime ABI is the one number transit.h defines; the shared library's soname follows it.
file(STRINGS ${PROJECT_SOURCE_DIR}/runtime/transit.h abi_line REGEX "^#define TRANSIT_ABI_VERSION [0-9]+")
string(REGEX REPLACE "^#define TRANSIT_ABI_VERSION ([0-9]+).*" "\\1" TRANSIT_ABI "${abi_line}")
if(NOT TRANSIT_ABI MATCHES "^[0-9]+$")
  message(FATAL_ERROR "runtime/transit.h: no '#define TRANSIT_ABI_VERSION N' found")
endif()

add_library(transit_runtime_shared SHARED runtime/transit.c)
target_include_directories(transit_runtime_shared PUBLIC
  $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/runtime> $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_options(transit_runtime_shared PRIVATE ${TRANSIT_WARNINGS} -Wsign-conversion)
set_target_properties(transit_runtime_shared PROPERTIES
  OUTPUT_NAME transit SOVERSION ${TRANSIT_ABI}
  C_VISIBILITY_PRESET default)
set_target_properties(transit_runtime PROPERTIES EXPORT_NAME runtime)
set_target_properties(transit_runtime_shared PROPERTIES EXPORT_NAME runtime_shared)

set(TRANSIT_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/Transit)

install(TARGETS transitc transit_runtime transit_runtime_shared EXPORT TransitTargets
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(FILES runtime/transit.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT TransitTargets NAMESPACE Transit:: DESTINATION ${TRANSIT_CMAKEDIR})

configure_package_config_file(cmake/TransitConfig.cmake.in
  ${PROJECT_BINARY_DIR}/TransitConfig.cmake INSTALL_DESTINATION ${TRANSIT_CMAKEDIR})
# 0.y releases promise nothing across minor versions.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/TransitConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/TransitConfig.cmake ${PROJECT_BINARY_DIR}/TransitConfigVersion.cmake
              cmake/TransitGenerate.cmake
        DESTINATION ${TRANSIT_CMAKEDIR})

file(RELATIVE_PATH TRANSIT_PC_TO_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" TRANSIT_PC_TO_PREFIX "${TRANSIT_PC_TO_PREFIX}")
configure_file(cmake/transit.pc.in ${PROJECT_BINARY_DIR}/transit.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/transit.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

install(FILES docs/transitc.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES docs/transit.5 DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES dsl/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR} RENAME language.md)
install(DIRECTORY dsl/editors/ DESTINATION ${CMAKE_INSTALL_DATADIR}/transit/editors)

# The store (when built): libtransit_store.a and transit_store.h; link it with -lsqlite3 -lpq.
if(TRANSIT_HAVE_STORE)
  install(TARGETS transit_store ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
  install(FILES store/transit_store.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
endif()
