#!/bin/sh
# A user's configure of this tree: no build type given gives an optimised build without -Werror,
# and -DBUILD_TESTING=OFF needs none of the test packages (pkg-config finds nothing, so no cmocka).
# usage: user_configure.sh CMAKE SOURCE_DIR WORK_DIR TRANSITC
# (TRANSITC: this build's, for transit_generate()'s configure-time questions, so the test does
# not build a bootstrap transitc; the README's first command does that.)
set -u
cmake=$1 src=$2 work=$3 transitc=$4
fail() { echo "user_configure: FAIL: $*" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work/empty" || fail "cannot make $work"
# pkg-config sees every package the user's install line gives (the database and JSON libraries)
# and not cmocka: links to every .pc file of the system but cmocka's.
for dir in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
    for pc in "$dir"/*.pc; do
        [ -f "$pc" ] || continue
        case $(basename "$pc") in cmocka.pc) ;; *) ln -sf "$pc" "$work/empty/" ;; esac
    done
done
PKG_CONFIG_LIBDIR=$work/empty PKG_CONFIG_PATH= "$cmake" -S "$src" -B "$work/b" -DBUILD_TESTING=OFF -DTRANSIT_CONFIGURE_TRANSITC="$transitc" \
    >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure with -DBUILD_TESTING=OFF and no cmocka"; }
grep -q '^CMAKE_BUILD_TYPE:STRING=RelWithDebInfo$' "$work/b/CMakeCache.txt" ||
    fail "no build type given: CMAKE_BUILD_TYPE is '$(grep '^CMAKE_BUILD_TYPE:' "$work/b/CMakeCache.txt")', not RelWithDebInfo"
flags=$work/b/CMakeFiles/transit_runtime.dir/flags.make
[ -f "$flags" ] || fail "no $flags"
grep '^C_FLAGS' "$flags" | grep -q -- ' -O2' || fail "the runtime is compiled without -O2: $(grep '^C_FLAGS' "$flags")"
grep '^C_FLAGS' "$flags" | grep -q -- '-Werror' && fail "a user's build stops on warnings: $(grep '^C_FLAGS' "$flags")"
[ -f "$work/b/tests/CTestTestfile.cmake" ] && fail "tests/ was configured with BUILD_TESTING=OFF"
# The same without BUILD_TESTING=OFF must ask for cmocka: the test above really hid it.
PKG_CONFIG_LIBDIR=$work/empty PKG_CONFIG_PATH= "$cmake" -S "$src" -B "$work/t" -DTRANSIT_CONFIGURE_TRANSITC="$transitc" >"$work/t.log" 2>&1 &&
    fail "configure with the tests found cmocka although pkg-config could not"
grep -q cmocka "$work/t.log" || { cat "$work/t.log"; fail "configure with the tests failed, but not for cmocka"; }
rm -rf "$work"
echo "user_configure: optimised (RelWithDebInfo, -O2), no -Werror, BUILD_TESTING=OFF needs no cmocka"
