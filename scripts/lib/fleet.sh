# shellcheck shell=bash
# shellcheck disable=SC2034 # variables read by the scripts that source this block
# The fleet block: one census per node, run by the engine the fleet already
# runs (a Docker Swarm global job, a Kubernetes DaemonSet), gathered into one
# report per node (docs/fleet.md). It runs nothing by itself.
#   swarm:      fleet_local_up / fleet_local_down (a swarm of Docker 26 daemons
#               in containers on this machine, loopback only), fleet_swarm_*
#               (any swarm whose manager the docker client reaches)
#   kubernetes: fleet_k8s_* (kubectl)
# The plans (which node gave which report, or why none) are pure jq over the
# engines' own JSON: fleet_swarm_plan and fleet_k8s_plan, tested on recorded
# output (tests/fleet/fixtures/).
#
# Sourced after common.sh, image.sh (is_report), tables.sh (host_failure) and
# runtimes.sh (rt_engine_image, RT_ENGINE_IMAGE, RT_BOX_CONFINE, rt_umount_under).

# What every node runs: the report of image_report under the engine's default
# filter (the symbol tables read for every attempt, as under any filter).
FLEET_PROBE_ARGS=(--format json --syscalls all --kallsyms always)
# Seconds one engine command (create, logs, leave, apply, ...) may take.
FLEET_CMD_TIMEOUT=60

# fleet_report RAW LABEL OUT: RAW, a node's output, is a whole report: OUT is
# that report with LABEL as its label (the node's identity: a swarm task's
# command cannot name its node, so the gatherer does), written whole; returns
# 0. Else returns 1 and writes nothing.
fleet_report() {
  is_report "$1" || return 1
  if ! jq --arg name "$2" '.label = $name' "$1" >"$3.tmp"; then
    rm -f "$3.tmp"
    return 1
  fi
  mv "$3.tmp" "$3"
}

# fleet_file_name LABEL: LABEL as a file name (what is not [A-Za-z0-9._-] as _).
fleet_file_name() { printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '_'; }

# ---- the plans: pure ------------------------------------------------------------

# fleet_swarm_plan NODES TASKS: one JSON object a line per node of NODES
# (`docker node ls --format '{{json .}}'`, slurped into an array) and each task
# of TASKS (`docker inspect` of the service's tasks, an array): {node, label,
# task, state, exit, error, why}. label is the node's hostname, followed by
# /ID (12 characters) when two nodes share a hostname; task is null for a node
# no task ran on. why is empty for a task that completed (its logs are the
# report), else the reason the node gives no report. A node with several
# tasks (none here: --restart-condition none) is judged by its newest.
fleet_swarm_plan() {
  jq -c --slurpfile tasks "$2" '
    (map(.Hostname) | group_by(.) | map(select(length > 1) | .[0])) as $shared
    | .[]
    | . as $n
    | ($tasks[0] | map(select(.NodeID == $n.ID)) | sort_by(.UpdatedAt) | last) as $t
    | {node: .ID,
       label: (if ($shared | index($n.Hostname)) then "\(.Hostname)/\(.ID[0:12])" else .Hostname end),
       task: ($t.ID // null),
       state: ($t.Status.State // null),
       exit: ($t.Status.ContainerStatus.ExitCode // null),
       # What the engine said, its end (where runc says what failed)
       # when long: a table cell; tasks.json keeps them whole.
       error: ($t.Status.Err // "" | if length > 100 then "…" + .[-100:] else . end)}
    | .why = (if .task == null then "no task on this node (node \($n.Status), \($n.Availability))"
              elif .state == "complete" then ""
              elif (.state | IN("failed", "rejected", "shutdown", "orphaned", "remove")) then
                "task \(.state)" + (if .exit != null and .exit != 0 then ": exit \(.exit)" else "" end)
                + (if .error != "" then ": \(.error)" else "" end)
              else "task still \(.state)" end)' "$1"
}

# fleet_swarm_done NODES TASKS: every node's task has ended (complete,
# failed, rejected, ...) or no task is due on it (a node not Ready and Active).
fleet_swarm_done() {
  jq -e --slurpfile tasks "$2" '
    all(.[]; . as $n
      | ($tasks[0] | map(select(.NodeID == $n.ID)) | sort_by(.UpdatedAt) | last) as $t
      | if $t == null then ($n.Status != "Ready" or $n.Availability != "Active")
        else ($t.Status.State | IN("complete", "failed", "rejected", "shutdown", "orphaned", "remove")) end)' \
    "$1" >/dev/null
}

# fleet_k8s_plan NODES PODS CONTAINER: one JSON object a line per Linux node
# of NODES (`kubectl get nodes -o json`) and the DaemonSet's pod on it in PODS
# (`kubectl get pods -o json`): {node, label, pod, state, exit, why}; state is
# the init container CONTAINER's (the probe): terminated, waiting or running;
# why is empty when it ended with exit 0 (its log is the report). A node that
# is not Linux (label kubernetes.io/os) runs no probe and is left out.
fleet_k8s_plan() {
  jq -c --slurpfile pods "$2" --arg c "$3" '
    .items[]
    | select((.metadata.labels["kubernetes.io/os"] // "linux") == "linux")
    | .metadata.name as $name
    | ($pods[0].items | map(select(.spec.nodeName == $name)) | first) as $p
    | ($p.status.initContainerStatuses // [] | map(select(.name == $c)) | first) as $s
    | ($s.state // {} | keys | first) as $state
    | {node: $name, label: $name, pod: ($p.metadata.name // null), state: $state,
       exit: ($s.state.terminated.exitCode // null),
       reason: ($s.state[$state // ""].reason // ""),
       message: ($s.state[$state // ""].message // "")}
    | .why = (if .pod == null then "no pod on this node (a taint not tolerated, or not scheduled yet)"
              elif .state == "terminated" and .exit == 0 then ""
              elif .state == "terminated" then
                "the probe ended with exit \(.exit)" + (if .reason != "" then " (\(.reason))" else "" end)
              elif .state == "waiting" and .reason != "" then
                "the probe is waiting: \(.reason)" + (if .message != "" then ": \(.message[0:120])" else "" end)
              else "the probe is still \(.state // "not started")" end)
    | del(.reason, .message)' "$1"
}

# fleet_k8s_done DAEMONSETS PODS CONTAINER: the DaemonSet (DAEMONSETS: `kubectl
# get daemonsets -o json`) has as many pods as it wants nodes, and in every pod
# of PODS the probe, init container CONTAINER, has ended, or waits for a
# reason no wait will cure (an image that cannot be pulled, a bad
# configuration).
fleet_k8s_done() {
  jq -e --slurpfile ds "$1" --arg c "$3" '
    ($ds[0].items[0].status.desiredNumberScheduled // 1) as $want
    | (.items | length) >= $want
      and all(.items[];
        (.status.initContainerStatuses // [] | map(select(.name == $c)) | first) as $s
        | $s.state.terminated != null
          or (($s.state.waiting.reason // "")
              | IN("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError",
                   "CreateContainerError", "CrashLoopBackOff")))' "$2" >/dev/null
}

# fleet_gather PLAN DIR LOGS FETCH...: for each line of PLAN (fleet_*_plan), the
# node's report in DIR/<label>.json (the command FETCH TASK-OR-POD prints its
# output, FLEET_SWARM_LOGS or FLEET_K8S_LOGS;
# relabelled by fleet_report) or a host-failure document DIR/<label>-failed.json
# saying why; the raw outputs stay in LOGS. Prints the files, one a line,
# in PLAN's order.
fleet_gather() {
  local plan=$1 dir=$2 logs=$3 line label why id stem raw
  shift 3
  while IFS= read -r line; do
    label=$(jq -r .label <<<"$line")
    why=$(jq -r .why <<<"$line")
    id=$(jq -r '.task // .pod // ""' <<<"$line")
    stem=$dir/$(fleet_file_name "$label")
    raw=$logs/$(fleet_file_name "$label")
    if [ -z "$why" ]; then
      if timeout "$FLEET_CMD_TIMEOUT" "$@" "$id" >"$raw.out" 2>"$raw.err" \
          && fleet_report "$raw.out" "$label" "$stem.json"; then
        echo "$stem.json"
        continue
      fi
      why="no whole report in the logs of ${id:0:25} ($(stat -c %s "$raw.out") bytes)"
    fi
    host_failure "$stem-failed.json" "$label" "$why" "$raw.err"
    echo "$stem-failed.json"
  done <"$plan"
}

# fleet_failures_last FILE...: the reports first, then the failure documents
# (*-failed.json), each in the order given: the table's columns then do not
# depend on how node names sort.
fleet_failures_last() {
  local f
  for f in "$@"; do [[ $f == *-failed.json ]] || printf '%s\n' "$f"; done
  for f in "$@"; do [[ $f != *-failed.json ]] || printf '%s\n' "$f"; done
}

# ---- swarm ----------------------------------------------------------------------
# Prefix of every docker command addressed to the swarm's manager: `env`, or
# `env DOCKER_HOST=...` once fleet_local_up has stood a local swarm up (the
# host's engine keeps the caller's DOCKER_HOST).
FLEET_SWARM_ENV=(env)

# fleet_swarm_snapshot SERVICE NODES TASKS: the swarm's nodes into NODES and
# SERVICE's tasks (docker inspect) into TASKS, both JSON arrays.
fleet_swarm_snapshot() {
  local ids
  timeout "$FLEET_CMD_TIMEOUT" "${FLEET_SWARM_ENV[@]}" docker node ls --format '{{json .}}' | jq -s . >"$2" || return 1
  ids=$(timeout "$FLEET_CMD_TIMEOUT" "${FLEET_SWARM_ENV[@]}" docker service ps -q --no-trunc "$1") || return 1
  if [ -z "$ids" ]; then
    echo '[]' >"$3"
  else
    # shellcheck disable=SC2086 # one argument per task ID
    timeout "$FLEET_CMD_TIMEOUT" "${FLEET_SWARM_ENV[@]}" docker inspect $ids >"$3" || return 1
  fi
}

# fleet_swarm_run SERVICE IMAGE LIMIT DIR: the census as the swarm's own
# one-shot-per-node job (a global job, never restarted, on the host's network
# so that nothing is attached to an overlay; --no-resolve-image: each node
# runs the image it has, no registry is asked at creation), waited for at
# most LIMIT seconds; DIR/nodes.json, DIR/tasks.json and DIR/plan.jsonl
# hold what was seen last. Sets FLEET_CREATED (when the job was created,
# EPOCHREALTIME). Returns 1 if the service could not be created.
fleet_swarm_run() {
  local service=$1 image=$2 limit=$3 dir=$4 deadline
  FLEET_CREATED=$EPOCHREALTIME
  timeout "$FLEET_CMD_TIMEOUT" "${FLEET_SWARM_ENV[@]}" docker service create --detach --quiet --name "$service" \
    --mode global-job --restart-condition none --network host --no-resolve-image \
    --label org.syscall-probe.census=fleet "$image" "${FLEET_PROBE_ARGS[@]}" >"$dir/logs/service.id" \
    2>"$dir/logs/service.err" || return 1
  deadline=$(( $(date +%s) + limit ))
  while :; do
    fleet_swarm_snapshot "$service" "$dir/nodes.json" "$dir/tasks.json" 2>>"$dir/logs/service.err" \
      && fleet_swarm_done "$dir/nodes.json" "$dir/tasks.json" && break
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "swarm: not every task ended within ${limit}s; the rest are columns saying so"
      break
    fi
    sleep 0.5
  done
  fleet_swarm_plan "$dir/nodes.json" "$dir/tasks.json" >"$dir/plan.jsonl"
}

# The command printing a task's output, its ID appended, after
# FLEET_SWARM_ENV: the logs of that task alone (tasks writing at once could
# interleave in the service's log). For fleet_gather.
FLEET_SWARM_LOGS=(docker service logs --raw --no-trunc)

# fleet_swarm_remove SERVICE: the service gone (its tasks' containers with it).
fleet_swarm_remove() {
  timeout "$FLEET_CMD_TIMEOUT" "${FLEET_SWARM_ENV[@]}" docker service rm "$1" >/dev/null 2>&1 || true
}

# ---- a local swarm: Docker 26 daemons in containers, loopback only ---------------
# Node i (1..N) is the daemon container FLEET_LOCAL_PREFIX-i, trixie's dockerd
# (the engine root of runtimes.sh) with no bridge and no iptables, its socket
# in DIR/node-i/run. Node 1 has --network none (a namespace with only lo);
# the others join that namespace (--network container:), so the swarm's
# control, gossip and data-path addresses are 127.0.0.i. The census service
# runs on --network host: the tasks see that same lo-only namespace.
FLEET_LOCAL_PREFIX=""
FLEET_LOCAL_DIR=""
FLEET_LOCAL_N=0

# fleet_local_socket I: DOCKER_HOST of node I.
fleet_local_socket() { echo "unix://$FLEET_LOCAL_DIR/node-$1/run/docker.sock"; }

# fleet_local_docker I ARGS...: the docker client on node I, limited.
fleet_local_docker() {
  local i=$1
  shift
  DOCKER_HOST=$(fleet_local_socket "$i") timeout "$FLEET_CMD_TIMEOUT" docker "$@"
}

# fleet_local_up N DIR IMAGE-TAR: the swarm of N nodes, every node Ready, the
# image loaded in each. Returns 1 at the first step that fails (fleet_local_down
# still removes what was made). Progress on stderr.
fleet_local_up() {
  local n=$1 dir=$2 tar=$3 i token ready
  FLEET_LOCAL_DIR=$dir FLEET_LOCAL_N=0 FLEET_LOCAL_PREFIX=sp-fleet-$$
  FLEET_SWARM_ENV=(env "DOCKER_HOST=$(fleet_local_socket 1)")
  rt_engine_image || return 1
  printf '{"bridge": "none", "iptables": false, "ip6tables": false}\n' >"$dir/daemon.json"
  # Node 1 owns the namespace, with IPv6 off in it: the interfaces swarm
  # makes there anyway (docker_gwbridge and its veth) would otherwise send
  # their IPv6 link-local greetings (router solicitation, multicast
  # reports) a second or two after they come up, inside the job's window.
  local net_opts
  for ((i = 1; i <= n; i++)); do
    mkdir -p "$dir/node-$i/run"
    net_opts=(--network=none --sysctl net.ipv6.conf.all.disable_ipv6=1
      --sysctl net.ipv6.conf.default.disable_ipv6=1)
    [ "$i" = 1 ] || net_opts=("--network=container:$FLEET_LOCAL_PREFIX-1")
    FLEET_LOCAL_N=$i
    timeout "$FLEET_CMD_TIMEOUT" docker run -d --rm --name "$FLEET_LOCAL_PREFIX-$i" "${net_opts[@]}" "${RT_BOX_CONFINE[@]}" \
      -v /var/lib/docker -v "$dir/node-$i/run:/run" -v "$dir/daemon.json:/etc/docker/daemon.json:ro" \
      "$RT_ENGINE_IMAGE" dockerd --config-file /etc/docker/daemon.json >/dev/null || return 1
  done
  for ((i = 1; i <= n; i++)); do
    wait_for 90 "dockerd of node $i" env DOCKER_HOST="$(fleet_local_socket "$i")" docker info || return 1
    fleet_local_docker "$i" load -q -i "$tar" >/dev/null || return 1
  done
  fleet_local_docker 1 swarm init --listen-addr 127.0.0.1:2377 --advertise-addr 127.0.0.1 >/dev/null || return 1
  token=$(fleet_local_docker 1 swarm join-token -q worker) || return 1
  for ((i = 2; i <= n; i++)); do
    fleet_local_docker "$i" swarm join --token "$token" --listen-addr "127.0.0.$i:2377" \
      --advertise-addr "127.0.0.$i" --data-path-addr "127.0.0.$i" 127.0.0.1:2377 >/dev/null || return 1
  done
  wait_for 60 "$n nodes Ready" fleet_local_ready "$n" || return 1
  # The routing mesh's network: the census publishes nothing, and each node
  # would attach its ingress sandbox to docker_gwbridge when the first service
  # is created, announcing its address there (one ARP), inside the job's window.
  printf 'y\n' | fleet_local_docker 1 network rm ingress >/dev/null || return 1
  wait_for 60 "the swarm's namespace quiet" fleet_local_quiet
}

# fleet_local_quiet: no veth left in the nodes' namespace (the ingress
# sandboxes gone) and its counters unchanged over 2 s: what swarm sends there
# while it stands up (docker_gwbridge's own start) is over before the job.
fleet_local_quiet() {
  local a b
  a=$(fleet_local_counters) || return 1
  ! jq -e 'any(.[]; .ifname | startswith("veth"))' <<<"$a" >/dev/null || return 1
  sleep 2
  b=$(fleet_local_counters) || return 1
  [ "$a" = "$b" ]
}

# fleet_local_ready N: the local swarm lists N nodes Ready.
fleet_local_ready() {
  [ "$(fleet_local_docker 1 node ls --format '{{.Status}}' | grep -c '^Ready$')" = "$1" ]
}

# fleet_local_counters: the packet counters of every interface but lo in the
# nodes' namespace, as a JSON array of {ifname, tx_packets, rx_packets}, read
# over netlink from inside it (/sys/class/net would show this machine's).
fleet_local_counters() {
  local pid
  pid=$(timeout "$FLEET_CMD_TIMEOUT" docker inspect -f '{{.State.Pid}}' "$FLEET_LOCAL_PREFIX-1") || return 1
  timeout 10 nsenter -t "$pid" -n ip -s -j link show \
    | jq -c '[.[] | select(.ifname != "lo")
              | {ifname, tx_packets: .stats64.tx.packets, rx_packets: .stats64.rx.packets}]'
}

# fleet_local_down: every node leaves the swarm (workers first), every daemon
# container stops and goes with its /var/lib/docker volume, nothing stays
# mounted below the folder. Safe to call twice, or after a partial
# fleet_local_up.
fleet_local_down() {
  local i
  [ "$FLEET_LOCAL_N" -gt 0 ] || return 0
  for ((i = FLEET_LOCAL_N; i >= 1; i--)); do
    [ -S "$FLEET_LOCAL_DIR/node-$i/run/docker.sock" ] || continue
    fleet_local_docker "$i" swarm leave --force >/dev/null 2>&1 || true
  done
  for ((i = FLEET_LOCAL_N; i >= 1; i--)); do
    # dockerd stops its containers first; --rm then removes the daemon
    # container and its volume.
    timeout 60 docker stop -t 30 "$FLEET_LOCAL_PREFIX-$i" >/dev/null 2>&1 || true
    timeout 60 docker rm -f -v "$FLEET_LOCAL_PREFIX-$i" >/dev/null 2>&1 || true
  done
  rt_umount_under "$FLEET_LOCAL_DIR"
  FLEET_LOCAL_N=0
  FLEET_SWARM_ENV=(env)
}

# ---- kubernetes -------------------------------------------------------------------
# The manifest deploy/daemonset.yaml: namespace syscall-probe, DaemonSet
# syscall-probe whose init container `probe` prints the report.
FLEET_K8S_NS=syscall-probe
FLEET_K8S_SELECTOR=app.kubernetes.io/name=syscall-probe
FLEET_K8S_CONTAINER=probe

# fleet_k8s_run MANIFEST LIMIT DIR: kubectl apply MANIFEST, then wait at most
# LIMIT seconds for every Linux node's probe to end; DIR/nodes.json,
# DIR/daemonsets.json, DIR/pods.json and DIR/plan.jsonl hold what was seen last. Sets
# FLEET_CREATED. Returns 1 if the apply failed.
fleet_k8s_run() {
  local manifest=$1 limit=$2 dir=$3 deadline
  FLEET_CREATED=$EPOCHREALTIME
  timeout "$FLEET_CMD_TIMEOUT" kubectl apply -f "$manifest" >"$dir/logs/apply.out" 2>"$dir/logs/apply.err" || return 1
  deadline=$(( $(date +%s) + limit ))
  while :; do
    timeout "$FLEET_CMD_TIMEOUT" kubectl get nodes -o json >"$dir/nodes.json" 2>>"$dir/logs/apply.err" \
      && timeout "$FLEET_CMD_TIMEOUT" kubectl -n "$FLEET_K8S_NS" get daemonsets -l "$FLEET_K8S_SELECTOR" -o json \
        >"$dir/daemonsets.json" 2>>"$dir/logs/apply.err" \
      && timeout "$FLEET_CMD_TIMEOUT" kubectl -n "$FLEET_K8S_NS" get pods -l "$FLEET_K8S_SELECTOR" -o json \
        >"$dir/pods.json" 2>>"$dir/logs/apply.err" \
      && fleet_k8s_done "$dir/daemonsets.json" "$dir/pods.json" "$FLEET_K8S_CONTAINER" && break
    if [ "$(date +%s)" -ge "$deadline" ]; then
      log "kubernetes: not every probe ended within ${limit}s; the rest are columns saying so"
      break
    fi
    sleep 2
  done
  fleet_k8s_plan "$dir/nodes.json" "$dir/pods.json" "$FLEET_K8S_CONTAINER" >"$dir/plan.jsonl"
}

# The command printing the probe's output, a pod's name appended.
FLEET_K8S_LOGS=(kubectl -n "$FLEET_K8S_NS" logs -c "$FLEET_K8S_CONTAINER")

# fleet_k8s_remove MANIFEST: what MANIFEST created, deleted (the namespace
# last, with everything in it), waited for.
fleet_k8s_remove() {
  timeout 180 kubectl delete -f "$1" --ignore-not-found --wait=true --timeout=150s >/dev/null 2>&1 || true
}
