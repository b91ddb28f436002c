#!/usr/bin/env bash
# The production-shaped stack on this machine: nginx on http://127.0.0.1:8080 balancing over two API
# containers, two worker containers, PostgreSQL 17, and S3 and SQS emulated by fauxqs.
#
#   docker/stack.sh up [--for-tests]   build the images and start the stack; waits until it is ready
#   docker/stack.sh build              only build the images (base images too, where needed)
#   docker/stack.sh down               remove the containers, networks and volumes
#   docker/stack.sh sizes              the sizes of the app images
#   docker/stack.sh admin <verb> <email>   npm run admin inside a running API container, against the stack's
#                                      PostgreSQL (its DATABASE_URL): grant-organiser, revoke-organiser
#
# By default the base images are made here from Debian's packages and the npm registry
# (docker/base/build.sh), so Docker Hub is not needed; ANB_BASE_IMAGES=hub uses the official images
# named in compose.yaml instead. --for-tests layers compose.tests.yaml (settings for drills and the
# Postman collection). Installs docker.io, docker-compose and debootstrap with apt and starts dockerd
# when they are missing (as root).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
project=anb
entry_url=http://127.0.0.1:8080
base_images=${ANB_BASE_IMAGES:-local}

log() { printf '[stack] %s\n' "$*"; }
fail() { printf '[stack] %s\n' "$*" >&2; exit 1; }

apt_install() {
  [[ $(id -u) == 0 ]] || fail "missing $*: install it (apt-get install $*) or run as root"
  log "installing $* with apt"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# BuildKit builds need a client with BuildKit built in (Debian's docker.io) or the buildx plugin.
docker_client() {
  if docker buildx version >/dev/null 2>&1; then echo docker
  elif [[ -x /usr/bin/docker ]]; then echo /usr/bin/docker
  else echo docker; fi
}

ensure_engine() {
  command -v dockerd >/dev/null || apt_install docker.io
  docker=$(docker_client)
  if ! "$docker" info >/dev/null 2>&1; then
    [[ $(id -u) == 0 ]] || fail "the Docker engine is not running: start dockerd"
    log "starting dockerd (log in /var/log/anb-dockerd.log)"
    setsid dockerd >/var/log/anb-dockerd.log 2>&1 </dev/null &
    for _ in $(seq 60); do "$docker" info >/dev/null 2>&1 && break; sleep 0.5; done
    "$docker" info >/dev/null 2>&1 || fail "dockerd did not start: see /var/log/anb-dockerd.log"
  fi
}

# Compose v2 where the client has it, else Debian's docker-compose (v1), which reads the same files.
compose() {
  local files=(-f "$here/compose.yaml")
  [[ $base_images == local ]] && files+=(-f "$here/compose.local.yaml")
  [[ ${for_tests:-false} == true ]] && files+=(-f "$here/compose.tests.yaml")
  if docker compose version >/dev/null 2>&1; then
    docker compose -p "$project" "${files[@]}" "$@"
  else
    command -v docker-compose >/dev/null || apt_install docker-compose
    docker-compose -p "$project" "${files[@]}" "$@"
  fi
}

build_images() {
  if [[ $base_images == local ]]; then
    command -v debootstrap >/dev/null || apt_install debootstrap
    DOCKER_CLIENT=$docker "$here/base/build.sh"
  fi
  local args=(--file "$here/Dockerfile")
  [[ $base_images == local ]] && args+=(--build-arg "NODE_IMAGE=anb-base/node:24-bookworm-slim" --network host)
  # The machine's CA bundle, for npm behind a TLS-intercepting proxy (ignored when npm does not need it).
  local ca=${ANB_BUILD_CA:-/etc/ssl/certs/ca-certificates.crt}
  [[ -s $ca ]] && args+=(--secret "id=ca,src=$ca")
  for target in api worker; do
    log "building anb-$target:local"
    DOCKER_BUILDKIT=1 "$docker" build --quiet "${args[@]}" --target "$target" --tag "anb-$target:local" "$repo" >/dev/null
  done
  sizes
}

sizes() {
  "$docker" image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep -E '^anb-(api|worker):local' | sort
}

wait_ready() {
  local deadline=$((SECONDS + ${ANB_READY_TIMEOUT:-240}))
  until curl -fsS -o /dev/null "$entry_url/api/health/ready" 2>/dev/null; do
    ((SECONDS < deadline)) || { compose ps; compose logs --tail 40; fail "not ready after ${ANB_READY_TIMEOUT:-240} s"; }
    sleep 1
  done
}

command=${1:-up}
shift || true
for_tests=false
# The admin verb hands its arguments to the program; the others take options.
if [[ $command != admin ]]; then
  for arg in "$@"; do
    case $arg in
      --for-tests) for_tests=true ;;
      *) fail "unknown option $arg" ;;
    esac
  done
fi

case $command in
  build)
    ensure_engine
    build_images
    ;;
  up)
    ensure_engine
    build_images
    log "starting the stack"
    compose up --detach --no-build --scale api=2 --scale worker=2
    wait_ready
    compose ps
    log "ready: $entry_url (web app), $entry_url/api, $entry_url/docs"
    ;;
  down)
    docker=$(docker_client)
    "$docker" info >/dev/null 2>&1 || { log "no Docker engine running: nothing to remove"; exit 0; }
    compose down --volumes --remove-orphans --timeout 30
    ;;
  sizes)
    docker=$(docker_client)
    sizes
    ;;
  admin)
    # The API image holds the admin program, and its containers have the app role's DATABASE_URL (it reads
    # and writes rows; changing a role and appending to the audit log need no more). Exit code and line are
    # the program's. -T: no terminal, so it runs the same from CI and from a script.
    docker=$(docker_client)
    "$docker" info >/dev/null 2>&1 || fail "no Docker engine running: start the stack first (npm run docker:up)"
    [[ -n $(compose ps -q api 2>/dev/null) ]] || fail "no API container running: start the stack first (npm run docker:up)"
    compose exec -T api node apps/admin/src/main.ts "$@"
    ;;
  *) fail "unknown command $command (up, build, down, sizes, admin)" ;;
esac
