#!/usr/bin/env bash
# image_tar (scripts/lib/image.sh) saves exactly the reference it is given: a
# bare name is NAME:latest, never every tag of the repository. (A tar holding
# the repository's arm64 tags too made `ctr images import` fail to unpack, and
# with it containerd's column, in CI.)
. "$(dirname "$0")/../lib.sh"
require_image
repo=${IMAGE%:*}
other=$repo:sp-image-tar-test
docker tag "$IMAGE" "$other"
trap 'docker rmi "$other" >/dev/null 2>&1 || true; rm -rf "$TEST_TMP"' EXIT
SP_CACHE=$TEST_TMP/cache
image_tar "$repo"
tags=$(tar -xOf "$IMAGE_TAR" manifest.json | jq -r '[.[].RepoTags[]] | join(" ")')
expect_eq "tags saved for '$repo'" "$tags" "$repo:latest"
image_tar "$other"
tags=$(tar -xOf "$IMAGE_TAR" manifest.json | jq -r '[.[].RepoTags[]] | join(" ")')
expect_eq "tags saved for '$other'" "$tags" "$other"
expect_eq "tars cached" "$(find "$SP_CACHE/images" -name '*.tar' | wc -l)" 2
