//! The command line: database errors are one clear line, staff accounts can be bootstrapped.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn taawun() -> Command {
    Command::new(env!("CARGO_BIN_EXE_taawun"))
}

#[test]
fn an_unreachable_database_is_one_line_and_a_failure() {
    // Port 9 (discard) on loopback: nothing listens there.
    let out = taawun()
        .args([
            "migrate",
            "--database",
            "postgres://postgres:secret@127.0.0.1:9/nowhere",
        ])
        .env("TAAWUN_LOG", "off")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cannot reach the database"), "{stderr}");
    assert!(
        !stderr.contains("secret"),
        "the password is not printed: {stderr}"
    );
    assert!(!stderr.contains("panicked"));

    let out = taawun()
        .args(["migrate", "--database", "mysql://x"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(
        String::from_utf8(out.stderr)
            .unwrap()
            .contains("unsupported database URL")
    );
}

#[test]
fn admin_create_user_bootstraps_staff() {
    let path = std::env::temp_dir().join(format!("taawun-cli-{}.db", std::process::id()));
    let url = format!("sqlite://{}", path.display());
    let out = taawun()
        .args([
            "admin",
            "create-user",
            "--email",
            "Clerk@Justice.ma",
            "--role",
            "court_clerk",
        ])
        .args(["--court", "tpi-errachidia", "--database", &url])
        .env("TAAWUN_LOG", "off")
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("created clerk@justice.ma (court_clerk)"));
    let password_line = stdout.lines().find(|l| l.starts_with("password: ")).unwrap();
    assert_eq!(password_line.len(), "password: ".len() + 16);

    // The same e-mail twice, a clerk without a court, an unknown court: clear refusals.
    for (args, expected) in [
        (
            vec![
                "--email",
                "clerk@justice.ma",
                "--role",
                "court_clerk",
                "--court",
                "tpi-errachidia",
            ],
            "already exists",
        ),
        (
            vec!["--email", "c2@justice.ma", "--role", "court_clerk"],
            "clerk_needs_court",
        ),
        (
            vec![
                "--email",
                "c3@justice.ma",
                "--role",
                "court_clerk",
                "--court",
                "tpi-nowhere",
            ],
            "no court",
        ),
        (
            vec!["--email", "c4@justice.ma", "--role", "king"],
            "--role must be one of",
        ),
    ] {
        let out = taawun()
            .args(["admin", "create-user"])
            .args(&args)
            .args(["--database", &url])
            .env("TAAWUN_LOG", "off")
            .output()
            .unwrap();
        assert!(!out.status.success());
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}
