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

fn temp_db(tag: &str) -> (String, std::path::PathBuf) {
    let path = std::env::temp_dir().join(format!("taawun-cli-{tag}-{}.db", std::process::id()));
    (format!("sqlite://{}", path.display()), path)
}

fn cleanup(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = taawun()
        .args(args)
        .env("TAAWUN_LOG", "off")
        .env("LANG", "fr_FR.UTF-8")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn synth_import_export_round_trip() {
    let (url, path) = temp_db("roundtrip");
    let dir = std::env::temp_dir();
    let csv = dir.join(format!("taawun-synth-{}.csv", std::process::id()));
    let (ok, out, _) = run(&["synth", "--count", "300", "--seed", "7"]);
    assert!(ok);
    assert!(out.starts_with("central_number,kind,name_ar,name_fr,"));
    std::fs::write(&csv, &out).unwrap();
    let csv_s = csv.to_str().unwrap();

    let (ok, out, err) = run(&["import", "cooperatives", csv_s, "--database", &url]);
    assert!(ok, "{err}");
    assert!(out.contains("300 rows imported: 300 new, 0 updated"), "{out}");
    let (ok, out, _) = run(&["import", "cooperatives", csv_s, "--database", &url]);
    assert!(ok);
    assert!(out.contains("0 new, 300 updated"), "idempotent: {out}");

    // Export, and the export imports back into an empty database unchanged.
    let exported = dir.join(format!("taawun-export-{}.csv", std::process::id()));
    let (ok, _, err) = run(&[
        "export",
        "cooperatives",
        "--format",
        "csv",
        "--output",
        exported.to_str().unwrap(),
        "--database",
        &url,
    ]);
    assert!(ok, "{err}");
    let (url2, path2) = temp_db("roundtrip2");
    let (ok, out, err) = run(&[
        "import",
        "cooperatives",
        exported.to_str().unwrap(),
        "--database",
        &url2,
    ]);
    assert!(ok && out.contains("300 rows imported: 300 new"), "{out} {err}");
    let (_, again, _) = run(&["export", "cooperatives", "--format", "csv", "--database", &url2]);
    assert_eq!(
        again,
        std::fs::read_to_string(&exported).unwrap(),
        "export → import → export is stable"
    );
    let (ok, json, _) = run(&["export", "cooperatives", "--format", "json", "--database", &url]);
    assert!(ok);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 300);
    let xlsx = dir.join(format!("taawun-export-{}.xlsx", std::process::id()));
    let (ok, _, err) = run(&[
        "export",
        "cooperatives",
        "--format",
        "xlsx",
        "--output",
        xlsx.to_str().unwrap(),
        "--database",
        &url,
    ]);
    assert!(ok, "{err}");
    assert!(
        std::fs::read(&xlsx).unwrap().starts_with(b"PK"),
        "an xlsx is a zip"
    );

    // check-name finds a name of the register.
    let name = rows[0]["name_fr"]
        .as_str()
        .filter(|s| !s.is_empty())
        .or(rows[0]["name_ar"].as_str())
        .unwrap()
        .to_string();
    let (ok, out, _) = run(&["check-name", &name, "--json", "--database", &url]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["available"], false, "{name}: {out}");
    for p in [&csv, &exported, &xlsx] {
        let _ = std::fs::remove_file(p);
    }
    cleanup(&path);
    cleanup(&path2);
}

#[test]
fn import_reports_every_bad_row_and_imports_nothing() {
    let (url, path) = temp_db("bad");
    let file = std::env::temp_dir().join(format!("taawun-bad-{}.csv", std::process::id()));
    std::fs::write(
        &file,
        "name_ar,name_fr,region_code,members\n\
         تعاونية النور,Coopérative Annour,08,12\n\
         ,Cooperative X,13,\n\
         تعاونية الأمل,Cooperative Al Amal,09,3\n\
         تعاونية الخير,,07,\n",
    )
    .unwrap();
    let f = file.to_str().unwrap();
    let (ok, _, err) = run(&["import", "cooperatives", f, "--database", &url]);
    assert!(!ok);
    assert!(err.contains(":3: region_code:"), "{err}");
    assert!(
        err.contains(":4: members:") && err.contains("au moins 5 membres"),
        "{err}"
    );
    assert!(err.contains("2 bad rows: nothing imported"), "{err}");
    let (ok, out, _) = run(&["export", "cooperatives", "--format", "json", "--database", &url]);
    assert!(ok);
    assert_eq!(out.trim(), "[]", "nothing half-written");
    let (ok, out, _) = run(&["import", "cooperatives", f, "--skip-invalid", "--database", &url]);
    assert!(ok);
    assert!(
        out.contains("2 rows imported: 2 new, 0 updated, 2 skipped"),
        "{out}"
    );
    // Only the three required columns: rows are history, not new foundings.
    let (ok, json, _) = run(&["export", "cooperatives", "--format", "json", "--database", &url]);
    assert!(ok);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    let khair = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name_ar"] == "تعاونية الخير")
        .unwrap();
    assert_eq!(khair["kind"], "cooperative");
    let _ = std::fs::remove_file(&file);
    cleanup(&path);
}
