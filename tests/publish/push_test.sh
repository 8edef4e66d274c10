#!/usr/bin/env bash
# The release workflow's build command, for real, here: scripts/push-image
# builds Dockerfile.multiarch for linux/amd64 and linux/arm64 in one
# `docker buildx build ... --push` (trixie's buildx and engine,
# scripts/lib/buildx.sh) into the local registry on 127.0.0.1
# (scripts/internal/registry); then `docker buildx imagetools inspect` must show both
# platforms, and each platform's config the OCI labels (version =
# CMakeLists.txt's, revision = HEAD, source); and each platform, pulled by
# the host engine, must be that architecture and run (arm64 through
# binfmt_misc + qemu-user). Provenance, SBOM and signing need a public
# registry and run in the workflow only (docs/ci.md).
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
# shellcheck source=../../scripts/lib/runtimes.sh
. "$SP_ROOT/scripts/lib/runtimes.sh"
# shellcheck source=../../scripts/lib/buildx.sh
. "$SP_ROOT/scripts/lib/buildx.sh"

"$SP_ROOT/scripts/engine" start >/dev/null || skip_test "no Docker engine"
"$SP_ROOT/scripts/deps-arm64" --check >/dev/null || "$SP_ROOT/scripts/deps-arm64" >&2
"$SP_ROOT/scripts/internal/binfmt" enable >/dev/null
registry_was_up=false
"$SP_ROOT/scripts/internal/registry" status >/dev/null 2>&1 && registry_was_up=true
"$SP_ROOT/scripts/internal/registry" start >/dev/null
reg=$("$SP_ROOT/scripts/internal/registry" address)
name=$reg/syscall-probe tag=publish-test-$$
version=$(sed -nE 's/^[[:space:]]*VERSION[[:space:]]+([0-9][0-9.]*).*/\1/p' "$SP_ROOT/CMakeLists.txt" | head -n1)
revision=$(git -C "$SP_ROOT" rev-parse HEAD)

cleanup() {
  buildx_down
  docker image rm -f "$name:$tag" >/dev/null 2>&1 || true
  # The test's tag out of the registry again (its blobs go at the next
  # garbage collection of the registry's storage).
  if [ -n "${digest:-}" ]; then
    curl -fsS --max-time 10 -X DELETE "http://$reg/v2/syscall-probe/manifests/$digest" >/dev/null 2>&1 || true
  fi
  $registry_was_up || "$SP_ROOT/scripts/internal/registry" stop >/dev/null 2>&1 || true
  rm -rf "$TEST_TMP"
}
trap cleanup EXIT

buildx_up "$TEST_TMP/buildx" || fail "the builder did not start"
# shellcheck disable=SC1091 # written by buildx_up
. "$TEST_TMP/buildx/env"

start=$(date +%s)
ref=$("$SP_ROOT/scripts/push-image" --image "$name" --tag "$tag" --host-network --no-unit-tests \
  --source "https://example.invalid/syscall-probe" --metadata "$TEST_TMP/metadata.json") \
  || fail "scripts/push-image failed"
pass "docker buildx build --platform linux/amd64,linux/arm64 --push: $ref in $(( $(date +%s) - start )) s"
digest=${ref##*@}

docker buildx imagetools inspect "$name:$tag" | tee "$TEST_TMP/inspect.txt" >&2 \
  || fail "docker buildx imagetools inspect $name:$tag"
docker buildx imagetools inspect "$name:$tag" --format '{{json .Manifest}}' >"$TEST_TMP/manifest.json"
docker buildx imagetools inspect "$name:$tag" --format '{{json .Image}}' >"$TEST_TMP/image.json"
check "the index's digest is the one pushed" [ "$(jq -r .digest "$TEST_TMP/manifest.json")" = "$digest" ]
platforms=$(jq -r '[.manifests[] | select(.platform.os == "linux") | "\(.platform.os)/\(.platform.architecture)"] | sort | join(",")' \
  "$TEST_TMP/manifest.json")
check "imagetools: both platforms ($platforms)" [ "$platforms" = linux/amd64,linux/arm64 ]
for p in linux/amd64 linux/arm64; do
  label() { jq -r --arg p "$p" --arg l "org.opencontainers.image.$1" '.[$p].config.Labels[$l]' "$TEST_TMP/image.json"; }
  check "$p: label version $version" [ "$(label version)" = "$version" ]
  check "$p: label revision $revision" [ "$(label revision)" = "$revision" ]
  check "$p: label source" [ "$(label source)" = "https://example.invalid/syscall-probe" ]
done

# Back through this machine's own engine, as a user pulls it.
unset DOCKER_HOST DOCKER_CONFIG
for arch in amd64 arm64; do
  docker image rm -f "$name:$tag" >/dev/null 2>&1 || true
  docker pull -q --platform "linux/$arch" "$name:$tag" >/dev/null || { fail_check "docker pull linux/$arch"; continue; }
  check "pulled linux/$arch is $arch" [ "$(docker image inspect -f '{{.Architecture}}' "$name:$tag")" = "$arch" ]
  out=$(image_run "$name:$tag" --platform "linux/$arch" -- --version 2>&1) || true
  check "linux/$arch runs: $out" [ "$out" = "syscall-probe $version" ]
done
finish
