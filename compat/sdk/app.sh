# Sourced by the scripts beside it (with `root` set to the repository):
# copies the application in $1 to $2 and, for the flavour `patched`, adds
# the three lines of [patch] an application adds to use our crate.
copy_app() {
  local source=$1 app=$2 flavour=$3
  rm -rf "$app" && mkdir -p "$app"
  cp -r "$source/Cargo.toml" "$source/src" "$app/"
  if [ "$flavour" = patched ]; then
    printf '\n[patch.crates-io]\naws-smithy-eventstream = { path = "%s/compat/aws-smithy-eventstream" }\n' \
      "$root" >>"$app/Cargo.toml"
  fi
}
