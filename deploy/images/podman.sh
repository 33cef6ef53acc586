# shellcheck shell=bash disable=SC2034
# Shared by deploy/images/build and deploy/images/smoke-test: image names, and how podman runs containers on this
# host. Sourced after deploy/lib.sh, not run.

IMAGE_PREFIX=${VIGIE_IMAGE_PREFIX:-localhost/vigie}
IMAGE_APPS=(board-web check-worker check-dispatcher)

# The project's version, the tag of the app images (besides `latest`).
project_version() {
  sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$VIGIE_HOME/pom.xml"
}

# The base image is tagged with the Debian release and the Java feature version it was cut from.
java_feature() {
  java -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
}
base_image() {
  printf '%s/base:bookworm-jre%s' "$IMAGE_PREFIX" "$(java_feature)"
}

# Installs what is missing from Debian's packages, when we may (root with apt); otherwise says what to install.
ensure_packages() { # command:package ...
  local pair missing=()
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair##*:}")
  done
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing ${missing[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 \
      || die "could not install ${missing[*]} with apt-get"
  else
    die "missing: ${missing[*]} (install them from your distribution's packages)"
  fi
}

# Podman's defaults do not run a container on every host. On Vigie's build machine (a sandbox without
# CAP_SYS_RESOURCE, cgroup v1 with a cgroup v2 hierarchy mounted beside it) they fail twice:
#  - podman asks for RLIMIT_NOFILE 1048576 and a large RLIMIT_NPROC, above the hard limits, which only
#    CAP_SYS_RESOURCE may raise: "crun: setrlimit `RLIMIT_NOFILE`: Operation not permitted: OCI permission denied".
#    Explicit limits within the host's hard limits cure it (NPROC at most 32768 there: conmon's own limit).
#  - crun 1.8 refuses that cgroup layout: "crun: cgroups in hybrid mode not supported, drop all controllers from
#    cgroupv2". runc (Debian's package) runs it.
# So the first of these that runs `true` in the image wins, and sets PODMAN (the command, with its global options)
# and RUN_OPTS (what every `podman run` adds). VIGIE_PODMAN_RUN_OPTS, when set, is taken as it is instead.
PODMAN=(podman)
RUN_OPTS=()
choose_run_options() { # image
  local nofile nproc
  if [ -n "${VIGIE_PODMAN_RUN_OPTS+set}" ]; then
    read -r -a RUN_OPTS <<<"$VIGIE_PODMAN_RUN_OPTS"
    return
  fi
  nofile=$(ulimit -Hn)
  [ "$nofile" = unlimited ] && nofile=1048576
  nproc=$(ulimit -Hu)
  { [ "$nproc" = unlimited ] || [ "$nproc" -gt 16384 ]; } && nproc=16384
  local limits=(--ulimit "nofile=$nofile:$nofile" --ulimit "nproc=$nproc:$nproc")
  local errors
  if errors=$(podman run --rm "$1" true 2>&1); then
    return
  fi
  say "podman's defaults cannot run a container here: $(tail -1 <<<"$errors")"
  if errors=$(podman run --rm "${limits[@]}" "$1" true 2>&1); then
    RUN_OPTS=("${limits[@]}")
  elif command -v runc >/dev/null && errors=$(podman --runtime runc run --rm "${limits[@]}" "$1" true 2>&1); then
    PODMAN=(podman --runtime runc)
    RUN_OPTS=("${limits[@]}")
  else
    die "podman cannot run a container on this host: $(tail -1 <<<"$errors")"
  fi
  say "running containers with: ${PODMAN[*]} run ${RUN_OPTS[*]}"
}
