//! The `courier` binary: parse arguments, run, map the outcome to an exit code.

fn main() -> std::process::ExitCode {
    keep_freed_memory();
    courier::cli::main()
}

/// glibc's malloc gives the top of its heap back to the kernel whenever
/// 128 KiB lie free there, and that edge moves with every request: each
/// exchange made two `brk` system calls and took a fresh page fault for the
/// buffer it had just released (`bench/README.md`, "Work between
/// requests"). With a trim threshold of 16 MiB the heap keeps what it had
/// for the next request. Setting it turns off glibc's moving threshold for
/// `mmap`, so that threshold is set too: blocks from 4 MiB up (large
/// response bodies) still get their own mapping and go back to the kernel
/// when freed. Peak memory is unchanged; memory freed after a peak under
/// 16 MiB stays with the process until it exits.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_freed_memory() {
    // SAFETY: mallopt only changes malloc's parameters; it is called
    // before any other thread exists. A refused value leaves glibc's
    // default, which is correct, only slower.
    unsafe {
        libc::mallopt(libc::M_TRIM_THRESHOLD, 16 << 20);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
    }
}

/// Other C libraries keep their own allocator policies.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_freed_memory() {}
