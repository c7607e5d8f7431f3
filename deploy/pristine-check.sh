#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Proves the set-up on a pristine Debian 12: runs `bash .ci/run` inside a minbase chroot.
#
#   deploy/pristine-check.sh [--fresh] [--committed | --no-refresh] [--setup-only] DIR
#
# DIR is created with debootstrap (minbase, bookworm, the host's Debian mirror) when it holds
# no finished chroot yet; it is kept afterwards, so a re-run only refreshes the copies of the
# work tree (DIR/root/netlens, without build*/) and of ../shared (DIR/root/shared, read-only
# like CI's copy) and runs the CI script again (build*/ from the last run in the chroot are
# kept, so a re-run is incremental). Options:
#   --fresh       delete DIR first: a cold run, every package is installed again
#   --committed   copy the committed HEAD (git archive) instead of the work tree: what CI's
#                 fresh clone sees
#   --no-refresh  leave DIR/root/netlens as it is (e.g. a tree composed by hand)
#   --setup-only  stop before the CI run
#
# Runs as root (debootstrap, chroot and mounts need it). DIR itself (bound onto itself), proc,
# sys, dev and dev/pts are mounted for the run, and everything mounted under DIR is unmounted
# on exit, whatever happens. The chroot shares the host's network namespace and kernel: tests
# that make network namespaces (ip netns) work, but their interfaces are visible on the host
# while they run, and anything needing its own init system or services is not covered.
set -euo pipefail

fresh=0 setup_only=0 source=worktree
while [ $# -gt 0 ]; do
  case "$1" in
    --fresh) fresh=1 ;;
    --setup-only) setup_only=1 ;;
    --committed) source=committed ;;
    --no-refresh) source=none ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    -*) echo "pristine-check: unknown option $1" >&2; exit 2 ;;
    *) break ;;
  esac
  shift
done
[ $# -eq 1 ] || { echo "usage: $0 [--fresh] [--committed | --no-refresh] [--setup-only] DIR" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "pristine-check: must run as root (try sudo $0 $*)" >&2; exit 1; }

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SHARED="$(cd "$REPO/.." && pwd)/shared"
mkdir -p "$1"
DIR="$(cd "$1" && pwd)"
[ "$DIR" != / ] || { echo "pristine-check: refusing DIR=/" >&2; exit 2; }
[ -d "$SHARED" ] || { echo "pristine-check: no shared folder at $SHARED" >&2; exit 1; }
STAMP="$DIR/.netlens-pristine"
log() { printf '[pristine-check %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# Host tools this script needs.
need=()
command -v debootstrap >/dev/null || need+=(debootstrap)
command -v rsync >/dev/null || need+=(rsync)
if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]} on the host"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# Mounts under DIR, deepest first (from /proc/self/mountinfo: also catches what a test left,
# e.g. the /run/netns bind mounts of `ip netns add`).
mounts_under() {
  awk -v d="$DIR" '$5 == d || index($5, d "/") == 1 {print $5}' /proc/self/mountinfo | sort -r
}
# Processes still running inside the chroot (something a test left behind, e.g. an Xvfb):
# ended by PID, like CI ends what a run leaves running.
stop_leftovers() {
  local p pids=()
  for p in /proc/[0-9]*; do
    [ "$(readlink "$p/root" 2>/dev/null)" = "$DIR" ] && pids+=("${p#/proc/}")
  done
  [ ${#pids[@]} -eq 0 ] && return 0
  log "ending processes left in the chroot: ${pids[*]}"
  kill "${pids[@]}" 2>/dev/null || true
  sleep 2
  kill -9 "${pids[@]}" 2>/dev/null || true
}
unmount_all() {
  local m
  stop_leftovers
  for m in $(mounts_under); do
    umount "$m" 2>/dev/null || umount -l "$m" || log "could not unmount $m"
  done
}
mount_all() {
  # DIR bound onto itself makes the chroot's / a mount point, which `ip netns exec` needs
  # (it runs `mount --make-rslave /`); without it every network-namespace test fails.
  mountpoint -q "$DIR" || mount --bind "$DIR" "$DIR"
  mountpoint -q "$DIR/proc" || mount -t proc proc "$DIR/proc"
  mountpoint -q "$DIR/sys" || mount -t sysfs sysfs "$DIR/sys"
  mountpoint -q "$DIR/dev" || mount --bind /dev "$DIR/dev"
  mountpoint -q "$DIR/dev/pts" || mount -t devpts -o newinstance,ptmxmode=0666 devpts "$DIR/dev/pts"
}
trap unmount_all EXIT

if [ "$fresh" = 1 ] && [ -e "$STAMP" -o -d "$DIR/usr" ]; then
  log "--fresh: deleting $DIR"
  unmount_all
  [ -z "$(mounts_under)" ] || { echo "pristine-check: still mounted under $DIR: $(mounts_under)" >&2; exit 1; }
  # Never follow a bind mount out of the chroot.
  rm -rf --one-file-system "${DIR:?}"/* "$DIR"/.netlens-pristine
fi

# The Debian mirror the host uses (deb822 .sources first, then one-line .list files).
host_mirror() {
  local f u
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    u="$(awk '/^URIs:/ && /debian\/?$/ && !/security/ {print $2; exit}' "$f")"
    [ -n "$u" ] && { echo "$u"; return; }
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    u="$(awk '$1 == "deb" && $0 ~ / bookworm / && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' "$f")"
    [ -n "$u" ] && { echo "$u"; return; }
  done
  echo http://deb.debian.org/debian
}

if [ ! -e "$STAMP" ]; then
  if [ -n "$(ls -A "$DIR")" ]; then # a half-made chroot from an interrupted run
    log "no finished chroot in $DIR: starting over"
    unmount_all
    [ -z "$(mounts_under)" ] || { echo "pristine-check: still mounted under $DIR: $(mounts_under)" >&2; exit 1; }
    rm -rf --one-file-system "${DIR:?}"/* "$DIR"/.[!.]*
  fi
  mirror="$(host_mirror)"
  log "debootstrap --variant=minbase bookworm $DIR $mirror"
  t0=$SECONDS
  debootstrap --variant=minbase bookworm "$DIR" "$mirror"
  # The host's apt set-up: its Debian sources (and their keyrings) and its apt.conf.d tweaks
  # (e.g. Check-Valid-Until off for a snapshot mirror). Only files apt actually reads.
  rm -f "$DIR/etc/apt/sources.list"
  [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$DIR/etc/apt/"
  for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    cp "$f" "$DIR/etc/apt/sources.list.d/"
    for k in $(grep -ohE '(Signed-By:|signed-by=)[^] ]+' "$f" | sed -E 's/^(Signed-By:|signed-by=)//'); do
      [ -f "$k" ] && [ ! -f "$DIR$k" ] && install -D -m 0644 "$k" "$DIR$k"
    done
  done
  for f in /etc/apt/apt.conf.d/*; do
    case "$(basename "$f")" in *docker*|*packagekit*|*appstream*|*postgresql*) continue ;; esac
    cp "$f" "$DIR/etc/apt/apt.conf.d/"
  done
  echo "chroot created $(date -Is) in $((SECONDS - t0))s from $mirror" > "$STAMP"
  log "chroot ready in $((SECONDS - t0))s"
fi
cp -L /etc/resolv.conf "$DIR/etc/resolv.conf"

mkdir -p "$DIR/root/netlens" "$DIR/root/shared"
case "$source" in
  worktree)
    log "copying the work tree to $DIR/root/netlens"
    rsync -a --delete --exclude '/build*/' "$REPO/" "$DIR/root/netlens/" ;;
  committed)
    log "copying HEAD ($(git -C "$REPO" rev-parse --short HEAD)) to $DIR/root/netlens"
    find "$DIR/root/netlens" -mindepth 1 -maxdepth 1 ! -name 'build*' -exec rm -rf {} +
    git -C "$REPO" archive --format=tar HEAD | tar -x -C "$DIR/root/netlens" ;;
  none) log "leaving $DIR/root/netlens as it is" ;;
esac
[ -f "$DIR/root/netlens/.ci/run" ] || { echo "pristine-check: no .ci/run in $DIR/root/netlens" >&2; exit 1; }
log "copying $SHARED to $DIR/root/shared"
rsync -a --delete "$SHARED/" "$DIR/root/shared/"
chmod -R a-w "$DIR/root/shared" # CI gets shared/ without write bits

[ "$setup_only" = 1 ] && { log "--setup-only: done"; exit 0; }

mount_all
LOG="$DIR/root/pristine-run.log"
log "running 'bash .ci/run' in the chroot (no DISPLAY, CI=true); log: $LOG"
t0=$SECONDS
set +e
chroot "$DIR" /usr/bin/env -i HOME=/root LANG=C.UTF-8 CI=true TERM=dumb \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  bash -c 'cd /root/netlens && bash .ci/run' </dev/null 2>&1 | tee "$LOG"
rc=${PIPESTATUS[0]}
set -e
elapsed=$((SECONDS - t0))
echo "$(date -Is) rc=$rc wall=${elapsed}s" >> "$DIR/root/pristine-runs.txt"
log "bash .ci/run exited $rc after ${elapsed}s (history: $DIR/root/pristine-runs.txt)"
exit "$rc"
