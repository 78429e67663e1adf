# Sourced by ./fpt and fpt-bench/bench.sh before they start Java: which malloc libtorch's arrays get.
#
# Why: with glibc's defaults every array over 32 MB is a fresh mmap, zeroed page by page, and unmapped again when
# freed. Attention over long sequences allocates many such arrays a step (16 x 12 heads x 512 x 512 floats is
# 200 MB), so a ListOps-shaped step spent more time in the kernel than in arithmetic: 22.8-25.1 s a step with the
# defaults, 7.1-7.2 s with tcmalloc, 7.1-8.1 s with the glibc settings below (fpt-bench/README.md, "Memory allocator").
# Short sequences do not notice. This must be chosen when the process starts: glibc reads its tunables then, and
# a thread keeps the malloc arena it started with.
#
# FPT_MALLOC=auto (default): tcmalloc where installed (Debian: libtcmalloc-minimal4), else the glibc settings;
#            tcmalloc: tcmalloc or an error; glibc: the glibc settings; system: leave malloc as it is.
# An LD_PRELOAD or GLIBC_TUNABLES already set is the user's choice and is kept.
fpt_native_allocator() {
  local choice="${FPT_MALLOC:-auto}" tcmalloc
  case "$choice" in
    auto|tcmalloc|glibc|system) ;;
    *) echo "fpt: FPT_MALLOC=$choice: expected auto, tcmalloc, glibc or system" >&2; exit 2 ;;
  esac
  if [[ "$choice" == system || -n "${LD_PRELOAD:-}" || -n "${GLIBC_TUNABLES:-}" ]]; then
    return 0
  fi
  if [[ "$choice" != glibc ]]; then
    # awk reads to the end (no SIGPIPE for ldconfig under pipefail); no ldconfig at all means no tcmalloc
    tcmalloc="$({ ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } |
                awk '/libtcmalloc_minimal\.so\.4 .*x86-64/ && !found {print $NF; found = 1}')"
    if [[ -n "$tcmalloc" ]]; then
      export LD_PRELOAD="$tcmalloc"
      return 0
    fi
    if [[ "$choice" == tcmalloc ]]; then
      echo "fpt: FPT_MALLOC=tcmalloc, but libtcmalloc_minimal.so.4 is not installed (Debian: apt-get install libtcmalloc-minimal4)" >&2
      exit 2
    fi
  fi
  # One arena, never mmap, never trim: freed arrays stay in the process for the next step to reuse.
  export GLIBC_TUNABLES="glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736"
}
