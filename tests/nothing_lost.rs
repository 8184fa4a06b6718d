//! Nothing lost when two programs touch one file, a save is killed, the disk is full or
//! a file is hostile: each of the ways a clerk lost work, reproduced and held shut.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Barrier};

use jixiao::core::document::{Document, Opened, SaveOutcome};
use jixiao::core::edit::Edit;
use jixiao::core::model::Form;
use jixiao::core::store::{self, SaveError};

fn jixiao() -> Command {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
}

fn saved_sample(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    fs::copy(common::sample_path(), &path).unwrap();
    path
}

fn temporaries(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".saving"))
        .collect()
}

fn named(form: &Form, name: &str) -> Form {
    let mut f = form.clone();
    f.set_field("project_name", name);
    f
}

#[test]
fn concurrent_saves_of_one_opened_version_have_exactly_one_winner() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_sample(dir.path(), "f.ron");
    let base = store::open(&path).unwrap();
    for round in 0..10 {
        let version = store::open(&path).unwrap().version;
        let writers = 20;
        let barrier = Arc::new(Barrier::new(writers));
        let handles: Vec<_> = (0..writers)
            .map(|i| {
                let (path, version, barrier) = (path.clone(), version.clone(), barrier.clone());
                let form = named(&base.form, &format!("写入者 {round}-{i}"));
                std::thread::spawn(move || {
                    barrier.wait();
                    store::save_checked(&path, &form, Some(&version), None).map(|_| form)
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let winners: Vec<&Form> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(winners.len(), 1, "round {round}: {} winners", winners.len());
        for r in &results {
            if let Err(e) = r {
                assert!(
                    matches!(e, SaveError::Changed { .. } | SaveError::Locked { .. }),
                    "{e}"
                );
            }
        }
        assert_eq!(
            &store::load(&path).unwrap(),
            winners[0],
            "the winner is on disk"
        );
    }
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn concurrent_new_files_have_exactly_one_winner() {
    let dir = tempfile::tempdir().unwrap();
    let form = common::sample();
    for round in 0..10 {
        let path = dir.path().join(format!("new-{round}.ron"));
        let barrier = Arc::new(Barrier::new(20));
        let handles: Vec<_> = (0..20)
            .map(|i| {
                let (path, barrier) = (path.clone(), barrier.clone());
                let form = named(&form, &format!("{i}"));
                std::thread::spawn(move || {
                    barrier.wait();
                    store::save_new(&path, &form).map(|_| form)
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let winners: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(winners.len(), 1);
        assert_eq!(&store::load(&path).unwrap(), winners[0]);
        assert!(results
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|e| matches!(e, SaveError::Exists { .. })));
    }
    assert!(temporaries(dir.path()).is_empty());
}

#[test]
fn concurrent_rollovers_from_the_command_line_never_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let last = saved_sample(dir.path(), "2020.ron");
    let out = dir.path().join("2021.ron");
    let mut running: Vec<_> = (0..12)
        .map(|_| {
            jixiao()
                .arg("rollover")
                .arg(&last)
                .arg("-o")
                .arg(&out)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let codes: Vec<i32> = running
        .iter_mut()
        .map(|c| c.wait().unwrap().code().unwrap_or(-1))
        .collect();
    assert_eq!(codes.iter().filter(|&&c| c == 0).count(), 1, "{codes:?}");
    assert!(codes.iter().all(|&c| c == 0 || c == 1), "{codes:?}");
    assert_eq!(store::load(&out).unwrap().year, 2021);
    assert!(temporaries(dir.path()).is_empty());
}

/// Run as a child process by `kill_9_during_saves_leaves_no_stale_temporary`: saves the
/// form in a loop until killed.
#[test]
fn child_saver() {
    let Some(path) = std::env::var_os("JIXIAO_TEST_SAVE_LOOP") else {
        return;
    };
    let form = common::big_form(2_000, 2_000);
    for i in 0.. {
        let _ = store::save(Path::new(&path), &named(&form, &format!("第 {i} 次")));
    }
}

#[test]
fn kill_9_during_saves_leaves_no_stale_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.ron");
    store::save(&path, &common::big_form(2_000, 2_000)).unwrap();
    let mut stale_seen = 0;
    for i in 0..12u64 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "child_saver", "--nocapture", "--test-threads=1"])
            .env("JIXIAO_TEST_SAVE_LOOP", &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(150 + 37 * i));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        stale_seen += temporaries(dir.path()).len();
        // The file is always a whole form, old or new.
        store::load(&path).expect("a whole form after kill -9");
        store::load(&store::backup_path(&path)).expect("a whole backup after kill -9");
        // The next start (opening the form) cleans up after the killed save.
        match Document::open(&path, false).unwrap() {
            Opened::Ready(doc) => drop(doc),
            Opened::HeldBy { .. } => panic!("a killed process holds no lock"),
        }
        assert!(temporaries(dir.path()).is_empty(), "round {i}");
    }
    eprintln!("stale temporaries left by kills and removed: {stale_seen}");
}

#[test]
fn a_file_changed_by_another_program_is_not_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_sample(dir.path(), "f.ron");
    let Opened::Ready(mut doc) = Document::open(&path, false).unwrap() else {
        panic!()
    };
    // a colleague's text editor changes one indicator and saves
    let text = fs::read_to_string(&path).unwrap();
    let theirs = text.replacen(">=90%", ">=95%", 1);
    assert_ne!(text, theirs);
    fs::write(&path, &theirs).unwrap();
    // Ctrl+S with no changes of ours
    let SaveOutcome::ChangedOnDisk { changes } = doc.save(false).unwrap() else {
        panic!("saved over the other change")
    };
    assert!(changes.iter().any(|c| c.contains(">=95%")), "{changes:?}");
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    assert!(
        !store::backup_path(&path).exists(),
        "the .bak was not replaced either"
    );
    // an edit of ours, then the clerk chooses to overwrite
    doc.apply(Edit::SetField("unit_name".into(), "我们的单位".into()))
        .unwrap();
    assert!(matches!(doc.save(true).unwrap(), SaveOutcome::Saved));
    assert_eq!(store::load(&path).unwrap().field("unit_name"), "我们的单位");
    assert_eq!(
        fs::read_to_string(store::backup_path(&path)).unwrap(),
        theirs
    );
}

#[test]
fn export_onto_its_own_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = saved_sample(dir.path(), "f.ron");
    let before = fs::read(&path).unwrap();
    let mut names = vec![path.clone(), dir.path().join(".").join("f.ron")];
    #[cfg(unix)]
    {
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        names.push(link);
        let hard = dir.path().join("hard.ron");
        fs::hard_link(&path, &hard).unwrap();
        names.push(hard);
    }
    for out in &names {
        let o = jixiao()
            .arg("export-pdf")
            .arg(&path)
            .arg("-o")
            .arg(out)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{}", out.display());
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("不能是输入文件本身"), "{err}");
    }
    // another form file is not a place for a PDF either
    let other = saved_sample(dir.path(), "other.ron");
    let o = jixiao()
        .arg("export-pdf")
        .arg(&path)
        .arg("-o")
        .arg(&other)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("是一份表单文件"));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(fs::read(&other).unwrap(), before);
    assert!(!store::backup_path(&path).exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_form_saves_into_its_target_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("shared");
    fs::create_dir(&real_dir).unwrap();
    let real = saved_sample(&real_dir, "real.ron");
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let Opened::Ready(mut doc) = Document::open(&link, false).unwrap() else {
        panic!()
    };
    doc.apply(Edit::SetYear(2031)).unwrap();
    assert!(matches!(doc.save(false).unwrap(), SaveOutcome::Saved));
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(store::load(&real).unwrap().year, 2031);
    assert!(
        store::backup_path(&real).exists(),
        "the .bak is beside the real file"
    );
    // the lock is the real file's, whatever name a second window uses
    assert!(matches!(
        Document::open(&real, false).unwrap(),
        Opened::HeldBy { .. }
    ));
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("form.ron");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let mut child = jixiao()
        .arg("check")
        .arg(&fifo)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(2));
            break;
        }
        if started.elapsed() > std::time::Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("check hangs on a FIFO");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert!(err.contains("不是普通文件"), "{err}");
    assert!(store::load(dir.path())
        .unwrap_err()
        .to_string()
        .contains("文件夹"));
}

/// A small file system that fills up: a tmpfs of 1 MB (root can mount one; CI runs as
/// root). Elsewhere the injected-failure unit test in `safe_write` covers the same path.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_keeps_the_form_and_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("small");
    fs::create_dir(&mount).unwrap();
    let mounted = Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=1m", "tmpfs"])
        .arg(&mount)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tmpfs here (not root)");
        return;
    }
    struct Unmount(PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = Command::new("umount").arg(&self.0).status();
        }
    }
    let _unmount = Unmount(mount.clone());
    let path = mount.join("f.ron");
    let v1 = common::big_form(40, 100);
    let v2 = named(&v1, "第二版");
    store::save(&path, &v1).unwrap();
    store::save(&path, &v2).unwrap();
    // fill the rest of the disk
    let filler = mount.join("filler");
    let mut f = fs::File::create(&filler).unwrap();
    let chunk = vec![b'x'; 4096];
    while std::io::Write::write_all(&mut f, &chunk).is_ok() {}
    drop(f);
    let v3 = common::big_form(400, 2_000);
    let err = store::save(&path, &v3).unwrap_err();
    assert!(err.to_string().contains("磁盘空间已满"), "{err}");
    assert_eq!(store::load(&path).unwrap(), v2, "the form is as it was");
    assert_eq!(
        store::load(&store::backup_path(&path)).unwrap(),
        v1,
        "the .bak is as it was"
    );
    assert!(temporaries(&mount).is_empty());
    // room again: the save goes through
    fs::remove_file(&filler).unwrap();
    store::save(&path, &v3).unwrap();
    assert_eq!(store::load(&path).unwrap(), v3);
}

#[test]
fn rollover_of_the_last_representable_year_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.ron");
    store::save(
        &path,
        &Form::new(jixiao::core::template::shanghai_2020(), i32::MAX),
    )
    .unwrap();
    let out = dir.path().join("next.ron");
    let o = jixiao()
        .arg("rollover")
        .arg(&path)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("年度"));
    assert!(!out.exists());
}

#[test]
fn text_over_the_import_limit_exits_2_without_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.txt");
    fs::write(
        &input,
        "项".repeat(jixiao::core::import_text::MAX_IMPORT_CHARS + 10),
    )
    .unwrap();
    let out = dir.path().join("out.ron");
    let o = jixiao()
        .arg("import-text")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("文本过长"));
    assert!(!out.exists());
}

#[test]
fn unknown_fields_are_reported_not_dropped_silently() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("f.ron");
    let text = fs::read_to_string(common::sample_path())
        .unwrap()
        .replacen(
            "    year: 2020,\n",
            "    year: 2020,\n    approved_by: \"王科长\",\n",
            1,
        )
        .replacen("Indicator(name: ", "Indicator(weight: 10, name: ", 1);
    fs::write(&path, text).unwrap();
    let loaded = store::open(&path).unwrap();
    assert_eq!(
        loaded.unknown_fields.len(),
        2,
        "{:?}",
        loaded.unknown_fields
    );
    assert!(loaded.unknown_fields[0].contains("approved_by"));
    assert!(
        loaded.unknown_fields[0].contains("第 5 行"),
        "{:?}",
        loaded.unknown_fields
    );
    assert!(loaded.unknown_fields[1].contains("weight"));
    let o = jixiao().arg("check").arg(&path).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("不认识的字段 approved_by"), "{err}");
    assert!(
        err.contains("不认识的字段") && err.contains("weight"),
        "{err}"
    );
}

#[test]
fn messages_are_chinese_and_free_of_control_characters() {
    let cases = [
        "Form(format_version: 1, year: \"2020\")".to_string(),
        "Form(format_version: 1, year: 2020, goals: [Goal(name: 5)])".to_string(),
        "Form(format_version: 1, year: 2020, unit_name: \u{1b}[31m)".to_string(),
        "Form(format_version: 1, year: 2020, buys_government_services: maybe)".to_string(),
        "Form(format_version: 1, year: 99999999999)".to_string(),
    ];
    for text in &cases {
        let msg = store::parse_str(text).unwrap_err().to_string();
        assert!(!msg.chars().any(|c| c.is_control()), "{msg:?}");
        assert!(
            !msg.contains("invalid") && !msg.contains("expected") && !msg.contains("Unexpected"),
            "English in {msg:?}"
        );
        assert!(msg.contains("第 1 行"), "{msg}");
    }
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("a\u{1b}[2Jb.ron");
    let msg = store::load(&odd).unwrap_err().to_string();
    assert!(!msg.contains('\u{1b}'), "{msg:?}");
}
