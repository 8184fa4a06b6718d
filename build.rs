//! Windows only: compiles the program's icon, version information and manifest into the
//! executable (with `windres` from MinGW). Other targets need nothing from here.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=assets/windows/jixiao.ico");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    let out = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let version = env::var("CARGO_PKG_VERSION").expect("CARGO_PKG_VERSION");
    let numbers = four_numbers(&version);
    let dotted = numbers.map(|n| n.to_string()).join(".");

    let manifest = out.join("jixiao.manifest");
    fs::write(&manifest, manifest_text(&dotted)).expect("write the manifest");
    let rc = out.join("jixiao.rc");
    fs::write(
        &rc,
        resource_text(
            &root.join("assets/windows/jixiao.ico"),
            &manifest,
            &numbers,
            &version,
        ),
    )
    .expect("write the resource script");

    let windres = env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
    let object = out.join("jixiao-resources.o");
    let status = Command::new(&windres)
        .arg("--codepage=65001")
        .arg("--input")
        .arg(&rc)
        .arg("--output-format=coff")
        .arg("--output")
        .arg(&object)
        .status()
        .unwrap_or_else(|e| {
            panic!("{windres} not found ({e}): install gcc-mingw-w64-x86-64 or set WINDRES")
        });
    assert!(status.success(), "{windres} failed on {}", rc.display());
    println!("cargo:rustc-link-arg-bins={}", object.display());
}

/// "0.1.0" → [0, 1, 0, 0]; pre-release text after a number is ignored.
fn four_numbers(version: &str) -> [u16; 4] {
    let mut numbers = [0u16; 4];
    for (slot, part) in numbers.iter_mut().zip(version.split(['.', '-', '+'])) {
        *slot = part
            .chars()
            .take_while(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .unwrap_or(0);
    }
    numbers
}

/// A path inside a resource script: forward slashes, quotes escaped.
fn rc_path(path: &Path) -> String {
    path.display()
        .to_string()
        .replace('\\', "/")
        .replace('"', "\"\"")
}

fn resource_text(icon: &Path, manifest: &Path, n: &[u16; 4], version: &str) -> String {
    let numbers = format!("{},{},{},{}", n[0], n[1], n[2], n[3]);
    format!(
        r#"#pragma code_page(65001)
1 ICON "{icon}"
1 24 "{manifest}"
1 VERSIONINFO
FILEVERSION {numbers}
PRODUCTVERSION {numbers}
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "080404b0"
    BEGIN
      VALUE "CompanyName", "jixiao"
      VALUE "FileDescription", "绩效目标表"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "jixiao"
      VALUE "LegalCopyright", "MIT License"
      VALUE "OriginalFilename", "jixiao.exe"
      VALUE "ProductName", "绩效目标表"
      VALUE "ProductVersion", "{version}"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x0804, 1200
  END
END
"#,
        icon = rc_path(icon),
        manifest = rc_path(manifest),
    )
}

/// Common controls 6 (the look of the system's dialogs), Windows 7 to 11 declared,
/// per-monitor DPI (as winit sets it), UTF-8 as the process code page, long paths.
fn manifest_text(version: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<assembly xmlns="urn:schemas-microsoft-com:asm.v1" manifestVersion="1.0">
  <assemblyIdentity type="win32" name="jixiao" version="{version}"/>
  <dependency>
    <dependentAssembly>
      <assemblyIdentity type="win32" name="Microsoft.Windows.Common-Controls" version="6.0.0.0" processorArchitecture="*" publicKeyToken="6595b64144ccf1df" language="*"/>
    </dependentAssembly>
  </dependency>
  <compatibility xmlns="urn:schemas-microsoft-com:compatibility.v1">
    <application>
      <supportedOS Id="{{35138b9a-5d96-4fbd-8e2d-a2440225f93a}}"/>
      <supportedOS Id="{{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}}"/>
      <supportedOS Id="{{1f676c76-80e1-4239-95bb-83d0f6d0da78}}"/>
      <supportedOS Id="{{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}}"/>
    </application>
  </compatibility>
  <trustInfo xmlns="urn:schemas-microsoft-com:asm.v3">
    <security>
      <requestedPrivileges>
        <requestedExecutionLevel level="asInvoker" uiAccess="false"/>
      </requestedPrivileges>
    </security>
  </trustInfo>
  <application xmlns="urn:schemas-microsoft-com:asm.v3">
    <windowsSettings>
      <dpiAware xmlns="http://schemas.microsoft.com/SMI/2005/WindowsSettings">true/pm</dpiAware>
      <dpiAwareness xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">PerMonitorV2, PerMonitor</dpiAwareness>
      <activeCodePage xmlns="http://schemas.microsoft.com/SMI/2019/WindowsSettings">UTF-8</activeCodePage>
      <longPathAware xmlns="http://schemas.microsoft.com/SMI/2016/WindowsSettings">true</longPathAware>
    </windowsSettings>
  </application>
</assembly>
"#
    )
}
