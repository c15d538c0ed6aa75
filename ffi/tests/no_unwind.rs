//! No panic crosses into C. Every entry point is `extern "C"`, and a panic in
//! such a function aborts the process instead of unwinding into its caller.
//! Here the test runs itself again as a child that panics inside an
//! `extern "C"` function, built with this crate's settings, under a
//! `catch_unwind` that would catch an unwinding panic: the child must die by
//! SIGABRT, not return.

use std::process::Command;

/// Stands for an entry point with a bug.
extern "C" fn entry_point_with_a_bug() -> i32 {
    panic!("a bug in the library")
}

#[test]
fn a_panic_at_the_boundary_aborts_instead_of_unwinding() {
    if std::env::var_os("ES_NO_UNWIND_CHILD").is_some() {
        let caught = std::panic::catch_unwind(|| entry_point_with_a_bug());
        // Reached only if the panic unwound out of the `extern "C"` function.
        std::process::exit(if caught.is_err() { 3 } else { 4 });
    }
    let status = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_panic_at_the_boundary_aborts_instead_of_unwinding",
            "--nocapture",
        ])
        .env("ES_NO_UNWIND_CHILD", "1")
        .output()
        .unwrap()
        .status;
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(
        status.signal(),
        Some(6),
        "the child was not aborted: {status:?}"
    );
}
