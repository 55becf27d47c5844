# Sourced by the CI steps that drive headless Chromium (30-render-chromium,
# 33-review-browser): installs from Debian's packages, when missing, the
# browser, the font the diagrams are measured for and python3, then checks
# that the browser starts. The step defines `fail`. (Tests on captured output:
# `grep -q` in a pipeline can end the writer with SIGPIPE, which pipefail
# turns into a false "missing".)
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
families="$(fc-list : family 2>/dev/null || true)"
[[ "$families" == *"DejaVu Sans"* ]] || missing+=(fonts-dejavu-core)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}"
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || fail "need root or sudo to install ${missing[*]}"
    sudo=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq </dev/null
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" </dev/null >/dev/null
fi
command -v chromium >/dev/null 2>&1 || fail "chromium is not installed"
version="$(chromium --version 2>/dev/null || true)"
[ -n "$version" ] || fail "chromium does not start"
echo "$version"
