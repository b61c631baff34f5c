# Sourced by the organize benchmarks (needs $root): deleting benchmark libraries, and waiting until the inodes they
# freed have aged. For 6 minutes after files are deleted, this machine's journal-less root ext4 scans each recently
# freed inode on every inode allocation (see bench/organize.sh), so no timed run may start sooner. One stamp for all
# scripts, so a deletion by one is seen by the others.
stamp="$root/bench-data/libraries-deleted-at"

# Deletes the given paths (if any exist) and records when.
delete_libraries() {
  local any=""
  for p in "$@"; do [ -e "$p" ] && any=1; done
  if [ -n "$any" ]; then rm -rf "$@" && sync && date +%s > "$stamp"; fi
}

# Sleeps until 370 s have passed since the last recorded deletion.
await_aged_inodes() {
  if [ -f "$stamp" ]; then
    local wait=$(( $(cat "$stamp") + 370 - $(date +%s) ))
    if [ "$wait" -gt 0 ]; then echo "waiting ${wait} s for the last deletion's inodes to age"; sleep "$wait"; fi
  fi
}
