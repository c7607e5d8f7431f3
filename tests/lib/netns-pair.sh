# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the live tests' runners (tests/gui/run-guilive.sh, tests/web/run-weblive.sh):
#   netns_pair NS_A NS_B IF_A IF_B
# makes two network namespaces joined by a veth pair (IF_A in NS_A, IF_B in NS_B), with no
# addresses and IPv6 off, so nothing but what a test replays crosses the pair, and removes
# them on exit. Exits 77 (CTest's skip) without root or namespace support.
# A runner's own clean-up goes in a function netns_pair_cleanup, run first.
_netns_pair_exit() {
  declare -F netns_pair_cleanup >/dev/null && netns_pair_cleanup
  ip netns del "${NETNS_PAIR[0]}" 2>/dev/null
  ip netns del "${NETNS_PAIR[1]}" 2>/dev/null
}

netns_pair() {
  local a=$1 b=$2 ifa=$3 ifb=$4 ns
  if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: needs root to create network namespaces (CI runs as root)"; exit 77
  fi
  NETNS_PAIR=("$a" "$b")
  trap _netns_pair_exit EXIT
  if ! ip netns add "$a" 2>/dev/null || ! ip netns add "$b" 2>/dev/null; then
    echo "SKIP: ip netns add failed (no CAP_SYS_ADMIN or no netns support here)"; exit 77
  fi
  ip link add "$ifa" type veth peer name "$ifb" || exit 1
  ip link set "$ifa" netns "$a" && ip link set "$ifb" netns "$b" || exit 1
  for ns in "$a" "$b"; do
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.default.disable_ipv6=1
    ip netns exec "$ns" ip link set lo up
  done
  ip netns exec "$a" ip link set "$ifa" up
  ip netns exec "$b" ip link set "$ifb" up
}
