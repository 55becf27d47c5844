# Sourced by the CI steps that run `casec` by name: builds the release binary
# and puts its folder first on the PATH (honouring CARGO_TARGET_DIR).
# Sets `root` to the repository's root.
root="$(pwd)"
cargo build --release --locked --quiet
target="${CARGO_TARGET_DIR:-target}"
[[ "$target" = /* ]] || target="$root/$target"
export PATH="$target/release:$PATH"
command -v casec >/dev/null
