#!/bin/sh
# Runs keepalived 1.3.5 (or the release KA_RELEASE names, such as 1.3.9; the oracle builds of README.md)
# on one config, in a throwaway network namespace with two veth interfaces (eth0 192.168.1.2/24, eth1
# 10.0.0.2/24), so that nothing on the host is touched. 1.3.x has no config test mode: it starts, reads the config, dumps it (-d) and
# is stopped after SECONDS (killed a second later if it has not stopped by then: its own PID namespace
# takes every process it started with it). Usage: run.sh CONF [P|C] [SECONDS]   (P: VRRP process, C: checkers)
set -eu
# The binary: KEEPALIVED_135 for 1.3.5 (the default release), KEEPALIVED_139 for KA_RELEASE=1.3.9, and so on.
release=${KA_RELEASE:-1.3.5}
var=KEEPALIVED_$(echo "$release" | tr -d .)
bin=$(eval "echo \${$var:-}")
[ -n "$bin" ] || { [ "$release" = 1.3.5 ] && bin=/tmp/ka135/keepalived/keepalived; } || { echo "run.sh: set $var to keepalived $release" >&2; exit 2; }
conf=$(readlink -f "$1"); proc=${2:-P}; secs=${3:-1}
d=$(mktemp -d)
unshare -n -p -f sh -c "ip link add eth0 type veth peer name eth1; ip link set lo up; ip link set eth0 up; ip link set eth1 up;
 ip addr add 192.168.1.2/24 dev eth0; ip addr add 10.0.0.2/24 dev eth1;
 cd '$(dirname "$conf")'; timeout -s INT -k 1 $secs '$bin' -n -l -D -R -$proc -d -f '$conf' -p $d/p -r $d/r -c $d/c 2>&1" || true
rm -rf "$d"
