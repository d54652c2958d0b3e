#!/bin/sh
# Installs doccheck for the composite Action (action.yml): the release
# binary for this runner's OS and architecture, its SHA-256 checked against
# the release's checksum file, or, only when the release has no binary for
# this platform, a build with `cargo install --locked`.
#
#   install.sh resolve   version, target and paths, to $GITHUB_OUTPUT
#   install.sh install   download and verify (or build) into $DOCCHECK_DIR
#   install.sh download  (used by install) exit 4 when there is no binary
#
# POSIX sh with curl, wget or python3, so that it also runs in `container:`
# jobs. Environment: DOCCHECK_VERSION (empty: the version of the Action's own
# Cargo.toml, which is the release its tag names; `source`: build the
# Action's own source), GITHUB_ACTION_PATH,
# RUNNER_OS, RUNNER_ARCH, RUNNER_TOOL_CACHE or RUNNER_TEMP, GITHUB_OUTPUT,
# and DOCCHECK_RELEASES_URL to download from a mirror of the releases.
set -eu

fail() {
  echo "::error title=doccheck::$*" >&2
  exit 1
}

action_dir="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}"

# A key of the Action's own Cargo.toml [package] table.
package_key() {
  sed -n "s/^$1 = \"\\(.*\\)\"\$/\\1/p" "$action_dir/Cargo.toml" | head -n 1
}

# The Rust target of the release binary for this runner, or nothing.
target_for() {
  os="${RUNNER_OS:-$(uname -s)}"
  arch="${RUNNER_ARCH:-$(uname -m)}"
  case "$os/$arch" in
    Linux/X64 | Linux/x86_64) echo x86_64-unknown-linux-musl ;;
    Linux/ARM64 | Linux/aarch64 | Linux/arm64) echo aarch64-unknown-linux-musl ;;
    macOS/X64 | Darwin/x86_64) echo x86_64-apple-darwin ;;
    macOS/ARM64 | Darwin/arm64) echo aarch64-apple-darwin ;;
    Windows/X64 | MINGW*/x86_64 | MSYS*/x86_64) echo x86_64-pc-windows-msvc ;;
    *) echo "" ;;
  esac
}

output() {
  echo "$1=$2"
  if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$1=$2" >> "$GITHUB_OUTPUT"; fi
}

resolve() {
  own="$(package_key version)"
  version="${DOCCHECK_VERSION:-$own}"
  version="${version#v}"
  target="$(target_for)"
  if [ "$version" = source ]; then
    # Build the Action's own source, whatever its tag: never cached.
    version="$own"
    target=""
  fi
  echo "$version" | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.+-]+)?$' ||
    fail "version \`$version\` is not a release version such as 0.1.0, nor \`source\`"
  exe=doccheck
  case "$target" in *windows*) exe=doccheck.exe ;; esac
  root="${RUNNER_TOOL_CACHE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}}/doccheck/$version/${target:-none}"
  output version "$version"
  output target "$target"
  output dir "$root"
  output bin "$root/bin/$exe"
}

# fetch URL FILE: 0 when downloaded, 4 when the server has no such file.
fetch() {
  if command -v curl > /dev/null 2>&1; then
    code="$(curl --silent --show-error --location --retry 3 --output "$2" --write-out '%{http_code}' "$1")" ||
      return 1
    case "$code" in
      200) return 0 ;;
      404) return 4 ;;
      *) echo "HTTP $code from $1" >&2; return 1 ;;
    esac
  elif command -v wget > /dev/null 2>&1; then
    status=0
    wget --quiet --server-response --output-document "$2" "$1" 2> "$2.headers" || status=$?
    if [ "$status" -eq 8 ] && grep -q 'HTTP/[0-9.]* 404' "$2.headers"; then return 4; fi
    return "$status"
  elif command -v python3 > /dev/null 2>&1; then
    python3 - "$1" "$2" << 'PY'
import shutil, sys, urllib.error, urllib.request
try:
    with urllib.request.urlopen(sys.argv[1], timeout=120) as r, open(sys.argv[2], "wb") as f:
        shutil.copyfileobj(r, f)
except urllib.error.HTTPError as e:
    sys.exit(4 if e.code == 404 else f"HTTP {e.code} from {sys.argv[1]}")
PY
  else
    fail "downloading doccheck needs curl, wget or python3 (in a container job, install one of them first)"
  fi
}

sha256() {
  if command -v sha256sum > /dev/null 2>&1; then
    sha256sum "$1" | cut -d ' ' -f 1
  elif command -v shasum > /dev/null 2>&1; then
    shasum -a 256 "$1" | cut -d ' ' -f 1
  elif command -v python3 > /dev/null 2>&1; then
    python3 -c 'import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$1"
  else
    openssl dgst -sha256 -r "$1" | cut -d ' ' -f 1
  fi
}

# download: 0 installed, 4 the release has no binary for this target.
download() {
  case "$target" in
    *windows*) archive="doccheck-$target.zip" ;;
    *) archive="doccheck-$target.tar.gz" ;;
  esac
  repository="$(package_key repository)"
  base="${DOCCHECK_RELEASES_URL:-$repository/releases/download}/v$version"
  work="$(mktemp -d)"
  status=0
  fetch "$base/$archive" "$work/$archive" || status=$?
  if [ "$status" -eq 0 ]; then
    fetch "$base/$archive.sha256" "$work/$archive.sha256" || status=$?
    # A binary without its checksum is never used.
    if [ "$status" -eq 4 ]; then fail "the release v$version has $archive but no $archive.sha256"; fi
  fi
  if [ "$status" -ne 0 ]; then
    rm -rf "$work"
    if [ "$status" -eq 4 ]; then return 4; fi
    fail "could not download $base/$archive"
  fi
  expected="$(cut -d ' ' -f 1 < "$work/$archive.sha256" | tr -d '\r\n')"
  actual="$(sha256 "$work/$archive")"
  if [ -z "$expected" ] || [ "$expected" != "$actual" ]; then
    rm -rf "$work"
    fail "checksum mismatch for $archive: expected ${expected:-nothing}, got $actual"
  fi
  case "$archive" in
    *.zip) (cd "$work" && { unzip -q "$archive" || 7z x -y -bso0 "$archive" || tar -xf "$archive"; }) ;;
    *) tar -xzf "$work/$archive" -C "$work" ;;
  esac
  found="$work/doccheck-$target/$(basename "$bin")"
  [ -f "$found" ] || fail "$archive has no doccheck-$target/$(basename "$bin")"
  mkdir -p "$(dirname "$bin")"
  cp "$found" "$bin.partial"
  chmod +x "$bin.partial"
  mv -f "$bin.partial" "$bin"
  rm -rf "$work"
  echo "doccheck $version: downloaded $archive, SHA-256 $actual verified"
}

# Builds into the job's temporary folder: a build is never cached nor
# kept on a self-hosted runner, where the next job could mistake it for the
# release.
build() {
  dir="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/doccheck-build"
  bin="$dir/bin/$(basename "$bin")"
  command -v cargo > /dev/null 2>&1 ||
    fail "doccheck $version has no release binary for ${RUNNER_OS:-$(uname -s)}/${RUNNER_ARCH:-$(uname -m)}, and cargo is not installed to build it (dtolnay/rust-toolchain sets it up)"
  if [ "$version" = "$(package_key version)" ]; then
    # The Action's own source is this version.
    cargo install --locked --root "$dir" --path "$action_dir"
  else
    cargo install --locked --root "$dir" doccheck --version "=$version"
  fi
}

# What `resolve` found, passed back in by the Action.
resolved() {
  version="${DOCCHECK_RESOLVED_VERSION:?}"
  target="${DOCCHECK_TARGET:-}"
  dir="${DOCCHECK_DIR:?}"
  bin="${DOCCHECK_BIN:?}"
}

install() {
  if [ -x "$bin" ] && "$bin" --version > /dev/null 2>&1; then
    echo "doccheck $version is already installed at $bin"
    output downloaded false
  elif [ -n "$target" ] && {
    # A shell of its own, so that `set -e` holds inside the download.
    status=0
    sh "$0" download || status=$?
    [ "$status" -eq 0 ] || [ "$status" -eq 4 ] || exit "$status"
    [ "$status" -eq 0 ]
  }; then
    output downloaded true
  else
    echo "doccheck $version has no release binary for ${target:-this platform}: building it with cargo"
    build
    output downloaded false
  fi
  output bin "$bin"
  if [ -n "${GITHUB_PATH:-}" ]; then dirname "$bin" >> "$GITHUB_PATH"; fi
  "$bin" --version
}

case "${1:-}" in
  resolve) resolve ;;
  install) resolved; install ;;
  download) resolved; download ;;
  *) fail "usage: install.sh resolve|install" ;;
esac
