# Sourced by the CI steps that run `casec` by name: builds the release binary
# and puts its folder first on the PATH (honouring CARGO_TARGET_DIR).
# Sets `root` to the repository's root.
root="$(pwd)"
cargo build --release --locked --quiet
target="${CARGO_TARGET_DIR:-target}"
[[ "$target" = /* ]] || target="$root/$target"
export PATH="$target/release:$PATH"
command -v casec >/dev/null

# copy_example CASE DIR: copies examples/CASE into DIR with the local artifact
# files it cites, so the copy checks as the example does (a cited file that
# is missing is W0610).
copy_example() {
  local case="$1" dir="$2" artifact
  cp "$root/examples/$case" "$dir/"
  while IFS= read -r artifact; do
    (cd "$root/examples" && cp --parents "$artifact" "$dir/")
  done < <(sed -n 's/^ *artifact: "\([^":]*\)"$/\1/p' "$root/examples/$case")
}
