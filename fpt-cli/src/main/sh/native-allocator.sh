# Sourced by ./fpt, fpt-bench/bench.sh and .ci/run: which malloc libtorch's arrays get, chosen before Java starts.
#
# Why: with glibc's defaults every array over 32 MB is a fresh mmap, zeroed page by page, and unmapped again when
# freed. Attention over long sequences allocates many such arrays a step (16 x 12 heads x 512 x 512 floats is
# 200 MB), so a ListOps-shaped step spent more time in the kernel than in arithmetic: 22.8-25.1 s a step with the
# defaults, 7.1-7.2 s with tcmalloc, 7.1-8.1 s with the glibc settings below (fpt-bench/README.md, "Memory allocator").
# Short sequences do not notice. This must be chosen when the process starts: glibc reads its tunables then, and
# a thread keeps the malloc arena it started with.
#
# FPT_MALLOC=system (default): leave malloc as it is; glibc: the glibc settings below; tcmalloc: tcmalloc (Debian:
#            libtcmalloc-minimal4) or an error. Both opt-ins keep freed memory in the process, and with arrays of
#            changing sizes the process grows: a Table-1 ListOps run (training in batches of 16, evaluating in
#            batches of 64) reached 22 GB resident under either and was killed for memory, twice
#            (fpt-bench/README.md, "Memory allocator"). Use them for fixed shapes with memory to spare.
# An explicit choice is added in front of what LD_PRELOAD or GLIBC_TUNABLES hold already.

# One arena, never mmap, never trim: freed arrays stay in the process for the next step to reuse.
FPT_GLIBC_MALLOC_TUNABLES="glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736"

# The path of this machine's libtcmalloc_minimal.so.4 for its own architecture; empty when it is not installed.
fpt_find_tcmalloc() {
  local arch
  case "$(uname -m)" in x86_64) arch="x86-64" ;; aarch64) arch="AArch64" ;; *) arch="$(uname -m)" ;; esac
  # awk reads to the end (no SIGPIPE for ldconfig under pipefail); no ldconfig at all means no tcmalloc
  { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } |
    awk -v arch="$arch" 'index($0, "libtcmalloc_minimal.so.4 ") && index($0, arch) && !found {print $NF; found = 1}'
}

fpt_check_malloc_choice() {
  case "${FPT_MALLOC:-system}" in
    system|glibc|tcmalloc) ;;
    *) echo "fpt: FPT_MALLOC=$FPT_MALLOC: expected system, glibc or tcmalloc" >&2; exit 2 ;;
  esac
}

fpt_native_allocator() {
  fpt_check_malloc_choice
  local choice="${FPT_MALLOC:-system}" tcmalloc
  [[ "$choice" == system ]] && return 0
  if [[ "$choice" == tcmalloc ]]; then
    tcmalloc="$(fpt_find_tcmalloc)"
    if [[ -n "$tcmalloc" ]]; then
      export LD_PRELOAD="$tcmalloc${LD_PRELOAD:+:$LD_PRELOAD}"
      export TCMALLOC_LARGE_ALLOC_REPORT_THRESHOLD="${TCMALLOC_LARGE_ALLOC_REPORT_THRESHOLD:-1099511627776}" # no stderr line per GB array
      return 0
    fi
    echo "fpt: FPT_MALLOC=tcmalloc, but libtcmalloc_minimal.so.4 is not installed (Debian: apt-get install libtcmalloc-minimal4)" >&2
    exit 2
  fi
  export GLIBC_TUNABLES="${GLIBC_TUNABLES:+$GLIBC_TUNABLES:}$FPT_GLIBC_MALLOC_TUNABLES"
}
