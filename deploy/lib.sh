# SPDX-License-Identifier: GPL-3.0-or-later
# Shared by deploy/run.sh and deploy/test.sh (sourced, not run).
# Sets REPO (the repository root, from this file's path, so any cwd works), JOBS and
# RUN_TARGETS, and provides as_user (build steps) and configure (an idempotent CMake
# configure with Ninja).

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="$(nproc)"
# What deploy/run.sh builds before it starts the window: the window and what it runs, not
# the tests and benchmarks (deploy/test.sh builds everything). One place, space-separated.
RUN_TARGETS="netlens netlens-capture"

# Under sudo, build as the user who asked, so that build directories stay theirs. Only when
# they own the checkout and no build directory belongs to someone else (e.g. root's CI runs).
AS_USER=()
if [ "$(id -u)" -eq 0 ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ] &&
   [ "$(stat -c %U "$REPO")" = "$SUDO_USER" ]; then
  AS_USER=(runuser -u "$SUDO_USER" --)
  for d in "$REPO"/build "$REPO"/build-asan; do
    [ -e "$d" ] && [ "$(stat -c %U "$d")" != "$SUDO_USER" ] && AS_USER=()
  done
fi
as_user() { "${AS_USER[@]}" "$@"; }

# configure DIR [CMAKE ARGS...]: configures $REPO/DIR with Ninja. A cache left by another
# generator or another source folder (a moved checkout) is dropped first instead of failing.
configure() {
  local dir="$REPO/$1" cache="$REPO/$1/CMakeCache.txt"
  shift
  if [ -f "$cache" ]; then
    if ! grep -qx 'CMAKE_GENERATOR:INTERNAL=Ninja' "$cache" ||
       ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$REPO" "$cache"; then
      echo "deploy: $dir was configured elsewhere or with another generator: starting it afresh" >&2
      rm -rf "$cache" "$dir/CMakeFiles"
    fi
  fi
  as_user cmake -S "$REPO" -B "$dir" -G Ninja --log-level=WARNING "$@"
}
