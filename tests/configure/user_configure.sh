#!/bin/sh
# A user's configure of this tree: no build type given gives an optimised build without -Werror,
# and -DBUILD_TESTING=OFF needs none of the test packages (pkg-config finds only what the README's
# first command installs, so no cmocka).
# usage: user_configure.sh CMAKE SOURCE_DIR WORK_DIR TRANSITC
# (TRANSITC: this build's, for transit_generate()'s configure-time questions, so the test does
# not build a bootstrap transitc; the README's first command does that.)
set -u
cmake=$1 src=$2 work=$3 transitc=$4
fail() { echo "user_configure: FAIL: $*" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work/empty" || fail "cannot make $work"
# pkg-config sees only what the README's first command installs: the .pc files of its packages
# and of what they depend on (dpkg and apt-cache say which), so cmocka and every other test
# package stay hidden. Without dpkg, every .pc file of the system but cmocka's.
line=$(awk '/^## Build and test/{on=1} on&&/^```sh$/{grab=1;next} grab&&/^```$/{exit} grab{print}' "$src/README.md")
packages=$(printf '%s\n' "$line" | sed -n 's/.*apt-get install -y --no-install-recommends \([^&]*\)&&.*/\1/p')
[ -n "$packages" ] || fail "found no 'apt-get install' in the README's first command: $line"
pcs=$(for dir in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
          for pc in "$dir"/*.pc; do [ -f "$pc" ] && echo "$pc"; done
      done)
if command -v dpkg >/dev/null 2>&1 && command -v apt-cache >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces \
        --no-enhances $packages 2>/dev/null | grep '^[a-z0-9]' | sort -u >"$work/user-packages"
    # shellcheck disable=SC2086
    dpkg -S $pcs >"$work/owners" 2>/dev/null
    : >"$work/linked"
    while IFS= read -r owner; do
        package=${owner%%: *} pc=${owner#*: }
        package=${package%%:*}
        if grep -qx "$package" "$work/user-packages"; then
            ln -sf "$pc" "$work/empty/" && echo "$package" >>"$work/linked"
        fi
    done <"$work/owners"
    for p in $packages; do # each library of the line is seen (the lookup above works)
        case $p in
        lib*-dev) grep -qx "$p" "$work/linked" || fail "no .pc file of the README's $p found by dpkg -S" ;;
        esac
    done
else
    for pc in $pcs; do
        case $(basename "$pc") in cmocka.pc) ;; *) ln -sf "$pc" "$work/empty/" ;; esac
    done
fi
[ -e "$work/empty/cmocka.pc" ] && fail "cmocka.pc counted among the user's packages"
PKG_CONFIG_LIBDIR=$work/empty PKG_CONFIG_PATH= "$cmake" -S "$src" -B "$work/b" -DBUILD_TESTING=OFF -DTRANSIT_CONFIGURE_TRANSITC="$transitc" \
    >"$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "configure with -DBUILD_TESTING=OFF and only the packages of the README's first command"; }
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
seen=$(ls "$work/empty" | tr '\n' ' ')
rm -rf "$work"
echo "user_configure: optimised (RelWithDebInfo, -O2), no -Werror; BUILD_TESTING=OFF configures with the .pc files of the README's first command only: $seen"
