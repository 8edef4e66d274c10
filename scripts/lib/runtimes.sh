# shellcheck shell=bash
# shellcheck disable=SC2034 # variables read by the scripts that source this block
# The runtimes block: bring up, run the image under, and tear down every
# container runtime scripts/runtimes compares (docs/runtimes.md); it runs
# nothing by itself. Each runtime NAME has four functions:
#   rt_up_NAME              start what it needs (under $RT_WORK); print one line,
#                           its engine and runtime versions; non-zero: cannot start
#                           (scripts call it through rt_up NAME)
#   rt_run_NAME PROFILE [RUNTIME-OPTS...] -- PROBE-ARGS...
#                           one run of the image, PROFILE default|unconfined,
#                           the probe's stdout on stdout
#   rt_profile_NAME DIR     its default seccomp profile, from its own source
#   rt_down_NAME            stop it; safe to call twice, or before rt_up_NAME
# rt_cleanup stops all of them (for an EXIT trap). Nothing is left behind: no
# daemon, container, mount or user namespace outlives rt_cleanup.
#
# Sourced after common.sh and image.sh (image_run, profile_opts,
# run_limited: the limit of every run). Needs: RT_WORK (an empty folder of
# this run, root-owned), RT_IMAGE (the image in the host engine, NAME:TAG),
# RT_IMAGE_TAR (its `docker save`, readable by all). Optional: RT_LOGS, a
# folder that outlives the run, for the daemons' own logs (the evidence of a
# failed run; else they go with RT_WORK).

RT_ALL=(docker docker-current podman podman-current podman-rootless containerd gvisor gvisor-bookworm)
# The current engines run from one Debian trixie root (docker.io 26.1, runc
# 1.1.15, containerd 1.7, runsc 2024; podman 5.4, crun 1.21), bootstrapped
# once into the cache. The package list is part of the cache key: a new list
# is a new root, never a stale one.
RT_ENGINE_SUITE=trixie
RT_ENGINE_PACKAGES=docker.io,runsc,podman,crun
RT_ENGINE_KEY=$(printf '%s' "$RT_ENGINE_PACKAGES" | md5sum | cut -c1-8)
RT_ENGINE_IMAGE=syscall-probe-engine:$RT_ENGINE_SUITE-$RT_ENGINE_KEY
# The unprivileged user rootless Podman runs as (created with subordinate ids).
RT_ROOTLESS_USER=sp-rootless
RT_ROOTLESS_IDS=1000000-1065535

# rt_known NAME: is NAME a runtime of this block?
rt_known() { one_of "$1" "${RT_ALL[@]}"; }

# rt_describe NAME: one line for --help.
rt_describe() {
  case $1 in
    docker) echo "this machine's Docker Engine (Debian 12 docker.io, runc)" ;;
    docker-current) echo "Debian trixie's Docker Engine 26.1 + runc 1.1.15, in a daemon container" ;;
    podman) echo "Podman + crun, rootful (Debian 12)" ;;
    podman-current) echo "Debian trixie's Podman 5.4 + crun 1.21, rootful, in a container of its own" ;;
    podman-rootless) echo "Podman + crun, rootless, as user $RT_ROOTLESS_USER" ;;
    containerd) echo "containerd + runc via ctr; default = ctr run --seccomp (Kubernetes' RuntimeDefault)" ;;
    gvisor) echo "gVisor runsc (trixie's) as a runtime of the docker-current daemon" ;;
    gvisor-bookworm) echo "gVisor runsc (bookworm's, 2022) as a second runtime of that daemon" ;;
  esac
}

# What the runtimes need from Debian (scripts/deps installs them too).
RT_PACKAGES=(podman crun uidmap golang-github-containers-common containerd debootstrap)

# ---- docker: the host's engine -------------------------------------------------
rt_up_docker() {
  docker info >/dev/null 2>&1 || return 1
  printf 'docker %s/runc %s\n' "$(docker version --format '{{.Server.Version}}' | sed 's/+.*//')" "$(rt_runc_version runc)"
}
rt_run_docker() { rt_docker_run "$@"; }
rt_down_docker() { :; }

# rt_runc_version CMD...: "1.1.5" from `CMD --version` (runc or crun or runsc).
rt_runc_version() {
  "$@" --version 2>/dev/null | awk 'NR == 1 { print $NF; exit }' | sed 's/^v//; s/+.*//'
}

# rt_docker_run PROFILE OPTS... -- ARGS...: image_run of the image under the
# profile (profile_opts), on whatever engine DOCKER_HOST names.
rt_docker_run() {
  local profile=$1 opts=()
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  mapfile -t -O "${#opts[@]}" opts < <(profile_opts "$profile")
  image_run "$RT_IMAGE" "${opts[@]}" -- "$@"
}

# ---- docker-current: trixie's engine in a daemon container --------------------
RT_DAEMON=""  # the daemon container's name while it runs

# rt_engine_image: make sure the host engine has $RT_ENGINE_IMAGE: a trixie
# minbase root with $RT_ENGINE_PACKAGES, bootstrapped once into the cache
# (debootstrap from this machine's mirror) and imported.
rt_engine_image() {
  local dir=$SP_CACHE/runtimes tarball mirror tmp
  docker image inspect "$RT_ENGINE_IMAGE" >/dev/null 2>&1 && return 0
  tarball=$dir/debian-$RT_ENGINE_SUITE-$RT_ENGINE_KEY.tar.gz
  mkdir -p "$dir"
  (
    lock_or_die "$dir/engine.lock" 1800
    if [ ! -s "$tarball" ]; then
      mirror=$(apt_mirror)
      tmp=$(mktemp -d "$dir/rootfs.XXXXXX")
      # debootstrap mounts /proc etc. inside the root on the way; on any exit
      # unmount them and drop the half-made root.
      trap 'rt_umount_under "$tmp"; rm -rf --one-file-system "$tmp"; rm -f "$tarball.part"' EXIT
      log "runtimes: debootstrap $RT_ENGINE_SUITE minbase + $RT_ENGINE_PACKAGES (once, cached)"
      timeout 1200 debootstrap --variant=minbase --include="$RT_ENGINE_PACKAGES" \
        "$RT_ENGINE_SUITE" "$tmp/root" "$mirror" >"$dir/debootstrap.log" 2>&1 \
        || { tail -n 5 "$dir/debootstrap.log" >&2; die "debootstrap $RT_ENGINE_SUITE failed; see $dir/debootstrap.log"; }
      rm -rf "$tmp/root/var/lib/apt/lists/"* "$tmp/root/var/cache/apt/archives/"*.deb
      tar --numeric-owner -C "$tmp/root" -c . | gzip -1 >"$tarball.part"
      mv "$tarball.part" "$tarball"
    fi
    docker image inspect "$RT_ENGINE_IMAGE" >/dev/null 2>&1 && exit 0
    log "runtimes: importing $tarball as $RT_ENGINE_IMAGE"
    docker import --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      "$tarball" "$RT_ENGINE_IMAGE" >/dev/null
  )
}

# rt_umount_under DIR: unmount everything mounted below DIR, deepest first.
rt_umount_under() {
  awk -v r="$1/" 'index($2, r) == 1 { print $2 }' /proc/mounts | sort -r \
    | while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

# The daemon container: what Docker-in-Docker does, minus --privileged (it
# fails here: this machine's bounding set lacks CAP_SYS_RESOURCE, so runc
# cannot apply "all" capabilities). podman-current's container has the same.
# RT_BOX_CONFINE is all but its network (scripts/lib/fleet.sh's swarm nodes
# share one network namespace instead).
RT_BOX_CONFINE=(--cap-add ALL --cap-drop SYS_RESOURCE
  --security-opt seccomp=unconfined --security-opt apparmor=unconfined
  --security-opt systempaths=unconfined --cgroupns host
  -v /sys/fs/cgroup:/sys/fs/cgroup:rw)
RT_BOX_OPTS=(--network none "${RT_BOX_CONFINE[@]}")
# /var/lib/docker on an anonymous volume
# (removed with the container), /run on a folder of this run so the host's
# docker client reaches its socket. Its dockerd has no bridge and no iptables,
# like the host's, and registers two gVisors with --network=none: trixie's
# runsc (runtime runsc) and bookworm's (runsc-bookworm), whose binary
# rt_up_gvisor-bookworm puts into the folder $d/bin mounted read-only at
# ${RT_RUNSC_BOOKWORM%/*} (empty until then: dockerd looks for a runtime's
# binary only when a container asks for it).
RT_RUNSC_BOOKWORM=/usr/local/lib/syscall-probe/runsc-bookworm
rt_up_docker-current() {
  local d=$RT_WORK/docker-current
  rt_engine_image || return 1
  mkdir -p "$d/run" "$d/bin"
  cat >"$d/daemon.json" <<JSON
{"bridge": "none", "iptables": false, "ip6tables": false,
 "runtimes": {"runsc": {"path": "/usr/bin/runsc", "runtimeArgs": ["--network=none"]},
              "runsc-bookworm": {"path": "$RT_RUNSC_BOOKWORM", "runtimeArgs": ["--network=none"]}}}
JSON
  RT_DAEMON=sp-runtimes-$$
  docker run -d --rm --name "$RT_DAEMON" "${RT_BOX_OPTS[@]}" \
    -v /var/lib/docker -v "$d/run:/run" -v "$d/bin:${RT_RUNSC_BOOKWORM%/*}:ro" \
    -v "$d/daemon.json:/etc/docker/daemon.json:ro" \
    "$RT_ENGINE_IMAGE" dockerd --config-file /etc/docker/daemon.json >/dev/null || return 1
  if ! wait_for 90 "dockerd in $RT_DAEMON" env DOCKER_HOST="unix://$d/run/docker.sock" docker info; then
    docker logs "$RT_DAEMON" 2>&1 | tail -n 5 >&2
    return 1
  fi
  DOCKER_HOST="unix://$d/run/docker.sock" timeout 120 docker load -q -i "$RT_IMAGE_TAR" >/dev/null || return 1
  printf 'docker %s/runc %s\n' \
    "$(DOCKER_HOST="unix://$d/run/docker.sock" docker version --format '{{.Server.Version}}' | sed 's/+.*//')" \
    "$(rt_runc_version docker exec "$RT_DAEMON" runc)"
}
rt_run_docker-current() {
  DOCKER_HOST="unix://$RT_WORK/docker-current/run/docker.sock" rt_docker_run "$@"
}
rt_down_docker-current() {
  [ -n "$RT_DAEMON" ] || return 0
  [ -z "${RT_LOGS:-}" ] || docker logs "$RT_DAEMON" >"$RT_LOGS/docker-current-dockerd.log" 2>&1 || true
  # dockerd stops its containers first; --rm then removes the daemon container
  # and its /var/lib/docker volume.
  docker stop -t 30 "$RT_DAEMON" >/dev/null 2>&1 || true
  docker rm -f -v "$RT_DAEMON" >/dev/null 2>&1 || true
  RT_DAEMON=""
}

# ---- gvisor, gvisor-bookworm: runsc registered in the docker-current daemon ----
# Two releases of gVisor, each its own Sentry with its own syscall table:
# trixie's runsc (installed in the engine root, runtime runsc) and bookworm's
# (2022: the static binary of its .deb, runtime runsc-bookworm).
# RT_RUNSC_<runtime, - as _>: the binary in the daemon container and the
# daemon's name for it.
RT_RUNSC_gvisor=(/usr/bin/runsc runsc)
RT_RUNSC_gvisor_bookworm=("$RT_RUNSC_BOOKWORM" runsc-bookworm)
RT_RUNSC_BOOKWORM_SUITE=bookworm

# rt_runsc NAME: "BINARY RUNTIME" of gVisor runtime NAME.
rt_runsc() {
  local -n pair=RT_RUNSC_${1//-/_}
  echo "${pair[@]}"
}

# rt_gvisor_up NAME: the daemon up, then one line "docker 26.1.5/runsc
# 20240729" (the date of the runsc release, as `runsc --version` spells it).
rt_gvisor_up() {
  local bin
  read -r bin _ <<<"$(rt_runsc "$1")"
  [ -n "$RT_DAEMON" ] || rt_up_docker-current >/dev/null || return 1
  printf 'docker %s/runsc %s\n' \
    "$(DOCKER_HOST="unix://$RT_WORK/docker-current/run/docker.sock" docker version --format '{{.Server.Version}}' | sed 's/+.*//')" \
    "$(docker exec "$RT_DAEMON" "$bin" --version 2>/dev/null | awk 'NR == 1 { print $NF }' | sed 's/^0.0~//; s/\.0$//')"
}
rt_gvisor_run() {
  local runtime profile=$2
  read -r _ runtime <<<"$(rt_runsc "$1")"
  shift 2
  DOCKER_HOST="unix://$RT_WORK/docker-current/run/docker.sock" rt_docker_run "$profile" --runtime "$runtime" "$@"
}

rt_up_gvisor() { rt_gvisor_up gvisor; }
rt_run_gvisor() { rt_gvisor_run gvisor "$@"; }
rt_down_gvisor() { rt_down_docker-current; }  # a no-op once it is down

# bookworm's runsc: the static binary of Debian 12's runsc package, fetched
# and unpacked once into the cache, copied into the daemon's folder for it.
rt_up_gvisor-bookworm() {
  local bin
  bin=$(rt_runsc_binary "$RT_RUNSC_BOOKWORM_SUITE") || return 1
  [ -n "$RT_DAEMON" ] || rt_up_docker-current >/dev/null || return 1
  install -m 0755 "$bin" "$RT_WORK/docker-current/bin/${RT_RUNSC_BOOKWORM##*/}" || return 1
  rt_gvisor_up gvisor-bookworm
}
rt_run_gvisor-bookworm() { rt_gvisor_run gvisor-bookworm "$@"; }
rt_down_gvisor-bookworm() { rt_down_docker-current; }

# rt_deb_file SUITE PACKAGE FILE PREFIX: print the path of FILE (a path
# inside the package: usr/bin/runsc) of the version SUITE's lists name,
# unpacked once from its .deb into the cache folder PREFIX<version>.
rt_deb_file() {
  local suite=$1 package=$2 file=$3 version deb dir
  version=$(rt_apt_candidate "$suite" "$package") || return 1
  dir=$4$version
  if [ ! -x "$dir/${file##*/}" ]; then
    deb=$(rt_fetch_deb "$suite" "$package" "$version") || return 1
    mkdir -p "$dir"
    (
      lock_or_die "$dir.lock" 600
      [ -x "$dir/${file##*/}" ] && exit 0
      local x
      x=$(mktemp -d "$dir/deb.XXXXXX")
      trap 'rm -rf "$x"' EXIT
      dpkg-deb -x "$deb" "$x" && mv "$x/$file" "$dir/${file##*/}"
    ) || return 1
  fi
  echo "$dir/${file##*/}"
}

# rt_runsc_binary SUITE: print the path of SUITE's runsc (the package's
# /usr/bin/runsc, statically linked), unpacked once into the cache.
rt_runsc_binary() {
  rt_deb_file "$1" runsc usr/bin/runsc "$SP_CACHE/runtimes/runsc-$1-"
}

# ---- podman (rootful and rootless), crun ---------------------------------------
# crun 1.8 refuses "hybrid" cgroups (v1 controllers plus a v2 hierarchy that
# has a controller: here /sys/fs/cgroup/unified holds hugetlb). Podman runs in
# a private mount namespace where that v2 mount is gone, so crun sees plain v1;
# the host's mounts are untouched. Default rlimits exceed this machine's hard
# limits, so the ulimits are given explicitly.
RT_PODMAN_OPTS=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)

rt_hybrid_cgroups() {
  [ "$(stat -f -c %T /sys/fs/cgroup/unified 2>/dev/null)" = cgroup2fs ] \
    && [ -n "$(cat /sys/fs/cgroup/unified/cgroup.controllers 2>/dev/null)" ]
}

# rt_podman_ns USER CMD...: CMD in a private mount namespace (as USER, or root).
rt_podman_ns() {
  local user=$1
  shift
  local drop=()
  [ "$user" = root ] || drop=(setpriv --reuid "$user" --regid "$user" --init-groups)
  # shellcheck disable=SC2016 # $1 is expanded by the inner shell
  run_limited unshare -m --propagation private bash -c '
    if [ "$1" = 1 ]; then umount /sys/fs/cgroup/unified || exit 1; fi
    shift; exec "$@"' _ "$(rt_hybrid_cgroups && echo 1 || echo 0)" "${drop[@]}" "$@"
}

# Podman's storage is this run's own (never /var/lib/containers), so removing
# everything in it touches no one else.
rt_podman_args() {
  local d=$RT_WORK/$1
  echo --root "$d/storage" --runroot "$d/run" --tmpdir "$d/tmp" --events-backend none
}

rt_podman() {
  local who=$1 user=root envs=()
  shift
  if [ "$who" = podman-rootless ]; then
    user=$RT_ROOTLESS_USER
    local d=$RT_WORK/$who
    envs=(env "HOME=$d" "XDG_RUNTIME_DIR=$d/xdg" "XDG_CONFIG_HOME=$d/config" "XDG_DATA_HOME=$d/data")
  fi
  local args
  read -r -a args <<<"$(rt_podman_args "$who")"
  rt_podman_ns "$user" "${envs[@]}" podman "${args[@]}" "$@"
}

rt_up_podman() {
  command -v podman >/dev/null && command -v crun >/dev/null || return 1
  mkdir -p "$RT_WORK/podman"
  rt_podman podman load -q -i "$RT_IMAGE_TAR" >/dev/null || return 1
  printf 'podman %s/crun %s\n' "$(podman --version | awk '{print $NF}')" "$(rt_runc_version crun)"
}
rt_run_podman() { rt_podman_run podman "$@"; }
rt_down_podman() { rt_podman_down podman; }

rt_podman_run() {
  local who=$1 profile=$2 opts=(--rm --network none "${RT_PODMAN_OPTS[@]}")
  shift 2
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  mapfile -t -O "${#opts[@]}" opts < <(profile_opts "$profile")
  rt_podman "$who" run "${opts[@]}" "localhost/$RT_IMAGE" "$@"
}

rt_podman_down() {
  [ -d "$RT_WORK/$1/storage" ] || return 0
  rt_podman "$1" rm -f --all >/dev/null 2>&1 || true
}

# The rootless user: a system account with subordinate ids for its user
# namespace (newuidmap), created once.
rt_rootless_user() {
  if ! id "$RT_ROOTLESS_USER" >/dev/null 2>&1; then
    log "runtimes: creating user $RT_ROOTLESS_USER for rootless podman"
    useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
      "$RT_ROOTLESS_USER" || return 1
  fi
  if grep -q "^$RT_ROOTLESS_USER:" /etc/subuid && grep -q "^$RT_ROOTLESS_USER:" /etc/subgid; then
    return 0
  fi
  usermod --add-subuids "$RT_ROOTLESS_IDS" --add-subgids "$RT_ROOTLESS_IDS" "$RT_ROOTLESS_USER"
}

rt_up_podman-rootless() {
  local d=$RT_WORK/podman-rootless
  command -v podman >/dev/null && command -v newuidmap >/dev/null || return 1
  rt_rootless_user || return 1
  mkdir -p "$d/xdg"
  cp "$RT_IMAGE_TAR" "$d/image.tar"
  chown -R "$RT_ROOTLESS_USER:" "$d"
  chmod 700 "$d" "$d/xdg"
  rt_podman podman-rootless load -q -i "$d/image.tar" >/dev/null || return 1
  printf 'podman %s/crun %s rootless\n' "$(podman --version | awk '{print $NF}')" "$(rt_runc_version crun)"
}
rt_run_podman-rootless() { rt_podman_run podman-rootless "$@"; }
rt_down_podman-rootless() {
  rt_podman_down podman-rootless
  # Rootless storage holds files owned by subordinate ids: remove them from
  # inside the user namespace.
  if [ -d "$RT_WORK/podman-rootless/storage" ]; then
    rt_podman podman-rootless system reset -f >/dev/null 2>&1 || true
  fi
}

# ---- podman-current: trixie's podman + crun in a container of its own ----------
# The engine image (it has podman and crun too) runs as a long-lived container
# with the daemon container's options; each podman command is a `docker exec`
# in it. /var/lib/containers is an anonymous volume (overlay cannot stack on
# the container's own overlay; removed with it), the image tar is mounted
# read-only. Rootful: the container's root is this machine's root, confined
# as the daemon container is. Like Debian 12's, podman runs with cgroupfs
# and no events (no systemd in the container), and the ulimits given.
RT_PODMAN_BOX=""
rt_box() { run_limited docker exec "$RT_PODMAN_BOX" "$@"; }

rt_up_podman-current() {
  rt_engine_image || return 1
  RT_PODMAN_BOX=sp-podman-$$
  # crun 1.21 refuses hybrid cgroups as 1.8 does (see podman below): the
  # container drops the v2 mount from its own mount namespace (the bind is
  # rprivate: the host keeps it) before it sleeps. sleep as PID 1 ignores
  # SIGTERM: rt_down removes the container with -f. Two hours, not forever:
  # a run killed with SIGKILL (no trap) leaves a container that ends, and
  # --rm removes, by itself.
  local unmount=:
  rt_hybrid_cgroups && unmount='umount /sys/fs/cgroup/unified'
  docker run -d --rm --name "$RT_PODMAN_BOX" "${RT_BOX_OPTS[@]}" \
    -e PODMAN_IGNORE_CGROUPSV1_WARNING=1 \
    -v /var/lib/containers -v "$RT_IMAGE_TAR:/image.tar:ro" \
    "$RT_ENGINE_IMAGE" sh -c "$unmount && exec sleep 7200" >/dev/null || return 1
  rt_box podman --cgroup-manager cgroupfs --events-backend none load -q -i /image.tar >/dev/null || return 1
  printf 'podman %s/crun %s\n' "$(rt_box podman --version | awk '{print $NF}')" \
    "$(rt_runc_version rt_box crun)"
}
rt_run_podman-current() {
  local profile=$1 opts=(--rm --network none "${RT_PODMAN_OPTS[@]}")
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  mapfile -t -O "${#opts[@]}" opts < <(profile_opts "$profile")
  rt_box podman --cgroup-manager cgroupfs --events-backend none run "${opts[@]}" \
    "localhost/$RT_IMAGE" "$@"
}
rt_down_podman-current() {
  [ -n "$RT_PODMAN_BOX" ] || return 0
  # Its containers and storage die with it (the volume goes with -v).
  docker rm -f -v "$RT_PODMAN_BOX" >/dev/null 2>&1 || true
  RT_PODMAN_BOX=""
}

# ---- containerd: its own daemon, ctr ------------------------------------------
RT_CTD_PID=""
# The logging binary of every run (rt_run_containerd), as a URI: its path is
# not encoded, the shim would take a %2F for a name.
RT_CTR_LOGGER=binary://$SP_ROOT/scripts/internal/ctr-logger
rt_ctr() { run_limited ctr --address "$RT_WORK/containerd/c.sock" --namespace syscall-probe "$@"; }

rt_up_containerd() {
  local d=$RT_WORK/containerd
  command -v containerd >/dev/null && command -v ctr >/dev/null || return 1
  if ! [[ $SP_ROOT =~ ^/[A-Za-z0-9/._+-]*$ ]]; then
    log "containerd: its log URI cannot name $SP_ROOT: use a checkout whose path has only letters, digits and / . _ + -"
    return 1
  fi
  mkdir -p "$d/io"
  # Its own root, state and sockets: the host engine's containerd is untouched.
  cat >"$d/config.toml" <<TOML
version = 2
root = "$d/root"
state = "$d/state"
disabled_plugins = ["io.containerd.grpc.v1.cri"]
[grpc]
  address = "$d/c.sock"
[ttrpc]
  address = "$d/c.sock.ttrpc"
TOML
  setsid containerd --config "$d/config.toml" >"${RT_LOGS:-$d}/containerd.log" 2>&1 </dev/null &
  RT_CTD_PID=$!
  wait_for 30 "containerd" rt_ctr version || return 1
  rt_ctr images import "$RT_IMAGE_TAR" >/dev/null || return 1
  printf 'containerd %s/runc %s\n' "$(containerd --version | awk '{print $3}' | sed 's/~.*//')" "$(rt_runc_version runc)"
}

# default: `ctr run --seccomp`, containerd's default profile, the one the
# kubelet asks for with seccompProfile RuntimeDefault; unconfined: none.
RT_CTR_N=0
rt_run_containerd() {
  local profile=$1 opts=(--rm)
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
  shift
  [ "$profile" = default ] && opts+=(--seccomp)
  RT_CTR_N=$((RT_CTR_N + 1))
  local id=sp-$$-$RT_CTR_N rc=0 stem
  stem=$RT_WORK/containerd/io/$id
  # The probe's stdout and stderr reach files through the shim's logging
  # binary, not through ctr, which lost the end of the report under load
  # (scripts/internal/ctr-logger). No --net-host: the container gets a network
  # namespace of its own, empty.
  rt_ctr run "${opts[@]}" --log-uri "$RT_CTR_LOGGER?out=$(jq -rn --arg v "$stem" '$v | @uri')" \
    "docker.io/library/$RT_IMAGE" "$id" /syscall-probe "$@" || rc=$?
  # --rm is ctr's own cleanup: a ctr the limit ended (124, 137) left its
  # task and container to the daemon; the logger ends with the shim.
  case $rc in 124 | 137) rt_ctr_remove "$id" ;; esac
  cat "$stem.stdout" 2>/dev/null || true
  cat "$stem.stderr" >&2 2>/dev/null || true
  rm -f "$stem.stdout" "$stem.stderr"
  return "$rc"
}

# rt_ctr_remove ID: containerd's container ID gone, its task killed first.
rt_ctr_remove() {
  rt_ctr tasks kill -s KILL "$1" >/dev/null 2>&1 || true
  rt_ctr tasks rm -f "$1" >/dev/null 2>&1 || true
  rt_ctr containers rm "$1" >/dev/null 2>&1 || true
}

rt_down_containerd() {
  local id
  [ -n "$RT_CTD_PID" ] || return 0
  for id in $(rt_ctr containers ls -q 2>/dev/null); do rt_ctr_remove "$id"; done
  kill -TERM "$RT_CTD_PID" 2>/dev/null || true
  wait_for 20 "containerd $RT_CTD_PID to exit" bash -c "! kill -0 $RT_CTD_PID" \
    || kill -KILL "$RT_CTD_PID" 2>/dev/null || true
  RT_CTD_PID=""
}

# ---- each runtime's default seccomp profile, from its own source ---------------
# rt_profile_NAME DIR: write DIR/NAME.json, the profile the runtime applies by
# default, taken from the runtime's own files, and DIR/NAME.source, one line
# saying which file of which package (or which command) it came from. Call
# after rt_up_NAME. gvisor and gvisor-bookworm write the .source and runsc's
# own table (rt_gvisor_profile): runsc ignores the profile.

# rt_apt_opts SUITE: set RT_APT_OPTS, a private apt configuration for Debian
# SUITE in the cache (this machine's mirror; the system's sources are
# untouched), and fetch its lists once. Call with $SP_CACHE/apt/SUITE.lock held.
rt_apt_opts() {
  local suite=$1 dir=$SP_CACHE/apt/$1
  mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/debs"
  RT_APT_OPTS=(-o "Dir::Etc::SourceList=$dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$dir/lists" -o "Dir::Cache=$dir/cache"
    -o Dir::State::Status=/dev/null -o APT::Get::List-Cleanup=0 -o APT::Sandbox::User=root)
  [ -z "$(find "$dir/lists" -maxdepth 1 -name '*Packages*' -print -quit)" ] || return 0
  printf 'deb %s %s main\n' "$(apt_mirror)" "$suite" >"$dir/sources.list"
  timeout 600 apt-get "${RT_APT_OPTS[@]}" -qq update >&2 || die "apt-get update for $suite failed"
}

# rt_apt_candidate SUITE PACKAGE: print the version of PACKAGE that SUITE's
# lists (fetched once) name.
rt_apt_candidate() {
  local dir=$SP_CACHE/apt/$1
  mkdir -p "$dir"
  (
    lock_or_die "$dir.lock" 600
    rt_apt_opts "$1"
    # awk reads to the end: an exit at the first match could leave apt-cache
    # killed by SIGPIPE, a failed pipeline under pipefail.
    timeout 60 apt-cache "${RT_APT_OPTS[@]}" show --no-all-versions "$2" \
      | awk '$1 == "Version:" && v == "" { v = $2 } END { if (v != "") print v }'
  ) | grep .
}

# rt_deb_in DIR PACKAGE VERSION: print the .deb of PACKAGE=VERSION in DIR, of
# whichever architecture apt-get download named it (amd64, arm64, all).
rt_deb_in() {
  local f
  for f in "$1/${2}_${3//:/%3a}"_*.deb; do
    [ -s "$f" ] && { echo "$f"; return 0; }
  done
  return 1
}

# rt_fetch_deb SUITE PACKAGE VERSION: download PACKAGE=VERSION from Debian
# SUITE into the cache (rt_apt_opts: a private apt configuration) and print
# the .deb's path.
rt_fetch_deb() {
  local suite=$1 pkg=$2 version=$3 dir=$SP_CACHE/apt/$1
  rt_deb_in "$dir/debs" "$pkg" "$version" && return 0
  mkdir -p "$dir"
  (
    lock_or_die "$dir.lock" 600
    rt_deb_in "$dir/debs" "$pkg" "$version" >/dev/null && exit 0
    rt_apt_opts "$suite"
    cd "$dir/debs" && timeout 600 apt-get "${RT_APT_OPTS[@]}" -qq download "$pkg=$version" >&2
  ) || return 1
  rt_deb_in "$dir/debs" "$pkg" "$version"
}

# rt_docker_profile DIR NAME SUITE SOURCE-VERSION: moby's
# profiles/seccomp/default.json, as Debian ships it in
# golang-github-docker-docker-dev built from the same docker.io source.
rt_docker_profile() {
  local dir=$1 name=$2 suite=$3 version=$4 deb x
  local path=usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json
  deb=$(rt_fetch_deb "$suite" golang-github-docker-docker-dev "$version") || return 1
  x=$(mktemp -d "$RT_WORK/deb.XXXXXX")
  dpkg-deb -x "$deb" "$x" && cp "$x/$path" "$dir/$name.json" || return 1
  echo "/$path of golang-github-docker-docker-dev $version ($suite; the docker.io source the engine is built from)" \
    >"$dir/$name.source"
}

rt_profile_docker() {
  rt_docker_profile "$1" docker bookworm "$(dpkg-query -W -f '${source:Version}' docker.io)"
}
rt_profile_docker-current() {
  rt_docker_profile "$1" docker-current "$RT_ENGINE_SUITE" \
    "$(docker exec "$RT_DAEMON" dpkg-query -W -f '${source:Version}' docker.io)"
}

rt_podman_profile() {
  local f=/usr/share/containers/seccomp.json
  cp "$f" "$1/$2.json" || return 1
  echo "$f of $(dpkg-query -S "$f" | cut -d: -f1) $(dpkg-query -W -f '${Version}' golang-github-containers-common)" >"$1/$2.source"
}
rt_profile_podman() { rt_podman_profile "$1" podman; }
rt_profile_podman-current() {
  local f=/usr/share/containers/seccomp.json pkg
  rt_box cat "$f" >"$1/podman-current.json" || return 1
  pkg=$(rt_box dpkg-query -S "$f" | cut -d: -f1)
  # shellcheck disable=SC2016 # a dpkg-query format, not a shell expansion
  echo "$f of $pkg $(rt_box dpkg-query -W -f '${Version}' "$pkg") ($RT_ENGINE_SUITE)" >"$1/podman-current.source"
}
rt_profile_podman-rootless() { rt_podman_profile "$1" podman-rootless; }

# containerd's default profile is Go code (contrib/seccomp): the spec that
# `ctr containers create --seccomp` generates holds it, resolved for the
# container's capabilities.
rt_profile_containerd() {
  local id=sp-$$-profile
  rt_ctr containers create --seccomp "docker.io/library/$RT_IMAGE" "$id" >/dev/null || return 1
  rt_ctr containers info "$id" | jq '.Spec.linux.seccomp' >"$1/containerd.json"
  rt_ctr containers rm "$id" >/dev/null
  jq -e .defaultAction "$1/containerd.json" >/dev/null || return 1
  echo "linux.seccomp of the spec 'ctr containers create --seccomp' generates (containerd $(containerd --version | awk '{print $3}'))" \
    >"$1/containerd.source"
}

# gVisor: no profile, but the very runsc's own table of what its Sentry
# implements (`runsc help syscalls`, csv: OS, Arch, Num, Name, Support, Note),
# run in the daemon container with the binary that ran the probe:
# DIR/NAME.syscalls.csv, the oracle of tests/runtimes/check_sentry_table.py.
rt_gvisor_profile() {
  local dir=$1 name=$2 bin version arch
  read -r bin _ <<<"$(rt_runsc "$name")"
  version=$(docker exec "$RT_DAEMON" "$bin" --version 2>/dev/null | awk 'NR == 1 { print $NF }')
  case $(uname -m) in
    x86_64) arch=amd64 ;;
    aarch64) arch=arm64 ;;
    *) arch=$(uname -m) ;;
  esac
  echo "none: runsc $version ignores the OCI profile unless started with --oci-seccomp; its Sentry answers every call; $name.syscalls.csv is that runsc's own table (runsc help syscalls -format csv -arch $arch)" \
    >"$dir/$name.source"
  docker exec "$RT_DAEMON" "$bin" help syscalls -format csv -arch "$arch" >"$dir/$name.syscalls.csv" || return 1
  head -n 1 "$dir/$name.syscalls.csv" | grep -q '^OS,Arch,Num,Name,Support' \
    || { echo "runsc $version help syscalls: not the csv table" >&2; return 1; }
}
rt_profile_gvisor() { rt_gvisor_profile "$1" gvisor; }
rt_profile_gvisor-bookworm() { rt_gvisor_profile "$1" gvisor-bookworm; }

# rt_up NAME: rt_up_NAME in this shell (it keeps the runtime's state), output
# to stdout; remembered, so that rt_cleanup stops only what was started, once.
declare -A RT_STARTED=()
rt_up() {
  RT_STARTED[$1]=1
  "rt_up_$1"
}

# rt_cleanup: every runtime rt_up started down, every mount below RT_WORK gone.
rt_cleanup() {
  local r
  for r in "${RT_ALL[@]}"; do
    [ -n "${RT_STARTED[$r]:-}" ] || continue
    "rt_down_$r" || true
    unset "RT_STARTED[$r]"
  done
  [ -n "${RT_WORK:-}" ] && [ -d "$RT_WORK" ] && rt_umount_under "$RT_WORK"
  return 0
}

