#!/bin/sh
# Installs transit into a fresh prefix and uses it from outside the tree: the CMake package
# (find_package + transit_generate) builds and runs tests/consumer/project; pkg-config builds the
# same program by hand against the shared runtime; the project's generated tests run when this
# transitc emits tests; versions agree; a generated header refuses a runtime of another ABI.
# usage: consumer.sh CMAKE BUILD_DIR PROJECT_DIR WORK_DIR VERSION LIBDIR CC [CFLAGS]
# (CFLAGS: what the install was built with that its users need too, such as -fsanitize=...)
set -u
cmake=$1 build=$2 project=$3 work=$4 version=$5 libdir=$6 cc=$7 cflags=${8:-}
fail() { echo "consumer: FAIL: $*" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work" || fail "cannot make $work"
prefix=$work/prefix
"$cmake" --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; fail "cmake --install"; }
for f in bin/transitc include/transit.h "$libdir/libtransit.a" "$libdir/libtransit.so" \
         "$libdir/cmake/Transit/TransitConfig.cmake" "$libdir/cmake/Transit/TransitConfigVersion.cmake" \
         "$libdir/cmake/Transit/TransitGenerate.cmake" "$libdir/pkgconfig/transit.pc" \
         share/man/man1/transitc.1 share/man/man3/transit.3 share/man/man5/transit.5 share/doc/transit/language.md; do
    [ -f "$prefix/$f" ] || fail "not installed: $f"
done

# The installed README links only to what is installed.
links=$(grep -oE '\]\((generated|bench|specs|dsl)/[^)]*\)' "$prefix/share/doc/transit/README.md")
[ -z "$links" ] || fail "the installed README links to files that are not installed: $links"
[ -f "$prefix/share/doc/transit/transit.schema.json" ] || fail "not installed: share/doc/transit/transit.schema.json"

# The CMake package, from a clean configure of the external project.
"$cmake" -S "$project" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$cflags" >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure with find_package(Transit)"; }
"$cmake" --build "$work/cmake" >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "build"; }
"$work/cmake/turnstile" >"$work/cmake.out" 2>&1 || { cat "$work/cmake.out"; fail "the program failed"; }
diff -u "$project/expected.txt" "$work/cmake.out" || fail "program output differs (find_package)"
[ -f "$work/cmake/gen/turnstile.h" ] && [ -f "$work/cmake/gen/turnstile.c" ] || fail "transit_generate wrote nothing into OUTPUT_DIR"
tests="no generated tests (this transitc has no 'test' output kind)"
if [ -f "$work/cmake/has_generated_tests" ]; then
    "$(dirname "$cmake")/ctest" --test-dir "$work/cmake" --output-on-failure --no-tests=error >"$work/ctest.log" 2>&1 ||
        { cat "$work/ctest.log"; fail "the external project's generated tests"; }
    grep -q "lamp_machine/lamp_test" "$work/ctest.log" ||
        { cat "$work/ctest.log"; fail "transit_generate(... TESTS) registered no lamp_machine/lamp_test"; }
    tests="its generated tests pass"
fi

# Versions: transitc, the CMake package (checked in the project) and pkg-config agree.
got=$("$prefix/bin/transitc" --version)
[ "$got" = "transitc $version" ] || fail "transitc --version says '$got', the project is $version"
PKG_CONFIG_PATH=$prefix/$libdir/pkgconfig
export PKG_CONFIG_PATH
pcv=$(pkg-config --modversion transit) || fail "pkg-config cannot find transit"
[ "$pcv" = "$version" ] || fail "transit.pc says version $pcv, the project is $version"

# pkg-config: generate with the installed transitc, link the shared runtime.
transitc=$(pkg-config --variable=transitc transit)
abi=$(pkg-config --variable=abi transit)
[ -f "$prefix/$libdir/libtransit.so.$abi" ] || fail "no libtransit.so.$abi (the soname follows the ABI)"
mkdir -p "$work/pc" && "$transitc" generate -o "$work/pc" --emit c "$project/turnstile.transit" ||
    fail "transitc generate (from pkg-config's path)"
# shellcheck disable=SC2046,SC2086
"$cc" $cflags -Wall -Wextra -Werror -o "$work/pc/turnstile" "$project/main.c" "$work/pc/turnstile.c" \
    -I"$work/pc" $(pkg-config --cflags --libs transit) || fail "build with pkg-config"
LD_LIBRARY_PATH=$prefix/$libdir "$work/pc/turnstile" >"$work/pc.out" 2>&1 || fail "the pkg-config program failed"
diff -u "$project/expected.txt" "$work/pc.out" || fail "program output differs (pkg-config)"

# A runtime of another ABI: the generated code must not compile against it.
mkdir -p "$work/otherabi"
sed "s/^#define TRANSIT_ABI_VERSION $abi\$/#define TRANSIT_ABI_VERSION $((abi + 1))/" \
    "$prefix/include/transit.h" >"$work/otherabi/transit.h"
grep -q "^#define TRANSIT_ABI_VERSION $((abi + 1))\$" "$work/otherabi/transit.h" || fail "could not make a header of another ABI"
"$cc" -c -o "$work/otherabi/t.o" -I"$work/otherabi" "$work/pc/turnstile.c" 2>"$work/otherabi/cc.log" &&
    fail "generated code compiled against a runtime of ABI $((abi + 1))"
grep -q "ABI" "$work/otherabi/cc.log" || { cat "$work/otherabi/cc.log"; fail "the compiler's message does not name the ABI"; }
# The man pages are where man looks for them.
if command -v man >/dev/null 2>&1; then
    man -M "$prefix/share/man" -w transitc >/dev/null 2>&1 || fail "man -M PREFIX/share/man transitc finds no page"
    man -M "$prefix/share/man" -w 5 transit >/dev/null 2>&1 || fail "man -M PREFIX/share/man 5 transit finds no page"
fi

# The install is relocatable: a copy elsewhere finds its own files, not the original's.
cp -R "$prefix" "$work/moved" || fail "cannot copy the install"
moved=$(cd "$work/moved" && pwd -P)
tc=$(PKG_CONFIG_PATH=$moved/$libdir/pkgconfig pkg-config --variable=transitc transit)
case $(cd "$(dirname "$tc")" 2>/dev/null && pwd -P) in
    "$moved"/*) ;;
    *) fail "a moved install's transit.pc points at '$tc', outside $moved" ;;
esac
"$cmake" -S "$project" -B "$work/moved-cmake" -DCMAKE_PREFIX_PATH="$moved" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$cflags" >"$work/moved.log" 2>&1 || { cat "$work/moved.log"; fail "configure against a moved install"; }
grep -q "transitc: $moved/" "$work/moved.log" || { grep transitc: "$work/moved.log"; fail "a moved install's CMake package points outside $moved"; }

echo "consumer: ok (transit $version, runtime ABI $abi; $tests)"
