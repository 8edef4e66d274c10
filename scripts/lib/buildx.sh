# shellcheck shell=bash
# shellcheck disable=SC2034 # variables read by the scripts that source this block
# A multi-platform BuildKit builder on this machine, for scripts/push-image:
# Debian trixie's docker-buildx plugin (0.13) driving the BuildKit inside
# trixie's dockerd 26.1 with the containerd image store, the store that lets
# the engine's own builder make and push an image index for several
# platforms (Debian 12's engine, 20.10, cannot, and BuildKit's own daemon
# image is not available here). That dockerd runs in a container of the trixie
# engine image (scripts/lib/runtimes.sh) on the host's network, so that its
# builds reach the apt mirror and the registry on 127.0.0.1 (scripts/internal/registry),
# which also serves it docker.io's images as a mirror: the build stage's
# debian:bookworm is the local one (scripts/base-image), pushed there first.
# Sourced after common.sh and runtimes.sh; runs nothing by itself.
#   buildx_up DIR    start it; DOCKER_HOST and DOCKER_CONFIG to use it are
#                    written to DIR/env (source that file), DIR kept by the caller
#   buildx_down      stop it (safe to call twice)

BUILDX_SUITE=trixie
BUILDX_DAEMON=""
BUILDX_ENGINE=""  # the engine the builder container runs on: the caller's DOCKER_HOST

# buildx_plugin: print the path of trixie's docker-buildx plugin, unpacked
# once into the cache from the version trixie's lists name.
buildx_plugin() {
  rt_deb_file "$BUILDX_SUITE" docker-buildx usr/libexec/docker/cli-plugins/docker-buildx "$SP_CACHE/buildx/"
}

# buildx_up DIR: the builder daemon up with the registry (already started) as
# its docker.io mirror; DIR/env holds the two exports that select it. The
# plugin goes into DIR's own DOCKER_CONFIG, so no other docker command on
# this machine starts using BuildKit through it.
buildx_up() {
  local dir=$1 plugin reg opts=()
  plugin=$(buildx_plugin) || { log "buildx: cannot fetch trixie's docker-buildx"; return 1; }
  rt_engine_image || return 1
  reg=$("$SP_ROOT/scripts/internal/registry" address)
  mkdir -p "$dir/run" "$dir/config/cli-plugins"
  ln -sf "$plugin" "$dir/config/cli-plugins/docker-buildx"
  # The base image as docker.io/library/debian:bookworm of the mirror.
  "$SP_ROOT/scripts/base-image" >&2 || return 1
  docker tag debian:bookworm "$reg/library/debian:bookworm"
  docker push -q "$reg/library/debian:bookworm" >/dev/null || return 1
  docker image rm "$reg/library/debian:bookworm" >/dev/null
  cat >"$dir/daemon.json" <<JSON
{"bridge": "none", "iptables": false, "ip6tables": false,
 "features": {"containerd-snapshotter": true},
 "registry-mirrors": ["http://$reg"], "insecure-registries": ["$reg"]}
JSON
  # The runtimes' daemon-container options, on the host's network instead of none.
  local o skip=false
  for o in "${RT_BOX_OPTS[@]}"; do
    if $skip; then skip=false; continue; fi
    if [ "$o" = --network ]; then skip=true; continue; fi
    opts+=("$o")
  done
  BUILDX_DAEMON=sp-buildx-$$
  BUILDX_ENGINE=${DOCKER_HOST:-}
  docker run -d --rm --name "$BUILDX_DAEMON" --network host "${opts[@]}" \
    -v /var/lib/docker -v "$dir/run:/run" -v "$dir/daemon.json:/etc/docker/daemon.json:ro" \
    "$RT_ENGINE_IMAGE" dockerd --config-file /etc/docker/daemon.json >/dev/null || return 1
  printf 'export DOCKER_HOST=unix://%s/run/docker.sock DOCKER_CONFIG=%s/config\n' "$dir" "$dir" >"$dir/env"
  if ! wait_for 90 "dockerd in $BUILDX_DAEMON" env DOCKER_HOST="unix://$dir/run/docker.sock" docker info; then
    docker logs "$BUILDX_DAEMON" 2>&1 | tail -n 5 >&2
    return 1
  fi
  log "buildx: $(DOCKER_CONFIG=$dir/config DOCKER_HOST=unix://$dir/run/docker.sock docker buildx version) on dockerd $(
    DOCKER_HOST="unix://$dir/run/docker.sock" docker version --format '{{.Server.Version}}') ($BUILDX_DAEMON)"
}

# buildx_down: the builder container stopped and removed, on the engine it
# runs on, whatever DOCKER_HOST the caller sourced from DIR/env since.
buildx_down() {
  [ -n "$BUILDX_DAEMON" ] || return 0
  local host=(env -u DOCKER_HOST -u DOCKER_CONFIG)
  [ -z "$BUILDX_ENGINE" ] || host+=(DOCKER_HOST="$BUILDX_ENGINE")
  "${host[@]}" docker stop -t 30 "$BUILDX_DAEMON" >/dev/null 2>&1 || true
  "${host[@]}" docker rm -f -v "$BUILDX_DAEMON" >/dev/null 2>&1 || true
  BUILDX_DAEMON=""
}
